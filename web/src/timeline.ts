/** The Timeline view: events per day or month as stacked SVG bars, one colour per quad class. */
import { api, showErrorIn, QUAD_COLOURS, QUAD_NAMES } from './api-ui.js';
import { h, replace, s } from './dom.js';
import { filterSummary, state } from './state.js';

/** Build the Timeline view. */
export function timelineView(root: HTMLElement): void {
  const gran = h('select', { id: 'timeline-granularity' }, h('option', { value: 'month' }, 'month'), h('option', { value: 'day' }, 'day'));
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const chart = h('div', { class: 'chart' });
  const load = async () => {
    alert.hidden = true;
    try {
      const { buckets } = await api.timeline(state.filters, gran.value as 'day' | 'month');
      replace(chart, draw(buckets));
    } catch (err) {
      showErrorIn(alert, err);
    }
  };
  gran.addEventListener('change', load);
  replace(
    root,
    h('h2', {}, 'Timeline'),
    h('p', {}, `Filters: ${filterSummary(state.filters)} (set them in `, h('a', { href: '#/events' }, 'Events'), ').'),
    h('div', { class: 'field inline' }, h('label', { for: 'timeline-granularity' }, 'Events per'), gran),
    legend(),
    alert,
    chart,
  );
  void load();
}

/** A legend of the quad-class colours. */
export function legend(): HTMLElement {
  return h(
    'p',
    { class: 'legend', 'aria-label': 'Quad classes' },
    ...QUAD_NAMES.map((n, i) => h('span', { class: 'swatch' }, h('span', { class: 'box', style: `background:${QUAD_COLOURS[i]}` }), `${i + 1} ${n}`)),
  );
}

function draw(buckets: { period: string; count: number; byQuad: number[] }[]): Node {
  if (!buckets.length) return h('p', {}, 'No dated events match.');
  const W = 900;
  const H = 320;
  const m = { l: 44, r: 12, t: 12, b: 64 };
  const max = Math.max(...buckets.map((b) => b.count));
  const bw = (W - m.l - m.r) / buckets.length;
  const y = (v: number) => H - m.b - (v / max) * (H - m.t - m.b);
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'timeline',
    role: 'img',
    'aria-label': `Events over time: ${buckets.map((b) => `${b.period} ${b.count}`).join(', ')}`,
  });
  const ticks = Math.min(max, 5);
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((max * i) / ticks);
    svg.append(s('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v)));
  }
  const every = Math.max(1, Math.ceil(buckets.length / 20));
  buckets.forEach((b, i) => {
    const x = m.l + i * bw;
    let acc = 0;
    const g = s('g', { class: 'bar', 'data-period': b.period, 'data-count': b.count }, s('title', {}, `${b.period}: ${b.count} events`));
    b.byQuad.forEach((n, q) => {
      if (!n) return;
      g.append(s('rect', { x: x + 1, width: Math.max(1, bw - 2), y: y(acc + n), height: y(acc) - y(acc + n), fill: QUAD_COLOURS[q] }));
      acc += n;
    });
    svg.append(g);
    if (i % every === 0) {
      svg.append(s('text', { x: x + bw / 2, y: H - m.b + 14, class: 'axis', 'text-anchor': 'end', transform: `rotate(-45 ${x + bw / 2} ${H - m.b + 14})` }, b.period));
    }
  });
  return svg;
}
