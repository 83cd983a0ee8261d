// REST calls. Every failure becomes an ApiError with a protocol error code, so pages only ever
// translate `error.<code>`: problem+json gives the code, a dead network gives NETWORK.

import { compactCode } from './common.js';

export class ApiError extends Error {
  constructor(code, message, status = 0) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

export async function request(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  let text;
  try {
    res = await fetch(path, init);
    text = await res.text();
  } catch (e) {
    throw new ApiError('NETWORK', e?.message, 0);
  }
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page or a truncated body: no code to show, handled below.
  }
  if (res.ok) {
    if (text && json === null) throw new ApiError('UNKNOWN', 'Response is not JSON', res.status);
    return json;
  }
  throw new ApiError(json?.code || 'UNKNOWN', json?.detail || json?.title || res.statusText, res.status);
}

const sessionPath = (code) => `/api/sessions/${encodeURIComponent(compactCode(code))}`;
const organiserHeaders = (key) => (key ? { 'X-Organiser-Key': key } : {});

export const api = {
  templates: () => request('/api/templates'),
  organiser: (key) => request('/api/organiser', { headers: organiserHeaders(key) }),
  createSession: (body, key) => request('/api/sessions', { method: 'POST', body, headers: organiserHeaders(key) }),
  session: (code) => request(sessionPath(code)),
  join: (code, body) => request(`${sessionPath(code)}/participants`, { method: 'POST', body }),
  qrUrl: (code) => `${sessionPath(code)}/qr.svg`,
  createNoteTaker: (code, facilitatorSecret) => request(`${sessionPath(code)}/note-takers`, {
    method: 'POST', body: {}, headers: { Authorization: `Bearer ${facilitatorSecret}` },
  }),
};
