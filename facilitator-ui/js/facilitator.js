// Facilitator page (laptop): who is in the room and who is missing, the picking controls, and the
// results per term, stakeholder group and role. The facilitator secret comes from localStorage, where
// the home page put it when this browser created the session.

import { initI18n, t, loc, onLangChange, useSessionLanguage } from './i18n.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation, provisionalJoinUrl,
  pageUrl, groupName, roleName, listText, formatNumber, countBadge, showError, wireErrorArea, connectionStatus,
} from './common.js';

const byId = (id) => document.getElementById(id);
const ui = {
  title: byId('session-title'),
  question: byId('session-question'),
  joinCode: byTestId('join-code'),
  joinUrl: byId('join-url'),
  openProjector: byTestId('open-projector'),
  noSecret: byId('no-secret'),
  lock: byTestId('lock-picking'),
  pickingState: byId('picking-state'),
  resultsMode: byTestId('results-mode'),
  reveal: byTestId('reveal-results'),
  visibilityState: byId('visibility-state'),
  total: byTestId('attendance-total'),
  missing: byTestId('missing-groups'),
  attendanceBody: byId('attendance-body'),
  participants: byTestId('participants'),
  participantsEmpty: byId('participants-empty'),
  resultsSummary: byId('results-summary'),
  resultsHead: byId('results-head'),
  resultsBody: byId('results-body'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
};

const state = {
  code: compactCode(codeFromLocation()),
  session: null,
  view: null,
  version: -1,
  live: null,
  // Control → version of its ack (Infinity while unanswered). A control stays disabled until a view at
  // least that new shows the change, so a quick second click never acts on the old state.
  busy: new Map(),
};

function setSession(session) {
  if (!session) return;
  state.session = session;
  useSessionLanguage(session.language);
  render();
}

function command(control, type, fields) {
  if (!state.live) return;
  state.busy.set(control, Infinity);
  render();
  state.live.send(type, fields).then(
    (ack) => {
      const version = typeof ack.version === 'number' ? ack.version : -1;
      if (version <= state.version) state.busy.delete(control);
      else state.busy.set(control, version);
      render();
    },
    (err) => {
      state.busy.delete(control);
      showError(ui.error, err.code);
      render();
    },
  );
}

function onView(msg) {
  state.view = msg.view ?? null;
  if (typeof msg.version === 'number') state.version = msg.version;
  for (const [control, version] of state.busy) if (version <= state.version) state.busy.delete(control);
  render();
}

// ---- rendering -----------------------------------------------------------------------------------

function render() {
  const s = state.session;
  const view = state.view;
  ui.title.textContent = loc(s?.title);
  ui.question.textContent = loc(s?.question);
  if (view?.joinUrl) ui.joinUrl.textContent = view.joinUrl;
  renderControls();
  renderAttendance();
  renderParticipants();
  renderResults();
}

function renderControls() {
  const picking = state.view?.picking ?? {};
  const ready = Boolean(state.live && state.view);
  const locked = Boolean(picking.locked);
  const mode = picking.resultsMode ?? 'ON_REVEAL';
  const revealed = Boolean(picking.revealed);

  ui.lock.setAttribute('aria-pressed', String(locked));
  setKey(ui.lock, locked ? 'fac.unlockPicking' : 'fac.lockPicking');
  ui.lock.disabled = !ready || state.busy.has('lock');
  setKey(ui.pickingState, locked ? 'fac.pickingClosed' : 'fac.pickingOpen');

  if (!state.busy.has('mode')) ui.resultsMode.value = mode;
  ui.resultsMode.disabled = !ready || state.busy.has('mode');

  ui.reveal.setAttribute('aria-pressed', String(revealed));
  setKey(ui.reveal, revealed ? 'fac.hideResults' : 'fac.revealResults');
  // In LIVE mode the room sees results anyway; revealing only means something in ON_REVEAL.
  ui.reveal.disabled = !ready || mode === 'LIVE' || state.busy.has('reveal');

  const visible = mode === 'LIVE' || revealed;
  setKey(ui.visibilityState, visible ? 'fac.visibleToRoom' : 'fac.hiddenFromRoom');
  ui.visibilityState.dataset.visible = String(visible);
}

function attendanceRows() {
  const attendance = state.view?.attendance;
  const counted = new Map((attendance?.groups ?? []).map((g) => [g.group, g]));
  // Template order, with every group and role, so an empty group is as visible as a full one.
  const groups = state.session?.groups ?? (attendance?.groups ?? []).map((g) => ({ id: g.group, roles: [] }));
  const rows = [];
  for (const group of groups) {
    const counts = counted.get(group.id);
    rows.push({ kind: 'group', group: group.id, expected: group.expected ?? counts?.expected, count: counts?.count ?? 0 });
    const roleCounts = new Map((counts?.roles ?? []).map((r) => [r.role, r.count]));
    for (const role of group.roles ?? []) {
      rows.push({ kind: 'role', group: group.id, role: role.id, count: roleCounts.get(role.id) ?? 0 });
    }
  }
  return rows;
}

function renderAttendance() {
  const s = state.session;
  const attendance = state.view?.attendance;
  ui.total.textContent = formatNumber(attendance?.total ?? 0);

  syncChildren(ui.attendanceBody, attendanceRows(), (row) => (row.kind === 'group' ? `g:${row.group}` : `r:${row.group}:${row.role}`),
    (row) => (row.kind === 'group'
      ? el('tr', { class: 'group-row', dataset: { group: row.group } },
        el('th', { scope: 'row' }, el('span', { class: 'name' }), ' ', el('span', { class: 'tag expected-tag' })),
        el('td', { class: 'num', dataset: { testid: 'group-count' } }))
      : el('tr', { class: 'role-row', dataset: { role: row.role, parentGroup: row.group } },
        el('td', { class: 'name' }),
        el('td', { class: 'num role-count' }))),
    (tr, row) => {
      if (row.kind === 'group') {
        tr.querySelector('.name').textContent = groupName(s, row.group);
        const tag = tr.querySelector('.expected-tag');
        tag.hidden = !row.expected;
        setKey(tag, 'fac.expected');
        tr.classList.toggle('missing', Boolean(row.expected) && row.count === 0);
      } else {
        tr.querySelector('.name').textContent = roleName(s, row.group, row.role);
      }
      tr.querySelector('.num').textContent = formatNumber(row.count);
    });

  if (!attendance) {
    ui.missing.textContent = '';
    return;
  }
  const missing = attendance.missingExpected
    ?? attendanceRows().filter((r) => r.kind === 'group' && r.expected && r.count === 0).map((r) => r.group);
  ui.missing.dataset.missing = missing.join(' ');
  ui.missing.classList.toggle('all-present', missing.length === 0);
  if (missing.length) setKey(ui.missing, 'fac.missing', { groups: listText(missing.map((id) => groupName(s, id))) });
  else setKey(ui.missing, 'fac.noneMissing');
}

function pickLine(kind) {
  return el('span', { class: `picks picks-${kind}` },
    el('span', { 'aria-hidden': 'true' }, kind === 'most' ? '▲ ' : '▼ '),
    el('span', { class: 'pick-label' }),
    el('span', { class: 'terms' }));
}

function renderParticipants() {
  const s = state.session;
  const participants = state.view?.participants ?? [];
  syncChildren(ui.participants, participants, (p) => p.id, (p) => el('li', { dataset: { participant: p.id } },
    el('span', { class: 'p-name' }),
    el('span', { class: 'p-who' }),
    pickLine('most'),
    pickLine('least')),
  (li, p) => {
    const name = li.querySelector('.p-name');
    if (p.name) name.textContent = p.name;
    else setKey(name, 'fac.noName');
    name.classList.toggle('anonymous', !p.name);
    li.querySelector('.p-who').textContent = [groupName(s, p.group), p.role ? roleName(s, p.group, p.role) : '']
      .filter(Boolean).join(' · ');
    for (const kind of ['most', 'least']) {
      const line = li.querySelector(`.picks-${kind}`);
      const terms = p[kind] ?? [];
      setKey(line.querySelector('.pick-label'), `pick.badge.${kind}`);
      line.querySelector('.terms').textContent = terms.length ? terms.join(', ') : '—';
    }
  });
  ui.participantsEmpty.hidden = participants.length > 0;
}

function renderResultsHead(groups) {
  const columns = [
    { key: 'term', text: t('results.term') },
    { key: 'most', text: `▲ ${t('pick.most')}`, num: true },
    { key: 'least', text: `▼ ${t('pick.least')}`, num: true },
    { key: 'divergence', text: t('results.divergence'), num: true },
    ...groups.map((g) => ({ key: `g:${g.id}`, text: loc(g.name) })),
  ];
  syncChildren(ui.resultsHead, columns, (c) => c.key, (c) => el('th', { scope: 'col', class: c.num ? 'num' : null }),
    (th, c) => {
      th.textContent = c.text;
    });
}

function fillGroupCell(cell, result, groupId) {
  const s = state.session;
  const group = (result.byGroup ?? []).find((g) => g.group === groupId);
  if (!group || (!group.most && !group.least)) {
    cell.replaceChildren();
    return;
  }
  const roles = (result.byRole ?? []).filter((r) => r.group === groupId && (r.most || r.least));
  cell.replaceChildren(
    el('div', { class: 'split' }, countBadge('most', group.most), ' ', countBadge('least', group.least)),
    ...roles.map((r) => el('div', { class: 'role-split' },
      el('span', { class: 'role-name' }, roleName(s, groupId, r.role)), ' ',
      countBadge('most', r.most), ' ', countBadge('least', r.least))),
  );
}

function renderResults() {
  const results = state.view?.results;
  const groups = state.session?.groups ?? [];
  renderResultsHead(groups);
  ui.resultsSummary.textContent = results
    ? t('results.summary', { n: results.participantsWithPicks ?? 0, total: state.view?.attendance?.total ?? 0 })
    : '';
  const groupIds = groups.map((g) => g.id).join(' ');
  // The group columns are part of the row's identity: a row built before the session was known is rebuilt.
  syncChildren(ui.resultsBody, results?.terms ?? [], (r) => `${r.term}\n${groupIds}`, (r) => el('tr', { dataset: { term: r.term } },
    el('th', { scope: 'row', class: 'term-cell' }, el('span', { class: 'term-text' }, r.term), ' ', el('span', { class: 'tag own-tag' })),
    el('td', { class: 'num', dataset: { testid: 'most-count' } }),
    el('td', { class: 'num', dataset: { testid: 'least-count' } }),
    el('td', { class: 'num divergence' }),
    ...groups.map((g) => el('td', { class: 'group-cell', dataset: { group: g.id } }))),
  (tr, r) => {
    const own = tr.querySelector('.own-tag');
    own.hidden = !r.own;
    setKey(own, 'results.ownWord');
    tr.querySelector('[data-testid="most-count"]').textContent = formatNumber(r.most);
    tr.querySelector('[data-testid="least-count"]').textContent = formatNumber(r.least);
    tr.querySelector('.divergence').textContent = r.most + r.least > 0 ? formatNumber(r.divergence, 2) : '';
    tr.classList.toggle('no-picks', r.most + r.least === 0);
    for (const cell of tr.querySelectorAll('.group-cell')) fillGroupCell(cell, r, cell.dataset.group);
  });
}

// ---- start ---------------------------------------------------------------------------------------

function wire() {
  wireErrorArea(ui.error);
  ui.lock.addEventListener('click', () => {
    command('lock', 'lockPicking', { locked: !state.view?.picking?.locked });
  });
  ui.resultsMode.addEventListener('change', () => {
    command('mode', 'setResultsMode', { mode: ui.resultsMode.value });
  });
  ui.reveal.addEventListener('click', () => {
    command('reveal', 'revealResults', { revealed: !state.view?.picking?.revealed });
  });
}

async function main() {
  await initI18n();
  wire();
  onLangChange(render);
  render();
  if (!isValidCode(state.code)) {
    showError(ui.error, 'UNKNOWN_SESSION');
    return;
  }
  ui.joinCode.textContent = displayCode(state.code);
  ui.joinUrl.textContent = provisionalJoinUrl(state.code);
  ui.openProjector.href = pageUrl.projector(state.code);

  api.session(state.code).then(setSession, (err) => showError(ui.error, err.code));

  const secret = storage.getText(keys.facilitator(state.code));
  if (!secret) {
    ui.noSecret.hidden = false;
    return;
  }
  state.live = new LiveClient({
    code: state.code,
    role: 'facilitator',
    secret,
    on: {
      welcome: (msg) => setSession(msg.session),
      view: onView,
      status: connectionStatus(ui.status),
      error: (err) => showError(ui.error, err.code),
      fatal: (err) => {
        state.live = null;
        if (err.code === 'WRONG_SECRET') ui.noSecret.hidden = false;
        showError(ui.error, err.code);
        render();
      },
    },
  }).start();
}

main();
