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

/** timeoutMs: give up (ApiError NETWORK) when no complete answer came within this time; 0 waits as long as the browser does. */
export async function request(path, { method = 'GET', body, headers = {}, timeoutMs = 0 } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const controller = timeoutMs > 0 && typeof AbortController === 'function' ? new AbortController() : null;
  if (controller) init.signal = controller.signal;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : 0;
  let res;
  let text;
  try {
    res = await fetch(path, init);
    text = await res.text();
  } catch (e) {
    throw new ApiError('NETWORK', e?.message, 0);
  } finally {
    clearTimeout(timer);
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

/** "attachment; filename=\"x.docx\"" (or RFC 5987 filename*=UTF-8''…) → "x.docx"; null when absent. */
export function fileNameFrom(disposition) {
  const header = String(disposition ?? '');
  let name = null;
  const extended = header.match(/filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = header.match(/filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/);
    if (plain) name = (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1');
  }
  // Only a file name, never a path.
  name = name ? name.replace(/[\\/]/g, '_').replace(/^\.+/, '').trim() : '';
  return name || null;
}

/** A file download (with credentials in a header, so not a plain link): {blob, fileName}. */
export async function fetchFile(path, { headers = {} } = {}) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: '*/*', ...headers }, cache: 'no-store' });
  } catch (e) {
    throw new ApiError('NETWORK', e?.message, 0);
  }
  if (!res.ok) {
    let json = null;
    try {
      json = JSON.parse(await res.text());
    } catch {
      // Not problem+json: no code to show.
    }
    throw new ApiError(json?.code || 'UNKNOWN', json?.detail || json?.title || res.statusText, res.status);
  }
  let blob;
  try {
    blob = await res.blob();
  } catch (e) {
    throw new ApiError('NETWORK', e?.message, 0);
  }
  return { blob, fileName: fileNameFrom(res.headers.get('Content-Disposition')) };
}

const sessionPath = (code) => `/api/sessions/${encodeURIComponent(compactCode(code))}`;
const organiserHeaders = (key) => (key ? { 'X-Organiser-Key': key } : {});

export const api = {
  templates: () => request('/api/templates'),
  organiser: (key) => request('/api/organiser', { headers: organiserHeaders(key) }),
  createSession: (body, key) => request('/api/sessions', { method: 'POST', body, headers: organiserHeaders(key) }),
  session: (code) => request(sessionPath(code)),
  /** body.secret: the phone's own secret, so a retried join is recognised as the same one (200 instead of 201). */
  join: (code, body, { timeoutMs = 10000 } = {}) => request(`${sessionPath(code)}/participants`, { method: 'POST', body, timeoutMs }),
  qrUrl: (code) => `${sessionPath(code)}/qr.svg`,
  /** file: minutes.docx | minutes.html | minutes.md | minutes.json | picks.csv */
  minutesFile: (code, file, facilitatorSecret) => fetchFile(`${sessionPath(code)}/${file}`, {
    headers: { Authorization: `Bearer ${facilitatorSecret}` },
  }),
  /** The series report over the earlier sessions of this session's series (empty `sessions` when none). */
  seriesOutcomes: (code, facilitatorSecret) => request(`${sessionPath(code)}/series-outcomes`, {
    headers: { Authorization: `Bearer ${facilitatorSecret}` },
  }),
  createNoteTaker: (code, facilitatorSecret) => request(`${sessionPath(code)}/note-takers`, {
    method: 'POST', body: {}, headers: { Authorization: `Bearer ${facilitatorSecret}` },
  }),
};
