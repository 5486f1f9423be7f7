/**
 * Headline handling for near-duplicate detection: outlet suffixes ("… - Outlet A",
 * "… | BBC News") name the site, not the story, and are stripped before two titles are compared.
 */

/** Separators before an outlet name at the end of a headline: hyphen, en/em dash, vertical bar, colon-less. */
const SUFFIX = /\s+(?:-|–|—|\|)\s+([^-–—|]{1,40})$/u;

/**
 * The headline without a trailing outlet suffix (" - Outlet A", " | BBC News", " — Reuters"). The
 * suffix must be at most 40 characters and 5 words, and the headline before it must keep at
 * least 3 words, so a dash inside a headline ("Talks - and then war") is more likely kept.
 * Repeated suffixes (" - Politics - Outlet") are stripped one at a time.
 */
export function stripOutletSuffix(title: string): string {
  let t = title.trim();
  for (let i = 0; i < 3; i++) {
    const m = SUFFIX.exec(t);
    if (!m) break;
    const before = t.slice(0, m.index).trim();
    if (m[1].trim().split(/\s+/).length > 5 || before.split(/\s+/).length < 3) break;
    t = before;
  }
  return t;
}

/** The publisher named by a headline's outlet suffix ("Outlet A" in "… - Outlet A"), or undefined. */
export function outletSuffix(title: string): string | undefined {
  const stripped = stripOutletSuffix(title);
  if (stripped === title.trim()) return undefined;
  const m = SUFFIX.exec(title.trim());
  return m ? m[1].trim() : undefined;
}
