// Phone page: code → join form → picking. A participant who reloads, or whose screen locked, comes
// back as the same participant: the secret stays in localStorage and the join form is skipped.

import { initI18n, t, loc, onLangChange, useSessionLanguage } from './i18n.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation,
  findGroup, groupName, roleName, countBadge, termKey, showError, showMessage, clearError, wireErrorArea,
  connectionStatus, setBusy,
} from './common.js';

const byId = (id) => document.getElementById(id);
const ui = {
  loading: byId('loading'),
  steps: { code: byId('step-code'), join: byId('step-join'), pick: byId('step-pick') },
  codeForm: byId('code-form'),
  codeInput: byTestId('join-code'),
  codeSubmit: byTestId('join-code-submit'),
  joinTitle: byId('join-title'),
  joinQuestion: byId('join-question'),
  joinForm: byId('join-form'),
  nameInput: byTestId('display-name'),
  nameHelp: byId('name-help'),
  groupSelect: byTestId('group-select'),
  roleField: byId('role-field'),
  roleSelect: byTestId('role-select'),
  joinSubmit: byTestId('join-submit'),
  pickTitle: byId('pick-title'),
  pickQuestion: byId('pick-question'),
  youAre: byId('you-are'),
  modeButtons: { MOST: byTestId('mode-most'), LEAST: byTestId('mode-least') },
  counters: { MOST: byTestId('most-counter'), LEAST: byTestId('least-counter') },
  modeQuestion: byId('mode-question'),
  lockedNotice: byId('locked-notice'),
  cloud: byId('cloud'),
  ownForm: byId('own-form'),
  ownInput: byTestId('own-word'),
  ownSubmit: byTestId('own-word-submit'),
  myLists: { MOST: byTestId('my-most'), LEAST: byTestId('my-least') },
  myEmpty: { MOST: byId('my-most-empty'), LEAST: byId('my-least-empty') },
  results: byTestId('results'),
  resultsSummary: byId('results-summary'),
  resultList: byId('result-list'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
};

const state = {
  step: null,
  code: '',
  session: null,
  me: null, // the participant as the last `you` frame showed it
  youVersion: -1,
  view: null, // the view shared by all participants
  mode: 'MOST',
  // Picks/unpicks sent but not yet reflected in a `you` frame. They are drawn on top of `me`, so a tap
  // shows at once, and stay until a `you` frame at least as new as their ack arrives (no flicker).
  ops: [],
  live: null,
};

const KINDS = ['MOST', 'LEAST'];
const otherKind = (kind) => (kind === 'MOST' ? 'LEAST' : 'MOST');
const contains = (terms, term) => terms.some((x) => termKey(x) === termKey(term));

function showStep(name) {
  state.step = name;
  ui.loading.hidden = true;
  for (const [key, section] of Object.entries(ui.steps)) section.hidden = key !== name;
  render();
}

// ---- code and join steps -------------------------------------------------------------------------

function showCodeStep(errorCode) {
  stopLive();
  showStep('code');
  if (errorCode) showError(ui.error, errorCode);
}

async function openSession(raw) {
  ui.codeInput.value = displayCode(raw);
  if (!isValidCode(raw)) {
    showCodeStep('UNKNOWN_SESSION');
    return;
  }
  const code = compactCode(raw);
  if (code !== state.code) {
    resetParticipant();
    state.session = null;
    state.code = code;
  }
  const identity = storage.getJson(keys.participant(state.code));
  if (identity?.participantId && identity?.secret) {
    showStep('pick');
    startLive(identity);
    // Fetched over REST too: it shows the question before the socket is up, and tells a session that
    // no longer exists apart from a network that is down (the socket cannot say which).
    api.session(state.code).then(setSession, (err) => {
      if (err.code === 'UNKNOWN_SESSION' && state.step === 'pick') {
        forgetParticipant();
        showCodeStep('UNKNOWN_SESSION');
      }
    });
    return;
  }
  setBusy(ui.codeSubmit, true);
  try {
    setSession(await api.session(state.code));
    showStep('join');
  } catch (err) {
    showCodeStep(err.code);
  } finally {
    setBusy(ui.codeSubmit, false);
  }
}

function setSession(session) {
  state.session = session;
  useSessionLanguage(session?.language);
  render();
}

function forgetParticipant() {
  storage.remove(keys.participant(state.code));
  resetParticipant();
}

function resetParticipant() {
  state.me = null;
  state.view = null;
  state.ops = [];
  state.youVersion = -1;
}

function fillSelect(select, placeholderKey, items) {
  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '' }, t(placeholderKey)),
    ...items.map((item) => el('option', { value: item.id }, loc(item.name))),
  );
  select.value = items.some((item) => item.id === chosen) ? chosen : '';
}

