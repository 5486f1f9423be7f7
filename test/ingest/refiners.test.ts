/**
 * The extraction refiners around Readability: markup slimming before the parse, and the refiners
 * that put back what Readability drops wrongly (a standfirst, a body split into several containers).
 * Fixtures are written here (no benchmark text).
 */
import { describe, it, expect } from 'vitest';
import { extractHtml, slimHtml, dropChrome, restoreSplitBody, restoreLede, dropTeaserBlocks, proseContainer, blockInfos, narrowToProse, type PagePara, type TextBlock } from '../../src/ingest/html.js';
import { parseHTML } from 'linkedom';

const prose = (topic: string, n = 3): string =>
  Array.from({ length: n }, (_, i) => `The ${topic} council met for the ${i + 1}th time this spring, and members argued at length about the budget, the roads and the harbour lights.`).join(' ');

describe('slimHtml / dropChrome', () => {
  it('removes scripts, styles, svg and comments but keeps JSON-LD', () => {
    const html = '<html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script><style>p{}</style></head><body><!-- c --><script>var a = "<p>no</p>";</script><svg><text>icon</text></svg><p>Kept.</p></body></html>';
    const s = slimHtml(html);
    expect(s).toContain('application/ld+json');
    expect(s).toContain('<p>Kept.</p>');
    expect(s).not.toMatch(/var a|icon|<!--|p\{\}/);
  });

  it('ends a script where the HTML tokenizer does (an end tag with junk before its ">")', () => {
    const s = slimHtml('<body><script src="x.js"></script\n\n  <!-- a note --><p>Story text.</p></body>');
    expect(s).toContain('<p>Story text.</p>');
  });

  it('does not take a custom element for a raw-text one', () => {
    const s = slimHtml('<body><svg-icon name="x"></svg-icon><p>First.</p><svg></svg><p>Second.</p></body>');
    expect(s).toContain('First.');
    expect(s).toContain('Second.');
  });

  it('drops server warnings printed before the doctype', () => {
    const s = slimHtml('<br />\n<b>Warning</b>: something failed on line 3<br />\n<!DOCTYPE html><html><body><p>Text.</p></body></html>');
    expect(s.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('dropChrome removes nav, aside, footer, form and button elements', () => {
    const s = dropChrome('<body><nav><a>Home</a></nav><p>Body.</p><aside>Ad</aside><footer>Legal</footer><button>Go</button></body>');
    expect(s).toBe('<body><p>Body.</p></body>');
  });
});

describe('restoreSplitBody', () => {
  const para = (text: string, sig = 'story|DIV.body-part'): PagePara => ({ text, key: text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(), sig, classed: true, lede: false, para: true, parent: 0 });

  it('does not append paragraphs of the signature that come after the last kept one (the next post)', () => {
    const a = para('First paragraph of the post that Readability kept in the body.');
    const b = para('Second paragraph of the post that Readability kept as well.');
    const next = para('The opening paragraph of the next post on the same blog page.');
    expect(restoreSplitBody([a.text, b.text], [a, b, next])).toEqual([a.text, b.text]);
  });

  it('puts back, in document order, paragraphs of the body signature that Readability left out', () => {
    const a = para('First part of the story, in a container before the advertisement.');
    const b = para('Second paragraph, also in the first container of the body.');
    const c = para('Third paragraph, in the second container after the advertisement.');
    const d = para('Fourth paragraph, still in the second container of the body.');
    const side = para('A paragraph of a sidebar with another signature, left out rightly.', '|DIV.sidebar');
    const out = restoreSplitBody([c.text, d.text], [a, b, side, c, d]);
    expect(out).toEqual([a.text, b.text, c.text, d.text]);
  });

  it('adds nothing when the kept paragraphs share no classed signature', () => {
    const a = { ...para('One paragraph that Readability kept in the body container.'), sig: '|DIV.', classed: false };
    const b = { ...para('Another paragraph that Readability kept in the body container.'), sig: '|DIV.', classed: false };
    const c = { ...para('A paragraph somewhere else on the page, not the story.'), sig: '|DIV.', classed: false };
    expect(restoreSplitBody([a.text, b.text], [c, a, b])).toEqual([a.text, b.text]);
  });
});

describe('restoreLede', () => {
  const p = (text: string, extra: Partial<PagePara> = {}): PagePara => ({ text, key: text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(), sig: '', classed: false, lede: false, para: true, parent: 0, ...extra });
  const body = 'The first paragraph of the body, which Readability kept as the start of the story text.';

  it('puts a dropped standfirst after the headline at the head of the body', () => {
    const lede = p('A summary of the story printed under the headline, in its own element.', { lede: true, para: false });
    expect(restoreLede([body], [p('Headline', { h1: true, para: false }), lede, p(body)])).toEqual([lede.text, body]);
  });

  it('takes no standfirst-like element from above the headline or across other prose', () => {
    const tagline = p('A site tagline that shares the class words of a standfirst element.', { lede: true, para: false });
    expect(restoreLede([body], [tagline, p('Headline', { h1: true, para: false }), p(body)])).toEqual([body]);
    const far = p('A standfirst-like element followed by unrelated prose before the body starts.', { lede: true, para: false });
    const other = p('Some other prose paragraph of at least eighty characters that is not in the kept body text.');
    expect(restoreLede([body], [far, other, p(body)])).toEqual([body]);
  });
});

describe('blockInfos / dropTeaserBlocks', () => {
  const blk = (text: string, tag = 'P', linkChars = 0): TextBlock => ({ text, tag, linkChars });
  const story = ['harbour', 'river', 'market', 'school', 'bridge'].map((t) => blk(prose(t)));

  it('counts link characters and the block tag', () => {
    const { document } = parseHTML('<html><body><div><p>Read <a href="/x">the other story</a> now.</p><h2><a href="/y">Next</a></h2></div></body></html>');
    const b = blockInfos(document.body);
    expect(b).toEqual([
      { text: 'Read the other story now.', linkChars: 15, tag: 'P' },
      { text: 'Next', linkChars: 4, tag: 'H2' },
    ]);
  });

  it('cuts a tail of link teasers, short headings and lead-ins ending in a colon', () => {
    const tail = [blk('More information:'), blk('Other stories', 'H3'), blk('Council approves the tram line', 'LI', 30), blk('Harbour lights to stay on', 'P', 25)];
    expect(dropTeaserBlocks([...story, ...tail])).toEqual(story);
  });

  it('keeps a last paragraph that is prose, and a page that is mostly links', () => {
    const end = blk('The council meets again in May.');
    expect(dropTeaserBlocks([...story, end])).toEqual([...story, end]);
    const links = [blk('A', 'LI', 1), blk('B', 'LI', 1), blk('C', 'LI', 1), blk('D', 'LI', 1)];
    expect(dropTeaserBlocks([story[0], ...links])).toEqual([story[0], ...links]);
  });
});

describe('proseContainer', () => {
  const p = (text: string, parent: number, extra: Partial<PagePara> = {}): PagePara => ({ text, key: text.toLowerCase(), sig: '', classed: false, lede: false, para: true, parent, ...extra });

  it('returns the paragraphs of the container with most prose, skipping hidden ones and lists of names', () => {
    const names = p(Array.from({ length: 40 }, (_, i) => `reader${i}`).join(', '), 0);
    const body = [p(prose('harbour'), 1), p(prose('river'), 1)];
    const hidden = p(prose('secret', 9), 2, { hidden: true });
    expect(proseContainer([names, ...body, hidden])).toEqual(body.map((b) => b.text));
  });
});

describe('narrowToProse', () => {
  it('removes branches away from the story but keeps the siblings of its container', () => {
    const { document } = parseHTML(`<html><body><div id="page"><div id="teasers"><p>${prose('teaser', 1)}</p></div>
      <div id="main"><div id="lede"><p>Short standfirst.</p></div><div id="story"><p>${prose("harbour")}</p><p>${prose("river")}</p><p>${prose("market")}</p></div></div></div></body></html>`);
    const paras: PagePara[] = [...document.querySelectorAll('p')].map((el: any) => ({ text: el.textContent, key: '', sig: '', classed: false, lede: false, para: true, parent: 0, el }));
    narrowToProse(document, paras);
    expect(document.querySelector('#teasers')).toBeNull();
    expect(document.querySelector('#lede')).not.toBeNull();
    expect(document.querySelector('#story')?.textContent).toContain('The river council met');
  });
});

describe('extractHtml refiners end to end', () => {
  it('takes the story over a longer list of signatories that Readability picks', () => {
    const signers = Array.from({ length: 150 }, (_, i) => `<p>Signer Number${i}, University of Somewhere ${i}</p>`).join('');
    const html = `<!DOCTYPE html><html><head><title>A letter</title></head><body>
      <div class="letter"><p>${prose('harbour', 2)}</p><p>${prose('river', 2)}</p><p>${prose('market', 2)}</p></div>
      <div class="signatories">${signers}</div></body></html>`;
    const a = extractHtml(html);
    expect(a.text).toContain('The harbour council met');
    expect(a.text).toContain('The market council met');
  });

  it('keeps a standfirst and both halves of a body split around an advertisement', () => {
    const html = `<!DOCTYPE html><html><head><title>Harbour vote</title><meta name="description" content="Councillors approved the harbour budget after a long night of debate."></head><body>
      <header><h1>Harbour vote</h1><p class="article-lead">Councillors approved the harbour budget after a long night of debate.</p></header>
      <div class="content-block"><p class="txt">${prose('harbour')}</p><p class="txt">${prose('river')}</p></div>
      <div class="ad-slot"><p>Buy our boats today, the best boats on the coast.</p></div>
      <div class="content-block"><p class="txt">${prose('market')}</p><p class="txt">${prose('school')}</p><p class="txt">${prose('bridge')}</p><p class="txt">${prose('tram')}</p></div>
      </body></html>`;
    const a = extractHtml(html);
    const blocks = a.text.split('\n\n');
    expect(blocks[0]).toBe('Councillors approved the harbour budget after a long night of debate.');
    for (const t of ['harbour', 'river', 'market', 'school', 'bridge', 'tram']) expect(a.text).toContain(`The ${t} council met`);
    expect(a.text.indexOf('The harbour council')).toBeLessThan(a.text.indexOf('The market council'));
    expect(a.text).not.toContain('Buy our boats');
  });
});
