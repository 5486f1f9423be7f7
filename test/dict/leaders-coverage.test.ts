/**
 * Coverage of dated leader roles in data/actors.json.gz, checked against the source data
 * (../shared/dict/leaders/cia_factbook_executive_1990_2025.tsv, CIA World Factbook 1990–2025).
 *
 * For every G20 member state and every post-Soviet state:
 * - the head of state and the head of government of the latest Factbook edition resolve to the
 *   country's GOV code (e.g. `KAZGOV`) on a day in 2025 (the later of 2025-07-01 and their "since"
 *   date); a monarch "represented by" a governor-general resolves to the GOV code of the state where
 *   they reign in person (Canada's and Australia's King Charles → GBRGOV);
 * - a historical holder (the latest earlier head of state or government who holds neither office in
 *   any later edition) resolves to GOV within their own term and not to GOV a year after their
 *   successor took office.
 * - every foreign minister of these states in the Wikidata snapshot (current on 2022-12-10, with
 *   start dates) resolves to GOV at the snapshot's end of year (Belarus has no row: its minister died
 *   on 2022-11-26). Defence ministers are not covered: ../shared/dict/leaders has no such list.
 * Skipped when ../shared is absent.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir, hasShared, repoRoot } from '../helpers/shared.js';
import { holderName, lostLetterVariants, type HolderName } from '../../src/dict/leaders.js';
import { loadActorDictionary } from '../../src/link/actor-dictionary.js';

/** G20 member states (ISO 3166-1 alpha-2 → alpha-3). */
const G20: Record<string, string> = {
  AR: 'ARG', AU: 'AUS', BR: 'BRA', CA: 'CAN', CN: 'CHN', FR: 'FRA', DE: 'DEU', IN: 'IND', ID: 'IDN', IT: 'ITA',
  JP: 'JPN', KR: 'KOR', MX: 'MEX', RU: 'RUS', SA: 'SAU', ZA: 'ZAF', TR: 'TUR', GB: 'GBR', US: 'USA',
};
/** The fifteen post-Soviet states. */
const POST_SOVIET: Record<string, string> = {
  AM: 'ARM', AZ: 'AZE', BY: 'BLR', EE: 'EST', GE: 'GEO', KZ: 'KAZ', KG: 'KGZ', LV: 'LVA', LT: 'LTU', MD: 'MDA',
  RU: 'RUS', TJ: 'TJK', TM: 'TKM', UA: 'UKR', UZ: 'UZB',
};
const COUNTRIES: Record<string, string> = { ...G20, ...POST_SOVIET };

interface Row {
  year: number;
  iso2: string;
  hos: string;
  hosSince: string;
  hog: string;
  hogSince: string;
  realm: boolean;
}

function readRows(): Row[] {
  const lines = fs.readFileSync(path.join(sharedDir, 'dict', 'leaders', 'cia_factbook_executive_1990_2025.tsv'), 'utf8').split('\n');
  const head = lines[0].split('\t');
  const col = (n: string) => head.indexOf(n);
  const out: Row[] = [];
  for (const l of lines.slice(1)) {
    const f = l.split('\t');
    if (f.length < head.length || f[col('entity_type')] !== 'sovereign') continue;
    out.push({
      year: +f[col('edition_year')],
      iso2: f[col('iso2')],
      hos: f[col('hos_holder')],
      hosSince: f[col('hos_since')],
      hog: f[col('hog_holder')],
      hogSince: f[col('hog_since')],
      realm: /represented by/i.test(f[col('chief_of_state_text')]),
    });
  }
  return out;
}

const key = (words: string[]) => words.join(' ');
/** The spellings of a holder's name (one per reading of letters the archive lost, see `lostLetterVariants`). */
function spellings(n: HolderName): string[] {
  let out: string[][] = [[]];
  for (const w of n.words) out = out.flatMap((p) => lostLetterVariants(w).map((v) => [...p, v]));
  return out.map(key);
}
const addDays = (iso: string, n: number) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
const fullDay = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);