function renderJoin() {
  const s = state.session;
  if (!s) return;
  ui.joinTitle.textContent = loc(s.title);
  ui.joinQuestion.textContent = loc(s.question);
  setKey(ui.nameHelp, s.namesPublic ? 'join.nameHelpPublic' : 'join.nameHelpPrivate');
  fillSelect(ui.groupSelect, 'join.chooseGroup', s.groups ?? []);
  renderRoles();
}

function renderRoles() {
  const group = findGroup(state.session, ui.groupSelect.value);
  const roles = group?.roles ?? [];
  fillSelect(ui.roleSelect, 'join.chooseRole', roles);
  if (!ui.roleSelect.value && roles.length === 1) ui.roleSelect.value = roles[0].id;
  ui.roleSelect.disabled = !group;
  ui.roleField.hidden = Boolean(group) && roles.length === 0;
}

async function submitJoin() {
  clearError(ui.error);
  const group = ui.groupSelect.value;
  const role = ui.roleSelect.value;
  const name = ui.nameInput.value.trim();
  if (!group) return showMessage(ui.error, 'join.groupRequired');
  const roles = findGroup(state.session, group)?.roles ?? [];
  if (roles.length > 0 && !role) return showMessage(ui.error, 'join.roleRequired');

  const body = { group };
  if (role) body.role = role;
  if (name) body.name = name;
  setBusy(ui.joinSubmit, true);
  try {
    const res = await api.join(state.code, body);
    const identity = { participantId: res.participantId, secret: res.secret };
    storage.setJson(keys.participant(state.code), identity);
    state.me = { id: res.participantId, name: name || null, group, role: role || null, most: [], least: [] };
    showStep('pick');
    startLive(identity);
  } catch (err) {
    if (err.code === 'UNKNOWN_SESSION') showCodeStep(err.code);
    else showError(ui.error, err.code);
  } finally {
    setBusy(ui.joinSubmit, false);
  }
}

// ---- live ----------------------------------------------------------------------------------------

function startLive(identity) {
  stopLive();
  state.ops = [];
  state.live = new LiveClient({
    code: state.code,
    role: 'participant',
    secret: identity.secret,
    on: {
      welcome: (msg) => {
        if (typeof msg.version === 'number' && msg.version < state.youVersion) state.youVersion = -1;
        if (msg.session) setSession(msg.session);
      },
      view: (msg) => {
        state.view = msg.view ?? null;
        render();
      },
      you: onYou,
      status: connectionStatus(ui.status),
      error: (err) => showError(ui.error, err.code),
      fatal: onFatal,
    },
  }).start();
}

function stopLive() {
  state.live?.stop();
  state.live = null;
  ui.status.hidden = true;
}

function onYou(msg) {
  state.me = msg.participant ?? state.me;
  const version = typeof msg.version === 'number' ? msg.version : Infinity;
  if (version !== Infinity) state.youVersion = version;
  state.ops = state.ops.filter((op) => op.ackedAt === null || op.ackedAt > version);
  render();
}

async function onFatal(err) {
  // WRONG_SECRET: the server no longer knows this participant (e.g. its data was wiped): join again.
  stopLive();
  forgetParticipant();
  if (err.code === 'UNKNOWN_SESSION') {
    showCodeStep(err.code);
    return;
  }
  await openSession(state.code);
  if (state.step === 'join') showError(ui.error, err.code);
}

// ---- picking -------------------------------------------------------------------------------------

function maxPicks(kind) {
  const max = kind === 'MOST' ? state.session?.mostPicks : state.session?.leastPicks;
  return typeof max === 'number' ? max : Infinity;
}

const isCloudTerm = (term) => contains(state.session?.terms ?? [], term);

