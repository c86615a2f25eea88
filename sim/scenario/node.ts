/** Reading scenario files from disk (Node only): UTF-8 checked, size-limited, `extends` resolved against the file's folder. */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { loadScenario, type Loaded, type Reader, type SourceFile } from './load.ts';
import { ScenarioError } from './errors.ts';
import { LIMITS } from './schema.ts';

/** A file's name for messages and manifests: relative to the working directory when inside it, else as given. */
export function shownPath(p: string): string {
  const r = relative(process.cwd(), resolve(p));
  return r === '' || r.startsWith('..') ? p : r;
}

const fileProblem = (name: string, expected: string, found: string) => new ScenarioError([{ file: shownPath(name), line: 0, col: 0, path: '', expected, found }]);

/**
 * Reads an input file (`what`: "a scenario file", "a sweep file", …) with
 * the limits every input file has: a regular file, at most
 * LIMITS.fileBytesMax bytes, strict UTF-8. Null when there is no such file.
 */
function readChecked(name: string, what: string): SourceFile | null {
  let st: Stats;
  try {
    st = statSync(name);
  } catch {
    return null;
  }
  if (st.isDirectory()) throw fileProblem(name, what, 'a folder');
  if (!st.isFile()) throw fileProblem(name, what, 'a device, pipe or socket');
  if (st.size > LIMITS.fileBytesMax) throw fileProblem(name, `a file of at most ${LIMITS.fileBytesMax} bytes`, `${st.size} bytes`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(name);
  } catch (e) {
    throw fileProblem(name, 'a readable file', `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > LIMITS.fileBytesMax) throw fileProblem(name, `a file of at most ${LIMITS.fileBytesMax} bytes`, `${bytes.length} bytes`);
  return decodeScenarioBytes(shownPath(name), bytes);
}

/** Reads an input file that must exist (comparison or sweep file; `kind` e.g. "sweep file"); throws ScenarioError. */
export function readInputFile(path: string, kind: string): SourceFile {
  const f = readChecked(resolve(path), `a ${kind}`);
  if (!f) throw fileProblem(path, `an existing ${kind}`, 'no such file');
  return f;
}

export const nodeReader: Reader = {
  read: (name) => readChecked(name, 'a scenario file'),
  resolve(from, rel) {
    return resolve(dirname(resolve(from)), rel);
  },
};

/** Decodes the bytes of a scenario file: strict UTF-8 (the position of the first bad byte is reported), BOM dropped. Pure. */
export function decodeScenarioBytes(name: string, bytes: Uint8Array): SourceFile {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    throw new ScenarioError([
      { file: name, line, col, path: '', expected: 'UTF-8 text', found: `a byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} that is not UTF-8 (save the file as UTF-8)` },
    ]);
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A lone CR is a line break in YAML 1.2 (old Mac files), which the parser does not follow: make it LF (same offsets).
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  return { name, text };
}

/** Index of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const c1 = n > 0 ? b[i + 1]! : 0;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return i;
    i += n + 1;
  }
  return -1;
}

/** Loads and validates a scenario file. Throws ScenarioError on any problem. */
export function loadScenarioFile(path: string): Loaded {
  const full = resolve(path);
  return loadScenario(full, {
    read: (n) => {
      const f = nodeReader.read(n);
      if (f === null && n === full) throw fileProblem(path, 'an existing scenario file', 'no such file');
      return f;
    },
    resolve: nodeReader.resolve,
  });
}
