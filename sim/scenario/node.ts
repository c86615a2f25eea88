/** Reading scenario files from disk (Node only): UTF-8 checked, size-limited, `extends` resolved against the file's folder. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { loadScenario, type Loaded, type Reader } from './load.ts';
import { ScenarioError } from './errors.ts';
import { LIMITS } from './schema.ts';

/** Names files relative to the working directory in messages. */
const shown = (p: string) => {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
};

export const nodeReader: Reader = {
  read(name) {
    if (!existsSync(name) || !statSync(name).isFile()) return null;
    const size = statSync(name).size;
    if (size > LIMITS.fileBytesMax) {
      throw new ScenarioError([{ file: shown(name), line: 0, col: 0, path: '', expected: `a file of at most ${LIMITS.fileBytesMax} bytes`, found: `${size} bytes` }]);
    }
    const bytes = readFileSync(name);
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      const before = new TextDecoder().decode(bytes.subarray(0, bad));
      const line = before.split('\n').length;
      const col = before.length - before.lastIndexOf('\n');
      throw new ScenarioError([{ file: shown(name), line, col, path: '', expected: 'UTF-8 text', found: `a byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} that is not UTF-8` }]);
    }
    let text = new TextDecoder('utf-8').decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { name: shown(name), text };
  },
  resolve(from, rel) {
    return resolve(dirname(resolve(from)), rel);
  },
};

/** Index of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** Loads and validates a scenario file. Throws ScenarioError on any problem. */
export function loadScenarioFile(path: string): Loaded {
  return loadScenario(resolve(path), {
    read: (n) => nodeReader.read(n),
    resolve: nodeReader.resolve,
  });
}
