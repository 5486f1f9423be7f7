import { describe, it, expect } from 'vitest';
import { cleanText, matchDateline } from '../../src/ingest/clean.js';
import { ingestFile, ingestText } from './helpers.js';

describe('clean stage on a plain-text story', () => {
  it('takes the headline, removes debris, dateline and copyright line, and records them', async () => {
    const doc = await ingestFile('port-strike.txt');
    const m = doc.meta;
    expect(m.title).toBe('Dockworkers Walk Out At Northern Harbour As Pay Talks Collapse');
    expect(m.dateline).toBe('VALMERA');
    expect(m.originalPublisher).toBe('NPW');
    expect(m.copyrightYear).toBe(2019);
    expect(m.isReprint).toBe(true);
    expect(m.copyrightLine).toMatch(/^Copyright \(c\) 2019\. NPW, Inc\. Reprinted/);
    expect(m.boilerplate).toEqual([
      '3 hours ago harbourdesk Comments Off on Dockworkers Walk Out At Northern Harbour As Pay Talks Collapse',
      'Share this:',
      'Read more: Port traffic falls for a third month',
      'Related: Harbour authority names new director',
      expect.stringMatching(/^Copyright \(c\) 2019/),
    ]);
    expect(doc.text.startsWith('Several hundred dockworkers walked off the job')).toBe(true);
    expect(doc.text).toContain('\n\nTwo days ago, negotiators had said a deal was close.\n\n'); // a real sentence stays
    expect(doc.text).not.toMatch(/harbourdesk|Share this|Read more|Related:|Copyright|VALMERA/);
    expect(doc.text.endsWith('the authority said in a statement.')).toBe(true);
  });

  it('maps every text range back to the raw input, also with CRLF line ends', async () => {
    for (const crlf of [false, true]) {
      const raw = 'Ferry Link Restored\n\nKOVIN -- The ferry link was restored on Monday.\nService runs hourly.\n\nOfficials said so.\n';
      const doc = await ingestText(crlf ? raw.replace(/\n/g, '\r\n') : raw);
      expect(doc.text).toBe('The ferry link was restored on Monday.\nService runs hourly.\n\nOfficials said so.');
      expect(doc.source).toHaveLength(3);
      for (const s of doc.source!) {
        expect(doc.raw!.slice(s.rawStart, s.rawStart + s.end - s.start)).toBe(doc.text.slice(s.start, s.end));
      }
    }
  });

  it('sets doc.id to the sha256 of the text; an empty body is E_NO_TEXT', async () => {
    const a = await ingestText('Quiet Day\n\nNothing happened in the harbour.');
    const b = await ingestText('Another Headline\n\nNothing happened in the harbour.');
    expect(a.id).toMatch(/^[0-9a-f]{64}$/);
    expect(a.id).toBe(b.id);
    await expect(ingestText('Share this:\n\nPrint\n\n3 hours ago')).rejects.toMatchObject({ code: 'E_NO_TEXT' });
  });

  it('does not take a long first sentence as the headline', async () => {
    const doc = await ingestText('The council met on Monday and agreed a budget.\n\nIt passed easily.');
    expect(doc.meta.title).toBeUndefined();
    expect(doc.text.startsWith('The council met')).toBe(true);
  });
});

