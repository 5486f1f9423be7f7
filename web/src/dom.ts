/**
 * Small DOM helpers. Text is always inserted as text nodes (`textContent` semantics), never as
 * HTML, so a story's words can never become markup.
 */

type Attr = string | number | boolean | undefined | null;
type Listener = (e: Event) => void;
/** Children: nodes, or strings inserted as text nodes. */
export type Child = Node | string | number | null | undefined | false;

/**
 * A new HTML element. `attrs` keys starting with `on` add event listeners (`onclick`); `class`
 * sets the class list; `true` sets an empty attribute; `false`/null/undefined skip it.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr | Listener> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A new SVG element with attributes and children (strings become text nodes). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, Attr | Listener> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Record<string, Attr | Listener>): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v != null) el.setAttribute(k, String(v));
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c == null || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Remove every child of `el`, then append `children`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}
