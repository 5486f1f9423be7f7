/**
 * PETRARCH-compatible coding options and PLOVER-style coding: `require_dyad` false, agent-only
 * actors (`---GOV`), `%` compound patterns, actor phrases over several noun phrases, context actors
 * for unnamed groups, the PLOVER type of planned acts, and the PLOVER gold's SRC/TAR pairing.
 * Fixtures are our own sentences and fictional dictionary entries.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCoder } from '../../src/events/batch.js';
import { ploverOfPlanned, REQUIRE_DYAD, unconventionalForce, obstruction } from '../../src/events/coder.js';
import { eventsStage } from '../../src/events/stage.js';
import { createContext } from '../../src/context.js';
import { goldTriples, ploverV05 } from '../../src/eval/plover.js';
import { makeDoc, code, type EntSpec } from './helpers.js';

const VERBS = `####### VERB PATTERNS #######
--- POSTPONE [120] ---
POSTPONE
- % HAVE * [191]
--- WARN [160] ---
WARN
- * THEIR ^ ABOUT + [162]
--- SAY [023] ---
SAY {SAYS SAID SAYING}
--- CONDEMN [111] ---
CONDEMN
`;
const ACTORS = `ZEMBLA_ [ZEM]
ZEMBLAN_ [ZEM]
ONHAVA [ONH]
PRINCE OF BLAVEK [BLV]
`;
const AGENTS = `OFFICIAL [~GOV]
OFFICIALS [~GOV]
MINISTER [~GOV]
GOVERNMENT [~GOV]
MEDIA [~MED]
LAWMAKERS [~LEG]
CLERICS [~REL]
`;

describe('analyst dictionaries: PETRARCH conventions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-opt-'));
  fs.writeFileSync(path.join(dir, 't.verbs.txt'), VERBS);
  fs.writeFileSync(path.join(dir, 't.actors.txt'), ACTORS);
  fs.writeFileSync(path.join(dir, 't.agents.txt'), AGENTS);
  const t = (evs: Array<{ source: { actor: string }; target: { actor: string } | null; cameo: string }>) => evs.map((e) => `${e.source.actor}|${e.target?.actor ?? '---'}|${e.cameo}`).sort();

  it('codes a % pattern between the members of a compound subject', async () => {
    const coder = createCoder({ dictionaries: dir });
    expect(t((await coder.code({ id: '1', date: '2001-01-01', text: 'Zembla and Onhava have postponed their meeting.' })).events)).toEqual(['ONH|ZEM|191', 'ZEM|ONH|191']);
  });
  it('reads an actor phrase across "of" and gives the first actor the agent', async () => {
    const coder = createCoder({ dictionaries: dir });
    expect(t((await coder.code({ id: '2', date: '2001-01-01', text: "Zembla's minister Onhava warned their people about the Prince of Blavek." })).events)).toEqual(['ZEMGOV|BLV|162']);
  });
  it('codes coordinated agents each: in one phrase, with a shared of/in phrase, and with no actor', async () => {
    const coder = createCoder({ dictionaries: dir });
    const c = async (text: string) => t((await coder.code({ id: 'c', date: '2001-01-01', text })).events);
    expect(await c('Zemblan media and government condemned Onhava.')).toEqual(['ZEMGOV|ONH|111', 'ZEMMED|ONH|111']);
    expect(await c('Lawmakers and officials in Zembla condemned Onhava.')).toEqual(['ZEMGOV|ONH|111', 'ZEMLEG|ONH|111']);
    expect(await c('Clerics and lawmakers condemned Onhava.')).toEqual(['---LEG|ONH|111', '---REL|ONH|111']);
  });
  it('codes an agent with no actor as ---AGT, and a target-less event only with require_dyad false', async () => {
    const text = 'Zembla strongly condemned Onhava on Monday, a senior official said.';
    expect(t((await createCoder({ dictionaries: dir }).code({ id: '3', date: '2001-01-01', text })).events)).toEqual(['ZEM|ONH|111']);
    expect(t((await createCoder({ dictionaries: dir, requireDyad: false }).code({ id: '4', date: '2001-01-01', text })).events)).toEqual(['---GOV|---|023', 'ZEM|ONH|111']);
  });
});

const P = (name: string, id: number, country: string, fc: string) => ({ name, geonamesId: id, lat: 1, lon: 2, country, featureCode: fc });
const ENTS: EntSpec[] = [
  { forms: ['Lyon'], type: 'LOC', country: 'FR', place: P('Lyon', 2996944, 'FR', 'PPLA') },
  { forms: ['Israel'], type: 'LOC', country: 'IL', actor: 'ISR', place: P('Israel', 294640, 'IL', 'PCLI') },
  { forms: ['Turkey'], type: 'LOC', country: 'TR', place: P('Turkey', 298795, 'TR', 'PCLI') },
];

describe('PLOVER-style coding (require_dyad false)', () => {
  const monadic = createContext();
  monadic.resource(REQUIRE_DYAD, () => false);
  it('codes an unnamed group of people from its context, only in that mode', async () => {
    const text = 'Thousands of students staged mass demonstrations in Lyon.';
    const doc = makeDoc(text, ENTS);
    await eventsStage.run(doc, monadic);
    const e = doc.events.find((x) => x.cameo === '141');
    expect(e?.source.actor).toBe('FRAEDU');
    expect(e?.plover).toBe('PROTEST');
    expect(await code(makeDoc(text, ENTS))).toEqual([]);
  });
  it('types a planned act of coercion THREATEN and a planned act of cooperation AGREE', () => {
    expect(ploverOfPlanned('COERCE', '163', 'planned')).toBe('THREATEN');
    expect(ploverOfPlanned('COERCE', '163', 'asserted')).toBe('COERCE');
    expect(ploverOfPlanned('AID', '070', 'planned')).toBe('AGREE');
    expect(ploverOfPlanned('REJECT', '120', 'planned')).toBe('REJECT');
    expect(ploverV05('163', 'THREATEN')).toBe('THREATEN');
    expect(ploverV05('190', 'ASSAULT')).toBe('FIGHT');
    expect(ploverV05('0813', 'RETREAT')).toBe('CONCEDE');
    expect(ploverV05('0874', 'RETREAT')).toBe('RETREAT');
  });
  it('tells unconventional violence (CAMEO 18) from conventional force (19)', () => {
    const w = (t: string) => t.toLowerCase().split(' ');
    expect(unconventionalForce('190', 'beat', w('soldiers beat up detainees'), ['ZEMMIL'])).toBe('182');
    expect(unconventionalForce('190', 'kill', w('a roadside bombing killed two soldiers'), ['ZEM'])).toBe('183');
    expect(unconventionalForce('190', 'kill', w('rebels killed the deputy chief'), ['ZEMREB'])).toBe('1823');
    expect(unconventionalForce('190', 'kill', w('rebels shelled the town killing 20'), ['ZEMREB'])).toBe('190');
    expect(unconventionalForce('190', 'kill', w('troops killed three villagers'), ['ZEMMIL'])).toBe('190');
    expect(unconventionalForce('193', 'kill', w('gunmen killed two'), ['ZEMUAF'])).toBe('193');
  });
  it('codes no event for a reduced relative or a plural noun tagged as a verb; kills by rebels are 18x', async () => {
    const coder = createCoder({ requireDyad: false });
    const codes = async (text: string) => (await coder.code({ id: 'x', date: '2024-05-01', text })).events.map((e) => `${e.cameo} ${e.source.actor}>${e.target?.actor ?? ''}`);
    expect(await codes('Norway rejected calls by Sweden to reopen the border.')).not.toContain('041 NOR>SWE');
    expect((await codes('France suspended a military aid program for Mali aimed at training the army.')).filter((c) => c.startsWith('03'))).toEqual([]);
    expect(await codes('Chadian rebels killed two Nigerian soldiers.')).toContain('1823 TCDREB>NGAMIL');
    expect(await codes('Nigerian troops killed two Chadian rebels in an air strike.')).toContain('190 NGAMIL>TCDREB');
    expect(await codes('British aircraft killed four Iraqis in Basra.')).toContain('190 GBRMIL>IRQ');
    expect((await codes('A Palestinian prisoner died in Israeli police custody.')).filter((c) => c.startsWith('19'))).toEqual([]);
    // a verb after a clause boundary or a verb of saying is no reduced relative
    expect(await codes('As the talks collapsed, Russia appealed to Ukraine for calm.')).toContain('020 RUS>UKR');
    expect(await codes('Putin said Russia appealed to Ukraine for calm.')).toContain('020 RUS>UKR');
  });
  it('codes blocking a road by protesters as 144 and by the state as 191', () => {
    const w = (t: string) => t.toLowerCase().split(' ');
    expect(obstruction('170', 'block', w('angry farmers blocked the bridge'), ['ZEMAGR'])).toBe('144');
    expect(obstruction('170', 'block', w('the army blocked roads into the city'), ['ZEMMIL'])).toBe('191');
    expect(obstruction('170', 'block', w('zembla blocked access to the port'), ['ZEM'])).toBe('191');
    expect(obstruction('170', 'block', w('zembla blocked the resolution'), ['ZEM'])).toBe('170');
  });
  it('pairs the gold actors marked SRC/TAR both ways', () => {
    const r = { id: 'x', date: '2000-01-01', text: '', markup: '(SRC/TAR: Zembla) and (SRC/TAR: Onhava) agreed.', expected: [{ source: 'ZEM', target: '', code: 'AGREE' }, { source: 'ONHGOV', target: '', code: 'AGREE' }] };
    expect(goldTriples(r)).toEqual(['AGREE|ONH|ZEM', 'AGREE|ZEM|ONH']);
    expect(goldTriples({ ...r, markup: '(SRC: Zembla) agreed.', expected: [r.expected[0]] })).toEqual(['AGREE|ZEM|']);
  });
});
