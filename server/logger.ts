/**
 * One logger with categories and structured fields: JSON lines in production,
 * readable lines otherwise. Construct it; do not import a global.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type Fields = Record<string, unknown>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(category: string, message: string, fields?: Fields): void;
  info(category: string, message: string, fields?: Fields): void;
  warn(category: string, message: string, fields?: Fields): void;
  error(category: string, message: string, fields?: Fields): void;
}

export function createLogger(
  level: LogLevel,
  json: boolean,
  write = (line: string) => process.stderr.write(line + '\n'),
): Logger {
  const min = ORDER[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, category: string, message: string, fields?: Fields) => {
    if (ORDER[lvl] < min) return;
    const extra = fields ? normalise(fields) : undefined;
    if (json) {
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, category, message, ...extra }));
    } else {
      const tail = extra && Object.keys(extra).length ? ' ' + JSON.stringify(extra) : '';
      write(`${lvl.toUpperCase().padEnd(5)} [${category}] ${message}${tail}`);
    }
  };
  return {
    debug: (c, m, f) => emit('debug', c, m, f),
    info: (c, m, f) => emit('info', c, m, f),
    warn: (c, m, f) => emit('warn', c, m, f),
    error: (c, m, f) => emit('error', c, m, f),
  };
}

function normalise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}
