/**
 * TimeBank (TempEval-3 TBAQ-cleaned training data, dev use only) sample: TIMEX3 extent and
 * value scores in TempEval-3's way (relaxed match = overlap; value accuracy over matched ones).
 * The TE3 platinum test set is never read here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { extractTimexes } from '../../src/time/timex.js';
import { segmentText } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'gold', 'time', 'tempeval3', 'TBAQ-cleaned', 'TimeBank');

interface GoldT { start: number; end: number; text: string; type: string; value: string }

/** Text of the TEXT element with tags removed, and its TIMEX3 spans. */
function readTml(xml: string): { dct: string; text: string; gold: GoldT[] } {
  const dct = /functionInDocument="CREATION_TIME"[^>]*?>|<DCT><TIMEX3[^>]*value="([^"]+)"/.exec(xml);
  const dctValue = /<DCT><TIMEX3[^>]*?value="([^"]+)"/.exec(xml)?.[1] ?? (dct ? '' : '');
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const gold: GoldT[] = [];
  const open: Array<{ start: number; type: string; value: string }> = [];
  const re = /<(\/?)(\w+)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[4] !== undefined) {
      text += m[4].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    } else if (m[2] === 'TIMEX3') {
      if (!m[1]) open.push({ start: text.length, type: /type="([^"]+)"/.exec(m[3])![1], value: /value="([^"]*)"/.exec(m[3])?.[1] ?? '' });
      else {
        const o = open.pop()!;
        gold.push({ start: o.start, end: text.length, text: text.slice(o.start, text.length), type: o.type, value: o.value });
      }
    }
  }
  return { dct: dctValue.slice(0, 10), text, gold };
}

test('TimeBank sample: extent P/R and value accuracy', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tml')).sort().filter((_, i) => i % 4 === 0);
  let pred = 0, gold = 0, matched = 0, strict = 0, valueOk = 0, typeOk = 0;
  for (const f of files) {
    const doc = readTml(fs.readFileSync(path.join(dir, f), 'utf8'));
    const got = extractTimexes(doc.text, doc.dct, segmentText(doc.text));
    pred += got.length;
    gold += doc.gold.length;
    for (const g of doc.gold) {
      const hit = got.find((p) => p.start < g.end && g.start < p.end);
      if (!hit) continue;
      matched++;
      if (hit.start === g.start && hit.end === g.end) strict++;
      if (hit.value === g.value) valueOk++;
      else if (process.env.TB_DEBUG) console.log(`  ${g.text} [${g.value}] → ${hit.text} [${hit.value}] dct ${doc.dct}`);
      if (hit.type === g.type) typeOk++;
    }
  }
  const P = matched / pred, R = matched / gold;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`TimeBank sample (${files.length} docs, ${gold} gold TIMEX3, ${pred} predicted): relaxed P ${pct(P)} R ${pct(R)} F1 ${pct(2 * P * R / (P + R))}; strict-extent ${pct(strict / gold)} of gold; value accuracy on matched ${pct(valueOk / matched)}, type accuracy ${pct(typeOk / matched)}; value F1 ${pct((2 * (valueOk / pred) * (valueOk / gold)) / (valueOk / pred + valueOk / gold))}`);
  expect(R).toBeGreaterThan(0.5);
  expect(valueOk / matched).toBeGreaterThan(0.5);
});
