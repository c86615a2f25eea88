#!/usr/bin/env node
// Stands for `npx megasim` in test/docs/guide.test.ts: sends its arguments and
// working folder to the test process (the unix socket in $MEGASIM_GUIDE_SOCKET),
// which runs main() of sim/cli/main.ts on them, and repeats its stdout, stderr and
// exit code. Plain JavaScript, so it starts in a fraction of the time that
// bin/megasim.mjs (tsx plus the whole program) takes.
import { connect } from 'node:net';

const sock = process.env.MEGASIM_GUIDE_SOCKET;
if (!sock) {
  process.stderr.write('megasimClient: MEGASIM_GUIDE_SOCKET is not set\n');
  process.exit(70);
}
const c = connect(sock);
let reply = '';
c.setEncoding('utf8');
c.on('data', (d) => (reply += d));
c.on('error', (e) => {
  process.stderr.write(`megasimClient: ${e.message}\n`);
  process.exit(70);
});
c.on('end', () => {
  const r = JSON.parse(reply);
  process.stdout.write(r.stdout, () => process.stderr.write(r.stderr, () => process.exit(r.code)));
});
c.end(JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }));
