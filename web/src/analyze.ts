/**
 * The Analyze view: paste or upload a story, analyse it through the API, and read it annotated:
 * entities, times, places, quotes, quantities and event triggers highlighted in the text (spans
 * from the Doc's offsets, UTF-16 code units), every event's fields linked to the words that
 * support them, and the document's flags beside the text. Also shows a stored story
 * (`#/story/<id>?event=<eventId>`).
 */
import type { Doc, Event as DocEvent, Span } from '../../src/doc/types.js';
import { api, ApiError, QUAD_COLOURS, QUAD_NAMES } from './api.js';
import { h, replace } from './dom.js';

interface Mark extends Span {
  cls: string;
  title?: string;
  events?: string[];
}

/** Classes of the evidence highlight; cleared before each new highlight. */
const HL = ['hl-sentence', 'hl-trigger', 'hl-field', 'hl-flag'];

/** Build the view; `storyId`/`eventId` open a stored story with one event selected. */
export function analyzeView(root: HTMLElement, storyId?: string, eventId?: string): void {
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const textarea = h('textarea', { id: 'story-text', name: 'text', rows: 10, spellcheck: 'false', placeholder: 'Paste a news story (plain text or HTML)…' });
  const file = h('input', { id: 'story-file', type: 'file', accept: '.txt,.text,.html,.htm,text/plain,text/html' });
  const kind = h('select', { id: 'story-kind' }, h('option', { value: 'text' }, 'plain text'), h('option', { value: 'html' }, 'HTML'));
  const date = h('input', { id: 'story-date', type: 'date' });
  const url = h('input', { id: 'story-url', type: 'url', placeholder: 'https://…' });
  const token = h('input', { id: 'api-token', type: 'password', autocomplete: 'off', placeholder: 'only if the server asks' });
  token.value = readToken();
  const button = h('button', { type: 'submit', id: 'analyze-button' }, 'Analyze');
  const progress = h('progress', { id: 'analyze-progress', hidden: true, 'aria-label': 'Analysing the story' });
  const result = h('section', { class: 'result', 'aria-label': 'Analysis' });

  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    textarea.value = await f.text();
    kind.value = /\.html?$/i.test(f.name) || /^\s*</.test(textarea.value) ? 'html' : 'text';
    status.textContent = `Loaded ${f.name} (${f.size} bytes).`;
  });

  const form = h(
    'form',
    { class: 'analyze-form', 'aria-label': 'Story to analyse' },
    h('div', { class: 'field wide' }, h('label', { for: 'story-text' }, 'Story text'), textarea),
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'story-file' }, 'Or upload a file'), file),
      h('div', { class: 'field' }, h('label', { for: 'story-kind' }, 'Input is'), kind),
      h('div', { class: 'field' }, h('label', { for: 'story-date' }, 'Publication date (optional)'), date),
      h('div', { class: 'field' }, h('label', { for: 'story-url' }, 'URL (optional)'), url),
      h('div', { class: 'field' }, h('label', { for: 'api-token' }, 'Access token'), token),
      h('div', { class: 'field actions' }, button, progress),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alert.hidden = true;
    if (!textarea.value.trim()) {
      showError(alert, new ApiError('E_EMPTY', 'paste a story or choose a file first'));
      textarea.focus();
      return;
    }
    button.disabled = true;
    progress.hidden = false;
    result.setAttribute('aria-busy', 'true');
    const t0 = performance.now();
    const tick = () => (status.textContent = `Analysing… ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    tick();
    const timer = window.setInterval(tick, 500);
    try {
      const body: { text?: string; html?: string; date?: string; url?: string } = kind.value === 'html' ? { html: textarea.value } : { text: textarea.value };
      if (date.value) body.date = date.value;
      if (url.value) body.url = url.value;
      saveToken(token.value);
      const doc = await api.analyze(body, token.value.trim() || undefined);
      status.textContent = `Analysed in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${doc.events.length} events, ${doc.entities.length} entities, ${doc.flags.length} flags. Stored as ${doc.id.slice(0, 12)}.`;
      renderDoc(result, doc);
    } catch (err) {
      status.textContent = '';
      showError(alert, err);
      if (err instanceof ApiError && err.status === 401) token.focus();
    } finally {
      window.clearInterval(timer);
      button.disabled = false;
      progress.hidden = true;
      result.removeAttribute('aria-busy');
    }
  });

  replace(root, h('h2', {}, storyId ? 'Stored story' : 'Analyze a story'), storyId ? null : form, status, alert, result);
  if (storyId) {
    status.textContent = 'Loading story…';
    api.story(storyId).then(
      (doc) => {
        status.textContent = `Story ${storyId.slice(0, 12)}: ${doc.events.length} events.`;
        renderDoc(result, doc, eventId);
      },
      (err) => {
        status.textContent = '';
        showError(alert, err);
      },
    );
  }
}

/** sessionStorage key of the access token (kept for the browser tab only, never in localStorage). */
const TOKEN_KEY = 'dateline.token';

/** The access token typed earlier in this tab, or ''. */
function readToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Keep the token for this tab (an empty value removes it). */
function saveToken(value: string): void {
  try {
    if (value.trim()) sessionStorage.setItem(TOKEN_KEY, value.trim());
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage refused (private mode): the token is simply not remembered */
  }
}

function showError(alert: HTMLElement, err: unknown): void {
  const e = err instanceof ApiError ? err : new ApiError('E_CLIENT', (err as Error)?.message ?? String(err));
  replace(alert, h('strong', {}, `Error ${e.code}: `), e.message);
  alert.hidden = false;
}

/** The annotation marks of a Doc, one per highlighted span. */
function marks(doc: Doc): Mark[] {
  const out: Mark[] = [];
  for (const m of doc.mentions) out.push({ start: m.start, end: m.end, cls: `ent ent-${m.type}`, title: `${m.type} mention` });
  for (const t of doc.timexes) out.push({ start: t.start, end: t.end, cls: 'timex', title: `time ${t.type} ${t.value}` });
  for (const p of doc.places) out.push({ start: p.start, end: p.end, cls: 'place', title: `place ${p.name} (${p.lat}, ${p.lon})` });
  for (const q of doc.quotes) out.push({ start: q.start, end: q.end, cls: q.direct ? 'quote' : 'quote indirect', title: `quote by ${q.speaker.text}` });
  for (const q of doc.quantities) out.push({ start: q.start, end: q.end, cls: 'qty', title: `quantity ${q.value} ${q.unit}` });
  const triggers = new Map<string, Mark>();
  for (const e of doc.events) {
    const key = `${e.trigger.start}:${e.trigger.end}`;
    const t = triggers.get(key);
    if (t) t.events!.push(e.id);
    else triggers.set(key, { start: e.trigger.start, end: e.trigger.end, cls: 'trigger', title: `event trigger`, events: [e.id] });
  }
  out.push(...triggers.values());
  return out.filter((m) => m.end > m.start && m.start >= 0 && m.end <= doc.text.length);
}

/**
 * The story text as segments: the text is cut at every mark boundary, and each piece becomes one
 * `<span class="seg">` carrying the classes of the marks covering it and its offsets in
 * `data-start`/`data-end`. Text goes in as text nodes only.
 */
function renderText(doc: Doc, onTrigger: (eventId: string) => void): HTMLElement {
  const ms = marks(doc);
  const cuts = new Set<number>([0, doc.text.length]);
  for (const m of ms) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...ms].sort((a, b) => a.start - b.start);
  const article = h('div', { class: 'story-text', id: 'story-view', 'aria-label': 'Story text with annotations' });
  let open: Mark[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    while (next < byStart.length && byStart[next].start <= a) open.push(byStart[next++]);
    open = open.filter((m) => m.end > a);
    const cover = open.filter((m) => m.start <= a && m.end >= b);
    const cls = ['seg', ...new Set(cover.flatMap((m) => m.cls.split(' ')))].join(' ');
    const span = h('span', { class: cls, 'data-start': a, 'data-end': b }, doc.text.slice(a, b));
    const titles = cover.map((m) => m.title).filter(Boolean);
    if (titles.length) span.title = titles.join('; ');
    const trig = cover.find((m) => m.events);
    if (trig) {
      span.dataset.events = trig.events!.join(' ');
      span.tabIndex = 0;
      span.setAttribute('role', 'button');
      span.setAttribute('aria-label', `event trigger "${doc.text.slice(trig.start, trig.end)}": show its event`);
      const go = () => onTrigger(trig.events![0]);
      span.addEventListener('click', go);
      span.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go();
        }
      });
    }
    article.append(span);
  }
  return article;
}

/** Highlight ranges of the text view (`cls` per range) and scroll the first `scrollCls` element into view. */
function highlight(view: HTMLElement, ranges: { span: Span; cls: string }[], scrollCls: string): void {
  for (const el of view.querySelectorAll<HTMLElement>('.' + HL.join(', .'))) el.classList.remove(...HL);
  const segs = view.querySelectorAll<HTMLElement>('span.seg');
  for (const seg of segs) {
    const a = Number(seg.dataset.start);
    const b = Number(seg.dataset.end);
    for (const r of ranges) if (a >= r.span.start && b <= r.span.end && r.span.end > r.span.start) seg.classList.add(r.cls);
  }
  const first = view.querySelector<HTMLElement>('.' + scrollCls) ?? view.querySelector<HTMLElement>('.hl-sentence');
  first?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
}

/** The span of the words that support an event's date: a timex in its sentence with a matching value. */
function dateSpan(doc: Doc, e: DocEvent): Span | null {
  if (!e.date) return null;
  const inSentence = doc.timexes.filter((t) => t.start >= e.sentence.start && t.end <= e.sentence.end);
  const match = inSentence.find((t) => t.value.startsWith(e.date!) || e.date!.startsWith(t.value)) ?? inSentence.find((t) => t.type === 'DATE');
  return match ?? null;
}

/** The span of the words that support an event's place: the place it was resolved from, nearest the trigger. */
function placeSpan(doc: Doc, e: DocEvent): Span | null {
  if (!e.place) return null;
  const same = doc.places.filter((p) => (e.place!.geonamesId ? p.geonamesId === e.place!.geonamesId : p.name === e.place!.name));
  const inSentence = same.filter((p) => p.start >= e.sentence.start && p.end <= e.sentence.end);
  const pool = inSentence.length ? inSentence : same;
  if (!pool.length) return null;
  return pool.reduce((best, p) => (Math.abs(p.start - e.trigger.start) < Math.abs(best.start - e.trigger.start) ? p : best));
}

function actorSpan(a: DocEvent['source'] | null): Span | null {
  return a && a.start != null && a.end != null ? { start: a.start, end: a.end } : null;
}

/** Render a Doc: text with highlights, legend, meta, events with linked fields, flags and messages. */
export function renderDoc(container: HTMLElement, doc: Doc, selectEventId?: string): void {
  const cards = new Map<string, HTMLElement>();
  let view: HTMLElement;
  const show = (e: DocEvent, field?: 'source' | 'target' | 'date' | 'place') => {
    const ranges: { span: Span; cls: string }[] = [
      { span: e.sentence, cls: 'hl-sentence' },
      { span: e.trigger, cls: 'hl-trigger' },
    ];
    const fieldSpan =
      field === 'source' ? actorSpan(e.source) : field === 'target' ? actorSpan(e.target) : field === 'date' ? dateSpan(doc, e) : field === 'place' ? placeSpan(doc, e) : null;
    if (fieldSpan) ranges.push({ span: fieldSpan, cls: 'hl-field' });
    highlight(view, ranges, fieldSpan ? 'hl-field' : 'hl-trigger');
    for (const [id, card] of cards) card.classList.toggle('selected', id === e.id);
    evidenceNote.textContent = `Evidence for ${e.id} (${e.cameo} ${e.label ?? ''}): trigger "${e.trigger.text}"${field ? `, ${field}` : ''}${field && !fieldSpan ? ' (not stated in the text: from the document date or context)' : ''}.`;
  };
  const evidenceNote = h('p', { class: 'evidence-note', role: 'status', 'aria-live': 'polite' });
  view = renderText(doc, (id) => {
    const e = doc.events.find((x) => x.id === id);
    if (e) {
      show(e);
      cards.get(id)?.querySelector('button')?.focus({ preventScroll: true });
    }
  });

  const eventList = h('ol', { class: 'event-list', 'aria-label': 'Events' });
  for (const e of doc.events) {
    const fieldBtn = (label: string, value: string, field: 'source' | 'target' | 'date' | 'place', enabled = true) =>
      h(
        'div',
        { class: 'ev-field' },
        h('dt', {}, label),
        h('dd', {}, enabled ? h('button', { type: 'button', class: 'link', 'data-field': field, 'aria-label': `Show the words for the ${label} of ${e.id}`, onclick: () => show(e, field) }, value) : value),
      );
    const card = h(
      'li',
      { class: `event quad-${e.quadClass}`, 'data-event': e.id, style: `border-left-color: ${QUAD_COLOURS[e.quadClass - 1] ?? '#888'}` },
      h('button', { type: 'button', class: 'event-pick', 'data-event': e.id, 'aria-label': `Show the evidence of event ${e.id}: ${e.cameo} ${e.label ?? ''}`, onclick: () => show(e) }, `${e.cameo} ${e.label ?? ''}`),
      h(
        'dl',
        {},
        fieldBtn('source', `${e.source.text} (${e.source.actor})`, 'source', actorSpan(e.source) != null),
        fieldBtn('target', e.target ? `${e.target.text} (${e.target.actor})` : '—', 'target', actorSpan(e.target) != null),
        fieldBtn('date', e.date ?? 'unknown', 'date', e.date != null),
        fieldBtn('place', e.place ? e.place.name : '—', 'place', e.place != null),
        h('div', { class: 'ev-field' }, h('dt', {}, 'trigger'), h('dd', {}, `“${e.trigger.text}”`)),
        h('div', { class: 'ev-field' }, h('dt', {}, 'modality'), h('dd', {}, e.modality)),
        h('div', { class: 'ev-field' }, h('dt', {}, 'class'), h('dd', {}, `${QUAD_NAMES[e.quadClass - 1] ?? '?'}, Goldstein ${e.goldstein}${e.plover ? `, PLOVER ${e.plover}` : ''}`)),
      ),
    );
    cards.set(e.id, card);
    eventList.append(card);
  }

  const flags = h('ul', { class: 'flags', 'aria-label': 'Flags' });
  for (const f of doc.flags) {
    flags.append(
      h(
        'li',
        { class: 'flag' },
        h('strong', {}, f.kind),
        ': ',
        f.message,
        ' ',
        ...f.spans.flatMap((sp) => [
          h('button', { type: 'button', class: 'link', 'aria-label': `Show “${sp.text}” in the text`, onclick: () => highlight(view, [{ span: sp, cls: 'hl-flag' }], 'hl-flag') }, `“${sp.text}”`),
          ' ',
        ]),
      ),
    );
  }
  const messages = h('ul', { class: 'messages', 'aria-label': 'Messages' }, ...doc.messages.map((m) => h('li', {}, `${m.code} (${m.stage}): ${m.message}`)));
  const m = doc.meta;
  const metaList = h(
    'dl',
    { class: 'meta' },
    ...([
      ['title', m.title],
      ['published', m.published ? `${m.published} (${m.publishedSource})` : 'unknown'],
      ['dateline', m.dateline],
      ['original publisher', m.originalPublisher],
      ['reprint', m.isReprint ? 'yes' : undefined],
      ['url', m.url],
    ] as [string, string | undefined][])
      .filter(([, v]) => v)
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v!)]),
  );
  const legend = h(
    'p',
    { class: 'legend', 'aria-label': 'Legend' },
    ...[
      ['ent ent-PER', 'person'],
      ['ent ent-ORG', 'organisation'],
      ['ent ent-LOC', 'location'],
      ['ent ent-NORP', 'nationality/group'],
      ['timex', 'time'],
      ['place', 'resolved place'],
      ['quote', 'quote'],
      ['qty', 'quantity'],
      ['trigger', 'event trigger'],
    ].map(([cls, label]) => h('span', { class: `seg ${cls}` }, label)),
  );

  replace(
    container,
    h(
      'div',
      { class: 'doc-layout' },
      h('div', { class: 'doc-main' }, h('h3', {}, m.title ?? 'Story'), legend, evidenceNote, view),
      h(
        'aside',
        { class: 'doc-side', 'aria-label': 'Events, flags and metadata' },
        h('h3', {}, `Events (${doc.events.length})`),
        doc.events.length ? eventList : h('p', {}, 'No events coded.'),
        h('h3', {}, `Flags (${doc.flags.length})`),
        doc.flags.length ? flags : h('p', {}, 'No flags.'),
        h('h3', {}, 'Document'),
        metaList,
        doc.messages.length ? h('details', {}, h('summary', {}, `Messages (${doc.messages.length})`), messages) : null,
      ),
    ),
  );
  const sel = selectEventId ? doc.events.find((e) => e.id === selectEventId) : undefined;
  if (sel) show(sel);
}
