/**
 * Evaluation of mention clustering (the `entities` and `coref` stages) on the coreference of
 * UD English GUM (Zeldes 2017; CorefUD notation in the MISC column: `Entity=(id-etype-infstat-
 * salience-centering-minspan-link-identity … id)`).
 *
 * Each GUM document's text is rebuilt from its tokens (a space unless `SpaceAfter=No`, one space
 * between sentences, a blank line at `# newpar`), the pipeline runs on that text up to the `coref`
 * stage (no cleaning, so offsets stay those of the rebuilt text), and the output is aligned to the
 * gold mentions by character offsets (UTF-16 code units). Two figures:
 *
 * - **pronoun resolution**: for each third-person pronoun (he, him, his, himself, she, her, hers,
 *   herself, it, its, itself, they, them, their, theirs, themselves) that is a gold mention whose
 *   gold cluster holds a proper-name mention (a mention whose minimal span has a PROPN word), is the
 *   pronoun linked to an entity one of whose name mentions aligns (as below) to a mention of that cluster?
 *   Accuracy = correct / such pronouns (an unlinked pronoun counts as wrong); precision = correct /
 *   every third-person pronoun the system linked (including pronouns gold does not link to a name,
 *   e.g. expletive "it" or "it" for a common-noun phrase); recall = accuracy; F1 of the two.
 * - **name clustering**: B-cubed (Bagga & Baldwin 1998) and MUC (Vilain et al. 1995) precision,
 *   recall and F1 over the proper-name mentions the recognizer found that align to a gold mention
 *   (the smallest gold mention containing the system mention, else the smallest one overlapping
 *   it); system clusters are entities, gold clusters GUM's entity ids. Unaligned system mentions are
 *   counted and left out.
 *
 * A baseline is scored beside the system: each pronoun linked to the entity of the nearest
 * preceding name mention of a compatible type (PER for he/she, non-person for it, any for they) in
 * the same or the previous three sentences.
 */
import type { Doc } from '../doc/types.js';
import { createDoc } from '../doc/types.js';
import type { Stage } from '../stage.js';
import type { Context } from '../context.js';
import { parseConllu, type UdSentence } from '../nlp/models/io.js';
import { THIRD_PERSON } from '../link/coref.js';
import { PIPELINE } from '../pipeline.js';

/** A gold mention of a GUM document: a character span of the rebuilt text and its cluster. */
export interface GoldCorefMention {
  start: number;
  end: number;
  /** GUM entity id (unique within the document). */
  cluster: string;
  /** GUM entity type: person, organization, place, abstract, object, event, time … */
  etype: string;
  /** True when a word of the mention's minimal span (GUM `minspan`) is a PROPN. */
  proper: boolean;
  /** Lower-case form when the mention is one third-person pronoun word. */
  pronoun?: string;
  /** Indices of the mention's words in {@link GoldCorefDoc.words}. */
  words: number[];
}

/** A GUM document rebuilt as text, with its words and gold mentions. */
export interface GoldCorefDoc {
  id: string;
  /** GUM genre (news, bio, academic …), from `en_gum-ud-docs.tsv` or the `newdoc id`. */
  genre: string;
  text: string;
  words: Array<{ start: number; end: number; form: string; upos: string }>;
  mentions: GoldCorefMention[];
}

/**
 * Read GUM documents with their coreference from CoNLL-U text.
 * @param conllu the CoNLL-U text (`en_gum-ud-dev.conllu`)
 * @param genres optional map document id → genre (else the second part of `GUM_<genre>_<name>`)
 */
