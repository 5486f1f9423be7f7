/**
 * The Actor network view (cytoscape): one node per CAMEO actor code, sized by its number of
 * events; one directed edge per source→target pair and quad class, coloured by quad class and as
 * wide as its number of events. The same edges are listed in a table for keyboard and
 * screen-reader users.
 */
import cytoscape from 'cytoscape';
import { api, showErrorIn, QUAD_COLOURS, QUAD_NAMES } from './api-ui.js';
import { h, replace } from './dom.js';
import { filterSummary, state } from './state.js';
import { legend } from './timeline.js';

let current: cytoscape.Core | null = null;

/** Build the network view; `onActor` is called with an actor code when a node is chosen. */
export function networkView(root: HTMLElement, onActor: (code: string) => void): void {
  current?.destroy();
  current = null;
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const box = h('div', { class: 'network', id: 'network', role: 'img', 'aria-label': 'Actor network graph' });
  const tbody = h('tbody');
  replace(
    root,
    h('h2', {}, 'Actor network'),
    h('p', {}, `Filters: ${filterSummary(state.filters)}. Select a node to list that actor's events.`),
    legend(),
    alert,
    box,
    h(
      'details',
      {},
      h('summary', {}, 'Edges as a table'),
      h('table', { 'aria-label': 'Actor network edges' }, h('thead', {}, h('tr', {}, ...['Source', 'Target', 'Quad class', 'Events'].map((c) => h('th', { scope: 'col' }, c)))), tbody),
    ),
  );
  api.network(state.filters).then(
    ({ nodes, edges }) => {
      if (!nodes.length) {
        box.replaceChildren(h('p', {}, 'No events with both a source and a target match.'));
        return;
      }
      for (const e of edges) {
        tbody.append(
          h(
            'tr',
            {},
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => onActor(e.source) }, e.source)),
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => onActor(e.target) }, e.target)),
            h('td', {}, `${e.quadClass} ${QUAD_NAMES[e.quadClass - 1] ?? ''}`),
            h('td', {}, String(e.count)),
          ),
        );
      }
      const maxN = Math.max(1, ...nodes.map((n) => n.count));
      const maxE = Math.max(1, ...edges.map((e) => e.count));
      current = cytoscape({
        container: box,
        elements: [
          ...nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 24 + 36 * Math.sqrt(n.count / maxN) } })),
          ...edges.map((e, i) => ({
            data: { id: `e${i}`, source: e.source, target: e.target, colour: QUAD_COLOURS[e.quadClass - 1] ?? '#888', width: 1.5 + 6 * (e.count / maxE), label: String(e.count) },
          })),
        ],
        style: [
          { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#455a64', color: '#111', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4 } },
          {
            selector: 'edge',
            style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10 },
          },
        ],
        layout: { name: nodes.length > 2 ? 'cose' : 'circle', animate: false, padding: 30 } as cytoscape.LayoutOptions,
      });
      current.on('tap', 'node', (ev) => onActor(ev.target.id()));
    },
    (err) => showErrorIn(alert, err),
  );
}