describe('debris lines', () => {
  const debris = [
    '1 month ago',
    'Posted 2 days ago',
    'Posted 2 days ago by Jane Doe',
    'an hour ago | newsbot | 12 comments',
    '5 hours ago siteadmin Leave a comment',
    'Comments Off on Something Happened',
    'Leave a comment',
    '14 Comments',
    'No comments',
    'Share this:',
    'Share on Facebook',
    'Share on Facebook Share on Twitter Email',
    'Print',
    'Tweet',
    'Email this story',
    'Click to share on WhatsApp (Opens in new window)',
    'Read more',
    'Read more »',
    'Read more: Other story headline',
    'Related:',
    'Related Articles',
    'Related: Another headline here',
    'Advertisement',
    'Tags: strike, ports',
    'Published: Monday, June 3, 2021 10:19 GMT',
    'Updated 25/04/2021 19:20',
    // the same kinds in other languages, and credits, captions, metadata rows
    'Keine Kommentare',
    'Kommentare geschlossen',
    '3 Kommentare',
    'Aucun commentaire',
    'Anzeige',
    '- Anzeige -',
    'Beitragsbild',
    'Artikel teilen',
    'Teilen Drucken',
    'Inhaltsverzeichnis',
    'Lade weitere Inhalte',
    'Veröffentlicht am 3. Mai 2021',
    'Stand: 14.02.2022',
    'Publikacja: 12.03.2021 10:15',
    'Dienstag, 6. Mai 2014, 23:30',
    '12 de marzo de 2021',
    'Lesen Sie auch: Hafen öffnet wieder',
    'Czytaj też: Port znów otwarty',
    'Le puede interesar: El puerto reabre',
    'Schlagwörter: Hafen, Streik',
    'Kategorie: Wirtschaft',
    'This entry was posted in News. Bookmark the permalink.',
    'Der Beitrag wurde am Montag, den 3. Mai 2021 um 10:00 Uhr veröffentlicht.',
    'Aufrufe: 120 | Kommentare: 3',
    'Kommentarfeed | Kommentare geschlossen | Trackback-URL',
    'Abbildung 2: Der Hafen im Winter',
    'Max Muster/dpa',
    'Foto: Erika Beispiel/picture alliance',
    'The quay at dawn. | © Jane Roe/Getty Images',
    'Werbung: Dieser Beitrag enthält Links zu Partnern.',
    'Quelle: Hafenverwaltung',
  ];
  const keep = [
    'Two days ago, the minister said the talks had failed.',
    'Three years ago the port handled twice as much cargo.',
    'Related talks are planned in Geneva next month.',
    'Print media lost readers for a decade.',
    'Read more than 200 pages of the report, critics said.',
    'Share prices fell 3% on Tuesday.',
    'On June 3, 2021, the army said it had taken the town.',
    'Comments by the minister drew criticism.',
    'Anzeigen gegen die Reederei wurden am Montag erstattet.',
    'Keine Kommentare gab es vom Hafenamt bis Dienstagabend.',
    'Im Mai 2021 streikten die Arbeiter erneut.',
    'Quellen im Ministerium sagten, die Gespräche seien gescheitert.',
    'The union said 3/4 of members backed the deal.',
    'Werbung für Zigaretten ist seit 2007 verboten.',
  ];
  const body = 'The harbour reopened on Friday after a week of strikes.';
  for (const line of debris) {
    it(`removes "${line}"`, () => {
      const r = cleanText(`${body}\n\n${line}\n\nWorkers returned.`);
      expect(r.text).toBe(`${body}\n\nWorkers returned.`);
      expect(r.boilerplate).toContain(line);
    });
  }
  for (const line of keep) {
    it(`keeps "${line}"`, () => {
      const r = cleanText(`${body}\n\n${line}\n\nWorkers returned.`);
      expect(r.text).toContain(line);
      expect(r.boilerplate).toEqual([]);
    });
  }
});

describe('prompts in the last paragraphs', () => {
  const body = 'The harbour reopened on Friday after a week of strikes.\n\nWorkers returned on Monday morning.';
  for (const line of [
    'Never miss a story: sign up to our newsletter today!',
    'Follow the Harbour Gazette on Twitter and Instagram.',
    'Get the latest news on your phone with our app.',
    'Abonnieren Sie jetzt unseren Newsletter.',
    'Alle Rechte vorbehalten.',
    'Dieser Text steht unter der Lizenz CC-BY-SA 4.0.',
  ]) {
    it(`removes "${line}" at the end`, () => {
      expect(cleanText(`${body}\n\n${line}`).text).toBe(body);
    });
  }
  it('keeps a sentence about downloads or members that is not a prompt', () => {
    const line = 'For other systems, you can see the general download page of the project.';
    expect(cleanText(`${body}\n\n${line}`).text).toContain(line);
    const member = 'Wer Mitglied wird, kann du auch bei der Versammlung abstimmen.';
    expect(cleanText(`${body}\n\n${member}`).text).toContain(member);
  });
});

