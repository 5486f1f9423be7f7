import fs from 'node:fs';
import zlib from 'node:zlib';
import { DatelineError } from '../../doc/errors.js';
import type { PerceptronData } from './perceptron.js';

/**
 * Compiled (run-time) form of an averaged perceptron: the feature strings are replaced by a 64-bit
 * hash (two 32-bit polynomial lanes over the string's UTF-16 code units), looked up in an
 * open-addressing table, and each feature's weights are kept sparse (only the classes with a
 * non-zero weight), in typed arrays.
 *
 * The hash is *composable*: the hash of `a + b` is `h(a)·B^len(b) + h(b)` (mod 2^32, per lane), so
 * the models' feature extractors build a feature's hash from precomputed hashes of its parts (a
 * word's normal form, a tag, a template prefix such as `"s0wp,b0w="`) without concatenating
 * strings, and get the very hash that {@link hashString} gives the feature string the training
 * code builds. Compilation throws when two stored features share a 64-bit hash; a run-time
 * feature that is absent from the model could only be mistaken for a stored one by a 64-bit
 * collision (probability about 10⁻¹³ per look-up for the shipped models).
 *
 * Scores are bit-identical to {@link Perceptron.scoreInto} on the model the data came from: each
 * weight is `Math.fround(q / scale)` as in `Perceptron.fromData`, summed in float64 (adding the
 * zero weights of a dense row changes nothing), and these sums are exact (see
 * {@link CompiledModel.exactFeatures}), so the order of the additions does not matter either.
 *
 * In memory: the table (16 bytes a slot, load ≤ 0.6), rows with 1–2 weights inside their slot,
 * rows with ≥ ¼ of the classes as dense float32 rows, the others as sparse `class | value`
 * entries over a small table of the distinct weights.
 */

/** Multiplier of hash lane 1 (FNV-1 32-bit prime; odd). */
export const B1 = 0x01000193;
/** Multiplier of hash lane 2 (MurmurHash2's m; odd). */
export const B2 = 0x5bd1e995;

/** The two hash lanes of `s` (polynomial over UTF-16 code units, mod 2^32, as signed int32). */
export function hashString(s: string): [number, number] {
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = (Math.imul(h1, B1) + c) | 0;
    h2 = (Math.imul(h2, B2) + c) | 0;
  }
  return [h1, h2];
}

/** Slot of a key pair in a table of `mask + 1` slots (MurmurHash3 fmix32 of the mixed lanes). */
function slotOf(h1: number, h2: number, mask: number): number {
  let x = h1 ^ Math.imul(h2, 0x85ebca6b);
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x & mask;
}

/**
 * Hashed pieces of feature strings ("atoms"): for atom `a`, `h1[a]`/`h2[a]` are the lanes of its
 * string and `p1[a]`/`p2[a]` are `B1^len`/`B2^len` (mod 2^32), what appending it needs.
 * Atoms below {@link mark} are permanent (template prefixes, tags); {@link reset} drops the ones
 * added after it (per-sentence words).
 */
export class Atoms {
  h1 = new Int32Array(1024);
  h2 = new Int32Array(1024);
  p1 = new Int32Array(1024);
  p2 = new Int32Array(1024);
  n = 0;
  private fixed = 0;
  private cache = new Map<string, number>();

  /** Atom of `s` (a new one each call; see {@link intern} for a cached permanent atom). */
  add(s: string): number {
    if (this.n === this.h1.length) this.grow();
    let h1 = 0;
    let h2 = 0;
    let p1 = 1;
    let p2 = 1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = (Math.imul(h1, B1) + c) | 0;
      h2 = (Math.imul(h2, B2) + c) | 0;
      p1 = Math.imul(p1, B1);
      p2 = Math.imul(p2, B2);
    }
    const a = this.n++;
    this.h1[a] = h1;
    this.h2[a] = h2;
    this.p1[a] = p1;
    this.p2[a] = p2;
    return a;
  }

  /** Permanent, cached atom of `s`; call only before {@link mark} (or between sentences, before the next mark). */
  intern(s: string): number {
    let a = this.cache.get(s);
    if (a === undefined) {
      if (this.n !== this.fixed) throw new Error('Atoms.intern after per-sentence atoms were added');
      a = this.add(s);
      this.cache.set(s, a);
      this.fixed = this.n;
    }
    return a;
  }

  /** The cached permanent atom of `s`, or a per-sentence one when `s` was never interned. */
  get(s: string): number {
    const a = this.cache.get(s);
    return a === undefined ? this.add(s) : a;
  }

  /** Drop every per-sentence atom. */
  reset(): void {
    this.n = this.fixed;
  }

  private grow(): void {
    const g = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.h1 = g(this.h1);
    this.h2 = g(this.h2);
    this.p1 = g(this.p1);
    this.p2 = g(this.p2);
  }
}

