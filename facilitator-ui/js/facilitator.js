// Facilitator page (laptop): who is in the room and who is missing, the picking controls, the results
// per term, stakeholder group and role; then the phases, the mixed subgroups and their rounds, parked
// questions, the harvest and the notes for the minutes. The facilitator secret comes from localStorage,
// where the home page put it when this browser created the session.

import { initI18n, t, loc, onLangChange, useSessionLanguage } from './i18n.js';
import { api } from './api.js';
import { LiveClient, LiveError } from './live.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation, provisionalJoinUrl,
  pageUrl, groupName, roleName, whoText, listText, formatNumber, countBadge, showError, showMessage, clearError, wireErrorArea,
  connectionStatus, setBusy,
} from './common.js';
import {
  phasesOf, phaseName, renderPhase, fillPhaseSelect, swatch, updateSwatch, subgroupName, mixSummary, mixGroups, ServerClock,
  timerNode, setTimer, startTimerTicker, renderDiscussionList, optionalButton,
} from './dialogue.js';
import { mountNotesPanel } from './notes-panel.js';

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
  createNoteTaker: byTestId('create-note-taker'),
  openNotes: byTestId('open-notes'),
  openMinutes: byTestId('open-minutes'),
  noteTakerState: byId('note-taker-state'),
  noteTakerKeyBox: byId('note-taker-key-box'),
  noteTakerKey: byTestId('note-taker-key'),
  phase: byTestId('phase'),
  phaseExpect: byTestId('phase-expect'),
  phasePrev: byTestId('phase-prev'),
  phaseNext: byTestId('phase-next'),
  phaseSelect: byTestId('phase-select'),
  subgroupSize: byTestId('subgroup-size'),
  formSubgroups: byTestId('form-subgroups'),
  subgroupPreview: byId('subgroup-preview'),
  turnSeconds: byTestId('turn-seconds'),
  setTurnSeconds: byTestId('set-turn-seconds'),
  turnSecondsState: byId('turn-seconds-state'),
  subgroups: byTestId('subgroups'),
  subgroupsEmpty: byId('subgroups-empty'),
  parked: byTestId('parked'),
  parkedEmpty: byId('parked-empty'),
  harvest: byTestId('harvest'),
  harvestEmpty: byId('harvest-empty'),
  notesPanel: byId('notes-panel'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
};

const state = {
  code: compactCode(codeFromLocation()),
  session: null,
  view: null,
  // The participant list by id, in join order: filled by `participants` frames (the whole list after each
  // hello, then the rows that changed), not by the view, so a tap on a phone does not resend everyone.
  participants: new Map(),
  version: -1,
  live: null,
  // Control → version of its ack (Infinity while unanswered). A control stays disabled until a view at
  // least that new shows the change, so a quick second click never acts on the old state.
  busy: new Map(),
  clock: new ServerClock(),
  turnSecondsEdited: false,
  notes: null, // the notes panel
};

function setSession(session) {
  if (!session) return;
  state.session = session;
  useSessionLanguage(session.language);
  render();
}

function command(control, type, fields, onDone) {
  if (!state.live || state.busy.has(control)) return;
  state.busy.set(control, Infinity);
  render();
  state.live.send(type, fields).then(
    (ack) => {
      const version = typeof ack.version === 'number' ? ack.version : -1;
      if (version <= state.version) state.busy.delete(control);
      else state.busy.set(control, version);
      onDone?.(ack);
      render();
    },
    (err) => {
      state.busy.delete(control);
      showError(ui.error, err.code);
      render();
    },
  );
}

function onParticipants(msg) {
  if (msg.full) state.participants = new Map();
  for (const row of msg.rows ?? []) state.participants.set(row.id, row);
  for (const id of msg.removed ?? []) state.participants.delete(id);
  // No render here: the view of the same version comes right behind it and renders both.
}

function onView(msg) {
  state.view = msg.view ?? null;
  state.clock.update(msg.serverTime ?? state.view?.serverTime);
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
  renderPhaseControls();
  renderSubgroupControls();
  renderSubgroups();
  renderParked();
  renderHarvest();
  state.notes?.render(state.session, state.view, Boolean(state.live && state.view));
}

