/**
 * The demography step's ageing pass (demography.ts), two rows at a time.
 *
 * For every live row p of from..to-1: ageM[p] += 1 (i16, wrapping as the
 * column's ++ does), inCity[p] += 1 below the i16 cap 32767, and when the
 * person's due age has come (demogDue[p] ≤ the new age) p is listed in `out`
 * in row order; returns how many were listed. Dead rows are neither changed
 * nor listed.
 *
 * `ageRows` reads the three i16 columns through Int32Array views (two rows a
 * word) and the live flags through a Uint16Array view (two rows a half-word):
 * on this machine a pass costs about the same per element read whatever its
 * width (docs/performance.md), so reading the pairs halves the reads. The
 * lanes are added without carries between them (the low 15 bits added, the
 * top bit restored by xor), so each half gets exactly the i16 arithmetic of
 * its row. The due test is done on the pair at once (one subtraction with the
 * lanes' top bits set, so that no borrow crosses a lane) when both halves of the
 * new ages and of the due ages are in 0..32767 (always, in practice: ages and
 * due ages are months below NEVER = 32767); otherwise the pair falls back to
 * the row-by-row code (`ageRowsScalar`, the rule). Little-endian only (row p
 * in a word's low half); on a big-endian host `ageViews` returns null and the
 * caller uses the row-by-row code.
 */

/** Low 15 bits and top bit of both 16-bit lanes of a word. */
const LOW = 0x7fff7fff;
const TOP = 0x80008000 | 0;
const ONES = 0x00010001;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Word views of the ageing pass's columns. */
export interface AgeViews {
  live16: Uint16Array;
  age32: Int32Array;
  city32: Int32Array;
  due32: Int32Array;
}

/**
 * Views of the columns two rows a word, or null where they cannot be had (a big-endian host, or a
 * column that does not start its own buffer). A view covers the whole pairs of its column.
 */
export function ageViews(live: Uint8Array, ageM: Int16Array, inCity: Int16Array, due: Int16Array): AgeViews | null {
  if (!LITTLE_ENDIAN) return null;
  if (live.byteOffset !== 0 || ageM.byteOffset !== 0 || inCity.byteOffset !== 0 || due.byteOffset !== 0) return null;
  const pairs = Math.min(live.length, ageM.length, inCity.length, due.length) >> 1;
  return {
    live16: new Uint16Array(live.buffer, 0, pairs),
    age32: new Int32Array(ageM.buffer, 0, pairs),
    city32: new Int32Array(inCity.buffer, 0, pairs),
    due32: new Int32Array(due.buffer, 0, pairs),
  };
}

/** The rule, row by row (also the fallback for odd rows and unusual values). */
export function ageRowsScalar(live: Uint8Array, ageM: Int16Array, inCity: Int16Array, due: Int16Array, from: number, to: number, out: Int32Array, k0: number): number {
  let k = k0;
  for (let p = from; p < to; p++) {
    if (!live[p]) continue;
    const age = ++ageM[p]!;
    inCity[p]! += (inCity[p]! - 32767) >>> 31; // + 1 below the i16 cap
    out[k] = p;
    k += (due[p]! - age - 1) >>> 31; // + 1 when due ≤ age
  }
  return k;
}

/**
 * ageRowsScalar's result for rows from..to-1 (from even, to ≤ 2 × the views' pairs + 1), two rows a
 * word (see the file comment); `out` must hold to − from entries.
 */
export function ageRows(live: Uint8Array, ageM: Int16Array, inCity: Int16Array, due: Int16Array, v: AgeViews, from: number, to: number, out: Int32Array): number {
  const live16 = v.live16, age32 = v.age32, city32 = v.city32, due32 = v.due32;
  let k = 0;
  let end = from + ((to - from) & ~1);
  // An odd last row whose pair's other row (row `to`) is in the views and not live (the table's rows from its size on
  // never are): the pair goes through the word code, which leaves a dead lane alone. So the row-by-row code is never met
  // in a run's last block, where its first use deoptimised ageRows every month ("insufficient type feedback"). The
  // pair's live flag is read and tested in every call (also when there is no odd row), without a branch, so that every
  // operation has type feedback.
  const tail = end >> 1;
  const nextLive = tail < live16.length ? live16[tail]! >>> 8 : 1;
  end += 2 * ((to - end) & ((nextLive - 1) >>> 31)); // + 2 when a row is left (to − end = 1) and row `to` is dead
  for (let p = from; p < end; p += 2) {
    const i = p >> 1;
    const lv = live16[i]!;
    if (lv === 0) continue;
    // 1 in the low bit of each live row's lane.
    const inc = (lv & 1) | ((lv & 0x100) << 8);
    const a = age32[i]!, d = due32[i]!;
    const a1 = ((a & LOW) + inc) ^ (a & TOP);
    if (((a1 | d) & TOP) !== 0) {
      // A new age or a due age outside 0..32767 (never, in practice): the pair row by row.
      k = ageRowsScalar(live, ageM, inCity, due, p, p + 2, out, k);
      continue;
    }
    age32[i] = a1;
    // inCity + 1 in each live lane that is not at the cap: lane ≠ 0x7fff ⇔ bit 15 of ((y & LOW) + LOW) | y, y = lane ^ 0x7fff.
    const c = city32[i]!;
    const y = c ^ LOW;
    const below = ((((y & LOW) + LOW) | y) >>> 15) & ONES;
    city32[i] = ((c & LOW) + (inc & below)) ^ (c & TOP);
    // Due ≤ age in both lanes at once (both in 0..32767 here): a lane of (a1 | TOP) − d is age + 32768 − due, in
    // 1..65535, so no borrow crosses a lane, and its top bit is set exactly when due ≤ age; kept for the live rows
    // (inc << 15: the lanes' top bits).
    const m = ((a1 | TOP) - d) & (inc << 15);
    if (m !== 0) {
      if ((m & 0x8000) !== 0) out[k++] = p;
      if (m < 0) out[k++] = p + 1;
    }
  }
  if (end < to) k = ageRowsScalar(live, ageM, inCity, due, end, to, out, k);
  return k;
}