function currentPicks() {
  const picks = { MOST: [...(state.me?.most ?? [])], LEAST: [...(state.me?.least ?? [])], pending: new Set() };
  for (const op of state.ops) {
    const list = picks[op.kind];
    const index = list.findIndex((x) => termKey(x) === termKey(op.term));
    if (op.action === 'pick' && index < 0) list.push(op.term);
    if (op.action === 'unpick' && index >= 0) list.splice(index, 1);
    if (op.ackedAt === null) picks.pending.add(`${op.kind}:${termKey(op.term)}`);
  }
  return picks;
}

function send(action, kind, term, own = false) {
  if (!state.live) return;
  const op = { action, kind, term, ackedAt: null };
  state.ops.push(op);
  render();
  const fields = { kind, term };
  if (own) fields.own = true;
  const drop = () => {
    state.ops = state.ops.filter((x) => x !== op);
  };
  state.live.send(action, fields).then(
    (ack) => {
      op.ackedAt = typeof ack.version === 'number' ? ack.version : -1;
      if (op.ackedAt <= state.youVersion) drop();
      render();
    },
    (err) => {
      drop();
      showError(ui.error, err.code);
      if (own && !ui.ownInput.value) ui.ownInput.value = term; // nothing typed is lost
      render();
    },
  );
}

/** Adds a pick in the current mode; the same rules as the server, checked here so a phone that is
 *  offline answers at once instead of after the reconnect. */
function addPick(term, own) {
  const mode = state.mode;
  const picks = currentPicks();
  if (contains(picks[mode], term)) return;
  if (contains(picks[otherKind(mode)], term)) return showError(ui.error, 'PICK_CONFLICT');
  if (picks[mode].length >= maxPicks(mode)) return showError(ui.error, 'TOO_MANY_PICKS');
  send('pick', mode, term, own);
}

function tapTerm(term) {
  clearError(ui.error);
  if (contains(currentPicks()[state.mode], term)) send('unpick', state.mode, term);
  else addPick(term, !isCloudTerm(term));
}

function submitOwnWord() {
  clearError(ui.error);
  const text = ui.ownInput.value.trim().replace(/\s+/g, ' ');
  if (!text) return showError(ui.error, 'INVALID_TEXT');
  ui.ownInput.value = '';
  addPick(text, !isCloudTerm(text));
}

function setMode(kind) {
  state.mode = kind;
  clearError(ui.error);
  render();
}

// ---- rendering -----------------------------------------------------------------------------------

function render() {
  if (state.step === 'join') renderJoin();
  if (state.step === 'pick') renderPick();
}

function renderPick() {
  const s = state.session;
  const me = state.me;
  const picks = currentPicks();
  const locked = Boolean(state.view?.picking?.locked);

  ui.pickTitle.textContent = loc(s?.title);
  ui.pickQuestion.textContent = loc(s?.question);
  if (me && s) {
    const who = [groupName(s, me.group), me.role ? roleName(s, me.group, me.role) : ''].filter(Boolean).join(' · ');
    ui.youAre.textContent = me.name ? t('pick.youAreNamed', { name: me.name, who }) : t('pick.youAre', { who });
  } else {
    ui.youAre.textContent = '';
  }

  for (const kind of KINDS) {
    ui.modeButtons[kind].setAttribute('aria-pressed', String(state.mode === kind));
    const max = maxPicks(kind);
    ui.counters[kind].textContent = t('pick.counter', { n: picks[kind].length, max: max === Infinity ? '–' : max });
  }
  ui.modeQuestion.textContent = loc(state.mode === 'MOST' ? s?.questionMost : s?.questionLeast);
  ui.modeQuestion.dataset.mode = state.mode.toLowerCase();
  ui.lockedNotice.hidden = !locked;

  renderCloud(picks, locked);

  ui.ownForm.hidden = !s?.ownWordAllowed;
  ui.ownInput.disabled = locked;
  ui.ownSubmit.disabled = locked;
  setKey(ui.ownSubmit, state.mode === 'MOST' ? 'pick.ownAddMost' : 'pick.ownAddLeast');
  ui.ownSubmit.dataset.mode = state.mode.toLowerCase();

  for (const kind of KINDS) renderMyList(kind, picks, locked);
  renderResults();
}

