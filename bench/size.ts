/**
 * `npm run size` (or `npm run bench -- --size`): how much JavaScript each page
 * makes a browser download, gzipped, held to the targets a school's wifi
 * needs. Builds the client first (vite.config.ts), then reads the build's
 * dist/client/asset-manifest.json: a page loads the entry and its static
 * imports, plus, for a lazily loaded page, that page's chunk and its static
 * imports. Sign-in and home are in the entry; the meeting page is lazy.
 *
 * Gzip is measured (level 9, as the build's .gz copies); Brotli, which most
 * browsers get, is printed beside it. CSS is printed but not held to a target.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';

/** Gzipped JavaScript per page, in KB (1,000 bytes, as browsers' devtools and Lighthouse count). */
export const SIZE_TARGETS = { signInKb: 120, homeKb: 120, meetingKb: 200 };

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const CLIENT_DIR = path.resolve('dist/client');

/** The files a chunk brings with it: itself, its static imports (recursively) and their CSS. */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`asset-manifest.json has no chunk ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

function measure(files: Set<string>) {
  let js = 0;
  let jsBrotli = 0;
  let css = 0;
  let raw = 0;
  for (const file of files) {
    const body = readFileSync(path.join(CLIENT_DIR, file));
    const gz = zlib.gzipSync(body, { level: 9 }).length;
    if (file.endsWith('.js')) {
      raw += body.length;
      js += gz;
      jsBrotli += zlib.brotliCompressSync(body).length;
    } else if (file.endsWith('.css')) css += gz;
  }
  const kb = (n: number) => +(n / 1000).toFixed(1);
  return { jsGzipKb: kb(js), jsBrotliKb: kb(jsBrotli), jsMinifiedKb: kb(raw), cssGzipKb: kb(css), files: files.size };
}

export async function runSizeBench(): Promise<string[]> {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
  const manifest = JSON.parse(readFileSync(path.join(CLIENT_DIR, 'asset-manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('asset-manifest.json names no entry');
  const meeting = Object.keys(manifest).find((k) => /pages\/MeetingPage\.tsx$/.test(k));
  if (!meeting) throw new Error('asset-manifest.json has no MeetingPage chunk');

  const pages = {
    signIn: { ...measure(closure(manifest, [entry])), targetJsGzipKb: SIZE_TARGETS.signInKb },
    home: { ...measure(closure(manifest, [entry])), targetJsGzipKb: SIZE_TARGETS.homeKb },
    meeting: { ...measure(closure(manifest, [entry, meeting])), targetJsGzipKb: SIZE_TARGETS.meetingKb },
  };
  console.log(JSON.stringify({ size: pages }, null, 2));

  const failures: string[] = [];
  for (const [name, page] of Object.entries(pages)) {
    if (page.jsGzipKb > page.targetJsGzipKb)
      failures.push(`${name} page JavaScript ${page.jsGzipKb} KB gzipped > ${page.targetJsGzipKb} KB`);
  }
  return failures;
}

async function main(): Promise<void> {
  const failures = await runSizeBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `All targets met: sign-in and home ≤${SIZE_TARGETS.signInKb} KB, meeting ≤${SIZE_TARGETS.meetingKb} KB of gzipped JavaScript.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
