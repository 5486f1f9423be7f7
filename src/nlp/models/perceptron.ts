/**
 * Averaged multiclass perceptron (Collins 2002; Freund & Schapire 1999), with sparse, lazily
 * allocated weight rows and the lazy-averaging trick (each weight keeps the update count at which it
 * last changed, so averaging costs O(rows) instead of O(updates × features)).
 *
 * Features are strings ("w=house", "p1=NOUN"); a feature gets a row of one weight per class the
 * first time an update touches it. Unknown features score 0. The serialized form ({@link
 * PerceptronData}) stores feature strings (word forms, affixes, tag names: no sentences) and
 * quantized averaged weights.
 */
export class Perceptron {
  /** Class labels, index = class id. */
  readonly classes: string[];
  /** feature string → row index */
  readonly rows = new Map<string, number>();
  private w: Float32Array;
  private totals: Float64Array | null = null;
  private stamps: Int32Array | null = null;
  private nRows = 0;
  /** Number of training instances seen (the averaging clock). */
  private clock = 0;
  readonly nClasses: number;

  /** @param classes class labels; `training` allocates the averaging accumulators. */
  constructor(classes: string[], training = false) {
    this.classes = classes;
    this.nClasses = classes.length;
    this.w = new Float32Array(1024 * this.nClasses);
    if (training) {
      this.totals = new Float64Array(this.w.length);
      this.stamps = new Int32Array(this.w.length);
    }
  }

  /** Number of feature rows. */
  get size(): number {
    return this.nRows;
  }

  /** Add the weights of `feats` for every class into `out` (length ≥ nClasses, zeroed by the caller). */
  scoreInto(feats: readonly string[], out: Float64Array): void {
    const nC = this.nClasses;
    const w = this.w;
    for (let f = 0; f < feats.length; f++) {
      const r = this.rows.get(feats[f]);
      if (r === undefined) continue;
      const base = r * nC;
      for (let c = 0; c < nC; c++) out[c] += w[base + c];
    }
  }

  /** Class id with the highest score for `feats`; ties go to the lower id. `allowed` (optional) masks classes. */
  predict(feats: readonly string[], scratch?: Float64Array, allowed?: (c: number) => boolean): number {
    const s = scratch ?? new Float64Array(this.nClasses);
    s.fill(0);
    this.scoreInto(feats, s);
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < this.nClasses; c++) {
      if (allowed && !allowed(c)) continue;
      if (s[c] > bestScore) {
        bestScore = s[c];
        best = c;
      }
    }
    return best;
  }

  private row(feat: string): number {
    let r = this.rows.get(feat);
    if (r !== undefined) return r;
    r = this.nRows++;
    this.rows.set(feat, r);
    const need = this.nRows * this.nClasses;
    if (need > this.w.length) {
      const grow = (a: Float32Array | Float64Array | Int32Array) => {
        const b = new (a.constructor as { new (n: number): typeof a })(Math.max(need, a.length * 2));
        b.set(a);
        return b;
      };
      this.w = grow(this.w) as Float32Array;
      if (this.totals) this.totals = grow(this.totals) as Float64Array;
      if (this.stamps) this.stamps = grow(this.stamps) as Int32Array;
    }
    return r;
  }

  private bump(idx: number, delta: number): void {
    const t = this.totals!;
    const st = this.stamps!;
    t[idx] += (this.clock - st[idx]) * this.w[idx];
    st[idx] = this.clock;
    this.w[idx] += delta;
  }

  /** Advance the averaging clock by one instance (call once per training instance). */
  tick(): void {
    this.clock++;
  }

  /**
   * Perceptron update: +1 to `truth`'s weights and −1 to `guess`'s for every feature (no-op when
   * they agree). Call {@link tick} once per instance as well.
   * @throws Error when the model was not created for training.
   */
  update(truth: number, guess: number, feats: readonly string[]): void {
    if (!this.totals) throw new Error('perceptron not in training mode');
    if (truth === guess) return;
    const nC = this.nClasses;
    for (const f of feats) {
      const base = this.row(f) * nC;
      this.bump(base + truth, 1);
      if (guess >= 0) this.bump(base + guess, -1);
    }
  }

  /** Replace the weights by their averages over all instances seen; ends training. */
  average(): void {
    if (!this.totals || !this.stamps) return;
    const n = this.nRows * this.nClasses;
    const clock = Math.max(1, this.clock);
    for (let i = 0; i < n; i++) {
      const total = this.totals[i] + (this.clock - this.stamps[i]) * this.w[i];
      this.w[i] = total / clock;
    }
    this.totals = null;
    this.stamps = null;
  }

  /**
   * Serialize, dropping weights whose magnitude is below `minWeight` and rows left empty.
   * Weights are stored as integers `round(w × scale)`.
   */
  toData(minWeight = 0.001, scale = 1000): PerceptronData {
    const feats: string[] = [];
    const weights: number[][] = [];
    const nC = this.nClasses;
    for (const [f, r] of this.rows) {
      const row: number[] = [];
      for (let c = 0; c < nC; c++) {
        const v = this.w[r * nC + c];
        if (Math.abs(v) < minWeight) continue;
        const q = Math.round(v * scale);
        if (q !== 0) row.push(c, q);
      }
      if (row.length) {
        feats.push(f);
        weights.push(row);
      }
    }
    return { classes: this.classes, scale, feats, weights };
  }

  /** Rebuild a (non-training) model from {@link toData} output. */
  static fromData(d: PerceptronData): Perceptron {
    const p = new Perceptron(d.classes);
    const nC = p.nClasses;
    p.w = new Float32Array(Math.max(1, d.feats.length) * nC);
    for (let i = 0; i < d.feats.length; i++) {
      p.rows.set(d.feats[i], i);
      const row = d.weights[i];
      for (let k = 0; k < row.length; k += 2) p.w[i * nC + row[k]] = row[k + 1] / d.scale;
    }
    p.nRows = d.feats.length;
    return p;
  }
}

/** Serialized averaged perceptron: per feature, sparse `[classId, round(weight × scale), …]`. */
export interface PerceptronData {
  classes: string[];
  scale: number;
  feats: string[];
  weights: number[][];
}

/** Deterministic Fisher–Yates shuffle of `a` in place with a 32-bit LCG seeded by `seed`. */
export function shuffle<T>(a: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