function renderCloud(picks, locked) {
  // The template's terms, then this participant's own words (so they can be tapped away again).
  const terms = [...(state.session?.terms ?? [])];
  for (const term of [...picks.MOST, ...picks.LEAST]) if (!contains(terms, term)) terms.push(term);

  syncChildren(ui.cloud, terms, (term) => term, (term) => {
    const button = el('button', { type: 'button', class: 'term', dataset: { testid: 'term', term } },
      el('span', { class: 'term-badge' },
        el('span', { class: 'term-icon', 'aria-hidden': 'true' }),
        el('span', { class: 'term-badge-label' })),
      el('span', { class: 'term-text' }, term));
    button.addEventListener('click', () => tapTerm(term));
    return button;
  }, (button, term) => {
    const kind = contains(picks.MOST, term) ? 'most' : contains(picks.LEAST, term) ? 'least' : '';
    button.dataset.pick = kind;
    button.setAttribute('aria-pressed', String(kind !== ''));
    button.classList.toggle('own', !isCloudTerm(term));
    button.classList.toggle('pending', KINDS.some((k) => picks.pending.has(`${k}:${termKey(term)}`)));
    button.disabled = locked;
    const badge = button.querySelector('.term-badge');
    badge.hidden = !kind;
    button.querySelector('.term-icon').textContent = kind === 'most' ? '▲' : kind === 'least' ? '▼' : '';
    setKey(button.querySelector('.term-badge-label'), kind ? `pick.badge.${kind}` : 'pick.badge.most');
  });
}

function renderMyList(kind, picks, locked) {
  syncChildren(ui.myLists[kind], picks[kind], (term) => term, (term) => {
    const remove = el('button', { type: 'button', class: 'remove', dataset: { testid: 'unpick' } }, '×');
    remove.addEventListener('click', () => {
      clearError(ui.error);
      send('unpick', kind, term);
    });
    return el('li', { dataset: { term } },
      el('span', { class: 'pick-text' }, term),
      el('span', { class: 'pick-pending' }),
      remove);
  }, (li, term) => {
    const pending = picks.pending.has(`${kind}:${termKey(term)}`);
    li.classList.toggle('pending', pending);
    const note = li.querySelector('.pick-pending');
    note.hidden = !pending;
    setKey(note, 'pick.sending');
    const remove = li.querySelector('.remove');
    remove.setAttribute('aria-label', t('pick.remove', { term }));
    remove.disabled = locked;
  });
  ui.myEmpty[kind].hidden = picks[kind].length > 0;
}

function renderResults() {
  const results = state.view?.results;
  ui.results.hidden = !results;
  if (!results) return;
  ui.resultsSummary.textContent = t('results.summary', {
    n: results.participantsWithPicks ?? 0,
    total: state.view?.attendance?.total ?? 0,
  });
  const terms = (results.terms ?? []).filter((r) => r.most + r.least > 0);
  syncChildren(ui.resultList, terms, (r) => r.term, (r) => el('li', { dataset: { term: r.term } },
    el('span', { class: 'result-term' }, r.term),
    el('span', { class: 'counts' })),
  (li, r) => {
    li.querySelector('.counts').replaceChildren(countBadge('most', r.most), ' ', countBadge('least', r.least));
  });
}

// ---- start ---------------------------------------------------------------------------------------

function wire() {
  wireErrorArea(ui.error);
  ui.codeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearError(ui.error);
    const raw = ui.codeInput.value;
    if (!compactCode(raw)) return showMessage(ui.error, 'join.codeRequired');
    if (isValidCode(raw)) history.replaceState(null, '', `${location.pathname}?code=${compactCode(raw)}`);
    openSession(raw);
  });
  ui.joinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitJoin();
  });
  ui.groupSelect.addEventListener('change', renderRoles);
  for (const kind of KINDS) ui.modeButtons[kind].addEventListener('click', () => setMode(kind));
  ui.ownForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitOwnWord();
  });
}

async function main() {
  await initI18n();
  wire();
  onLangChange(render);
  const code = codeFromLocation();
  if (code) await openSession(code);
  else showCodeStep();
}

main();
