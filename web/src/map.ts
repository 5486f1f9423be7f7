/**
 * The Map view: world-atlas countries (Natural Earth 1:110m, bundled) drawn with d3-geo's Natural
 * Earth projection, one circle per located place, its area proportional to the number of event
 * reports there. No tile server: everything is in the bundle.
 */
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { api, showErrorIn } from './api-ui.js';
import { h, replace, s } from './dom.js';
import { filterSummary, state } from './state.js';

const W = 960;
const H = 500;

/** Build the Map view. */
export function mapView(root: HTMLElement, onPlace: (bbox: string) => void): void {
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const holder = h('div', { class: 'map-holder' });
  replace(root, h('h2', {}, 'Map'), h('p', {}, `Filters: ${filterSummary(state.filters)}. Circle area ∝ number of event reports; select a circle to list its events.`), alert, holder);
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topo, topo.objects.countries);
  const projection = geoNaturalEarth1().fitSize([W, H], { type: 'Sphere' });
  const path = geoPath(projection);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'group', 'aria-label': 'Map of event locations' });
  svg.append(
    s('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' }),
    s('path', { d: path(geoGraticule10()) ?? '', class: 'graticule' }),
    s('g', { class: 'countries' }, ...countries.features.map((f) => s('path', { d: path(f) ?? '', class: 'country' }, s('title', {}, String((f.properties as { name?: string })?.name ?? ''))))),
  );
  const points = s('g', { class: 'points' });
  svg.append(points);
  holder.append(svg);
  api.places(state.filters).then(
    ({ places }) => {
      const max = Math.max(1, ...places.map((p) => p.count));
      for (const p of places) {
        const xy = projection([p.lon, p.lat]);
        if (!xy) continue;
        const r = 3 + 15 * Math.sqrt(p.count / max);
        const bbox = [p.lon - 0.01, p.lat - 0.01, p.lon + 0.01, p.lat + 0.01].map((v) => v.toFixed(4)).join(',');
        const label = `${p.name}: ${p.count} event report${p.count === 1 ? '' : 's'} in ${p.stories} stor${p.stories === 1 ? 'y' : 'ies'}`;
        const c = s('circle', {
          cx: xy[0].toFixed(1),
          cy: xy[1].toFixed(1),
          r: r.toFixed(1),
          class: 'event-point',
          tabindex: 0,
          role: 'button',
          'aria-label': label,
          'data-name': p.name,
          'data-count': p.count,
        }, s('title', {}, label));
        const go = () => onPlace(bbox);
        c.addEventListener('click', go);
        c.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            go();
          }
        });
        points.append(c);
      }
      holder.append(h('p', { class: 'summary', role: 'status' }, `${places.length} located place${places.length === 1 ? '' : 's'}, ${places.reduce((n, p) => n + p.count, 0)} event reports.`));
    },
    (err) => showErrorIn(alert, err),
  );
}
