import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseVerbDictionary, compileVerbs, parsePatternElems } from '../../src/dict/verbs.js';
import { parseActorDictionary, parseAgentDictionary, parseDiscards, codeOnDate, petrDate, isoToInt } from '../../src/dict/actors.js';
import { buildLexicon, loadDictionaries, containsPhrase } from '../../src/dict/index.js';
import { createCoder } from '../../src/events/batch.js';

// Own fixtures in the dictionaries' formats (fictional names).
const VERBS2 = `####### SYNONYM SETS #######
&WEAPON
+RIFLE
+MORTAR_
####### VERB PATTERNS #######
--- CONDEMN [111] ---
CONDEMN
DENOUNCE
- * (FOR {&WEAPON SALES}) [112]
- * + [111]
--- MEET [040] ---
MEET {MEETS MET MEETING}
- * (WITH +) [040:040]
`;
const VERBS1 = `<!-- old style -->
&TIES
+ECONOMIC
--- RESTORE [064] ---
RESTORE
- * NEW_&TIES_RELATIONS [903]
- IN_* [075]
`;
const ACTORS = `ZEMBLA_ [ZEM]
+ZEMBLAN
KING_CHARLES_XAVIER_
\t[ZEMELI <950601]
\t[ZEMGOV 19950601 - 19990815]
\t[ZEMREB >990816]
ONHAVA [ONH]
THE_SHIRE [FRO/BIL]
`;
const AGENTS = `!MINST! = MINISTER, MINISTERS
PRESIDENT [~GOV]
FOREIGN_!MINST! [~GOVFRM]
OBSERVER [IGO~]
`;

describe('verb dictionary reader', () => {
  it('reads PETRARCH-2 synsets (with plurals unless "_"), blocks, patterns and paired codes', () => {
    const d = parseVerbDictionary(VERBS2);
    expect(d.synsets['&WEAPON']).toEqual([['rifle'], ['rifles'], ['mortar']]);
    expect(d.blocks.map((b) => b.name)).toEqual(['CONDEMN', 'MEET']);
    const meet = d.blocks[1];
    expect(meet.patterns[0]).toMatchObject({ pre: [], code: '040', rev: '040' });
    expect(meet.patterns[0].post).toEqual([{ pp: ['with'], e: ['+'] }]);
    const c = compileVerbs([d]);
    expect(c.forms['met']).toEqual([[1, null]]);
    expect(c.forms['denounces']).toEqual([[0, null]]);
  });
  it('reads PETRARCH-1 "_" phrases and synsets between blocks', () => {
    const d = parseVerbDictionary(VERBS1);
    expect(d.synsets['&TIES']).toEqual([['economic'], ['economics']]);
    expect(d.blocks[0].patterns[0].post).toEqual([{ p: ['new', '&TIES', 'relations'] }]);
    expect(d.blocks[0].patterns[1].pre).toEqual(['in']);
    expect(parsePatternElems('IN_*', true)).toEqual(['in', '*']);
  });
});

