// Projector page (the facilitator's second screen): how to join, how many are here, and — once the
// facilitator lets the room see them — the picks, with the terms where stakeholder groups diverge first.
// Code, QR and join URL come from public data, so they show even before (or without) the live link.

import { initI18n, t, loc, onLangChange, useSessionLanguage } from './i18n.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import {
  byTestId, el, syncChildren, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation, provisionalJoinUrl,
  groupName, listText, formatNumber, countBadge, termKey, showError, wireErrorArea, connectionStatus,
} from './common.js';

const byId = (id) => document.getElementById(id);
const ui = {
  title: byId('session-title'),
  question: byId('question'),
  joinUrl: byTestId('join-url'),
  qr: byTestId('qr'),
  joinCode: byTestId('join-code'),
  total: byTestId('attendance-total'),
  picked: byId('picked'),
  lockedNotice: byId('locked-notice'),
  noSecret: byId('no-secret'),
  resultsHidden: byTestId('results-hidden'),
  resultsArea: byId('results-area'),
  cloud: byTestId('word-cloud'),
  differences: byTestId('differences'),
  differencesEmpty: byId('differences-empty'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
};

const state = {
  code: compactCode(codeFromLocation()),
  session: null,
  view: null,
};

const CLOUD_SIZES = 5;

function setSession(session) {
  if (!session) return;
  state.session = session;
  useSessionLanguage(session.language);
  render();
}

function render() {
  const s = state.session;
  const view = state.view;
  ui.title.textContent = loc(s?.title);
  ui.question.textContent = loc(s?.question);
  ui.qr.alt = t('proj.qrAlt');
  if (view?.joinUrl) ui.joinUrl.textContent = view.joinUrl;
  ui.total.textContent = formatNumber(view?.attendance?.total ?? 0);
  ui.lockedNotice.hidden = !view?.picking?.locked;

  const results = view?.results ?? null;
  ui.resultsHidden.hidden = Boolean(results) || !view;
  ui.resultsArea.hidden = !results;
  ui.picked.textContent = results
    ? t('results.summary', { n: results.participantsWithPicks ?? 0, total: view?.attendance?.total ?? 0 })
    : '';
  if (results) {
    renderCloud(results.terms ?? []);
    renderDifferences(results.terms ?? []);
  }
}

function renderCloud(results) {
  // Template order, own words after: words stay where they are and grow, instead of jumping around.
  const order = new Map((state.session?.terms ?? []).map((term, i) => [termKey(term), i]));
  const rank = (r) => order.get(termKey(r.term)) ?? order.size;
  const terms = [...results].sort((a, b) => rank(a) - rank(b));
  const max = Math.max(1, ...terms.map((r) => r.most + r.least));

  syncChildren(ui.cloud, terms, (r) => r.term, (r) => el('span', { class: 'cloud-term', dataset: { term: r.term } },
    el('span', { class: 'cloud-text' }, r.term),
    el('span', { class: 'cloud-counts' })),
  (node, r) => {
    const total = r.most + r.least;
    const size = total === 0 ? 0 : 1 + Math.round(((CLOUD_SIZES - 1) * total) / max);
    const lean = total === 0 ? 'none' : r.most > r.least ? 'most' : r.least > r.most ? 'least' : 'mixed';
    node.className = `cloud-term size-${size} lean-${lean}`;
    node.dataset.most = String(r.most);
    node.dataset.least = String(r.least);
    node.querySelector('.cloud-counts')
      .replaceChildren(...(total ? [countBadge('most', r.most), ' ', countBadge('least', r.least)] : []));
  });
}

function groupList(result, kind) {
  const s = state.session;
  const groups = (result.byGroup ?? []).filter((g) => g[kind] > 0).sort((a, b) => b[kind] - a[kind]);
  return listText(groups.map((g) => `${groupName(s, g.group)} (${formatNumber(g[kind])})`));
}

function renderDifferences(results) {
  // Array.sort is stable: equal divergence keeps the server's order (most picks first).
  const picked = results.filter((r) => r.most + r.least > 0)
    .sort((a, b) => (b.divergence ?? 0) - (a.divergence ?? 0));

  syncChildren(ui.differences, picked, (r) => r.term, (r) => el('li', { dataset: { term: r.term } },
    el('div', { class: 'diff-head' },
      el('span', { class: 'diff-term' }, r.term),
      el('span', { class: 'diff-value' })),
    el('span', { class: 'diff-bar', 'aria-hidden': 'true' }),
    el('p', { class: 'diff-line diff-most' }, el('span', { class: 'count-icon', 'aria-hidden': 'true' }, '▲ '), el('span')),
    el('p', { class: 'diff-line diff-least' }, el('span', { class: 'count-icon', 'aria-hidden': 'true' }, '▼ '), el('span'))),
  (li, r) => {
    const divergence = r.divergence ?? 0;
    li.dataset.divergence = String(divergence);
    li.querySelector('.diff-bar').dataset.level = String(Math.round(Math.min(2, Math.max(0, divergence)) * 4));
    li.querySelector('.diff-value').textContent = t('proj.divergenceValue', { value: formatNumber(divergence, 1) });
    for (const kind of ['most', 'least']) {
      const line = li.querySelector(`.diff-${kind}`);
      const groups = groupList(r, kind);
      line.hidden = !groups;
      line.lastElementChild.textContent = t(`proj.${kind}By`, { groups });
    }
  });
  ui.differencesEmpty.hidden = picked.length > 0;
}

async function main() {
  await initI18n();
  wireErrorArea(ui.error);
  onLangChange(render);
  render();
  if (!isValidCode(state.code)) {
    showError(ui.error, 'UNKNOWN_SESSION');
    return;
  }
  ui.joinCode.textContent = displayCode(state.code);
  ui.joinUrl.textContent = provisionalJoinUrl(state.code);
  ui.qr.src = api.qrUrl(state.code);

  api.session(state.code).then(setSession, (err) => showError(ui.error, err.code));

  const secret = storage.getText(keys.facilitator(state.code));
  if (!secret) {
    ui.noSecret.hidden = false;
    return;
  }
  new LiveClient({
    code: state.code,
    role: 'projector',
    secret,
    on: {
      welcome: (msg) => setSession(msg.session),
      view: (msg) => {
        state.view = msg.view ?? null;
        render();
      },
      status: connectionStatus(ui.status),
      error: (err) => showError(ui.error, err.code),
      fatal: (err) => {
        if (err.code === 'WRONG_SECRET') ui.noSecret.hidden = false;
        showError(ui.error, err.code);
      },
    },
  }).start();
}

main();