export function readGumCoref(conllu: string, genres?: ReadonlyMap<string, string>): GoldCorefDoc[] {
  const docs: GoldCorefDoc[] = [];
  let doc: GoldCorefDoc | null = null;
  let text = '';
  let open = new Map<string, Array<{ attrs: string[]; first: number }>>();
  const finish = () => {
    if (doc) {
      doc.text = text;
      docs.push(doc);
    }
  };
  for (const s of parseConllu(conllu)) {
    const newdoc = s.comments.find((c) => /^#\s*newdoc id\s*=/.test(c));
    if (newdoc) {
      finish();
      const id = newdoc.replace(/^#\s*newdoc id\s*=\s*/, '').trim();
      doc = { id, genre: genres?.get(id) ?? id.split('_')[1] ?? '', text: '', words: [], mentions: [] };
      text = '';
      open = new Map();
    }
    if (!doc) continue;
    if (text) text += s.comments.some((c) => /^#\s*newpar\b/.test(c)) ? '\n\n' : ' ';
    text = appendSentence(doc, s, text, open);
  }
  finish();
  return docs;
}

function appendSentence(doc: GoldCorefDoc, s: UdSentence, text: string, open: Map<string, Array<{ attrs: string[]; first: number }>>): string {
  // multiword tokens: range line "a-b form … misc" before word a
  const ranges = new Map<number, { to: number; form: string; misc: string }>();
  for (const [, line] of s.extra) {
    const c = line.split('\t');
    const m = /^(\d+)-(\d+)$/.exec(c[0]);
    if (m) ranges.set(Number(m[1]), { to: Number(m[2]), form: c[1], misc: c[9] ?? '_' });
  }
  const base = doc.words.length;
  let i = 0;
  while (i < s.words.length) {
    const w = s.words[i];
    const r = ranges.get(w.id);
    if (r) {
      const parts = s.words.filter((x) => x.id >= w.id && x.id <= r.to);
      const start = text.length;
      text += r.form;
      const joined = parts.map((p) => p.form).join('');
      let at = start;
      for (const p of parts) {
        if (joined.toLowerCase() === r.form.toLowerCase()) {
          doc.words.push({ start: at, end: at + p.form.length, form: p.form, upos: p.upos });
          at += p.form.length;
        } else doc.words.push({ start, end: text.length, form: p.form, upos: p.upos });
      }
      if (!/(^|\|)SpaceAfter=No(\||$)/.test(r.misc)) text += ' ';
      i += parts.length;
    } else {
      const start = text.length;
      text += w.form;
      doc.words.push({ start, end: text.length, form: w.form, upos: w.upos });
      if (!/(^|\|)SpaceAfter=No(\||$)/.test(w.misc)) text += ' ';
      i++;
    }
  }
  text = text.replace(/ +$/, '');
  // coreference brackets
  s.words.forEach((w, k) => {
    const ent = /(?:^|\|)Entity=([^|]+)/.exec(w.misc);
    if (!ent) return;
    const wi = base + k;
    const re = /\(([^()]+)(\))?|([^()]+)\)/g;
    for (let m = re.exec(ent[1]); m; m = re.exec(ent[1])) {
      if (m[1] !== undefined) {
        const attrs = m[1].split('-');
        if (m[2]) addGold(doc, attrs, wi, wi);
        else {
          const st = open.get(attrs[0]) ?? [];
          st.push({ attrs, first: wi });
          open.set(attrs[0], st);
        }
      } else {
        const st = open.get(m[3]);
        const o = st?.pop();
        if (o) addGold(doc, o.attrs, o.first, wi);
      }
    }
  });
  return text;
}

function addGold(doc: GoldCorefDoc, attrs: string[], first: number, last: number): void {
  const words: number[] = [];
  for (let k = first; k <= last; k++) words.push(k);
  const minspan = (attrs[5] ?? '').split(',').map(Number).filter((n) => n >= 1 && n <= words.length);
  const heads = minspan.length ? minspan.map((n) => words[n - 1]) : [last];
  const proper = heads.some((k) => doc.words[k].upos === 'PROPN');
  const form = doc.words[first].form.toLowerCase();
  doc.mentions.push({
    start: doc.words[first].start,
    end: doc.words[last].end,
    cluster: attrs[0],
    etype: attrs[1] ?? '',
    proper,
    pronoun: first === last && THIRD_PERSON.has(form) ? form : undefined,
    words,
  });
}

/** Read `en_gum-ud-docs.tsv` (split, doc_id, genre …) into a map document id → genre. */
export function readGumGenres(tsv: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of tsv.split(/\r?\n/).slice(1)) {
    const c = line.split('\t');
    if (c.length >= 3) out.set(c[1], c[2]);
  }
  return out;
}

/** Counts and figures (percent) of one scoring run. */
export interface CorefScores {
  docs: number;
  pronouns: {
    /** Third-person pronouns whose gold cluster holds a proper-name mention. */
    eligible: number;
    /** Of those, the pronouns whose gold cluster has a name mention the recognizer found (an upper bound on `correct`). */
    resolvable: number;
    /** Third-person pronouns the system linked to an entity (anywhere). */
    linked: number;
    correct: number;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
  };
  names: {
    /** Proper-name mentions of the recognizer that align to a gold mention, and those that do not. */
    aligned: number;
    unaligned: number;
    b3: { precision: number; recall: number; f1: number };
    muc: { precision: number; recall: number; f1: number };
  };
}

/** What the scorer reads of a system output: name mentions with entity ids, and pronoun links. */
export interface CorefOutput {
  /** Proper-name mentions with their entity id. */
  names: Array<{ start: number; end: number; entity: string }>;
  /** Linked pronouns: span and the entity they are linked to. */
  pronouns: Array<{ start: number; end: number; entity: string }>;
}

/** The scorer's view of a Doc after the `coref` stage. */
export function corefOutput(doc: Doc): CorefOutput {
  const names = doc.mentions.filter((m) => m.entityId).map((m) => ({ start: m.start, end: m.end, entity: m.entityId! }));
  const pronouns: CorefOutput['pronouns'] = [];
  for (const c of doc.coref ?? []) {
    if (c.kind === 'pronoun' && THIRD_PERSON.has(c.text.toLowerCase())) pronouns.push({ start: c.start, end: c.end, entity: c.entityId });
  }
  return { names, pronouns };
}

/**
 * The baseline: every third-person pronoun token linked to the entity of the nearest preceding name
 * mention of a compatible type (he/she… → PER; it/its → LOC, ORG, MISC; they… → any but NORP) in the
 * same or the previous three sentences.
 */
export function baselineOutput(doc: Doc): CorefOutput {
  const names = doc.mentions.filter((m) => m.entityId).map((m) => ({ start: m.start, end: m.end, entity: m.entityId! }));
  const pronouns: CorefOutput['pronouns'] = [];
  const ms = doc.mentions.filter((m) => m.entityId);
  for (const t of doc.tokens) {
    const w = t.text.toLowerCase();
    if (!THIRD_PERSON.has(w)) continue;
    const ok = (type: string) =>
      /^(he|him|his|himself|she|her|hers|herself)$/.test(w) ? type === 'PER' : /^(it|its|itself)$/.test(w) ? type !== 'PER' && type !== 'NORP' : type !== 'NORP';
    for (let k = ms.length - 1; k >= 0; k--) {
      const m = ms[k];
      if (m.end > t.start) continue;
      const s = doc.tokens.find((x) => x.start >= m.start)?.sentence ?? 0;
      if (t.sentence - s > 3) break;
      if (ok(m.type)) {
        pronouns.push({ start: t.start, end: t.end, entity: m.entityId! });
        break;
      }
    }
  }
  return { names, pronouns };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Running totals for {@link scoreCoref}; add documents with {@link addCorefDoc}. */
export interface CorefTally {
  docs: number;
  eligible: number;
  resolvable: number;
  linked: number;
  correct: number;
  aligned: number;
  unaligned: number;
  b3p: number;
  b3r: number;
  mucPn: number;
  mucPd: number;
  mucRn: number;
  mucRd: number;
}

/** An empty tally. */
export function newTally(): CorefTally {
  return { docs: 0, eligible: 0, resolvable: 0, linked: 0, correct: 0, aligned: 0, unaligned: 0, b3p: 0, b3r: 0, mucPn: 0, mucPd: 0, mucRn: 0, mucRd: 0 };
}

/** Score one document's output against its gold and add the counts to `t`. */
export function addCorefDoc(t: CorefTally, gold: GoldCorefDoc, out: CorefOutput): void {
  t.docs++;
  const byCluster = new Map<string, GoldCorefMention[]>();
  for (const g of gold.mentions) {
    const l = byCluster.get(g.cluster) ?? [];
    l.push(g);
    byCluster.set(g.cluster, l);
  }
  const namedClusters = new Set([...byCluster].filter(([, l]) => l.some((g) => g.proper)).map(([c]) => c));
  // each system name mention aligned to one gold mention: the smallest containing it, else the smallest overlapping it
  const aligned: Array<{ sys: string; gold: string }> = [];
  for (const n of out.names) {
    let best: GoldCorefMention | undefined;
    for (const g of gold.mentions) {
      if (g.start <= n.start && g.end >= n.end && (!best || g.end - g.start < best.end - best.start)) best = g;
    }
    if (!best) {
      for (const g of gold.mentions) if (overlaps(g, n) && (!best || g.end - g.start < best.end - best.start)) best = g;
    }
    if (best) aligned.push({ sys: n.entity, gold: best.cluster });
    else t.unaligned++;
  }
  // (a) pronouns: right when a name mention of the linked entity aligns to the pronoun's gold cluster
  const clustersOf = new Map<string, Set<string>>();
  for (const a of aligned) {
    const l = clustersOf.get(a.sys) ?? new Set<string>();
    l.add(a.gold);
    clustersOf.set(a.sys, l);
  }
  const linkAt = new Map<number, string>();
  for (const p of out.pronouns) linkAt.set(p.start, p.entity);
  t.linked += out.pronouns.length;
  for (const g of gold.mentions) {
    if (!g.pronoun || !namedClusters.has(g.cluster)) continue;
    t.eligible++;
    if (aligned.some((a) => a.gold === g.cluster)) t.resolvable++;
    const e = linkAt.get(g.start);
    if (e !== undefined && clustersOf.get(e)?.has(g.cluster)) t.correct++;
  }
  t.aligned += aligned.length;
  const count = (key: (a: { sys: string; gold: string }) => string) => {
    const m = new Map<string, number>();
    for (const a of aligned) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
    return m;
  };
  const sysSize = count((a) => a.sys);
  const goldSize = count((a) => a.gold);
  const both = count((a) => `${a.sys}\u0000${a.gold}`);
  for (const a of aligned) {
    const inter = both.get(`${a.sys}\u0000${a.gold}`)!;
    t.b3p += inter / sysSize.get(a.sys)!;
    t.b3r += inter / goldSize.get(a.gold)!;
  }
  // MUC: recall = Σ(|G| − |partitions of G by S|) / Σ(|G| − 1); precision symmetric
  const parts = (outer: 'sys' | 'gold', inner: 'sys' | 'gold') => {
    const m = new Map<string, Set<string>>();
    for (const a of aligned) {
      const s = m.get(a[outer]) ?? new Set<string>();
      s.add(a[inner]);
      m.set(a[outer], s);
    }
    return m;
  };
  for (const [g, p] of parts('gold', 'sys')) {
    t.mucRn += goldSize.get(g)! - p.size;
    t.mucRd += goldSize.get(g)! - 1;
  }
  for (const [s, p] of parts('sys', 'gold')) {
    t.mucPn += sysSize.get(s)! - p.size;
    t.mucPd += sysSize.get(s)! - 1;
  }
}

const pc = (n: number, d: number) => (d ? (100 * n) / d : 0);
const f = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

/** Figures (percent) from a tally. */
export function scoreTally(t: CorefTally): CorefScores {
  const acc = pc(t.correct, t.eligible);
  const prec = pc(t.correct, t.linked);
  const b3p = pc(t.b3p, t.aligned);
  const b3r = pc(t.b3r, t.aligned);
  const mp = pc(t.mucPn, t.mucPd);
  const mr = pc(t.mucRn, t.mucRd);
  return {
    docs: t.docs,
    pronouns: { eligible: t.eligible, resolvable: t.resolvable, linked: t.linked, correct: t.correct, accuracy: acc, precision: prec, recall: acc, f1: f(prec, acc) },
    names: { aligned: t.aligned, unaligned: t.unaligned, b3: { precision: b3p, recall: b3r, f1: f(b3p, b3r) }, muc: { precision: mp, recall: mr, f1: f(mp, mr) } },
  };
}

/**
 * Run `stages` (from `segment` to `coref`) on a rebuilt GUM document: the text is set directly, so
 * offsets are those of {@link GoldCorefDoc.text}.
 */
export async function analyzeGold(gold: GoldCorefDoc, stages: readonly Stage[], ctx: Context): Promise<Doc> {
  const doc = createDoc(gold.text, { input: gold.id, mediaType: 'text/plain' });
  doc.text = gold.text;
  doc.id = gold.id;
  for (const s of stages) await s.run(doc, ctx);
  return doc;
}

/** The stages the evaluation runs: the pipeline from `segment` through `coref` (no cleaning, so offsets stay the gold text's). */
export function corefStages(pipeline: readonly Stage[] = PIPELINE): Stage[] {
  const a = pipeline.findIndex((s) => s.name === 'segment');
  const b = pipeline.findIndex((s) => s.name === 'coref');
  return pipeline.slice(a, b + 1);
}

/** System and baseline figures of one evaluation. */
export interface CorefReport {
  file: string;
  genre: string;
  system: CorefScores;
  baseline: CorefScores;
}

/**
 * Score the pipeline (`stages`, from `segment` to `coref`) and the baseline on GUM documents.
 * @param docs gold documents (already filtered by genre)
 */
export async function evaluateCoref(docs: readonly GoldCorefDoc[], stages: readonly Stage[], ctx: Context, file = '', genre = 'all'): Promise<CorefReport> {
  const sys = newTally();
  const base = newTally();
  for (const g of docs) {
    const doc = await analyzeGold(g, stages, ctx);
    addCorefDoc(sys, g, corefOutput(doc));
    addCorefDoc(base, g, baselineOutput(doc));
  }
  return { file, genre, system: scoreTally(sys), baseline: scoreTally(base) };
}

/** The report as `dateline eval coref` prints it. */
export function renderCorefReport(r: CorefReport): string {
  const line = (name: string, s: CorefScores) =>
    [
      `${name}:`,
      `  pronouns: ${s.pronouns.eligible} with a named antecedent (${s.pronouns.resolvable} of whose names were found), ${s.pronouns.linked} linked, ${s.pronouns.correct} right`,
      `    accuracy ${s.pronouns.accuracy.toFixed(1)}  P ${s.pronouns.precision.toFixed(1)}  R ${s.pronouns.recall.toFixed(1)}  F1 ${s.pronouns.f1.toFixed(1)}`,
      `  names: ${s.names.aligned} aligned mentions (${s.names.unaligned} unaligned)`,
      `    B3  P ${s.names.b3.precision.toFixed(1)}  R ${s.names.b3.recall.toFixed(1)}  F1 ${s.names.b3.f1.toFixed(1)}`,
      `    MUC P ${s.names.muc.precision.toFixed(1)}  R ${s.names.muc.recall.toFixed(1)}  F1 ${s.names.muc.f1.toFixed(1)}`,
    ].join('\n');
  return [`${r.file} (genre ${r.genre}, ${r.system.docs} documents)`, line('system', r.system), line('baseline (nearest compatible name)', r.baseline)].join('\n');
}
