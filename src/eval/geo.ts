/**
 * Geoparsing evaluation on GRITTA's copies of LGL (Lieberman et al. 2010, local news) and GeoVirus
 * (Gritta et al. 2018, WikiNews): `lgl.xml` (toponyms with GeoNames `gaztag` coordinates) and
 * `GeoVirus.xml` (locations with Wikipedia coordinates), as in Gritta, Pilehvar & Collier (2019),
 * "A Pragmatic Guide to Geoparsing Evaluation".
 *
 * Figures, the field's ones (Gritta et al. 2018, "What's missing in geographical parsing?"):
 * - accuracy@161 km: share of gold toponyms whose predicted coordinates lie within 161 km (100 miles);
 * - mean error distance, km (great-circle, haversine, Earth radius 6371 km);
 * - AUC of the error curve: the trapezoid area under the sorted ln(1 + error km) normalized by
 *   ln(20039) (half the Earth's circumference, the largest error); 0 is perfect, 1 worst.
 * A gold toponym the system does not resolve counts as an error of 20039 km.
 *
 * Two settings: **resolution** (the gold toponym spans, resolved with the story's context) and
 * **end to end** (toponyms from Dateline's own recognizer; a gold toponym counts as found when a
 * predicted place overlaps its span; recall = found / gold; accuracy over all gold toponyms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../pipeline.js';
import { DatelineError } from '../doc/errors.js';
import type { Doc } from '../doc/types.js';
import { resolveSpan, storyGeoContext } from '../geo/stage.js';

/** One gold toponym: span (UTF-16 offsets into the article text), name and coordinates. */
export interface GeoGoldToponym {
  start: number;
  end: number;
  text: string;
  lat: number;
  lon: number;
}

/** One article of a geoparsing corpus. */
export interface GeoArticle {
  id: string;
  text: string;
  toponyms: GeoGoldToponym[];
}

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The largest error, km (half the Earth's circumference), used for unresolved toponyms. */
export const MAX_ERROR_KM = 20039;

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const dec = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENT[e]);
const tag = (xml: string, name: string) => new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

/**
 * Parse `lgl.xml` or `GeoVirus.xml` (GRITTA's format): articles with `<text>` and `<toponym>`
 * (`start`, `end`, `phrase`, `gaztag` with `lat`/`lon`) or `<location>` (`name`, `start`, `end`,
 * `lat`, `lon`) elements. Toponyms without coordinates are left out.
 */
export function parseGrittaXml(xml: string): GeoArticle[] {
  const out: GeoArticle[] = [];
  const re = /<article\b([^>]*)>([\s\S]*?)<\/article>/g;
  let n = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const body = m[2];
    let text = tag(body, 'text') ?? '';
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text.trim());
    text = cdata ? cdata[1] : dec(text);
    const id = /docid="([^"]+)"/.exec(m[1])?.[1] ?? tag(body, 'source') ?? String(n);
    n++;
    const toponyms: GeoGoldToponym[] = [];
    const tre = /<(toponym|location)>([\s\S]*?)<\/\1>/g;
    for (let t = tre.exec(body); t; t = tre.exec(body)) {
      const b = t[2];
      const lat = Number(tag(b, 'lat'));
      const lon = Number(tag(b, 'lon'));
      const start = Number(tag(b, 'start'));
      const end = Number(tag(b, 'end'));
      if (!tag(b, 'lat') || !Number.isFinite(lat) || !Number.isFinite(lon) || !(end > start)) continue;
      // GeoVirus' offsets are off by one here and there: take the printed name's occurrence nearest
      // to the given start
      const name = tag(b, 'phrase') ?? tag(b, 'name');
      let s0 = start;
      if (name && text.slice(start, start + name.length) !== dec(name)) {
        const nm = dec(name);
        let best = -1;
        for (let i = text.indexOf(nm, Math.max(0, start - 10)); i >= 0 && i <= start + 10; i = text.indexOf(nm, i + 1)) {
          if (best < 0 || Math.abs(i - start) < Math.abs(best - start)) best = i;
        }
        if (best < 0) continue;
        s0 = best;
        toponyms.push({ start: s0, end: s0 + nm.length, text: nm, lat, lon });
        continue;
      }
      toponyms.push({ start: s0, end, text: text.slice(s0, end), lat, lon });
    }
    out.push({ id, text, toponyms });
  }
  return out;
}