function renderControls() {
  const picking = state.view?.picking ?? {};
  const ready = Boolean(state.live && state.view);
  const locked = Boolean(picking.locked);
  const mode = picking.resultsMode ?? 'ON_REVEAL';
  const revealed = Boolean(picking.revealed);

  // Joining: the facilitator closes the door once everyone is in, so a stray link cannot add anyone.
  const joiningLocked = Boolean(state.view?.joining?.locked);
  const lockJoining = document.getElementById('lock-joining');
  lockJoining.setAttribute('aria-pressed', String(joiningLocked));
  setKey(lockJoining, joiningLocked ? 'fac.unlockJoining' : 'fac.lockJoining');
  lockJoining.disabled = !ready || state.busy.has('joining');
  setKey(document.getElementById('joining-state'), joiningLocked ? 'fac.joiningClosed' : 'fac.joiningOpen');

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
  const participants = [...state.participants.values()];
  syncChildren(ui.participants, participants, (p) => p.id, (p) => el('li', { dataset: { participant: p.id } },
    el('span', { class: 'p-name' }),
    el('span', { class: 'p-who' }),
    pickLine('most'),
    pickLine('least'),
    el('button', { type: 'button', class: 'link-button danger-link', dataset: { testid: 'remove-participant' },
      onclick: () => {
        if (window.confirm(t('fac.removeConfirm'))) command(`remove-${p.id}`, 'removeParticipant', { participantId: p.id });
      } })),
  (li, p) => {
    const name = li.querySelector('.p-name');
    if (p.name) name.textContent = p.name;
    else setKey(name, 'fac.noName');
    name.classList.toggle('anonymous', !p.name);
    setKey(li.querySelector('[data-testid="remove-participant"]'), 'fac.removeParticipant');
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

// ---- phases --------------------------------------------------------------------------------------

const ready = () => Boolean(state.live && state.view);

function renderPhaseControls() {
  const phase = state.view?.phase ?? null;
  const phases = phasesOf(state.session, state.view);
  renderPhase(ui.phase, ui.phaseExpect, phase, 'facilitator');
  // The panels of the current phase move up (CSS reads this attribute).
  document.body.dataset.phase = phase ?? '';
  const busy = state.busy.has('phase');
  fillPhaseSelect(ui.phaseSelect, phases, busy ? undefined : phase ?? undefined);
  const i = phases.indexOf(phase);
  ui.phaseSelect.disabled = !ready() || busy || phases.length === 0;
  ui.phasePrev.disabled = !ready() || busy || i <= 0;
  ui.phaseNext.disabled = !ready() || busy || i < 0 || i >= phases.length - 1;
  if (i >= 0 && i < phases.length - 1) setKey(ui.phaseNext, 'fac.phaseNextTo', { phase: phaseName(phases[i + 1]) });
  else setKey(ui.phaseNext, 'fac.phaseNext');
  if (i > 0) setKey(ui.phasePrev, 'fac.phasePrevTo', { phase: phaseName(phases[i - 1]) });
  else setKey(ui.phasePrev, 'fac.phasePrev');
}

function stepPhase(delta) {
  const phases = phasesOf(state.session, state.view);
  const next = phases[phases.indexOf(state.view?.phase) + delta];
  if (next) command('phase', 'setPhase', { phase: next });
}

// ---- subgroups -----------------------------------------------------------------------------------

function participantsById() {
  return state.participants;
}

function renderSubgroupControls() {
  const subs = state.view?.subgroups ?? [];
  setKey(ui.formSubgroups, subs.length ? 'fac.reformSubgroups' : 'fac.formSubgroups');
  ui.formSubgroups.disabled = !ready() || state.busy.has('form');
  const total = state.view?.attendance?.total ?? 0;
  const size = Number.parseInt(ui.subgroupSize.value, 10);
  if (total > 0 && size > 0) {
    setKey(ui.subgroupPreview, 'fac.subgroupPreview', { n: formatNumber(total), count: formatNumber(Math.max(1, Math.round(total / size))) });
  } else {
    ui.subgroupPreview.textContent = '';
  }

  const seconds = state.view?.turnSeconds ?? 0;
  if (!state.turnSecondsEdited && state.view) ui.turnSeconds.value = String(seconds);
  ui.setTurnSeconds.disabled = !ready() || state.busy.has('seconds');
  if (seconds > 0) setKey(ui.turnSecondsState, 'fac.turnSecondsNow', { time: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` });
  else setKey(ui.turnSecondsState, 'fac.noTimer');
}

function readInt(input, min, max) {
  const value = Number(input.value);
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

function formSubgroups() {
  clearError(ui.error);
  const size = readInt(ui.subgroupSize, 1, 1000);
  if (size === null) return showError(ui.error, 'INVALID_VALUE');
  command('form', 'formSubgroups', { size });
}

function setTurnSeconds() {
  clearError(ui.error);
  const seconds = readInt(ui.turnSeconds, 0, 3600);
  if (seconds === null) return showError(ui.error, 'INVALID_VALUE');
  command('seconds', 'setTurnSeconds', { seconds }, () => {
    state.turnSecondsEdited = false;
  });
}

function subgroupCard(sub) {
  const discussionForm = el('form', { class: 'sub-discussion-form', novalidate: true },
    el('select', { dataset: { testid: 'fac-discussion-kind' } },
      el('option', { value: 'DIFFERENCE', dataset: { i18n: 'kind.DIFFERENCE' } }, t('kind.DIFFERENCE')),
      el('option', { value: 'SIMILARITY', dataset: { i18n: 'kind.SIMILARITY' } }, t('kind.SIMILARITY'))),
    el('input', { type: 'text', maxlength: 500, autocomplete: 'off', dataset: { testid: 'fac-discussion-text' } }),
    el('button', { type: 'submit', class: 'small', dataset: { testid: 'fac-discussion-submit' } }));
  return el('article', { class: 'subgroup-card', dataset: { subgroup: sub.id } },
    el('header', { class: 'sub-head' },
      swatch(sub),
      el('h3', { class: 'sub-title' }),
      el('span', { class: 'tag sub-status' })),
    el('p', { class: 'sub-mix' }, el('span', { class: 'mix-summary' }), el('br'), el('span', { class: 'mix-groups' })),
    el('div', { class: 'sub-round' },
      el('p', { class: 'sub-speaker', dataset: { testid: 'speaker' } }),
      timerNode(),
      el('p', { class: 'sub-turns help', dataset: { testid: 'turns' } }),
      el('button', { type: 'button', class: 'primary', dataset: { testid: 'next-speaker' } })),
    el('h4', { dataset: { i18n: 'fac.membersOrder' } }, t('fac.membersOrder')),
    el('ol', { class: 'sub-members', dataset: { testid: 'members' } }),
    el('div', { class: 'sub-questions' },
      el('h4', { dataset: { i18n: 'fac.questions' } }, t('fac.questions')),
      el('ul', { class: 'questions', dataset: { testid: 'questions' } }),
      el('p', { class: 'empty q-empty', dataset: { i18n: 'fac.noQuestions' } }, t('fac.noQuestions'))),
    el('div', { class: 'sub-discussion' },
      el('h4', { dataset: { i18n: 'fac.discussion' } }, t('fac.discussion')),
      el('ul', { class: 'discussion-list', dataset: { testid: 'discussion' } }),
      el('p', { class: 'empty d-empty', dataset: { i18n: 'discussion.none' } }, t('discussion.none')),
      discussionForm));
}

function memberItem(id) {
  return el('li', { dataset: { participant: id } },
    el('span', { class: 'm-order', 'aria-hidden': 'true' }),
    el('span', { class: 'm-main' },
      el('span', { class: 'm-name' }),
      el('span', { class: 'm-who' }),
      el('span', { class: 'tag host-tag' }),
      el('span', { class: 'tag speaking-tag' }),
      el('span', { class: 'tag spoken-tag' })),
    el('span', { class: 'm-actions' },
      el('button', { type: 'button', class: 'small', dataset: { testid: 'make-host' } }),
      el('select', { class: 'small', dataset: { testid: 'move-participant' } }),
      el('button', { type: 'button', class: 'small icon', dataset: { testid: 'order-up' } }, '↑'),
      el('button', { type: 'button', class: 'small icon', dataset: { testid: 'order-down' } }, '↓')));
}

/** The full speaking order: the server's, then any member it does not list yet. */
function fullOrder(sub) {
  const members = sub.members ?? [];
  const order = (sub.order ?? []).filter((id) => members.includes(id));
  return [...order, ...members.filter((id) => !order.includes(id))];
}

function memberName(people, id) {
  const p = people.get(id);
  return p?.name || t('fac.noName');
}

function renderSubgroups() {
  const s = state.session;
  const view = state.view;
  const subs = view?.subgroups ?? [];
  const people = participantsById();
  const inRound = view?.phase === 'perspective-round';
  const inDiscussion = view?.phase === 'discussion';
  const turnSeconds = view?.turnSeconds ?? 0;

  syncChildren(ui.subgroups, subs, (sub) => sub.id, subgroupCard, (card, sub) => {
    updateSwatch(card.querySelector('.swatch'), sub);
    card.dataset.colour = sub.colour ?? '';
    card.querySelector('.sub-title').textContent = subgroupName(sub);
    const turns = sub.turns ?? [];
    const spoken = new Set(turns.filter((turn) => turn.endedAt).map((turn) => turn.speaker));
    const started = Boolean(sub.speaker) || turns.length > 0;
    const status = sub.finished ? 'finished' : sub.speaker ? 'speaking' : started ? 'between' : 'waiting';
    const statusTag = card.querySelector('.sub-status');
    statusTag.dataset.status = status;
    setKey(statusTag, `fac.roundStatus.${status}`);
    card.dataset.status = status;

    optionalButton(card.querySelector('.sub-head'), 'clear-host', Boolean(sub.host), 'fac.clearHost',
      { disabled: !ready() || state.busy.has(`host:${sub.id}`), className: 'small link-button' });

    card.querySelector('.mix-summary').textContent = mixSummary(sub.mix);
    card.querySelector('.mix-groups').textContent = mixGroups(s, sub.mix);

    const speakerLine = card.querySelector('.sub-speaker');
    if (sub.finished) setKey(speakerLine, 'fac.roundFinished');
    else if (sub.speaker) {
      const p = people.get(sub.speaker);
      setKey(speakerLine, 'fac.speakerIs', { name: memberName(people, sub.speaker), who: whoText(s, p?.group, p?.role) });
    } else setKey(speakerLine, started ? 'fac.noSpeaker' : 'fac.roundNotStarted');
    setTimer(card.querySelector('.timer'), sub.finished ? null : sub.speaker && sub.turnStartedAt, turnSeconds, state.clock);

    const order = fullOrder(sub);
    setKey(card.querySelector('.sub-turns'), 'fac.turns', { done: formatNumber(spoken.size), total: formatNumber(order.length) });
    const next = card.querySelector('[data-testid="next-speaker"]');
    const last = sub.speaker && order.indexOf(sub.speaker) === order.length - 1;
    setKey(next, !started ? 'fac.startRound' : last ? 'fac.endRound' : 'fac.nextSpeaker');
    next.disabled = !ready() || !inRound || sub.finished || state.busy.has(`next:${sub.id}`);
    if (inRound) next.removeAttribute('title');
    else next.title = t('fac.onlyInRound');

    const others = subs.filter((x) => x.id !== sub.id);
    syncChildren(card.querySelector('.sub-members'), order, (id) => id, memberItem, (li, id) => {
      const p = people.get(id);
      const index = order.indexOf(id);
      li.querySelector('.m-order').textContent = `${index + 1}.`;
      const name = li.querySelector('.m-name');
      name.textContent = memberName(people, id);
      name.classList.toggle('anonymous', !p?.name);
      li.querySelector('.m-who').textContent = whoText(s, p?.group, p?.role);
      const isHost = sub.host === id;
      const hostTag = li.querySelector('.host-tag');
      hostTag.hidden = !isHost;
      setKey(hostTag, 'sub.host');
      const speakingTag = li.querySelector('.speaking-tag');
      speakingTag.hidden = sub.speaker !== id || Boolean(sub.finished);
      setKey(speakingTag, 'sub.speaking');
      const spokenTag = li.querySelector('.spoken-tag');
      spokenTag.hidden = !spoken.has(id) || sub.speaker === id;
      setKey(spokenTag, 'fac.spoken');
      li.classList.toggle('speaking', sub.speaker === id && !sub.finished);

      const makeHost = li.querySelector('[data-testid="make-host"]');
      makeHost.setAttribute('aria-pressed', String(isHost));
      makeHost.disabled = !ready() || isHost || state.busy.has(`host:${sub.id}`);
      setKey(makeHost, isHost ? 'fac.isHost' : 'fac.makeHost');

      const move = li.querySelector('[data-testid="move-participant"]');
      const optionsKey = others.map((x) => `${x.id}:${x.label}`).join(' ');
      if (move.dataset.options !== optionsKey) {
        move.replaceChildren(el('option', { value: '' }), ...others.map((x) => el('option', { value: x.id })));
        move.dataset.options = optionsKey;
      }
      setKey(move.options[0], 'fac.moveTo');
      others.forEach((x, i) => {
        move.options[i + 1].textContent = t('fac.moveToGroup', { label: x.label ?? x.id });
      });
      if (!state.busy.has(`move:${id}`)) move.value = '';
      move.disabled = !ready() || others.length === 0 || state.busy.has(`move:${id}`);
      move.setAttribute('aria-label', t('fac.moveLabel', { name: memberName(people, id) }));

      const up = li.querySelector('[data-testid="order-up"]');
      const down = li.querySelector('[data-testid="order-down"]');
      up.disabled = !ready() || index === 0 || state.busy.has(`order:${sub.id}`);
      down.disabled = !ready() || index === order.length - 1 || state.busy.has(`order:${sub.id}`);
      up.setAttribute('aria-label', t('fac.orderUp', { name: memberName(people, id) }));
      down.setAttribute('aria-label', t('fac.orderDown', { name: memberName(people, id) }));
    });

    const questions = sub.questions ?? [];
    syncChildren(card.querySelector('.questions'), questions, (q) => q.id, (q) => el('li', { dataset: { question: q.id } },
      el('span', { class: 'q-text' }),
      el('span', { class: 'q-to help' }),
      el('span', { class: 'tag q-status' })),
    (li, q) => {
      li.dataset.status = q.status ?? '';
      li.querySelector('.q-text').textContent = q.text;
      setKey(li.querySelector('.q-to'), 'fac.questionTo', { name: memberName(people, q.speaker) });
      const tag = li.querySelector('.q-status');
      tag.dataset.status = q.status ?? '';
      setKey(tag, `qstatus.${q.status}`);
      optionalButton(li, 'park', q.status === 'OPEN', 'round.park', { disabled: !ready() || state.busy.has(`park:${q.id}`) });
    });
    card.querySelector('.q-empty').hidden = questions.length > 0;

    const parked = (view?.parked ?? []).filter((p) => p.subgroup === sub.id);
    renderDiscussionList(card.querySelector('.discussion-list'), sub.discussion ?? [], parked, s);
    card.querySelector('.d-empty').hidden = (sub.discussion ?? []).length > 0;
    const form = card.querySelector('.sub-discussion-form');
    form.hidden = !inDiscussion;
    const input = form.querySelector('input');
    input.placeholder = t('fac.discussionPlaceholder');
    input.setAttribute('aria-label', t('fac.discussionPlaceholder'));
    form.querySelector('select').setAttribute('aria-label', t('discussion.kindLabel'));
    const submit = form.querySelector('button');
    setKey(submit, 'fac.addDiscussion');
    submit.disabled = !ready() || state.busy.has(`discuss:${sub.id}`);
  });
  ui.subgroupsEmpty.hidden = subs.length > 0;
}

function onSubgroupsClick(event) {
  const button = event.target.closest('button');
  const card = event.target.closest('[data-subgroup]');
  if (!button || !card) return;
  const sub = (state.view?.subgroups ?? []).find((x) => x.id === card.dataset.subgroup);
  if (!sub) return;
  const participantId = button.closest('[data-participant]')?.dataset.participant;
  const questionId = button.closest('[data-question]')?.dataset.question;
  switch (button.dataset.testid) {
    case 'next-speaker':
      command(`next:${sub.id}`, 'nextSpeaker', { subgroup: sub.id });
      break;
    case 'make-host':
      command(`host:${sub.id}`, 'setHost', { subgroup: sub.id, participantId });
      break;
    case 'clear-host':
      command(`host:${sub.id}`, 'setHost', { subgroup: sub.id, participantId: null });
      break;
    case 'park':
      if (questionId) command(`park:${questionId}`, 'park', { question: questionId });
      break;
    case 'order-up':
    case 'order-down': {
      const order = fullOrder(sub);
      const i = order.indexOf(participantId);
      const j = button.dataset.testid === 'order-up' ? i - 1 : i + 1;
      if (i < 0 || j < 0 || j >= order.length) return;
      [order[i], order[j]] = [order[j], order[i]];
      command(`order:${sub.id}`, 'setTurnOrder', { subgroup: sub.id, order });
      break;
    }
    default:
      break;
  }
}

function onSubgroupsChange(event) {
  const select = event.target.closest('[data-testid="move-participant"]');
  const participantId = select?.closest('[data-participant]')?.dataset.participant;
  if (!participantId || !select.value) return;
  command(`move:${participantId}`, 'moveParticipant', { participantId, subgroup: select.value });
}

function onSubgroupsSubmit(event) {
  const form = event.target.closest('.sub-discussion-form');
  const card = event.target.closest('[data-subgroup]');
  if (!form || !card) return;
  event.preventDefault();
  clearError(ui.error);
  const input = form.querySelector('input');
  const text = input.value.trim();
  if (!text) return showError(ui.error, 'INVALID_TEXT');
  const subgroup = card.dataset.subgroup;
  command(`discuss:${subgroup}`, 'addDiscussionNote', { subgroup, kind: form.querySelector('select').value, text, groups: [] }, () => {
    if (input.value.trim() === text) input.value = '';
  });
}

// ---- parked questions and harvest ----------------------------------------------------------------

function renderParked() {
  const subs = new Map((state.view?.subgroups ?? []).map((x) => [x.id, x]));
  const parked = state.view?.parked ?? [];
  syncChildren(ui.parked, parked, (p) => p.id, (p) => el('li', { dataset: { question: p.id } },
    swatch(subs.get(p.subgroup), 'small'),
    el('q', { class: 'parked-text' }),
    el('span', { class: 'tag parked-status' })),
  (li, p) => {
    updateSwatch(li.querySelector('.swatch'), subs.get(p.subgroup) ?? { label: p.subgroup });
    li.querySelector('.parked-text').textContent = p.text;
    const status = li.querySelector('.parked-status');
    status.dataset.pickedUp = String(Boolean(p.pickedUp));
    setKey(status, p.pickedUp ? 'parked.pickedUp' : 'parked.open');
    li.classList.toggle('picked-up', Boolean(p.pickedUp));
  });
  ui.parkedEmpty.hidden = parked.length > 0;
}

function renderHarvest() {
  const s = state.session;
  const byGroup = new Map((state.view?.harvest ?? []).map((h) => [h.group, h.entries ?? []]));
  const present = new Set((state.view?.attendance?.groups ?? []).filter((g) => g.count > 0).map((g) => g.group));
  const order = (s?.groups ?? []).map((g) => g.id);
  for (const id of byGroup.keys()) if (!order.includes(id)) order.push(id);
  const groups = order.filter((id) => byGroup.has(id) || present.has(id));
  syncChildren(ui.harvest, groups, (id) => id, (id) => el('article', { class: 'harvest-group', dataset: { group: id } },
    el('h3', { class: 'harvest-name' }),
    ...['HEARD', 'CONTINUE'].map((kind) => el('div', { class: 'harvest-kind', dataset: { kind } },
      el('h4', { dataset: { i18n: `harvest.${kind}` } }, t(`harvest.${kind}`)),
      el('ul', { class: 'harvest-list', dataset: { kind } }),
      el('p', { class: 'empty', dataset: { i18n: 'harvest.none' } }, t('harvest.none'))))),
  (article, id) => {
    article.querySelector('.harvest-name').textContent = groupName(s, id);
    const entries = byGroup.get(id) ?? [];
    for (const kind of ['HEARD', 'CONTINUE']) {
      const items = entries.filter((e) => e.kind === kind);
      const box = article.querySelector(`.harvest-kind[data-kind="${kind}"]`);
      syncChildren(box.querySelector('ul'), items, (e) => e.id, (e) => el('li', { dataset: { entry: e.id } }), (li, e) => {
        li.textContent = e.text;
      });
      box.querySelector('.empty').hidden = items.length > 0;
    }
  });
  ui.harvestEmpty.hidden = groups.length > 0;
}

// ---- note-takers ---------------------------------------------------------------------------------

async function createNoteTaker() {
  clearError(ui.error);
  const secret = storage.getText(keys.facilitator(state.code));
  if (!secret) {
    ui.noSecret.hidden = false;
    return showError(ui.error, 'WRONG_SECRET');
  }
  setBusy(ui.createNoteTaker, true);
  try {
    const res = await api.createNoteTaker(state.code, secret);
    if (!res?.secret) throw new LiveError('UNKNOWN', 'no secret in the answer');
    storage.setText(keys.noteTaker(state.code), res.secret);
    ui.noteTakerKey.value = res.secret;
    ui.noteTakerKeyBox.hidden = false;
    ui.noteTakerState.hidden = false;
    setKey(ui.noteTakerState, 'fac.noteTakerCreated');
    // A pop-up blocker may refuse this (it is no longer the click itself); the link is right there.
    window.open(pageUrl.notes(state.code), '_blank', 'noopener');
  } catch (err) {
    showError(ui.error, err.code);
  } finally {
    setBusy(ui.createNoteTaker, false);
  }
}

// ---- start ---------------------------------------------------------------------------------------

function wire() {
  wireErrorArea(ui.error);
  ui.lock.addEventListener('click', () => {
    command('lock', 'lockPicking', { locked: !state.view?.picking?.locked });
  });
  document.getElementById('lock-joining').addEventListener('click', () => {
    command('joining', 'lockJoining', { locked: !state.view?.joining?.locked });
  });
  ui.resultsMode.addEventListener('change', () => {
    command('mode', 'setResultsMode', { mode: ui.resultsMode.value });
  });
  ui.reveal.addEventListener('click', () => {
    command('reveal', 'revealResults', { revealed: !state.view?.picking?.revealed });
  });
  ui.phasePrev.addEventListener('click', () => stepPhase(-1));
  ui.phaseNext.addEventListener('click', () => stepPhase(1));
  ui.phaseSelect.addEventListener('change', () => {
    if (ui.phaseSelect.value && ui.phaseSelect.value !== state.view?.phase) {
      command('phase', 'setPhase', { phase: ui.phaseSelect.value });
    }
  });
  ui.formSubgroups.addEventListener('click', formSubgroups);
  ui.subgroupSize.addEventListener('input', renderSubgroupControls);
  ui.subgroupSize.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') formSubgroups();
  });
  ui.setTurnSeconds.addEventListener('click', setTurnSeconds);
  ui.turnSeconds.addEventListener('input', () => {
    state.turnSecondsEdited = true;
  });
  ui.turnSeconds.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') setTurnSeconds();
  });
  ui.subgroups.addEventListener('click', onSubgroupsClick);
  ui.subgroups.addEventListener('change', onSubgroupsChange);
  ui.subgroups.addEventListener('submit', onSubgroupsSubmit);
  ui.createNoteTaker.addEventListener('click', createNoteTaker);
  ui.noteTakerKey.addEventListener('focus', () => ui.noteTakerKey.select());
  state.notes = mountNotesPanel(ui.notesPanel, {
    send: (type, fields) => (state.live ? state.live.send(type, fields) : Promise.reject(new LiveError('NETWORK'))),
    showError: (code) => showError(ui.error, code),
    showMessage: (key) => showMessage(ui.error, key),
    clearError: () => clearError(ui.error),
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
  ui.openNotes.href = pageUrl.notes(state.code);
  ui.openMinutes.href = pageUrl.minutes(state.code);
  startTimerTicker(state.clock);

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
      participants: onParticipants,
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
