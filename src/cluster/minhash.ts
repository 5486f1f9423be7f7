/**
 * MinHash signatures over word shingles and LSH banding, for finding near-duplicate stories
 * (reprints of the same wire copy).
 *
 * Method: Broder (1997), "On the resemblance and containment of documents": the resemblance of
 * two documents is the Jaccard similarity of their sets of w-shingles (runs of w consecutive
 * words); the probability that two sets have the same minimum under a random hash function equals
 * their Jaccard similarity, so the share of equal entries of two k-entry MinHash signatures
 * estimates it. Locality-sensitive hashing by banding (Leskovec, Rajaraman & Ullman, "Mining of
 * Massive Datasets", ch. 3.4): the signature is cut into b bands of r rows; two documents become
 * candidates when any band is identical, which happens with probability 1 − (1 − J^r)^b, an
 * S-curve whose threshold is about (1/b)^(1/r).
 *
 * Parameters (the defaults, {@link MINHASH_DEFAULTS}): 5-word shingles of lower-cased words
 * (letters and digits), k = 64 hash functions, b = 16 bands × r = 4 rows (LSH threshold
 * (1/16)^(1/4) = 0.5), candidates verified at an estimated Jaccard ≥ 0.5. Every hash is a
 * deterministic 32-bit function (FNV-1a of the shingle, then MurmurHash3's fmix32 finaliser of it
 * XOR a per-function seed drawn from a fixed splitmix32 sequence), so signatures computed on any
 * machine, by any worker, agree.
 */

/** MinHash and LSH parameters. */
export interface MinHashParams {
  /** Words per shingle (w). */
  shingle: number;
  /** Number of hash functions (k), the signature length; must equal `bands × rows`. */
  hashes: number;
  /** LSH bands (b). */
  bands: number;
  /** Rows per band (r). */
  rows: number;
  /** Estimated Jaccard similarity at or above which two candidate stories are near-duplicates. */
  threshold: number;
}

/** The defaults: w = 5, k = 64, b = 16, r = 4, threshold 0.5 (see the module comment). */
export const MINHASH_DEFAULTS: Readonly<MinHashParams> = Object.freeze({ shingle: 5, hashes: 64, bands: 16, rows: 4, threshold: 0.5 });

/** MurmurHash3 32-bit finaliser (Appleby): a bijective avalanche mix of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units (Fowler–Noll–Vo). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `n` seeds from splitmix32 starting at a fixed state, so every process draws the same hash family. */
function seeds(n: number): Uint32Array {
  const out = new Uint32Array(n);
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
}

const SEED_CACHE = new Map<number, Uint32Array>();

/** Lower-cased words (runs of letters, digits and apostrophes inside words) of a text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

/**
 * The distinct w-shingles of a text, as 32-bit FNV-1a hashes of the space-joined words. A text
 * shorter than w words yields one shingle of all its words (so short texts still compare).
 */
export function shingleHashes(text: string, w = MINHASH_DEFAULTS.shingle): Uint32Array {
  const ws = words(text);
  const set = new Set<number>();
  if (ws.length === 0) return new Uint32Array(0);
  if (ws.length < w) set.add(fnv1a(ws.join(' ')));
  // fnv1a(ws.slice(i, i + w).join(' ')), computed over the words in place (no joined copy)
  for (let i = 0; i + w <= ws.length; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + w; k++) {
      if (k > i) h = Math.imul(h ^ 0x20, 0x01000193);
      const word = ws[k];
      for (let c = 0; c < word.length; c++) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193);
    }
    set.add(h >>> 0);
  }
  return Uint32Array.from(set);
}

/**
 * The MinHash signature of a text: for each of the k hash functions, the least hash of any
 * shingle. An empty text gets all entries 0xffffffff (it resembles nothing but other empty texts).
 */
export function minhash(text: string, params: MinHashParams = MINHASH_DEFAULTS): Uint32Array {
  const sh = shingleHashes(text, params.shingle);
  let sd = SEED_CACHE.get(params.hashes);
  if (!sd) SEED_CACHE.set(params.hashes, (sd = seeds(params.hashes)));
  const sig = new Uint32Array(params.hashes).fill(0xffffffff);
  for (let j = 0; j < sh.length; j++) {
    const x = sh[j];
    for (let i = 0; i < sd.length; i++) {
      const h = fmix32(x ^ sd[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures of the same length: the share of equal entries. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * LSH band keys of a signature: one string per band, `"<band>:<hex hash of its rows>"`, equal for
 * two signatures exactly when that band's rows are all equal (up to 32-bit hash collisions, which
 * only add candidates that verification removes).
 * @throws RangeError when the signature length is not `bands × rows`
 */
export function bandKeys(sig: Uint32Array, params: MinHashParams = MINHASH_DEFAULTS): string[] {
  if (sig.length !== params.bands * params.rows) throw new RangeError(`signature has ${sig.length} entries, expected ${params.bands * params.rows}`);
  const out: string[] = [];
  for (let b = 0; b < params.bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < params.rows; r++) h = fmix32(Math.imul(h ^ sig[b * params.rows + r], 0x01000193));
    out.push(`${b}:${h.toString(16).padStart(8, '0')}`);
  }
  return out;
}

/** A signature as bytes (little-endian uint32s), for a BLOB / bytea column. */
export function signatureToBytes(sig: Uint32Array): Buffer {
  const buf = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i], i * 4);
  return buf;
}

/** A signature from the bytes written by {@link signatureToBytes}. */
export function signatureFromBytes(buf: Uint8Array): Uint32Array {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Uint32Array(Math.floor(b.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}
