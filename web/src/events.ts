/**
 * The Events view: filters (the API's event filters), a paged table of events, each row one click
 * from its evidence in the story, and CSV / JSON Lines export links for the same filters.
 */
import { api, queryString, showErrorIn, QUAD_NAMES } from './api-ui.js';
import { h, replace } from './dom.js';
import { state } from './state.js';

const PAGE = 50;

interface FieldDef {
  name: string;
  label: string;
  type?: string;
  placeholder?: string;
  options?: [string, string][];
}

const FIELDS: FieldDef[] = [
  { name: 'actor', label: 'Actor code or name', placeholder: 'RUSGOV or Putin' },
  { name: 'cameo', label: 'CAMEO code', placeholder: '042' },
  { name: 'root', label: 'CAMEO root', placeholder: '04' },
  { name: 'quadClass', label: 'Quad class', options: [['', 'any'], ...QUAD_NAMES.map((n, i) => [String(i + 1), `${i + 1} ${n}`] as [string, string])] },
  { name: 'plover', label: 'PLOVER type', placeholder: 'CONSULT' },
  { name: 'from', label: 'From date', type: 'date' },
  { name: 'to', label: 'To date', type: 'date' },
  { name: 'place', label: 'Place name', placeholder: 'Tashkent' },
  { name: 'bbox', label: 'Bounding box', placeholder: 'minLon,minLat,maxLon,maxLat' },
  {
    name: 'modality',
    label: 'Modality',
    options: [['', 'any'], ...['asserted', 'negated', 'planned', 'hypothetical', 'reported'].map((m) => [m, m] as [string, string])],
  },
  { name: 'q', label: 'Text search', placeholder: 'words in the story' },
];

/** Build the Events view. */
export function eventsView(root: HTMLElement): void {
  let offset = 0;
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const fields = FIELDS.map((f) => {
    const id = `filter-${f.name}`;
    const input = f.options
      ? h('select', { id, name: f.name }, ...f.options.map(([v, l]) => h('option', { value: v }, l)))
      : h('input', { id, name: f.name, type: f.type ?? 'text', placeholder: f.placeholder });
    input.value = state.filters[f.name] ?? '';
    inputs.set(f.name, input);
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), input);
  });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const csv = h('a', { class: 'button', id: 'export-csv', href: '/api/export.csv', download: 'dateline-events.csv' }, 'Export CSV (GDELT columns)');
  const jsonl = h('a', { class: 'button', id: 'export-jsonl', href: '/api/export.jsonl', download: 'dateline-events.jsonl' }, 'Export JSON Lines');
  const tbody = h('tbody');
  const prev = h('button', { type: 'button', 'aria-label': 'Previous page' }, '← Previous');
  const next = h('button', { type: 'button', 'aria-label': 'Next page' }, 'Next →');
  const table = h(
    'table',
    { class: 'events-table', 'aria-label': 'Events' },
    h('thead', {}, h('tr', {}, ...['Date', 'Source', 'Event', 'Target', 'Place', 'Modality', 'Trigger', 'Evidence'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody,
  );

  const load = async () => {
    alert.hidden = true;
    const qs = queryString(state.filters);
    csv.href = `/api/export.csv${qs ? '?' + qs : ''}`;
    jsonl.href = `/api/export.jsonl${qs ? '?' + qs : ''}`;
    summary.textContent = 'Loading…';
    try {
      const page = await api.events(state.filters, PAGE, offset);
      tbody.replaceChildren(
        ...page.items.map((e) =>
          h(
            'tr',
            { class: `quad-${e.quadClass}`, 'data-event': e.eventId },
            h('td', {}, e.date ?? '—'),
            h('td', {}, h('span', { class: 'code' }, e.sourceActor), ' ', e.sourceText),
            h('td', {}, h('span', { class: 'code' }, e.cameo), ' ', e.label),
            h('td', {}, e.targetActor ? h('span', { class: 'code' }, e.targetActor) : '—', ' ', e.targetText ?? ''),
            h('td', {}, e.placeName ?? '—'),
            h('td', {}, e.modality),
            h('td', {}, `“${e.triggerText}”`),
            h('td', {}, h('a', { href: `#/story/${e.storyId}?event=${encodeURIComponent(e.eventId)}`, 'aria-label': `Evidence of ${e.eventId} in its story` }, 'show')),
          ),
        ),
      );
      const last = Math.min(page.total, offset + page.items.length);
      summary.textContent = page.total ? `Events ${offset + 1}–${last} of ${page.total}.` : 'No events match.';
      prev.disabled = offset === 0;
      next.disabled = last >= page.total;
    } catch (err) {
      summary.textContent = '';
      showErrorIn(alert, err);
    }
  };

  const form = h('form', { class: 'filters', 'aria-label': 'Event filters' }, ...fields, h('div', { class: 'field actions' }, h('button', { type: 'submit' }, 'Apply filters'), h('button', { type: 'reset' }, 'Reset')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f: Record<string, string> = {};
    for (const [k, input] of inputs) if (input.value.trim()) f[k] = input.value.trim();
    state.filters = f;
    offset = 0;
    void load();
  });
  form.addEventListener('reset', () => {
    state.filters = {};
    offset = 0;
    setTimeout(load, 0);
  });
  prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE);
    void load();
  });
  next.addEventListener('click', () => {
    offset += PAGE;
    void load();
  });
  replace(root, h('h2', {}, 'Events'), form, h('p', { class: 'exports' }, csv, ' ', jsonl), alert, summary, h('div', { class: 'table-wrap' }, table), h('p', { class: 'pager' }, prev, ' ', next));
  void load();
}
