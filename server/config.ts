/**
 * Configuration, parsed once at boot from the environment. Nothing else in the
 * server reads `process.env`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default('tandem:'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.string().url('must be a URL such as https://tandem.example.org').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Tandem <tandem@localhost>'),
  OIDC_ISSUER_URL: optionalText(z.string().url('must be a URL such as https://accounts.google.com')),
  OIDC_CLIENT_ID: optionalText(z.string()),
  OIDC_CLIENT_SECRET: optionalText(z.string()),
  OIDC_DISPLAY_NAME: optionalText(z.string().max(60)),
  OIDC_ALLOWED_DOMAINS: optionalText(
    z
      .string()
      .transform((text) => text.split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')))
      .pipe(
        z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be domains such as school.org, comma-separated')),
      ),
  ),
  HISTORY_AUTO_VERSION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
});

/** An empty variable (`OIDC_ISSUER_URL=`) counts as unset. */
function optionalText<S extends z.ZodType>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );
}

/** Signing in with a school's OpenID Connect provider (Google, Microsoft): all of it, or none. */
export interface OidcConfig {
  /** The issuer, e.g. https://accounts.google.com; its discovery document is read on first use. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The button's words on the sign-in and sign-up pages. */
  displayName: string;
  /** Email domains that may sign in this way (lower-cased); empty: any. */
  allowedDomains: string[];
}

export const DEFAULT_OIDC_DISPLAY_NAME = 'Sign in with your school account';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL when set; otherwise SQLite at `sqlitePath`. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  /**
   * Several processes serve the same meetings when set (with `databaseUrl`): updates, awareness and
   * socket.io events travel between them over this Redis, and per-person limits are counted there.
   */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel Tandem uses (`REDIS_KEY_PREFIX`, default `tandem:`). */
  redisKeyPrefix: string;
  /**
   * SQLite's fsync policy in WAL mode. NORMAL: a committed edit survives any crash of the process
   * (what we test); FULL: also an operating-system crash or power cut, at an fsync per commit.
   */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  sessionSecret: string;
  /** Base URL used in invitation links; derived from the request when unset. */
  publicUrl: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Mail goes through this SMTP server; without it, to the log and `outboxDir` (development). */
  smtpUrl: string | undefined;
  /** The From of every email Tandem sends. */
  mailFrom: string;
  /** `DATA_DIR/outbox`: where mail is written when there is no `SMTP_URL`. */
  outboxDir: string;
  /** Editing time covered by one automatic version of a meeting (five minutes unless the bench shortens it). */
  historyAutoVersionMs: number;
  /** Where the built client lives (served by the server when present). */
  clientDir: string;
  /**
   * Which reverse proxies in front may say who the client is (`X-Forwarded-For`, `X-Forwarded-Proto`),
   * as Express's `trust proxy`: false (none), a number of hops, or proxy addresses and subnets.
   */
  trustProxy: TrustProxy;
  /** OpenID Connect sign-in, when `OIDC_ISSUER_URL`, `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET` are set. */
  oidc: OidcConfig | null;
}

/** Express's `trust proxy`, limited to the forms that cannot be spoofed by a client. */
export type TrustProxy = false | number | string[];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: unset or `false` (no proxy), a number of proxy hops (1-10), or a comma-separated list of
 * proxy addresses, subnets (CIDR) and `loopback`, `linklocal`, `uniquelocal`. `true` is refused: it would
 * believe an `X-Forwarded-For` written by anyone. Returns the setting, or why it is not valid.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    return 'true would trust any X-Forwarded-For; give the number of proxies or their addresses';
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? hops : 'at most 10 proxy hops';
  }
  const entries = text.split(',').map((s) => s.trim());
  for (const entry of entries) {
    if (PROXY_KEYWORDS.has(entry)) continue;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    if (family === 0 || !bitsOk || rest.length > 0) {
      return `"${entry}" is not an address, subnet, loopback, linklocal or uniquelocal`;
    }
  }
  return entries;
}

export class ConfigError extends Error {}

/** Parses `env` into a `Config`, or throws `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL: several processes need a shared database; set DATABASE_URL (PostgreSQL) too',
    );
  }
  if (!e.SESSION_SECRET && e.NODE_ENV === 'production' && e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production with DATABASE_URL');
  }
  const oidcParts = [e.OIDC_ISSUER_URL, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some((v) => v !== undefined) && !oidcParts.every((v) => v !== undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three, or none',
    );
  }
  const oidc: OidcConfig | null =
    e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? {
          issuerUrl: e.OIDC_ISSUER_URL,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET,
          displayName: e.OIDC_DISPLAY_NAME ?? DEFAULT_OIDC_DISPLAY_NAME,
          allowedDomains: e.OIDC_ALLOWED_DOMAINS ?? [],
        }
      : null;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqlitePath: path.join(dataDir, 'tandem.sqlite'),
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    outboxDir: path.join(dataDir, 'outbox'),
    historyAutoVersionMs: e.HISTORY_AUTO_VERSION_SECONDS * 1000,
    clientDir: path.resolve('dist/client'),
    trustProxy: e.TRUST_PROXY,
    oidc,
  };
}

/** A secret kept in the data directory so sessions survive restarts on one machine. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
