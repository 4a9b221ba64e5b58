// The single way the app talks to Gatehouse: same-origin fetch with the session cookie, the CSRF
// token echoed on every state change, and refusals turned into ApiError with the API's message.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The server answered ${status}.`);
    this.status = status;
    this.code = (body && body.code) || 'UNKNOWN';
    this.details = body ? body.details : undefined;
  }
}

let onSignedOut = () => {};
/** Called when the API says the session is over (signed out, revoked, or the person has left). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

function csrfToken() {
  const match = /(?:^|;\s*)gh_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]) : '';
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  const url = path.startsWith('/') ? path : `/api/v1/${path}`;
  let response;
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'Gatehouse could not be reached. Check your connection and try again.' });
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && !url.startsWith('/web/session')) onSignedOut(error);
    throw error;
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body) => request('PUT', path, body);
export const patch = (path, body) => request('PATCH', path, body);
export const del = (path) => request('DELETE', path);

const withCursor = (path, cursor) => (cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path);

/** Every item of a paged list, following `nextCursor`: for lists a page must show whole (names, queues). */
export async function getAll(path) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(withCursor(path, cursor));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, nextCursor: null };
}

/** Pages through a long list on demand: `next()` gives the following page's items, `more` says whether any remain. */
export function pager(path) {
  let cursor = null;
  let started = false;
  return {
    get more() { return !started || Boolean(cursor); },
    async next() {
      const page = await get(withCursor(path, cursor));
      started = true;
      cursor = page.nextCursor;
      return page.items;
    },
  };
}

/** Builds a query string from the defined values only. */
export function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}
