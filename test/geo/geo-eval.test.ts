/**
 * Geoparsing: the evaluation's arithmetic on fixtures, gazetteer fixes (country abbreviations, US
 * states over small towns), and floors on the first 100 articles of GRITTA's LGL and GeoVirus
 * (dev corpora; GeoWebNews is never read).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { errorFigures, evaluateGeo, haversineKm, parseGrittaXml, MAX_ERROR_KM } from '../../src/eval/geo.js';
import { createContext } from '../../src/context.js';
import { gazetteer } from '../../src/geo/gazetteer.js';
import { hasShared, sharedDir } from '../helpers/shared.js';

describe('geo evaluation arithmetic', () => {
  test('haversine: Paris–London about 344 km', () => {
    expect(haversineKm(48.8566, 2.3522, 51.5074, -0.1278)).toBeGreaterThan(330);
    expect(haversineKm(48.8566, 2.3522, 51.5074, -0.1278)).toBeLessThan(360);
  });
  test('accuracy@161, mean error and AUC', () => {
    const f = errorFigures([0, 100, 200, MAX_ERROR_KM]);
    expect(f.acc161).toBe(0.5);
    expect(f.meanKm).toBeCloseTo((300 + MAX_ERROR_KM) / 4);
    expect(f.auc).toBeGreaterThan(0);
    expect(f.auc).toBeLessThan(1);
    expect(errorFigures([0, 0]).auc).toBe(0);
  });
  test('GRITTA XML: LGL toponyms and GeoVirus locations', () => {
    const lgl = parseGrittaXml('<articles><article docid="1"><text><![CDATA[Fire in Alexandria.]]></text><toponyms><toponym><start>8</start><end>18</end><phrase>Alexandria</phrase><gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym><toponym><start>0</start><end>4</end><phrase>Fire</phrase></toponym></toponyms></article></articles>');
    expect(lgl[0].toponyms).toEqual([{ start: 8, end: 18, text: 'Alexandria', lat: 31.3113, lon: -92.4451 }]);
    const gv = parseGrittaXml('<articles><article><source>u</source><text>Hogs culled in Pandi &amp; nearby.</text><locations><location><name>Pandi</name><start>16</start><end>21</end><lat>14.87</lat><lon>120.95</lon></location></locations></article></articles>');
    expect(gv[0].toponyms[0]).toMatchObject({ start: 15, end: 20, text: 'Pandi' });
  });
});

describe('gazetteer fixes', () => {
  const g = gazetteer(createContext());
  test('country abbreviations of the press', () => {
    expect(g.resolve('U.S.')?.country).toBe('US');
    expect(g.resolve('U.S.')?.featureCode).toMatch(/^PCL/);
    expect(g.resolve('UK')?.country).toBe('GB');
    expect(g.resolve('Britain')?.country).toBe('GB');
  });
  test('a US state is not hidden by a small town of the same name', () => {
    for (const s of ['California', 'Illinois', 'Iowa', 'Alabama']) expect(g.resolve(s)?.featureCode, s).toBe('ADM1');
    expect(g.resolve('Moscow')?.featureCode).toBe('PPLC');
  });
});

const gritta = path.join(sharedDir, 'gold', 'geo', 'gritta');

describe.skipIf(!hasShared || !fs.existsSync(gritta))('GRITTA LGL and GeoVirus floors (first 100 articles each)', () => {
  test('resolution accuracy@161 km and end-to-end toponym recall', async () => {
    const [lgl, gv] = await evaluateGeo(gritta, 100);
    console.log(`LGL: res acc@161 ${lgl.resolution.acc161.toFixed(3)} recall ${lgl.endToEnd.recall.toFixed(3)}; GeoVirus: res acc@161 ${gv.resolution.acc161.toFixed(3)} recall ${gv.endToEnd.recall.toFixed(3)}`);
    // measured 2025-11 on these 100+100 articles: LGL 0.556 / 0.455, GeoVirus 0.646 / 0.790;
    // 2026-11 (polygon country points, admin-1 centres, story admin-1 context, toponyms inside
    // names and locative phrases, local lexicon): LGL 0.703 / 0.655, GeoVirus 0.714 / 0.849;
    // 2026-11 (Factbook country points, US counties, villages, home division, spatial coherence,
    // qualifiers as places; demonyms stay context, which LGL counts as toponyms): LGL 0.839 / 0.737,
    // GeoVirus 0.771 / 0.885
    expect(lgl.resolution.acc161).toBeGreaterThanOrEqual(0.82);
    expect(lgl.endToEnd.recall).toBeGreaterThanOrEqual(0.72);
    expect(gv.resolution.acc161).toBeGreaterThanOrEqual(0.76);
    expect(gv.endToEnd.recall).toBeGreaterThanOrEqual(0.87);
  }, 240_000);
});
