/**
 * The analyst web app of `dateline serve`: hash routes `#/analyze`, `#/events`, `#/timeline`,
 * `#/map`, `#/network` and `#/story/<id>?event=<eventId>` (a stored story with one event's
 * evidence highlighted).
 */
import './style.css';
import { analyzeView } from './analyze.js';
import { eventsView } from './events.js';
import { timelineView } from './timeline.js';
import { mapView } from './map.js';
import { networkView } from './network.js';
import { state } from './state.js';

const main = document.getElementById('main') as HTMLElement;
/** Each view keeps its own element, so the Analyze view keeps its result when the user looks elsewhere. */
const sections = new Map<string, HTMLElement>();

function section(name: string): HTMLElement {
  let el = sections.get(name);
  if (!el) {
    el = document.createElement('section');
    el.className = `view view-${name}`;
    el.setAttribute('aria-label', name);
    main.append(el);
    sections.set(name, el);
  }
  for (const [k, v] of sections) v.hidden = k !== name;
  return el;
}

function route(): void {
  const hash = location.hash.replace(/^#\/?/, '') || 'analyze';
  const [pathPart, query = ''] = hash.split('?');
  const [view, arg] = pathPart.split('/');
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  switch (view) {
    case 'events':
      eventsView(section('events'));
      break;
    case 'timeline':
      timelineView(section('timeline'));
      break;
    case 'map':
      mapView(section('map'), (bbox) => {
        state.filters = { ...state.filters, bbox };
        location.hash = '#/events';
      });
      break;
    case 'network':
      networkView(section('network'), (code) => {
        state.filters = { ...state.filters, actor: code };
        location.hash = '#/events';
      });
      break;
    case 'story':
      analyzeView(section('story'), decodeURIComponent(arg ?? ''), new URLSearchParams(query).get('event') ?? undefined);
      break;
    default: {
      const fresh = !sections.has('analyze');
      const el = section('analyze');
      if (fresh) analyzeView(el);
    }
  }
}

window.addEventListener('hashchange', route);
route();
