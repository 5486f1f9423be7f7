/**
 * Per-stage timing of hostile inputs (a script, not a test): runs the pipeline one stage at a time
 * on each input and prints the milliseconds each stage took, to find which stage a slow input
 * hurts. `npx tsx test/hostile/stage-times.ts [N] [NAME-FILTER]` (N scales the inputs, default 10000).
 */
import { createDoc } from '../../src/doc/types.js';
import { createContext } from '../../src/context.js';
import { PIPELINE } from '../../src/pipeline.js';
import { sniffMediaType } from '../../src/ingest/decode.js';
import { HOSTILE_TEXTS } from './inputs.js';

const n = Number(process.argv[2] ?? 10000);
const filter = process.argv[3] ?? '';
const ctx = createContext({ date: '2022-06-28', timeoutMs: 0, maxTextChars: 1e9 });
{
  const d = createDoc('Warm up. Putin visited Paris.', { mediaType: 'text/plain' });
  for (const s of PIPELINE) await s.run(d, ctx);
}
for (const [name, make] of Object.entries(HOSTILE_TEXTS)) {
  if (!name.includes(filter) || (filter === '' && name.startsWith('html') && n > 5000)) continue;
  const raw = make(n);
  const doc = createDoc(raw, { mediaType: sniffMediaType(raw, name), input: name });
  const times: string[] = [];
  let total = 0;
  for (const s of PIPELINE) {
    const t0 = performance.now();
    try {
      await s.run(doc, ctx);
    } catch (e) {
      times.push(`${s.name}:ERR ${(e as Error).message.slice(0, 60)}`);
      break;
    }
    const ms = performance.now() - t0;
    total += ms;
    if (ms > 20) times.push(`${s.name} ${ms.toFixed(0)}`);
  }
  console.log(`${name.padEnd(22)} ${String(raw.length).padStart(8)} units ${total.toFixed(0).padStart(7)} ms  ${times.join(', ')}`);
}