describe('datelines', () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ['DUSHANBE -- Talks began.', 'DUSHANBE', undefined, 'Talks began.'],
    ['NEW YORK - Stocks fell.', 'NEW YORK', undefined, 'Stocks fell.'],
    ['ST. PETERSBURG — The forum opened.', 'ST. PETERSBURG', undefined, 'The forum opened.'],
    ['KYIV (Reuters) - Sirens sounded.', 'KYIV', 'Reuters', 'Sirens sounded.'],
    ['Kyiv, Ukraine (Reuters) - Sirens sounded.', 'Kyiv', 'Reuters', 'Sirens sounded.'],
    ['WASHINGTON, June 3 (AP) — The Senate voted.', 'WASHINGTON', 'AP', 'The Senate voted.'],
    ['LAGOS, Nigeria (AFP) – Fuel prices rose.', 'LAGOS', 'AFP', 'Fuel prices rose.'],
    ['NEW DELHI: The court ruled.', 'NEW DELHI', undefined, 'The court ruled.'],
  ];
  for (const [line, place, agency, rest] of cases) {
    it(`reads "${line}"`, () => {
      const r = cleanText(`${line} More text follows here.\n\nSecond paragraph.`);
      expect(r.dateline).toBe(place);
      expect(r.datelineAgency).toBe(agency);
      expect(r.text.startsWith(`${rest} More text`)).toBe(true);
    });
  }
  it('leaves sentences that only look like datelines', () => {
    for (const t of ['Kyiv - the capital - was quiet.', 'UPDATE - The vote was delayed.', 'The Senate - a body of 100 - voted.', 'NATO-led forces moved in.']) {
      expect(matchDateline(t)).toBeUndefined();
    }
  });
  it('the dateline agency is the original publisher', async () => {
    const doc = await ingestText('Quake Hits Coast\n\nLIMA (Reuters) - A strong earthquake shook the coast.');
    expect(doc.meta).toMatchObject({ dateline: 'LIMA', originalPublisher: 'Reuters' });
  });
});

describe('copyright and reprint lines', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['© 2021 Harbour Agency. All rights reserved.', { copyrightYear: 2021, copyrightHolder: 'Harbour Agency', isReprint: false }],
    ['Copyright 2020 The Associated Press. All rights reserved.', { copyrightYear: 2020, copyrightHolder: 'The Associated Press' }],
    ['Copyright © 2008-2017 U.S. News Service, Ltd.', { copyrightYear: 2017, copyrightHolder: 'U.S. News Service' }],
    ['This story was originally published by Coastline Weekly.', { isReprint: true, reprintSource: 'Coastline Weekly' }],
    ['Reprinted with permission from The Valley Post.', { isReprint: true, reprintSource: 'The Valley Post' }],
  ];
  for (const [line, expected] of cases) {
    it(`reads "${line}"`, () => {
      const r = cleanText(`Workers went back on Friday.\n\nThe port reopened.\n\n${line}`);
      expect(r).toMatchObject({ copyrightLine: line, ...expected });
      expect(r.text).toBe('Workers went back on Friday.\n\nThe port reopened.');
    });
  }
  it('a reprint names its original publisher on the Doc', async () => {
    const doc = await ingestText('Dam Opens\n\nThe dam opened.\n\nThis story was originally published by Coastline Weekly.');
    expect(doc.meta).toMatchObject({ originalPublisher: 'Coastline Weekly', isReprint: true });
  });
});

describe('document date', () => {
  it('given > metadata > inferred > unknown', async () => {
    const given = await ingestText('Ferry Strike\n\nPublished June 3, 2021\n\nThe ferry crews struck.', { date: '2022-01-05' });
    expect(given.meta).toMatchObject({ published: '2022-01-05', publishedSource: 'given' });
    const stamped = await ingestText('Ferry Strike\n\nPublished June 3, 2021\n\nThe ferry crews struck.');
    expect(stamped.meta).toMatchObject({ published: '2021-06-03', publishedSource: 'metadata' });
    expect(stamped.text).toBe('The ferry crews struck.');
    const top = await ingestText('Ferry Strike\n\n3 June 2021 — The ferry crews struck on Thursday.');
    expect(top.meta).toMatchObject({ published: '2021-06-03', publishedSource: 'inferred' });
    const url = await ingestText('URL: https://news.example.com/2021/04/25/ferry-strike\nFerry Strike\n\nThe ferry crews struck.');
    expect(url.meta).toMatchObject({ url: 'https://news.example.com/2021/04/25/ferry-strike', published: '2021-04-25', publishedSource: 'inferred' });
    const rel = await ingestText('Ferry Strike\n\n1 month ago newsdesk\n\nThe ferry crews struck.', { crawled: '2022-07-28' });
    expect(rel.meta).toMatchObject({ published: '2022-06-28', publishedSource: 'inferred' });
    const none = await ingestText('Ferry Strike\n\nThe ferry crews struck on Thursday.');
    expect(none.meta.publishedSource).toBe('unknown');
    expect(none.messages.map((m) => m.code)).toContain('W_NO_DATE');
  });
});
