/**
 * A small fetch client for tests that keeps the session cookie between calls,
 * as a browser would. `cookie` is the `name=value` pair, ready to be sent as a
 * `Cookie` header by ws or socket.io clients.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESSION_COOKIE } from '../../server/auth/sessionCookie.js';

export interface HttpResponse<T = unknown> {
  status: number;
  /** Parsed JSON, or null when the response has no JSON body. */
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  /** Sent as-is, for malformed or oversized payloads. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export class HttpClient {
  /** `tandem_session=<value>` once signed in; null when signed out. */
  cookie: string | null = null;
  private readonly base: () => string;

  /** `baseUrl` may be a function so a client keeps working after a test server restarts on another port. */
  constructor(baseUrl: string | (() => string)) {
    this.base = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  }

  get<T = unknown>(path: string, options: Omit<RequestOptions, 'body' | 'rawBody'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(
    path: string,
    body?: unknown,
    options: Omit<RequestOptions, 'body'> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>('POST', path, body === undefined ? options : { ...options, body });
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (this.cookie) headers.cookie = this.cookie;
    const send = () => fetch(this.base() + path, { method, headers, body: payload, redirect: 'manual' });
    let res: Response;
    try {
      res = await send();
    } catch (err) {
      // A kept-alive connection to a server that has since restarted; browsers retry such a GET once, and so do we.
      if (method !== 'GET') throw err;
      res = await send();
    }
    this.storeCookie(res.headers);
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    const body = (isJson && text ? JSON.parse(text) : null) as T;
    return { status: res.status, body, headers: res.headers };
  }

  private storeCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq) !== SESSION_COOKIE) continue;
      const value = pair.slice(eq + 1);
      const cleared = value === '' || attributes.some((a) => /^max-age=0$/i.test(a));
      this.cookie = cleared ? null : pair;
    }
  }
}

export interface ServedApp {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Serves a request handler (such as an Express app built with other options) on a free port. */
export async function serveApp(handler: http.RequestListener): Promise<ServedApp> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