/**
 * A compiled perceptron plus a feature-hash builder: {@link begin}/{@link add}/{@link ch} build
 * one feature's hash from atoms, {@link emit} adds that feature's weights to {@link scores}.
 */
export class CompiledModel {
  /** Class labels, index = class id. */
  readonly classes: string[];
  readonly nClasses: number;
  /** Quantization scale of the stored weights (weight = q / scale). */
  readonly scale: number;
  /** Number of feature rows. */
  readonly size: number;
  /** Stored lanes of each row's feature hash, `[h1, h2]` interleaved. */
  readonly keys: Int32Array;
  /** Start of each row's entries in {@link cls}/{@link q} (length size + 1). */
  readonly rowStart: Uint32Array;
  /** Class id of each entry. */
  readonly cls: Uint8Array;
  /** Quantized weight of each entry. */
  readonly q: Int32Array;
  /**
   * Open-addressing table (linear probing), 4 ints (16 bytes, one cache line holds 4 slots) per
   * slot: h1, h2, then the row's weights `a`, `b`: a row of 1 or 2 sparse entries is kept in the
   * slot itself (`a` = entry + 1, `b` = entry + 1 or 0); otherwise `a` = −(first entry + 1) and
   * `b` = count for a sparse row, `a` = −(dense row + 1) and `b` = 0 for a dense one. `a` = 0:
   * empty slot.
   */
  private table: Int32Array;
  private mask: number;
  /** Entries of the sparse rows: `class | value index << 8`, the value in {@link values}. */
  private entries: Int32Array;
  /** Distinct weights, each `Math.fround(q / scale)` as `Perceptron.fromData` computes it. */
  private values: Float32Array;
  /** Dense rows (rows with many non-zero classes): one weight per class, 0 where none is stored. */
  private dense: Float32Array;
  /** Score per class, accumulated by {@link emit}; zero it with {@link clear}. */
  readonly scores: Float64Array;
  /**
   * Most features whose weights can be summed in any order with the same float64 result: every
   * weight is a float32 with magnitude ≥ the smallest stored one, hence an integer multiple of
   * that one's ulp `u`, so every partial sum of n weights is such a multiple of magnitude
   * ≤ n·max|w|, exactly representable while n·max|w| ≤ 2^53·u (then each addition is exact).
   * Feature extractors may cache partial score vectors only for instances with fewer features.
   */
  readonly exactFeatures: number;
  /** Atom store shared by the feature extractor using this model. */
  readonly atoms = new Atoms();
  private h1 = 0;
  private h2 = 0;

