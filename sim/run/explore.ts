/**
 * `megasim explore [--port P] [--out DIR]`: builds the browser explorer
 * (viz/explorer, bundled with esbuild into one self-contained index.html)
 * and serves it on 127.0.0.1 with Node's http module, printing the address;
 * or, with --out, writes the page to DIR for opening from a folder.
 * The server answers GET/HEAD for "/" and "/index.html" only, from memory.
 */
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { checkOutDir, writeAtomic } from './files.ts';

const DEFAULT_PORT = 8417;

function portOpt(v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError(`--port expects a whole number, found "${v}"`);
  const n = Number(v);
  if (n > 65535) throw new InvalidArgumentError(`--port must be between 0 and 65535, found ${n}`);
  return n;
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

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('build the browser explorer and serve it on 127.0.0.1 (prints the address); with --out, write a static copy instead')
    .option('--port <p>', 'port on 127.0.0.1 (0 = any free port)', portOpt, DEFAULT_PORT)
    .option('--out <dir>', 'write the explorer (one self-contained index.html) to DIR and exit')
    .option('--force', 'with --out: write into a folder that already holds files')
    .action(async (o: { port: number; out?: string; force?: boolean }) => {
      const out = o.out !== undefined ? resolve(o.out) : undefined;
      if (out) checkOutDir(out, o.force === true);
      // Loaded lazily: only this command needs esbuild (a devDependency); the message says what to do if it is missing.
      const { buildExplorer } = await import('../../viz/explorer/build.ts');
      const built = await buildExplorer();
      for (const p of built.problems) process.stderr.write(`warning: ${p.file} is not offered in the explorer: ${p.message.split('\n')[0]}\n`);
      if (out) {
        writeAtomic(join(out, 'index.html'), built.html);
        process.stdout.write(`wrote ${join(out, 'index.html')} (${Math.round(built.bytes / 1024)} KiB, ${built.scenarios.length} scenario files); open it in a browser\n`);
        return;
      }
      const server = await serveExplorer(built.html, o.port);
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : o.port;
      process.stdout.write(`megasim explorer: http://127.0.0.1:${port}/\n`);
      process.stdout.write(`(${built.scenarios.length} scenario files embedded; press Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close(() => done());
          server.closeAllConnections();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
