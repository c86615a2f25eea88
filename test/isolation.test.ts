/**
 * The suite shares one module graph per worker (vitest.config.ts, isolate: false), so a file that
 * replaces a module would leak the replacement into the files after it in the same worker. Every
 * file that does so must be listed in the isolated project, and the list must name real files.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ISOLATED } from '../vitest.config.ts';

function testFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (f.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const REPLACES = /\bvi\.(mock|doMock|unmock|doUnmock|resetModules|stubGlobal|stubEnv)\(/;

describe('test isolation', () => {
  it('every file that replaces a module or a global runs in the isolated project', () => {
    const replacing = testFiles('test').filter((f) => f !== join('test', 'isolation.test.ts') && REPLACES.test(readFileSync(f, 'utf8')));
    expect(replacing.length).toBeGreaterThan(0);
    expect(replacing.filter((f) => !ISOLATED.includes(f))).toEqual([]);
  });

  it('the isolated list names files that exist', () => {
    expect(ISOLATED.filter((f) => !existsSync(f))).toEqual([]);
  });
});