  constructor(classes: string[], scale: number, keys: Int32Array, rowStart: Uint32Array, cls: Uint8Array, q: Int32Array) {
    if (classes.length > 255) throw new Error('compiled perceptron: at most 255 classes');
    this.classes = classes;
    this.nClasses = classes.length;
    this.scale = scale;
    this.size = rowStart.length - 1;
    this.keys = keys;
    this.rowStart = rowStart;
    this.cls = cls;
    this.q = q;
    this.scores = new Float64Array(this.nClasses);
    const nC = this.nClasses;
    // rows with at least a quarter of the classes are kept dense (a plain loop over the classes
    // is cheaper than the indirection of sparse entries); the others sparse
    const isDense = (len: number) => len * 4 >= nC && nC > 8;
    let nDense = 0;
    let nSparse = 0;
    for (let r = 0; r < this.size; r++) {
      const len = rowStart[r + 1] - rowStart[r];
      if (isDense(len)) nDense++;
      else nSparse += len;
    }
    if (nSparse >= 1 << 24) throw new Error('compiled perceptron: at most 2^24 sparse weights');
    this.dense = new Float32Array(nDense * nC);
    this.entries = new Int32Array(nSparse);
    // per row: [a, b] as in the table
    const where = new Int32Array(2 * this.size);
    // distinct weights (a few tens of thousands: the table stays in cache), indexed by q + maxQ
    let maxQ = 0;
    for (let k = 0; k < q.length; k++) maxQ = Math.max(maxQ, Math.abs(q[k]));
    const index = new Int32Array(2 * maxQ + 1).fill(-1);
    const vals: number[] = [];
    let d = 0;
    let e = 0;
    for (let r = 0; r < this.size; r++) {
      const start = rowStart[r];
      const len = rowStart[r + 1] - start;
      if (len < 1 || len > 255) throw new Error(`compiled perceptron: row ${r} has ${len} weights (1..255 allowed)`);
      if (isDense(len)) {
        for (let k = start; k < start + len; k++) this.dense[d * nC + cls[k]] = q[k] / scale;
        where[2 * r] = -++d;
        continue;
      }
      const e0 = e;
      for (let k = start; k < start + len; k++) {
        let v = index[q[k] + maxQ];
        if (v < 0) {
          v = vals.length;
          vals.push(q[k] / scale);
          index[q[k] + maxQ] = v;
        }
        this.entries[e++] = cls[k] | (v << 8);
      }
      if (len <= 2) {
        where[2 * r] = this.entries[e0] + 1;
        where[2 * r + 1] = len === 2 ? this.entries[e0 + 1] + 1 : 0;
      } else {
        where[2 * r] = -(e0 + 1);
        where[2 * r + 1] = len;
      }
    }
    if (vals.length >= (1 << 23) - 1 || d >= 1 << 24) throw new Error('compiled perceptron: too many distinct weights or dense rows');
    this.values = Float32Array.from(vals);
    const nnz = rowStart[this.size];
    let minAbs = Infinity;
    let maxAbs = 0;
    for (let k = 0; k < nnz; k++) {
      const a = Math.abs(Math.fround(q[k] / scale));
      if (a < minAbs) minAbs = a;
      if (a > maxAbs) maxAbs = a;
    }
    // ulp of a float32 normal number: 2^(exponent − 23)
    const u = nnz ? 2 ** (Math.floor(Math.log2(minAbs)) - 23) : 1;
    this.exactFeatures = nnz && minAbs >= 2 ** -126 ? Math.floor((2 ** 53 * u) / maxAbs) : 0;
    let cap = 16;
    while (cap * 0.6 < this.size) cap *= 2;
    this.mask = cap - 1;
    const t = (this.table = new Int32Array(cap * 4));
    for (let r = 0; r < this.size; r++) {
      const h1 = keys[2 * r];
      const h2 = keys[2 * r + 1];
      let s = slotOf(h1, h2, this.mask);
      while (t[4 * s + 2] !== 0) {
        if (t[4 * s] === h1 && t[4 * s + 1] === h2) throw new Error(`compiled perceptron: two features share the hash ${h1},${h2}`);
        s = (s + 1) & this.mask;
      }
      t[4 * s] = h1;
      t[4 * s + 1] = h2;
      t[4 * s + 2] = where[2 * r];
      t[4 * s + 3] = where[2 * r + 1];
    }
  }