/** Error figures over a list of error distances (km). */
export interface ErrorFigures {
  n: number;
  /** Share within 161 km. */
  acc161: number;
  /** Mean error, km. */
  meanKm: number;
  /** Median error, km. */
  medianKm: number;
  /** Area under the normalized log-error curve (0 best, 1 worst). */
  auc: number;
}

/** accuracy@161 km, mean and median error and AUC (see the module doc) of error distances in km. */
export function errorFigures(errors: number[]): ErrorFigures {
  const e = [...errors].sort((a, b) => a - b);
  const n = e.length;
  if (!n) return { n: 0, acc161: 0, meanKm: 0, medianKm: 0, auc: 0 };
  const logs = e.map((x) => Math.log(1 + x) / Math.log(MAX_ERROR_KM));
  let area = 0;
  for (let i = 1; i < n; i++) area += (logs[i] + logs[i - 1]) / 2;
  return {
    n,
    acc161: e.filter((x) => x <= 161).length / n,
    meanKm: e.reduce((s, x) => s + x, 0) / n,
    medianKm: e[Math.floor(n / 2)],
    auc: n > 1 ? area / (n - 1) : logs[0],
  };
}

/** The report of one corpus. */
export interface GeoCorpusScore {
  corpus: string;
  articles: number;
  gold: number;
  /** Gold toponyms resolved from their gold spans. */
  resolution: ErrorFigures & { unresolved: number };
  /** Dateline's own toponyms. */
  endToEnd: ErrorFigures & { found: number; recall: number; predicted: number; precision: number };
  errors: Array<{ article: string; text: string; km: number; got: string }>;
}

/**
 * Where a gold span of the article text lies in `doc.text` (the clean stage may trim the text or
 * normalize characters): the occurrence of the same phrase nearest to the shifted offset, within
 * 80 code units; -1 when there is none.
 */
function locate(article: string, doc: Doc, t: GeoGoldToponym): number {
  if (doc.text === article) return t.start;
  const probe = doc.text.slice(0, 40);
  const at = probe ? article.indexOf(probe) : -1;
  const guess = t.start - (at >= 0 ? at : 0);
  let best = -1;
  for (let i = doc.text.indexOf(t.text, Math.max(0, guess - 80)); i >= 0 && i <= guess + 80; i = doc.text.indexOf(t.text, i + 1)) {
    if (best < 0 || Math.abs(i - guess) < Math.abs(best - guess)) best = i;
  }
  return best;
}

/**
 * Score one corpus: analyse each article with the full pipeline (places from Dateline's own
 * recognizer), then resolve every gold span with the same story context.
 */
export async function evaluateGeoCorpus(corpus: string, articles: GeoArticle[]): Promise<GeoCorpusScore> {
  const analyzer = createAnalyzer({});
  const res: number[] = [];
  const e2e: number[] = [];
  let unresolved = 0;
  let found = 0;
  let predicted = 0;
  let predictedRight = 0;
  let gold = 0;
  const errors: GeoCorpusScore['errors'] = [];
  for (const a of articles) {
    if (!a.toponyms.length || !a.text.trim()) continue;
    let doc: Doc;
    try {
      doc = await analyzer.analyze(a.text, { input: `${corpus}:${a.id}`, mediaType: 'text/plain' });
    } catch {
      for (const t of a.toponyms) { res.push(MAX_ERROR_KM); e2e.push(MAX_ERROR_KM); unresolved++; gold++; }
      continue;
    }
    const countries = storyGeoContext(doc, analyzer.ctx);
    predicted += doc.places.length;
    const matchedPlaces = new Set<number>();
    for (const t of a.toponyms) {
      gold++;
      const s = locate(a.text, doc, t);
      const e = s + t.text.length;
      const c = s >= 0 ? resolveSpan(doc, analyzer.ctx, s, e, countries) : null;
      const km = c ? haversineKm(t.lat, t.lon, c.lat, c.lon) : MAX_ERROR_KM;
      if (!c) unresolved++;
      res.push(km);
      if (km > 161) errors.push({ article: a.id, text: t.text, km: Math.round(km), got: c ? `${c.name} ${c.country} ${c.featureCode}` : 'unresolved' });
      const pi = doc.places.findIndex((p, i) => !matchedPlaces.has(i) && p.start < e && s < p.end);
      if (pi >= 0) {
        matchedPlaces.add(pi);
        found++;
        const p = doc.places[pi];
        const kk = haversineKm(t.lat, t.lon, p.lat, p.lon);
        e2e.push(kk);
        if (kk <= 161) predictedRight++;
      } else e2e.push(MAX_ERROR_KM);
    }
  }
  return {
    corpus,
    articles: articles.length,
    gold,
    resolution: { ...errorFigures(res), unresolved },
    endToEnd: { ...errorFigures(e2e), found, recall: gold ? found / gold : 0, predicted, precision: predicted ? predictedRight / predicted : 0 },
    errors,
  };
}

