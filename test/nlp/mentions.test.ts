import { describe, it, expect, beforeAll } from 'vitest';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { segment } from '../../src/nlp/segment.js';
import { recognize } from '../../src/nlp/mentions.js';
import { clusterMentions, nameKey } from '../../src/link/entities.js';
import type { NameLexicon } from '../../src/nlp/lexicon.js';
import type { MentionType } from '../../src/doc/types.js';

// A small lexicon written for these tests (the real one is compiled from GeoNames and Phoenix).
const PLACES = ['france', 'paris', 'ghana', 'accra', 'lake victoria', 'kenya', 'nairobi', 'peru', 'lima'];
const DEMONYMS: Record<string, [string, string]> = { french: ['FRA', 'France'], ghanaian: ['GHA', 'Ghana'], kenyan: ['KEN', 'Kenya'], peruvian: ['PER', 'Peru'] };
const COUNTRIES: Record<string, [string, string]> = { france: ['FRA', 'France'], ghana: ['GHA', 'Ghana'], kenya: ['KEN', 'Kenya'], peru: ['PER', 'Peru'] };
const lex: NameLexicon = {
  match(words, i) {
    for (let n = 3; n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ').toLowerCase();
      if (words.length >= i + n && PLACES.includes(phrase)) return { length: n, type: 'LOC' as MentionType };
    }
    if (DEMONYMS[words[i]?.toLowerCase()]) return { length: 1, type: 'NORP' as MentionType };
    return null;
  },
  demonym: (w) => DEMONYMS[w.toLowerCase()]?.[0] ?? null,
  country: (w) => {
    const c = COUNTRIES[w.toLowerCase()] ?? DEMONYMS[w.toLowerCase()];
    return c ? { iso3: c[0], name: c[1] } : null;
  },
};

let nlp: ReturnType<typeof winkNLP>;
beforeAll(() => { nlp = winkNLP(model, ['sbd', 'pos']); });

function run(text: string) {
  const { sentences, tokens } = segment(nlp, text);
  return recognize({ text, tokens, sentences }, lex);
}
const pairs = (text: string) => run(text).map((m) => `${m.text}/${m.type}`);

describe('rule-based mention recognizer', () => {
  it('splits a demonym and title off a person name', () => {
    const got = pairs('Ghanaian President Kofi Mensah-Boateng arrived in Nairobi on Monday.');
    expect(got).toContain('Ghanaian/NORP');
    expect(got).toContain('Kofi Mensah-Boateng/PER');
    expect(got).toContain('Nairobi/LOC');
    expect(got.some((p) => p.startsWith('President'))).toBe(false);
    expect(got.some((p) => p.startsWith('Monday'))).toBe(false);
  });

  it('types organizations by head word and acronym', () => {
    const got = pairs('The East African Grain Council and the IGAD monitors met the Kenyan delegation.');
    expect(got).toContain('East African Grain Council/ORG');
    expect(got).toContain('IGAD/ORG');
    expect(got).toContain('Kenyan/NORP');
  });

  it('keeps an ordinal unit name whole and locations by head word', () => {
    const got = pairs('Soldiers of the 45th Mountain Brigade patrolled near Lake Victoria and the Rift Valley.');
    expect(got).toContain('45th Mountain Brigade/ORG');
    expect(got).toContain('Lake Victoria/LOC');
    expect(got).toContain('Rift Valley/LOC');
  });

  it('does not tag sentence-initial common words, months or weekdays', () => {
    const got = pairs('Earlier this week the ministry said prices rose in March. Meanwhile Paris waited.');
    expect(got).toEqual(['Paris/LOC']);
  });

  it('types a lone surname as the person named in full elsewhere', () => {
    const m = run('Finance minister Amara Okonjo spoke first. Okonjo said the budget was late.');
    expect(m.filter((x) => x.type === 'PER').map((x) => x.text)).toEqual(['Amara Okonjo', 'Okonjo']);
    const clusters = clusterMentions(m);
    expect(clusters.find((c) => c.type === 'PER')!.mentions.map((x) => x.text)).toEqual(['Amara Okonjo', 'Okonjo']);
  });

  it('tags product-like hyphenated names as MISC', () => {
    expect(pairs('The navy bought two Sentinel-X drones.')).toContain('Sentinel-X/MISC');
  });
});

describe('entity clustering', () => {
  it('links romanization variants and acronyms', () => {
    expect(nameKey('Toqaev')).toBe(nameKey('Tokayev'));
    const text = 'The Andean Water Authority (AWA) met. Olga Lukashenka spoke. Later Lukashenko and the AWA left.';
    const m = run(text);
    const clusters = clusterMentions(m);
    const per = clusters.find((c) => c.type === 'PER')!;
    expect(per.mentions.map((x) => x.text)).toEqual(['Olga Lukashenka', 'Lukashenko']);
    const org = clusters.find((c) => c.mentions.some((x) => x.text === 'Andean Water Authority'))!;
    expect(org.mentions.map((x) => x.text)).toEqual(['Andean Water Authority', 'AWA', 'AWA']);
  });
});