  /** Compile serialized perceptron data (hashing every feature string). @throws Error on a 64-bit hash collision. */
  static fromData(d: PerceptronData): CompiledModel {
    const n = d.feats.length;
    const keys = new Int32Array(2 * n);
    const rowStart = new Uint32Array(n + 1);
    let nnz = 0;
    for (let i = 0; i < n; i++) nnz += d.weights[i].length / 2;
    const cls = new Uint8Array(nnz);
    const q = new Int32Array(nnz);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const [h1, h2] = hashString(d.feats[i]);
      keys[2 * i] = h1;
      keys[2 * i + 1] = h2;
      rowStart[i] = k;
      const row = d.weights[i];
      for (let j = 0; j < row.length; j += 2) {
        cls[k] = row[j];
        q[k] = row[j + 1];
        k++;
      }
    }
    rowStart[n] = k;
    return new CompiledModel(d.classes, d.scale, keys, rowStart, cls, q);
  }

  /** Zero {@link scores}. */
  clear(): void {
    this.scores.fill(0);
  }

  /** Start a feature with atom `a` (its template prefix, e.g. `"w="`). */
  begin(a: number): void {
    this.h1 = this.atoms.h1[a];
    this.h2 = this.atoms.h2[a];
  }

  /** Append atom `a` to the feature being built. */
  add(a: number): void {
    const at = this.atoms;
    this.h1 = (Math.imul(this.h1, at.p1[a]) + at.h1[a]) | 0;
    this.h2 = (Math.imul(this.h2, at.p2[a]) + at.h2[a]) | 0;
  }

  /** Append one UTF-16 code unit (a separator such as `' '` = 32 or `'/'` = 47). */
  ch(c: number): void {
    this.h1 = (Math.imul(this.h1, B1) + c) | 0;
    this.h2 = (Math.imul(this.h2, B2) + c) | 0;
  }

  /**
   * Deferred mode: {@link emit} only computes the feature's slot, touches it (so the memory loads
   * of many features overlap instead of waiting one after another) and queues it; {@link flush}
   * adds the queued features' weights. Scores are the same (exact sums, any order).
   */
  deferred = false;
  private qh1 = new Int32Array(256);
  private qh2 = new Int32Array(256);
  private qn = 0;
  /** Sink of the touching loads (keeps them from being optimized away). */
  private touched = 0;

  /** Add the weights of the feature built so far to {@link scores} (nothing when it is unknown). */
  emit(): void {
    if (this.deferred) {
      if (this.qn === this.qh1.length) this.flush();
      this.qh1[this.qn] = this.h1;
      this.qh2[this.qn++] = this.h2;
      this.touched ^= this.table[4 * slotOf(this.h1, this.h2, this.mask)];
      return;
    }
    this.lookup(this.h1, this.h2);
  }

  /** Add the weights of every feature queued in deferred mode. */
  flush(): void {
    const n = this.qn;
    this.qn = 0;
    for (let k = 0; k < n; k++) this.lookup(this.qh1[k], this.qh2[k]);
  }

  private lookup(h1: number, h2: number): void {
    const t = this.table;
    const mask = this.mask;
    let s = slotOf(h1, h2, mask);
    for (;;) {
      const b = 4 * s;
      const a = t[b + 2];
      if (a === 0) return;
      if (t[b] === h1 && t[b + 1] === h2) {
        const sc = this.scores;
        const v = this.values;
        if (a > 0) {
          // one or two entries, in the slot
          const x = a - 1;
          sc[x & 0xff] += v[x >>> 8];
          const y = t[b + 3] - 1;
          if (y >= 0) sc[y & 0xff] += v[y >>> 8];
          return;
        }
        const len = t[b + 3];
        if (len === 0) {
          const w = this.dense;
          const nC = sc.length;
          let k = (-a - 1) * nC;
          let c = 0;
          for (; c + 3 < nC; c += 4, k += 4) {
            sc[c] += w[k];
            sc[c + 1] += w[k + 1];
            sc[c + 2] += w[k + 2];
            sc[c + 3] += w[k + 3];
          }
          for (; c < nC; c++, k++) sc[c] += w[k];
          return;
        }
        const e = this.entries;
        const start = -a - 1;
        const end = start + len;
        for (let k = start; k < end; k++) {
          const x = e[k];
          sc[x & 0xff] += v[x >>> 8];
        }
        return;
      }
      s = (s + 1) & mask;
    }
  }

  /** {@link begin} + {@link emit}: a feature that is one atom. */
  emit1(a: number): void {
    this.h1 = this.atoms.h1[a];
    this.h2 = this.atoms.h2[a];
    this.emit();
  }

  /** {@link begin}(a) + {@link add}(b) + {@link emit}: the common `"name=" + value` feature. */
  emit2(a: number, b: number): void {
    const at = this.atoms;
    this.h1 = (Math.imul(at.h1[a], at.p1[b]) + at.h1[b]) | 0;
    this.h2 = (Math.imul(at.h2[a], at.p2[b]) + at.h2[b]) | 0;
    this.emit();
  }

  /** Feature `a + b + sep + c` (atoms a, b, c; `sep` one code unit). */
  emit3(a: number, b: number, sep: number, c: number): void {
    this.emit2n(a, b);
    this.ch(sep);
    this.add(c);
    this.emit();
  }

  /** Feature `a + b + sep1 + c + sep2 + d`. */
  emit5(a: number, b: number, sep1: number, c: number, sep2: number, d: number): void {
    this.emit2n(a, b);
    this.ch(sep1);
    this.add(c);
    this.ch(sep2);
    this.add(d);
    this.emit();
  }

  /** Feature `a + b + sep1 + c + sep2 + d + sep3 + e`. */
  emit7(a: number, b: number, sep1: number, c: number, sep2: number, d: number, sep3: number, e: number): void {
    this.emit2n(a, b);
    this.ch(sep1);
    this.add(c);
    this.ch(sep2);
    this.add(d);
    this.ch(sep3);
    this.add(e);
    this.emit();
  }

  /** begin(a) + add(b), no emit. */
  private emit2n(a: number, b: number): void {
    const at = this.atoms;
    this.h1 = (Math.imul(at.h1[a], at.p1[b]) + at.h1[b]) | 0;
    this.h2 = (Math.imul(at.h2[a], at.p2[b]) + at.h2[b]) | 0;
  }

  /** Add the weights of a feature given as a string (slow path: hashes the string). */
  emitString(f: string): void {
    [this.h1, this.h2] = hashString(f);
    this.emit();
  }

  /** Class with the highest score (ties to the lower id), among `allowed` classes when given. */
  best(allowed?: readonly boolean[]): number {
    const s = this.scores;
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < this.nClasses; c++) {
      if (allowed && !allowed[c]) continue;
      if (s[c] > bestScore) {
        bestScore = s[c];
        best = c;
      }
    }
    return best;
  }
}

