/**
 * Fixed, documented number formatting for outputs: a value is rounded to 9
 * significant digits, then written in JavaScript's shortest round-trip form
 * (ECMAScript Number::toString, identical in every engine). -0 is written 0;
 * NaN and infinities are written as NaN, Infinity, -Infinity. No locale.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const r = Number(x.toPrecision(9));
  return r === 0 ? '0' : String(r);
}
