import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, migrate, MIGRATIONS, schemaVersion, type SqliteStore } from '../../src/store/sqlite.js';
import { DatelineError } from '../../src/doc/errors.js';
import { makeDoc } from '../output/fixture.js';

let dir: string;
let store: SqliteStore | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-store-'));
});
afterEach(() => {
  store?.close();
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates a WAL database with foreign keys and the newest schema', () => {
    store = openStore(path.join(dir, 'a.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(store.counts()).toEqual({ stories: 0, events: 0, entities: 0, failures: 0 });
  });

  it('refuses a file that is not a database with a coded error', () => {
    const p = path.join(dir, 'junk.db');
    fs.writeFileSync(p, 'this is not sqlite at all, just some text that is long enough '.repeat(20));
    expect(() => openStore(p)).toThrow(DatelineError);
  });
});

describe('saveDoc', () => {
  it('stores a story once per content hash', () => {
    store = openStore(path.join(dir, 'a.db'));
    const doc = makeDoc();
    expect(store.saveDoc(doc)).toEqual({ stored: true, id: doc.id });
    expect(store.saveDoc(makeDoc())).toEqual({ stored: false, id: doc.id });
    expect(store.counts()).toEqual({ stories: 1, events: 2, entities: 4, failures: 0 });
    expect(store.hasDoc(doc.id)).toBe(true);
    expect(store.hasDoc('0'.repeat(64))).toBe(false);
    const back = store.getDoc(doc.id)!;
    expect(back.text).toBe(doc.text);
    expect(back.events.map((e) => e.cameo)).toEqual(['042', '042']);
    expect(back.meta.title).toBe('Nordby visits Helsinki');
    expect('raw' in back).toBe(false);
    expect(store.getDoc('nope')).toBeUndefined();
    const row = store.db.prepare('SELECT title, published, is_reprint, input FROM stories').get();
    expect(row).toEqual({ title: 'Nordby visits Helsinki', published: '2023-05-08', is_reprint: null, input: 'fixture.txt' });
  });

  it('stores the Doc JSON compressed by default, plain on request, and reads both', () => {
    const p = path.join(dir, 'a.db');
    store = openStore(p);
    const a = makeDoc();
    store.saveDoc(a);
    const row = store.db.prepare('SELECT doc_encoding, length(doc_json) AS n FROM stories').get() as { doc_encoding: string; n: number };
    expect(row.doc_encoding).toBe('br');
    expect(row.n).toBeLessThan(JSON.stringify(a).length / 2);
    store.close();
    store = openStore(p, { compress: false });
    const b = makeDoc(' Plain.');
    store.saveDoc(b);
    const enc = store.db.prepare('SELECT doc_encoding FROM stories WHERE id = ?').pluck().get(b.id);
    expect(enc).toBe('json');
    expect(store.getDoc(a.id)!.entities.length).toBe(4);
    expect(store.getDoc(b.id)!.text).toBe(b.text);
  });

  it('computes the content hash when the Doc has no id', () => {
    store = openStore(path.join(dir, 'a.db'));
    const doc = makeDoc();
    const id = doc.id;
    doc.id = '';
    expect(store.saveDoc(doc).id).toBe(id);
  });

  it('leaves no partial story when an error is raised inside the transaction', () => {
    store = openStore(path.join(dir, 'a.db'));
    const doc = makeDoc();
    // the second entity throws while being read: the story row and the events were already inserted
    Object.defineProperty(doc.entities[1], 'name', {
      get() {
        throw new Error('disk on fire');
      },
    });
    expect(() => store!.saveDoc(doc)).toThrow(/disk on fire/);
    try {
      store.saveDoc(doc);
    } catch (err) {
      expect((err as DatelineError).code).toBe('E_STAGE');
    }
    expect(store.counts()).toEqual({ stories: 0, events: 0, entities: 0, failures: 0 });
    expect(store.hasDoc(doc.id)).toBe(false);
    expect(store.searchStories('Helsinki')).toEqual([]);
    // and the same story saves cleanly afterwards
    expect(store.saveDoc(makeDoc()).stored).toBe(true);
    expect(store.counts().events).toBe(2);
  });
});

describe('failures', () => {
  it('records failed inputs', () => {
    store = openStore(path.join(dir, 'a.db'));
    store.recordFailure('bad.bin', 'E_BINARY', 'input is binary');
    store.recordFailure("o'quote.txt", 'E_EMPTY', 'input is empty; DROP TABLE stories;');
    const rows = store.failures();
    expect(rows.map((r) => [r.input, r.code])).toEqual([
      ['bad.bin', 'E_BINARY'],
      ["o'quote.txt", 'E_EMPTY'],
    ]);
    expect(rows[1].message).toBe('input is empty; DROP TABLE stories;');
    expect(Number.isNaN(Date.parse(rows[0].at))).toBe(false);
    expect(store.counts().failures).toBe(2);
  });
});

