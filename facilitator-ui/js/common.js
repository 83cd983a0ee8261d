// Helpers shared by the pages. DOM is only ever built with createElement/textContent: participants'
// names and own words are untrusted, and a name like <img onerror=…> must show up as text.

import { t, loc, hasKey, currentLang } from './i18n.js';

export const byTestId = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);

/** el('li', {class: 'x', dataset: {term}}, 'text', child) — strings become text nodes, never HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

/** Keyed update of a container's children: existing nodes are kept (and updated) rather than rebuilt,
 *  so focus, scroll and references held by tests survive a view update every ~100 ms. */
export function syncChildren(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of container.children) existing.set(child.dataset.key, child);
  const nodes = items.map((item) => {
    const key = String(keyOf(item));
    let node = existing.get(key);
    if (!node) {
      node = create(item);
      node.dataset.key = key;
    }
    update(node, item);
    return node;
  });
  const same = nodes.length === container.children.length && nodes.every((n, i) => container.children[i] === n);
  if (!same) container.replaceChildren(...nodes);
}

/** Text from a translation key; without params the node keeps the key so a language switch retranslates it. */
export function setKey(node, key, params) {
  if (params) delete node.dataset.i18n;
  else node.dataset.i18n = key;
  node.textContent = t(key, params);
}

// localStorage may be unavailable (private mode, blocked storage); the app then works for this page load.
export const storage = {
  getText(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  setText(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      /* see above */
    }
  },
  getJson(key) {
    try {
      return JSON.parse(this.getText(key));
    } catch {
      return null;
    }
  },
  setJson(key, value) {
    this.setText(key, JSON.stringify(value));
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      /* see above */
    }
  },
};

export const keys = {
  organiserKey: 'waterline.organiserKey',
  mySessions: 'waterline.mySessions',
  facilitator: (code) => `waterline.facilitator.${compactCode(code)}`,
  participant: (code) => `waterline.participant.${compactCode(code)}`,
  noteTaker: (code) => `waterline.noteTaker.${compactCode(code)}`,
};

// Join codes: 8 characters without 0/O/1/I; people type them in any case, with dashes or spaces.
const CODE_PATTERN = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

export function compactCode(input) {
  return String(input ?? '').toUpperCase().replace(/[\s\-\u2010-\u2015]+/g, '');
}

export function isValidCode(input) {
  return CODE_PATTERN.test(compactCode(input));
}

export function displayCode(input) {
  const code = compactCode(input);
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** ?code=… or the short join path /j/<code>. */
export function codeFromLocation() {
  const fromQuery = new URLSearchParams(location.search).get('code');
  if (fromQuery) return fromQuery;
  const match = location.pathname.match(/\/j\/([^/]+)\/?$/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** The join URL until the server's (with the LAN address) arrives; none when this page runs on
 *  localhost, because phones cannot reach that. */
export function provisionalJoinUrl(code) {
  const local = /^(localhost|127\.|\[::1\]$)/.test(location.hostname);
  return local ? '' : `${location.origin}/j/${compactCode(code)}`;
}

export const pageUrl = {
  facilitator: (code) => `/ui/facilitator.html?code=${encodeURIComponent(compactCode(code))}`,
  projector: (code) => `/ui/projector.html?code=${encodeURIComponent(compactCode(code))}`,
  notes: (code) => `/ui/notes.html?code=${encodeURIComponent(compactCode(code))}`,
  minutes: (code) => `/ui/minutes.html?code=${encodeURIComponent(compactCode(code))}`,
};

// Stakeholder groups and roles travel as ids; names come from the session (template).
export function findGroup(session, groupId) {
  return session?.groups?.find((g) => g.id === groupId);
}

export function groupName(session, groupId) {
  const group = findGroup(session, groupId);
  return group ? loc(group.name) : String(groupId ?? '');
}

export function roleName(session, groupId, roleId) {
  const role = findGroup(session, groupId)?.roles?.find((r) => r.id === roleId);
  return role ? loc(role.name) : String(roleId ?? '');
}

/** "Gemeente · Uitvoering": how people are shown wherever names are not (quotes, projector, subgroups). */
export function whoText(session, groupId, roleId) {
  return [groupName(session, groupId), roleId ? roleName(session, groupId, roleId) : ''].filter(Boolean).join(' · ');
}

/** "A, B en C" / "A, B and C". */
export function listText(items) {
  try {
    return new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(currentLang(), { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(value ?? 0);
}

/** "▲ 3" / "▼ 1": the arrow repeats the colour's meaning in a shape, so MOST/LEAST is never colour-only. */
export function countBadge(kind, n) {
  return el('span', { class: `count count-${kind}` },
    el('span', { class: 'count-icon', 'aria-hidden': 'true' }, kind === 'most' ? '▲' : '▼'),
    el('span', { class: 'count-value' }, formatNumber(n)));
}

/** Mirrors the server's merge of own words (trim, collapse spaces, NFC, case-insensitive). */
export function termKey(term) {
  return String(term ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

// The error area: one per page, data-testid="error-message", with a span.error-text and a close button.
export function showError(node, code) {
  const known = code && hasKey(`error.${code}`);
  showMessage(node, known ? `error.${code}` : 'error.UNKNOWN');
  node.dataset.code = known ? code : 'UNKNOWN';
}

export function showMessage(node, key) {
  setKey(node.querySelector('.error-text') ?? node, key);
  delete node.dataset.code;
  node.hidden = false;
}

export function clearError(node) {
  node.hidden = true;
  delete node.dataset.code;
}

export function wireErrorArea(node) {
  node.querySelector('.error-close')?.addEventListener('click', () => clearError(node));
  // The message floats over the bottom of the screen, where a phone's form is: once the person edits
  // again they have read it, so it gets out of the way of the button they will tap next.
  document.addEventListener('input', () => clearError(node));
}

/** Returns a status listener for LiveClient that keeps a connection-status element up to date. */
export function connectionStatus(node) {
  let timer = 0;
  return (status, { reconnected = false } = {}) => {
    clearTimeout(timer);
    node.hidden = false;
    node.dataset.status = status;
    if (status === 'online' && reconnected) {
      // The server sent a fresh snapshot: tell people that what they see is current again.
      setKey(node, 'live.updated');
      timer = setTimeout(() => setKey(node, 'live.online'), 3000);
    } else {
      setKey(node, `live.${status}`);
    }
  };
}

export function setBusy(button, busy) {
  button.disabled = busy;
  if (busy) button.setAttribute('aria-busy', 'true');
  else button.removeAttribute('aria-busy');
}
