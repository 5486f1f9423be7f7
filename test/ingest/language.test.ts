/**
 * Language identification: the posting-list scorer `francScores` must give exactly franc-min's
 * `francAll` ranking and scores (it replaces it for speed), on own sentences in several scripts,
 * pseudo-texts built from every franc-min profile, edge cases, and the first BBC stories.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { francAll } from 'franc-min';
import { data } from 'franc-min/data.js';
import { francScores, detectLanguage } from '../../src/ingest/language.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OWN = [
  'Le ministre a rencontré hier les représentants des syndicats pour discuter du budget.',
  'Die Regierung hat am Dienstag neue Maßnahmen gegen die steigenden Energiepreise angekündigt.',
  'El presidente viajó a la capital para reunirse con los líderes de la oposición.',
  'O governo anunciou ontem um novo programa de apoio às famílias mais pobres do país.',
  'Il sindaco ha inaugurato la nuova biblioteca comunale davanti a centinaia di cittadini.',
  'De minister heeft gisteren een nieuw plan voor de woningmarkt gepresenteerd in Den Haag.',
  'Министр иностранных дел провёл переговоры с коллегой из соседней страны во вторник.',
  'Міністр оборони заявив, що армія готова до будь-яких викликів найближчими місяцями.',
  'وقال المتحدث باسم الحكومة إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.',
  'प्रधानमंत्री ने सोमवार को नई शिक्षा नीति की घोषणा की और राज्यों से सहयोग मांगा।',
  '政府周二宣布了一项新的经济刺激计划，以应对不断上升的失业率。',
  'The foreign minister met his counterpart on Tuesday to discuss trade and border security.',
  'Talks between Kyrgyzstan and Tajikistan on the disputed border resumed in Dushanbe on Monday.',
  'Ο πρωθυπουργός ανακοίνωσε νέα μέτρα για τη στήριξη των νοικοκυριών την Τετάρτη.',
  '12345 67890 !!! ??? 2024-05-01 10:30',
  'ok',
  '',
  'Mixed text: the ministre said que la réunion était productive, and talks will go on.',
];

function pseudoTexts(): string[] {
  const out: string[] = [];
  const rand = rng(7);
  for (const script of Object.keys(data)) {
    for (const name of Object.keys(data[script])) {
      const model = data[script][name].split('|');
      for (const len of [60, 400, 2500]) {
        let s = '';
        while (s.length < len) s += model[Math.floor(rand() ** 2 * model.length)] + (rand() < 0.3 ? ' ' : '');
        out.push(s);
      }
    }
  }
  return out;
}

describe('francScores = franc-min francAll', () => {
  it('on own sentences and edge cases, for several minimum lengths', () => {
    for (const t of OWN) for (const min of [undefined, 10, 40]) {
      expect(francScores(t, min ?? 10)).toEqual(francAll(t, min === undefined ? {} : { minLength: min }));
    }
  });

  it('on pseudo-texts drawn from every franc-min profile (60 to 2,500 characters)', () => {
    const texts = pseudoTexts();
    expect(texts.length).toBeGreaterThan(190);
    for (const t of texts) expect(francScores(t, 40)).toEqual(francAll(t, { minLength: 40 }));
  });

  it('on the first 150 BBC (30 per category) stories (first 2,000 characters, as detectLanguage reads them)', () => {
    const root = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpora', 'bbc-news', 'bbc');
    if (!fs.existsSync(root)) return;
    let n = 0;
    for (const cat of fs.readdirSync(root).sort()) {
      const dir = path.join(root, cat);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const f of fs.readdirSync(dir).sort().slice(0, 30)) {
        const t = fs.readFileSync(path.join(dir, f), 'latin1').slice(0, 2000);
        expect(francScores(t, 40)).toEqual(francAll(t, { minLength: 40 }));
        n++;
      }
    }
    expect(n).toBe(150);
  });

  it('detectLanguage keeps its decisions', () => {
    expect(detectLanguage(OWN[0])).toBe('fr');
    expect(detectLanguage(OWN[6])).toBe('ru');
    expect(detectLanguage(OWN[11])).toBe('en');
    expect(detectLanguage('short')).toBeUndefined();
  });
});
