import fs from 'node:fs';
import ts from 'typescript';
import { HOSTILE_TEXTS } from './inputs.js';
const [file, name, n] = process.argv.slice(2);
const text = HOSTILE_TEXTS[name](Number(n));
const src = fs.readFileSync(file, 'utf8');
const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true);
const out: Array<[number, number, string]> = [];
const visit = (node: ts.Node): void => {
  if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
    const t = node.getText(sf);
    const re = new Function(`return ${t}`)() as RegExp;
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    const t0 = performance.now();
    let k = 0;
    for (let m = g.exec(text); m && k < 1e6; m = g.exec(text), k++) if (m[0] === '') g.lastIndex++;
    out.push([performance.now() - t0, sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, t.slice(0, 120)]);
  }
  ts.forEachChild(node, visit);
};
visit(sf);
out.sort((a, b) => b[0] - a[0]).slice(0, 8).forEach(([ms, line, t]) => console.log(ms.toFixed(0), line, t));
