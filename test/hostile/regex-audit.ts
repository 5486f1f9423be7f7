/**
 * Regular-expression audit (a script, not a test): lists every regular-expression literal and
 * `new RegExp(…)` call in `src/`, and runs each literal against strings built to make a
 * backtracking engine (V8's Irregexp) take super-linear time — long runs of one character or of a
 * short unit, followed by a character that makes the match fail. A pattern taking over
 * `--slow-ms` (default 100 ms) on a 20,000-code-unit attack, and growing more than 16-fold when the
 * attack grows 8-fold (super-linear), is reported as dangerous.
 *
 *   npx tsx test/hostile/regex-audit.ts [--slow-ms 100] [--len 20000] [--list]
 *
 * Method: the attack families of the ReDoS literature (Davis et al. 2018, "The impact of regular
 * expression denial of service (ReDoS) in practice", ESEC/FSE): a pump string repeated after an
 * optional prefix, with a mismatching suffix.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const opt = (name: string, d: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const SLOW_MS = opt('--slow-ms', 100);
const LEN = opt('--len', 20000);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** One regular expression found in the source. */
interface Found { file: string; line: number; text: string; re?: RegExp; dynamic?: boolean }

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const found: Found[] = [];
for (const f of files(path.join(root, 'src'))) {
  const src = fs.readFileSync(f, 'utf8');
  const sf = ts.createSourceFile(f, src, ts.ScriptTarget.Latest, true);
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = n.getText(sf);
      let re: RegExp | undefined;
      try {
        re = new Function(`return ${text}`)() as RegExp;
      } catch {
        /* unsupported flag in this Node */
      }
      found.push({ file: path.relative(root, f), line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text, re });
    } else if (ts.isNewExpression(n) && n.expression.getText(sf) === 'RegExp') {
      found.push({ file: path.relative(root, f), line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text: n.getText(sf).slice(0, 160), dynamic: true });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

const PUMPS = [' ', 'a', 'A', '1', '-', '.', '/', '"', ',', "'", '\n', '\t', 'A ', 'a ', '1/', '1,', '1.', 'a.', 'A.', '. ', 'a "', ' -', '- ', '--', 'Mr. ', 'A-', 'a-', '1 ', 'ab', 'Ab', ' a', '\u00a0', '<a>', '<', '&', '&amp;', '(', ')', '"a" ', 'x,', '@', 'a:', ':', '_', '=', '*', 'A1', '© ', 'By ', 'the '];
const PREFIXES = ['', 'DUSHANBE ', 'A', 'The ', '"', '(', '<p>', 'By '];
const SUFFIXES = ['!', '\u0000', 'x', '1', ''];

function timeOnce(re: RegExp, s: string): number {
  const r = new RegExp(re.source, re.flags.replace('y', ''));
  const t0 = performance.now();
  if (r.global) s.replace(r, '');
  else r.test(s);
  return performance.now() - t0;
}

/**
 * The worst attack on `re`: every pump/prefix/suffix at a short length (LEN / 8), then the worst
 * three again at LEN; `growth` is how much slower the long one is (about 8 for a linear match,
 * about 64 for a quadratic one). Each long timing is the best of two, to damp a loaded machine.
 */
function attack(re: RegExp): { ms: number; growth: number; sample: string } {
  const short = Math.max(50, Math.floor(LEN / 8));
  const tried: Array<{ ms: number; pre: string; pump: string; suf: string }> = [];
  for (const pump of PUMPS) {
    for (const pre of PREFIXES) {
      for (const suf of SUFFIXES) {
        const s = pre + pump.repeat(Math.ceil(short / pump.length)).slice(0, short) + suf;
        tried.push({ ms: timeOnce(re, s), pre, pump, suf });
      }
    }
  }
  tried.sort((a, b) => b.ms - a.ms);
  let worst = { ms: 0, growth: 0, sample: '' };
  for (const t of tried.slice(0, 3)) {
    const s = t.pre + t.pump.repeat(Math.ceil(LEN / t.pump.length)).slice(0, LEN) + t.suf;
    const ms = Math.min(timeOnce(re, s), timeOnce(re, s));
    const growth = ms / Math.max(t.ms, 0.05);
    if (ms > worst.ms) worst = { ms, growth, sample: `${JSON.stringify(t.pre)} + ${JSON.stringify(t.pump)} x ${LEN} + ${JSON.stringify(t.suf)}` };
  }
  return worst;
}

const list = args.includes('--list');
let slow = 0;
const literals = found.filter((f) => f.re);
const t0 = performance.now();
for (const f of literals) {
  const w = attack(f.re!);
  if (w.ms > SLOW_MS && w.growth > 16) {
    slow++;
    console.log(`SLOW ${w.ms.toFixed(0).padStart(6)} ms (x${w.growth.toFixed(0)} for 8x the length)  ${f.file}:${f.line}  ${f.text.slice(0, 140)}\n        on ${w.sample}`);
  } else if (list) console.log(`ok   ${w.ms.toFixed(1).padStart(6)} ms  ${f.file}:${f.line}  ${f.text.slice(0, 140)}`);
}
const dyn = found.filter((f) => f.dynamic);
if (list) for (const f of dyn) console.log(`dyn  ${f.file}:${f.line}  ${f.text}`);
console.log(`${found.length} regular expressions in src/: ${literals.length} literals attacked, ${slow} slow (> ${SLOW_MS} ms on ${LEN} code units), ${dyn.length} built with new RegExp (audited by hand); ${((performance.now() - t0) / 1000).toFixed(1)} s`);
