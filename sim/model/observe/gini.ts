/**
 * The Gini coefficient of wage income from a log-binned histogram, and the
 * bin of a wage (with a lookup table for float32 wages that gives exactly
 * giniBin's bins without a logarithm).
 */
export const GINI_BINS = 400;
const GINI_LO = Math.log(50);
const GINI_HI = Math.log(500000);
const GINI_SCALE = GINI_BINS / (GINI_HI - GINI_LO);

/** Income bin of a monthly wage for the Gini histogram: ⌊(ln max(51, wage) − ln 50) × scale⌋, at most the last bin. */
export function giniBin(wage: number): number {
  const b = Math.floor((Math.log(Math.max(51, wage)) - GINI_LO) * GINI_SCALE);
  return b >= GINI_BINS ? GINI_BINS - 1 : b;
}

/**
 * giniBin without a logarithm for float32 wages: a table indexed by the high bits of
 * the float32 (sign, exponent, top 12 mantissa bits). Each entry covers a range of
 * float32 values; it holds the bin when giniBin gives the same bin at both ends of
 * the range (giniBin is monotone over float32 inputs, so then everywhere inside),
 * else -1 (compute giniBin). Values are exactly giniBin's.
 */
export const GINI_KEY_SHIFT = 11;
let keyLo = 0;
/** The first key of the table (valid once giniKeyTable has run). */
export const giniKeyLo = (): number => keyLo;
let giniKeys: Int16Array | null = null;
/** giniBin through the table, for one value (tests compare it with giniBin). */
export function giniBinByTable(wage: number): number {
  const t = giniKeyTable();
  const f = new Float32Array([wage]);
  const key = (new Uint32Array(f.buffer)[0]! >>> GINI_KEY_SHIFT) - keyLo;
  const b = key >= 0 && key < t.length ? t[key]! : -1;
  return b < 0 ? giniBin(f[0]!) : b;
}
export function giniKeyTable(): Int16Array {
  if (giniKeys) return giniKeys;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  f[0] = 32;
  const lo = u[0]! >>> GINI_KEY_SHIFT;
  f[0] = 1e6;
  const hi = u[0]! >>> GINI_KEY_SHIFT;
  const t = new Int16Array(hi - lo + 1);
  for (let k = lo; k <= hi; k++) {
    u[0] = (k << GINI_KEY_SHIFT) >>> 0;
    const a = giniBin(f[0]!);
    u[0] = (((k + 1) << GINI_KEY_SHIFT) >>> 0) - 1;
    const b = giniBin(f[0]!);
    t[k - lo] = a === b ? a : -1;
  }
  keyLo = lo;
  giniKeys = t;
  return t;
}

/** Gini coefficient from a log-binned histogram of incomes (counts and income sums per bin). */
export function giniFromBins(count: Float64Array, sum: Float64Array): number {
  let n = 0;
  let total = 0;
  for (let i = 0; i < count.length; i++) {
    n += count[i]!;
    total += sum[i]!;
  }
  if (n === 0 || total === 0) return NaN;
  // G = 1 − Σ f_i (S_i + S_{i−1}), bins in ascending income, people within a bin equal.
  let prevS = 0;
  let g = 0;
  for (let i = 0; i < count.length; i++) {
    if (count[i] === 0) continue;
    const Si = prevS + sum[i]! / total;
    g += (count[i]! / n) * (Si + prevS);
    prevS = Si;
  }
  return 1 - g;
}

