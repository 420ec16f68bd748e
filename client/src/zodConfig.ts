/**
 * Imported first by `main.tsx`, before any schema is built: our
 * Content-Security-Policy forbids eval, and without `jitless` zod probes for it
 * with `new Function` when it builds object schemas, which the browser reports
 * as a violation on every page.
 */
import { z } from 'zod';

z.config({ jitless: true });
