/**
 * The explorer's server (`megasim explore`, sim/cli/explore.ts): serves the
 * built page (viz/explorer/build.ts) on 127.0.0.1 with Node's http module.
 * It answers GET/HEAD for "/" and "/index.html" only, from memory.
 */
import { createServer, type Server } from 'node:http';

/** The Host header names this machine's loopback: 127.0.0.1, localhost or [::1], with or without a port. */
export function allowedHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const m = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d{1,5}))?$/i.exec(host.trim());
  return m !== null;
}

/** Headers of the page: no caching, no sniffing, no framing by others, no referrer. */
const HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Serves `html` on 127.0.0.1:`port`; resolves with the server once it listens. */
export function serveExplorer(html: string, port: number): Promise<Server> {
  const body = Buffer.from(html, 'utf8');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    // DNS rebinding: a page of another site that resolves its own name to 127.0.0.1 sends its own Host.
    if (!allowedHost(req.headers.host)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
      res.end('misdirected request: this server answers only Host 127.0.0.1, localhost or [::1]\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
      res.end('method not allowed\n');
      return;
    }
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, ...HEADERS });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, HEADERS);
      res.end();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
    res.end('not found\n');
  });
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      fail(e.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is already in use: choose another with --port (0 = any free port)`) : e);
    });
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}
