/** State shared by the views: the event filters (set in the Events view, used by every view). */
export const state = {
  /** Current event filters, as query-string values of `/api/events` (no paging). */
  filters: {} as Record<string, string>,
};

/** A short readable summary of the filters, or "none". */
export function filterSummary(f: Record<string, string>): string {
  const parts = Object.entries(f).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : 'none';
}
