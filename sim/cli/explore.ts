/**
 * `megasim explore [--port P] [--out DIR]`: builds the browser explorer
 * (viz/explorer/build.ts, bundled with esbuild into one self-contained
 * index.html) and serves it on 127.0.0.1 (sim/run/explore.ts), printing the
 * address; or, with --out, writes the page to DIR for opening from a folder.
 */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { checkOutDir, writeAtomic } from '../run/files.ts';
import { serveExplorer } from '../run/explore.ts';
import { portOpt } from './options.ts';

const DEFAULT_PORT = 8417;

export function exploreCommand(program: Command): void {
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
