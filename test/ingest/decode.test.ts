import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { checkDecodedText, decode } from '../../src/ingest/decode.js';
import { DatelineError } from '../../src/doc/errors.js';
import { fixture } from './helpers.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatelineError);
    expect((e as Error).message).not.toContain('\n');
    return (e as DatelineError).code;
  }
  return undefined;
}

describe('decode', () => {
  it('reads UTF-16LE with a BOM', () => {
    const d = decode(fs.readFileSync(fixture('utf16le-bom.txt')), 'utf16le-bom.txt');
    expect(d.encoding).toBe('UTF-16LE');
    expect(d.text.startsWith('Rents rise in old town\n')).toBe(true);
    expect(d.text).toContain('Café owners');
    expect(d.text).toContain('‘sharply’ — by a fifth');
    expect(d.mediaType).toBe('text/plain');
  });

  it('reads UTF-16BE with a BOM and UTF-8 with a BOM', () => {
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('Grain exports resume — officials', 'utf-16be')]);
    expect(decode(be)).toMatchObject({ encoding: 'UTF-16BE', text: 'Grain exports resume — officials' });
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zürich talks', 'utf8')]);
    expect(decode(u8)).toMatchObject({ encoding: 'UTF-8', text: 'Zürich talks' });
  });

  it('removes stray NUL bytes from a scraped page and counts them; many NULs are binary', () => {
    const body = 'The harbour reopened after the storm, port officials said on Tuesday. '.repeat(30);
    const page = Buffer.from(body.slice(0, 700) + '\u0000' + body.slice(700), 'utf8');
    const d = decode(page, 'page.txt');
    expect(d.nulsRemoved).toBe(1);
    expect(d.text).toBe(body);
    expect(decode(Buffer.from(body)).nulsRemoved).toBeUndefined();
    const noisy = Buffer.from(body.replace(/ /g, ' \u0000'), 'utf8');
    expect(codeOf(() => decode(noisy, 'noisy.bin'))).toBe('E_BINARY');
    expect(checkDecodedText(body.slice(0, 50) + '\u0000' + body.slice(50))).toEqual({ text: body, nulsRemoved: 1 });
    expect(codeOf(() => checkDecodedText('Talks\u0000 resumed\u0000.'))).toBe('E_BINARY');
  });

  it('recognises BOM-less UTF-16LE by its NUL pattern', () => {
    const d = decode(Buffer.from('The ferry service was suspended on Sunday.', 'utf16le'));
    expect(d.encoding).toBe('UTF-16LE');
    expect(d.text).toBe('The ferry service was suspended on Sunday.');
  });

  it('detects windows-1252 and decodes curly quotes, pound signs and dashes', () => {
    const d = decode(fs.readFileSync(fixture('windows-1252.txt')), 'windows-1252.txt');
    expect(d.encoding.toLowerCase()).toMatch(/windows-1252|iso-8859-1/);
    expect(d.text).toContain('council’s report put the average at £950 a month');
    expect(d.text).toContain('£790 – a naïve estimate');
    expect(d.text).not.toContain('\uFFFD');
  });

  it('prefers UTF-8 when the bytes are valid UTF-8', () => {
    expect(decode(Buffer.from('Kraków – €5 bn', 'utf8')).encoding).toBe('UTF-8');
  });

  it('rejects empty, whitespace-only and binary input with stable codes', () => {
    expect(codeOf(() => decode(Buffer.alloc(0)))).toBe('E_EMPTY');
    expect(codeOf(() => decode(fs.readFileSync(fixture('whitespace.txt'))))).toBe('E_EMPTY');
    expect(codeOf(() => decode(fs.readFileSync(fixture('binary.bin')), 'binary.bin'))).toBe('E_BINARY');
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 20))));
    expect(codeOf(() => decode(controls))).toBe('E_BINARY');
  });

  it('sniffs HTML by content or by name', () => {
    expect(decode(Buffer.from('<!DOCTYPE html><html><body><p>x</p></body></html>')).mediaType).toBe('text/html');
    expect(decode(Buffer.from('<p>Only a paragraph.</p>')).mediaType).toBe('text/html');
    expect(decode(Buffer.from('URL: https://x.example/a\n<article><p>Text.</p></article>')).mediaType).toBe('text/html');
    expect(decode(Buffer.from('Plain story about <p> tags in prose.'), 'a.txt').mediaType).toBe('text/plain');
    expect(decode(Buffer.from('no tags at all'), 'page.htm').mediaType).toBe('text/html');
  });

  it('honours a <meta charset> declaration for non-UTF-8 HTML', () => {
    const html = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>';
    const d = decode(iconv.encode(html, 'windows-1251'), 'ru.html');
    expect(d.encoding).toBe('windows-1251');
    expect(d.text).toContain('Москва');
  });
});
