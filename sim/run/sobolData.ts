/** Reads Joe & Kuo's direction numbers shipped in data/sobol/ (Node only; see data/sobol/README.md). */
import { readFileSync } from 'node:fs';
import { parseDirectionNumbers, type DirectionRow } from './sobol.ts';

let cached: DirectionRow[] | null = null;

export const DIRECTION_FILE = new URL('../../data/sobol/new-joe-kuo-6.21201.dims-2-100.txt', import.meta.url);

export function directionNumbers(): DirectionRow[] {
  cached ??= parseDirectionNumbers(readFileSync(DIRECTION_FILE, 'utf8'));
  return cached;
}
