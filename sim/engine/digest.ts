/**
 * SHA-256 in plain TypeScript (FIPS 180-4), incremental, synchronous, the same
 * in Node and in a browser Web Worker. Used for output digests and scenario
 * hashes. Test vectors are checked against node:crypto in the test suite.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

export class Sha256 {
  private h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private buf = new Uint8Array(64);
  private bufLen = 0;
  private total = 0;
  private w = new Uint32Array(64);
  private static enc = new TextEncoder();

  update(data: string | Uint8Array): this {
    const bytes = typeof data === 'string' ? Sha256.enc.encode(data) : data;
    let i = 0;
    this.total += bytes.length;
    if (this.bufLen > 0) {
      while (i < bytes.length && this.bufLen < 64) this.buf[this.bufLen++] = bytes[i++]!;
      if (this.bufLen === 64) {
        this.block(this.buf, 0);
        this.bufLen = 0;
      }
    }
    while (i + 64 <= bytes.length) {
      this.block(bytes, i);
      i += 64;
    }
    while (i < bytes.length) this.buf[this.bufLen++] = bytes[i++]!;
    return this;
  }

  digestHex(): string {
    const bitLenHi = Math.floor((this.total * 8) / 0x100000000);
    const bitLenLo = (this.total * 8) >>> 0;
    const pad = new Uint8Array(((this.bufLen + 9 + 63) >> 6) * 64 - this.bufLen);
    pad[0] = 0x80;
    const n = pad.length;
    pad[n - 8] = bitLenHi >>> 24;
    pad[n - 7] = (bitLenHi >>> 16) & 0xff;
    pad[n - 6] = (bitLenHi >>> 8) & 0xff;
    pad[n - 5] = bitLenHi & 0xff;
    pad[n - 4] = bitLenLo >>> 24;
    pad[n - 3] = (bitLenLo >>> 16) & 0xff;
    pad[n - 2] = (bitLenLo >>> 8) & 0xff;
    pad[n - 1] = bitLenLo & 0xff;
    const total = this.total;
    this.update(pad);
    this.total = total;
    let out = '';
    for (let i = 0; i < 8; i++) out += this.h[i]!.toString(16).padStart(8, '0');
    return out;
  }

  private block(b: Uint8Array, off: number): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const j = off + t * 4;
      w[t] = ((b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!) >>> 0;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let a = this.h[0]!, bb = this.h[1]!, c = this.h[2]!, d = this.h[3]!;
    let e = this.h[4]!, f = this.h[5]!, g = this.h[6]!, h = this.h[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + w[t]!) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) >>> 0;
      h = g; g = f; f = e; e = (d + t1) >>> 0;
      d = c; c = bb; bb = a; a = (t1 + t2) >>> 0;
    }
    this.h[0] = (this.h[0]! + a) >>> 0; this.h[1] = (this.h[1]! + bb) >>> 0;
    this.h[2] = (this.h[2]! + c) >>> 0; this.h[3] = (this.h[3]! + d) >>> 0;
    this.h[4] = (this.h[4]! + e) >>> 0; this.h[5] = (this.h[5]! + f) >>> 0;
    this.h[6] = (this.h[6]! + g) >>> 0; this.h[7] = (this.h[7]! + h) >>> 0;
  }
}

/** SHA-256 of a string (UTF-8) or bytes, as 64 hex digits. */
export function sha256(data: string | Uint8Array): string {
  return new Sha256().update(data).digestHex();
}
