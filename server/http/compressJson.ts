/**
 * Compresses JSON answers over COMPRESS_MIN_BYTES for clients that accept
 * Brotli or gzip (a home page, a meeting's history, a search). Compression runs
 * on zlib's thread pool (async), never on the event loop, at a fast level: the
 * answers are made per request, unlike the client's files, which are
 * compressed once at build time (vite.config.ts).
 */
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';
import { acceptedEncodings } from './clientApp.js';

/** Smaller answers fit in a packet or two as they are; compressing them saves nothing worth the work. */
export const COMPRESS_MIN_BYTES = 1024;

const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP_OPTIONS = { level: 6 };

export function compressJson(): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      res.vary('Accept-Encoding');
      const text = JSON.stringify(body);
      const encoding = acceptedEncodings(req.headers['accept-encoding'])[0];
      if (text === undefined || Buffer.byteLength(text) < COMPRESS_MIN_BYTES || !encoding || res.headersSent) {
        return json(body);
      }
      const done = (error: Error | null, compressed: Buffer) => {
        if (error) {
          next(error);
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', compressed.length);
        res.end(compressed);
      };
      if (encoding === 'br') zlib.brotliCompress(text, BROTLI_OPTIONS, done);
      else zlib.gzip(text, GZIP_OPTIONS, done);
      return res;
    };
    next();
  };
}
