/** API helpers shared by the views, plus the one way errors are shown. */
import { ApiError } from './api.js';
import { h, replace } from './dom.js';

export { api, queryString, ApiError, QUAD_COLOURS, QUAD_NAMES } from './api.js';

/** Show an error (an {@link ApiError} or anything thrown) in an alert element, code first. */
export function showErrorIn(alert: HTMLElement, err: unknown): void {
  const e = err instanceof ApiError ? err : new ApiError('E_CLIENT', (err as Error)?.message ?? String(err));
  replace(alert, h('strong', {}, `Error ${e.code}: `), e.message);
  alert.hidden = false;
}