const MAGIC = 0x4d4c4444; // "DDLM" little-endian
const FORMAT_VERSION = 1;

/**
 * Write a compiled model file: magic `DDLM`, format version, header length, a UTF-8 JSON header
 * (`meta` plus classes, scale, sizes), then little-endian sections padded to 4 bytes: keys
 * (int32 × 2 per row), row lengths (uint8 per row), classes (uint8 per entry), quantized weights
 * (int32 per entry); the whole gzip-compressed (level 9). Returns the bytes written.
 */
export function writeCompiled(file: string, model: CompiledModel, meta: Record<string, unknown>): number {
  const header = Buffer.from(JSON.stringify({ ...meta, classes: model.classes, scale: model.scale, rows: model.size, entries: model.rowStart[model.size] }), 'utf8');
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const rowLen = new Uint8Array(model.size);
  for (let r = 0; r < model.size; r++) rowLen[r] = model.rowStart[r + 1] - model.rowStart[r];
  const head = Buffer.alloc(12);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(FORMAT_VERSION, 4);
  head.writeUInt32LE(header.length, 8);
  const parts: Buffer[] = [head, header, Buffer.alloc(pad(header.length))];
  const section = (a: ArrayBufferView) => {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(pad(a.byteLength)));
  };
  section(model.keys);
  section(rowLen);
  section(model.cls);
  section(model.q);
  const buf = zlib.gzipSync(Buffer.concat(parts), { level: 9 });
  fs.writeFileSync(file, buf);
  return buf.length;
}

/**
 * Read a file written by {@link writeCompiled}: the model and the header's other fields.
 * @throws DatelineError `E_NOT_FOUND` when missing, `E_USAGE` when it is not a compiled model (or is corrupt).
 */
export function readCompiled<M extends Record<string, unknown>>(file: string): { model: CompiledModel; meta: M } {
  if (!fs.existsSync(file)) throw new DatelineError('E_NOT_FOUND', `file not found: ${file}`);
  let buf = fs.readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf);
  if (buf.length < 12 || buf.readUInt32LE(0) !== MAGIC) throw new DatelineError('E_USAGE', `not a compiled Dateline model: ${file}`);
  if (buf.readUInt32LE(4) !== FORMAT_VERSION) throw new DatelineError('E_USAGE', `unsupported model format version ${buf.readUInt32LE(4)}: ${file}`);
  const hLen = buf.readUInt32LE(8);
  const meta = JSON.parse(buf.toString('utf8', 12, 12 + hLen)) as M & { classes: string[]; scale: number; rows: number; entries: number };
  // copy into an aligned buffer so typed-array views can be taken
  const start = 12 + hLen + ((4 - (hLen % 4)) % 4);
  const body = new Uint8Array(Math.max(0, buf.length - start));
  body.set(buf.subarray(start));
  let off = 0;
  const take = <T>(ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }, n: number): T => {
    const a = new ctor(body.buffer, off, n);
    const bytes = n * ctor.BYTES_PER_ELEMENT;
    off += bytes + ((4 - (bytes % 4)) % 4);
    return a;
  };
  const keys = take(Int32Array, 2 * meta.rows);
  const rowLen = take(Uint8Array, meta.rows);
  const cls = take(Uint8Array, meta.entries);
  const q = take(Int32Array, meta.entries);
  const rowStart = new Uint32Array(meta.rows + 1);
  for (let r = 0; r < meta.rows; r++) rowStart[r + 1] = rowStart[r] + rowLen[r];
  if (off > body.length || rowStart[meta.rows] !== meta.entries) throw new DatelineError('E_USAGE', `truncated or corrupt model file: ${file}`);
  return { model: new CompiledModel(meta.classes, meta.scale, keys, rowStart, cls, q), meta };
}