describe('searchStories', () => {
  it('finds stories by words of the title and text, taking syntax literally', () => {
    store = openStore(path.join(dir, 'a.db'));
    store.saveDoc(makeDoc());
    const other = makeDoc(' Later, flooding closed the port of Bergen.');
    store.saveDoc(other);
    expect(store.searchStories('Stockholm').length).toBe(2);
    const hits = store.searchStories('flooding Bergen');
    expect(hits.map((h) => h.id)).toEqual([other.id]);
    expect(hits[0].snippet).toContain('[flooding]');
    expect(store.searchStories('visits').length).toBe(2); // title words are indexed
    expect(store.searchStories('"unbalanced AND (')).toEqual([]);
    expect(store.searchStories('')).toEqual([]);
  });
});

describe('queryEvents', () => {
  it('filters by actor, code, date, modality and story, with paging', () => {
    store = openStore(path.join(dir, 'a.db'));
    const a = makeDoc();
    const b = makeDoc(' Extra sentence.');
    b.events[1].cameo = '0332';
    b.events[1].root = '03';
    b.events[1].quadClass = 1;
    b.events[1].target = { text: 'Finland', actor: 'FIN' };
    store.saveDoc(a);
    store.saveDoc(b);
    expect(store.queryEvents().length).toBe(4);
    expect(store.queryEvents({ actor: 'NOR' }).length).toBe(4);
    expect(store.queryEvents({ actor: 'FIN' }).map((e) => e.targetActor)).toEqual(['FINGOV', 'FINGOV', 'FIN']);
    expect(store.queryEvents({ actor: 'SWE' }).length).toBe(1);
    expect(store.queryEvents({ actor: "x' OR 1=1 --" })).toEqual([]);
    expect(store.queryEvents({ cameo: '03' }).map((e) => e.cameo)).toEqual(['0332']);
    expect(store.queryEvents({ cameo: '042' }).length).toBe(3);
    expect(store.queryEvents({ root: '04', modality: 'planned' }).length).toBe(1);
    expect(store.queryEvents({ from: '2023-05-10' }).map((e) => e.date)).toEqual(['2023-05-12', '2023-05-12']);
    expect(store.queryEvents({ to: '2023-05-08' }).length).toBe(2);
    expect(store.queryEvents({ from: '2023-05-09', to: '2023-05-11' })).toEqual([]);
    expect(store.queryEvents({ quadClass: 4 })).toEqual([]);
    expect(store.queryEvents({ storyId: b.id }).map((e) => e.eventId)).toEqual(['ev1', 'ev2']);
    const page = store.queryEvents({ limit: 2, offset: 1 });
    expect(page.length).toBe(2);
    const e = store.queryEvents({ storyId: a.id, modality: 'asserted' })[0];
    expect(e).toMatchObject({
      sourceActor: 'NORGOV',
      sourceText: 'Kari Nordby',
      targetActor: 'FINGOV',
      placeName: 'Helsinki',
      geonamesId: 658225,
      lat: 60.169,
      triggerText: 'arrived',
      goldstein: 1.9,
      plover: 'CONSULT',
    });
    expect(a.text.slice(e.triggerStart, e.triggerEnd)).toBe('arrived');
  });
});

describe('migrations', () => {
  it('upgrades an existing version-1 file, keeping and indexing its stories', () => {
    const p = path.join(dir, 'old.db');
    const old = new Database(p);
    old.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT NOT NULL)');
    old.exec(MIGRATIONS[0].sql);
    old.prepare("INSERT INTO schema_version VALUES (1, 'v1', '2020-01-01T00:00:00Z')").run();
    const doc = makeDoc();
    old
      .prepare("INSERT INTO stories (id, title, text, doc_json, created_at) VALUES (?, ?, ?, ?, '2020-01-01')") // doc_encoding defaults to json
      .run(doc.id, doc.meta.title, doc.text, JSON.stringify(doc));
    old.close();

    store = openStore(p);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.hasDoc(doc.id)).toBe(true);
    expect(store.searchStories('Virtanen').map((h) => h.id)).toEqual([doc.id]);
    expect(store.saveDoc(makeDoc()).stored).toBe(false);
    store.close();

    // reopening applies nothing twice
    store = openStore(p);
    const versions = store.db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a file whose schema is newer than the code', () => {
    const p = path.join(dir, 'new.db');
    openStore(p).close();
    const db = new Database(p);
    db.prepare("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00Z')").run();
    db.close();
    expect(() => openStore(p)).toThrow(/newer/);
  });

  it('applies only the migrations given, then the rest later', () => {
    const p = path.join(dir, 'step.db');
    const db = new Database(p);
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    db.close();
    store = openStore(p);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
  });
});