/** Options of {@link runEvalGeo}. */
export interface EvalGeoOptions {
  json?: boolean;
  /** At most this many articles per corpus (the first ones). */
  limit?: number;
  /** 1: the first 40 resolution errors per corpus; 2: all. */
  verbose?: number;
}

const CORPORA = [['LGL', 'lgl.xml'], ['GeoVirus', 'GeoVirus.xml']] as const;

/**
 * Evaluate on the GRITTA dev corpora in `dir` (LGL and GeoVirus; never GeoWebNews).
 * @throws DatelineError `E_NOT_FOUND` when neither corpus file exists.
 */
export async function evaluateGeo(dir: string, limit?: number): Promise<GeoCorpusScore[]> {
  const out: GeoCorpusScore[] = [];
  for (const [name, file] of CORPORA) {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) continue;
    let arts = parseGrittaXml(fs.readFileSync(p, 'utf8'));
    if (limit) arts = arts.slice(0, limit);
    out.push(await evaluateGeoCorpus(name, arts));
  }
  if (!out.length) throw new DatelineError('E_NOT_FOUND', `no lgl.xml or GeoVirus.xml in ${dir}`);
  return out;
}

const f1 = (x: number) => (100 * x).toFixed(1);

/** Render the geoparsing report. */
export function renderGeoScore(scores: GeoCorpusScore[], verbose = 0): string {
  const lines: string[] = [];
  for (const s of scores) {
    const r = s.resolution;
    const e = s.endToEnd;
    lines.push(`${s.corpus}: ${s.articles} articles, ${s.gold} gold toponyms with coordinates`);
    lines.push(`  resolution (gold spans):  acc@161km ${f1(r.acc161)}%  mean error ${r.meanKm.toFixed(0)} km  median ${r.medianKm.toFixed(0)} km  AUC ${r.auc.toFixed(3)}  unresolved ${r.unresolved}`);
    lines.push(`  end to end (own toponyms): recall ${f1(e.recall)}% (${e.found}/${s.gold})  acc@161km ${f1(e.acc161)}% of gold  mean error ${e.meanKm.toFixed(0)} km  AUC ${e.auc.toFixed(3)}  places predicted ${e.predicted}, ${f1(e.precision)}% of them within 161 km of a gold toponym`);
    if (verbose) {
      for (const x of s.errors.slice(0, verbose > 1 ? Infinity : 40)) lines.push(`    ${x.article}: ${x.text} → ${x.got} (${x.km} km)`);
    }
  }
  return lines.join('\n');
}

/**
 * `dateline eval geo [DIR]`: print the geoparsing report for `dir` (default
 * `../shared/gold/geo/gritta` beside the working directory).
 * @returns exit code 0.
 */
export async function runEvalGeo(dir: string | undefined, opts: EvalGeoOptions = {}, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const d = dir ?? path.resolve('..', 'shared', 'gold', 'geo', 'gritta');
  const scores = await evaluateGeo(d, opts.limit);
  if (opts.json) out.write(JSON.stringify(scores.map(({ errors, ...rest }) => ({ ...rest, errors: errors.length })), null, 2) + '\n');
  else out.write(renderGeoScore(scores, opts.verbose ?? 0) + '\n');
  return 0;
}