describe.skipIf(!hasShared)('leader coverage of the actor dictionary (G20 and post-Soviet states)', () => {
  const dict = loadActorDictionary(path.join(repoRoot, 'data'));
  const rows = hasShared ? readRows() : [];

  it('current heads of state and government resolve to GOV on a day in 2025', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [iso2, iso3] of Object.entries(COUNTRIES)) {
      const mine = rows.filter((r) => r.iso2 === iso2 && (r.hos || r.hog));
      const latest = Math.max(...mine.map((r) => r.year));
      expect(latest, iso2).toBeGreaterThanOrEqual(2025);
      const row = mine.find((r) => r.year === latest)!;
      for (const [role, holder, since] of [['head of state', row.hos, row.hosSince], ['head of government', row.hog, row.hogSince]] as const) {
        const n = holderName(holder);
        if (!n) {
          failures.push(`${iso2} ${role}: no name in "${holder}"`);
          continue;
        }
        let want = iso3 + 'GOV';
        if (role === 'head of state' && row.realm) {
          // the monarch's own state: the same holder without a governor-general
          const own = rows.find((r) => r.year === latest && r.hos === holder && !r.realm);
          want = own ? COUNTRIES[own.iso2] + 'GOV' : want;
        }
        const day = fullDay(since) && since > '2025-07-01' ? since : '2025-07-01';
        const codes = spellings(n).map((sp) => dict.lookup(sp, day)?.code);
        checked++;
        if (!codes.includes(want)) failures.push(`${iso2} ${role} ${key(n.words)} on ${day}: ${codes.find(Boolean) ?? 'none'} (want ${want})`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(2 * Object.keys(COUNTRIES).length);
  });

  it('a historical holder resolves to GOV in office and not a year after leaving it', () => {
    const failures: string[] = [];
    // names the Factbook gives to holders in several states ("King Abdallah": Jordan, Saudi Arabia) are ambiguous
    const statesOf = new Map<string, Set<string>>();
    for (const r of rows) {
      for (const h of [r.realm ? '' : r.hos, r.hog]) {
        const n = holderName(h);
        if (!n) continue;
        const k = key(n.words);
        if (!statesOf.has(k)) statesOf.set(k, new Set());
        statesOf.get(k)!.add(r.iso2);
      }
    }
    for (const [iso2, iso3] of Object.entries(COUNTRIES)) {
      const mine = rows.filter((r) => r.iso2 === iso2).sort((a, b) => a.year - b.year);
      // every (edition, name) of a head of state or government, with the "since" the edition gives
      const spells: Array<{ year: number; role: string; name: string; since: string }> = [];
      for (const r of mine) {
        for (const [role, h, s] of [['hos', r.realm ? '' : r.hos, r.hosSince], ['hog', r.hog, r.hogSince]]) {
          const n = holderName(h);
          if (n) spells.push({ year: r.year, role, name: key(n.words), since: s });
        }
      }
      const lastYear = new Map<string, number>();
      for (const s of spells) lastYear.set(s.name, Math.max(lastYear.get(s.name) ?? 0, s.year));
      const latest = Math.max(...spells.map((s) => s.year));
      // the latest holder whose last edition is before the latest one, with a full "since" date
      const gone = [...lastYear].filter(([, y]) => y < latest).sort((a, b) => b[1] - a[1]);
      let done = false;
      for (const [name, ly] of gone) {
        const mineSp = spells.filter((s) => s.name === name && s.year === ly && fullDay(s.since));
        const role = mineSp[0]?.role;
        // the next holder of the same office
        const successor = spells.filter((s) => s.year > ly && s.role === role && s.name !== name && fullDay(s.since)).sort((a, b) => a.year - b.year)[0];
        if (!mineSp.length || !successor || name.includes('?') || statesOf.get(name)!.size > 1) continue;
        const start = mineSp[mineSp.length - 1].since;
        // a day of their term covered by the Factbook editions (1990 on)
        const inOffice = [addDays(start, 30), `${ly}-01-01`].sort()[1] > successor.since ? addDays(start, 30) : [addDays(start, 30), `${ly}-01-01`].sort()[1];
        const after = addDays(successor.since, 365);
        if (inOffice >= successor.since || after > '2025-12-31') continue;
        const during = dict.lookup(name, inOffice)?.code;
        const later = dict.lookup(name, after)?.code;
        if (during !== iso3 + 'GOV') failures.push(`${iso2} ${name} on ${inOffice}: ${during ?? 'none'} (want ${iso3}GOV)`);
        if (later === iso3 + 'GOV') failures.push(`${iso2} ${name} on ${after}: still ${later}`);
        done = true;
        break;
      }
      if (!done) failures.push(`${iso2}: no historical holder to check`);
    }
    expect(failures).toEqual([]);
  });

  it('foreign ministers of the Wikidata snapshot resolve to GOV', () => {
    const lines = fs.readFileSync(path.join(sharedDir, 'dict', 'leaders', 'wikidata', 'foreign_ministers_current_wikidata_2022-12-10.csv'), 'utf8').split('\n');
    const csv = (l: string) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
    const head = csv(lines[0]);
    const [cName, cCountry, cStart] = ['name', 'countryLabel', 'start'].map((n) => head.indexOf(n));
    // Wikidata country labels of the states checked
    const labels: Record<string, string> = { "People's Republic of China": 'CHN', 'United States of America': 'USA', 'United Kingdom': 'GBR', 'South Korea': 'KOR' };
    const byName = new Map<string, string>();
    for (const [iso2, iso3] of Object.entries(COUNTRIES)) byName.set(new Intl.DisplayNames(['en'], { type: 'region' }).of(iso2)!, iso3);
    const failures: string[] = [];
    let checked = 0;
    for (const l of lines.slice(1)) {
      if (!l.trim()) continue;
      const f = csv(l);
      const iso3 = labels[f[cCountry]] ?? byName.get(f[cCountry]);
      if (!iso3 || !f[cName] || !f[cStart]) continue;
      checked++;
      const code = dict.lookup(f[cName], '2022-12-31')?.code;
      if (code !== iso3 + 'GOV') failures.push(`${f[cCountry]} ${f[cName]}: ${code ?? 'none'}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(30);
  });
});