describe('actor, agent and discard readers', () => {
  it('reads dated codes with PETRARCH date pivots', () => {
    expect(petrDate('950601')).toBe(19950601);
    expect(petrDate('250101')).toBe(20250101);
    expect(petrDate('19990815')).toBe(19990815);
    const g = parseActorDictionary(ACTORS);
    expect(g.map((x) => x.names[0].raw)).toEqual(['ZEMBLA_', 'KING_CHARLES_XAVIER_', 'ONHAVA', 'THE_SHIRE']);
    const king = g[1].codes;
    expect(codeOnDate(king, isoToInt('1990-01-01'))).toBe('ZEMELI');
    expect(codeOnDate(king, isoToInt('1995-06-01'))).toBe('ZEMGOV');
    expect(codeOnDate(king, isoToInt('1999-08-15'))).toBe('ZEMGOV');
    expect(codeOnDate(king, isoToInt('2001-01-01'))).toBe('ZEMREB');
  });
  it('reads agents with substitution sets and plurals', () => {
    const a = parseAgentDictionary(AGENTS);
    expect(a['PRESIDENT']).toBe('~GOV');
    expect(a['PRESIDENTS']).toBe('~GOV');
    expect(a['FOREIGN MINISTERS']).toBe('~GOVFRM');
    expect(a['OBSERVER']).toBe('IGO~');
  });
  it('reads discards and matches phrases', () => {
    const d = parseDiscards('+Manchester United  # story\nMONTHS LATER\n');
    expect(d.story).toEqual([['MANCHESTER', 'UNITED']]);
    expect(containsPhrase(['SIX', 'MONTHS', 'LATER'], d.sentence)).toBe(true);
    expect(containsPhrase(['MONTHS', 'AGO'], d.sentence)).toBe(false);
  });
  it('matches the longest actor phrase with the code of the date', () => {
    const lex = buildLexicon([ACTORS], [AGENTS]);
    const w = ['KING', 'CHARLES', 'XAVIER', 'SPOKE'];
    expect(lex.actorAt(w, 0, '1996-01-01')).toMatchObject({ length: 3, code: 'ZEMGOV' });
    expect(lex.actorAt(w, 0, '2005-01-01')).toMatchObject({ code: 'ZEMREB' });
    expect(lex.agentAt(['FOREIGN', 'MINISTER'], 0)).toMatchObject({ length: 2, code: '~GOVFRM' });
  });
  it('reads an underscore token inside a phrase as the word joiner ("King_Charles_Xavier")', () => {
    const lex = buildLexicon([ACTORS], [AGENTS]);
    expect(lex.actorAt(['KING', '_', 'CHARLES', '_', 'XAVIER'], 0, '1996-01-01')).toMatchObject({ length: 5, code: 'ZEMGOV' });
    expect(lex.actorAt(['_', 'ONHAVA'], 0)).toBeNull();
  });
});

describe('coding with an analyst directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-dict-'));
  fs.writeFileSync(path.join(dir, 'my.verbs.txt'), VERBS2);
  fs.writeFileSync(path.join(dir, 'my.actors.txt'), ACTORS);
  fs.writeFileSync(path.join(dir, 'my.agents.txt'), AGENTS);
  fs.writeFileSync(path.join(dir, 'my.discards.txt'), 'BASEBALL\n');
  it('loads the directory by file names', () => {
    const d = loadDictionaries(dir);
    expect(d.files.verbs).toHaveLength(1);
    expect(d.lexicon?.size).toBeGreaterThan(3);
  });
  it('codes source/target/code with dated actors, agents, pairs and discards', async () => {
    const coder = createCoder({ dictionaries: dir });
    const t = (r: Awaited<ReturnType<typeof coder.code>>) => r.events.map((e) => `${e.source.actor}|${e.target?.actor ?? ''}|${e.cameo}`).sort();
    expect(t(await coder.code({ id: '1', date: '1996-03-01', text: 'King Charles Xavier denounced Onhava on Monday.' }))).toEqual(['ZEMGOV|ONH|111']);
    expect(t(await coder.code({ id: '2', date: '2003-03-01', text: 'King Charles Xavier denounced Onhava on Monday.' }))).toEqual(['ZEMREB|ONH|111']);
    expect(t(await coder.code({ id: '3', date: '2003-03-01', text: 'The Zemblan president met with Onhava.' }))).toEqual(['ONH|ZEMGOV|040', 'ZEMGOV|ONH|040']);
    expect(t(await coder.code({ id: '4', date: '2003-03-01', text: 'Zembla denounced Onhava and the Shire.' }))).toEqual(['ZEM|BIL|111', 'ZEM|FRO|111', 'ZEM|ONH|111']);
    const d = await coder.code({ id: '5', date: '2003-03-01', text: 'Zembla denounced Onhava after the baseball game.' });
    expect(d).toMatchObject({ discarded: 'sentence', events: [] });
    expect(await coder.code({ id: '6', text: '' })).toMatchObject({ error: { code: 'E_EMPTY' } });
  });
});
