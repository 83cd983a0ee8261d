// Phone page: code → join form → the session, phase by phase (picks, my subgroup, the perspective
// round, the discussion, the harvest). A participant who reloads, or whose screen locked, comes back as
// the same participant: the secret stays in localStorage and the join form is skipped.
//
// Three views arrive besides the personal `you` frame: the one all participants share (phase, picking,
// results), the one of my subgroup (members, speaker, questions, discussion) and the one of my
// stakeholder group's harvest. Each is kept as the server last sent it.

import { initI18n, t, loc, onLangChange, useSessionLanguage } from './i18n.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation,
  findGroup, groupName, whoText, countBadge, termKey, showError, showMessage, clearError, wireErrorArea,
  connectionStatus, setBusy,
} from './common.js';
import {
  PICK_PHASES, renderPhase, updateSwatch, colourName, ServerClock, setTimer, startTimerTicker, BusySet, renderDiscussionList,
  optionalButton,
} from './dialogue.js';

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
  phaseBanner: document.querySelector('.phase-banner'),
  phase: byTestId('phase'),
  phaseExpect: byTestId('phase-expect'),
  areas: {
    picks: byId('area-picks'),
    subgroup: byId('area-subgroup'),
    round: byId('area-round'),
    discussion: byId('area-discussion'),
    harvest: byId('area-harvest'),
    close: byId('area-close'),
  },
  mySubgroup: byTestId('my-subgroup'),
  mySwatch: byId('my-swatch'),
  mySubgroupName: byId('my-subgroup-name'),
  mySubgroupHelp: byId('my-subgroup-help'),
  membersBox: byId('members-box'),
  members: byTestId('subgroup-members'),
  speaker: byTestId('speaker'),
  speakerLabel: byId('speaker-label'),
  speakerName: byId('speaker-name'),
  speakerNext: byId('speaker-next'),
  timer: byTestId('timer'),
  roundFinished: byTestId('round-finished'),
  speakerTools: byId('speaker-tools'),
  promptMost: byId('prompt-most'),
  promptLeast: byId('prompt-least'),
  listenerTools: byId('listener-tools'),
  questionForm: byId('question-form'),
  questionText: byTestId('question-text'),
  questionSubmit: byTestId('question-submit'),
  questionWait: byId('question-wait'),
  questionsBox: byId('questions-box'),
  questionsTitle: byId('questions-title'),
  questions: byTestId('questions'),
  questionsEmpty: byId('questions-empty'),
  nextSpeaker: byTestId('next-speaker'),
  hostHint: byId('host-hint'),
  discussionForm: byId('discussion-form'),
  discussionKind: byTestId('discussion-kind'),
  discussionText: byTestId('discussion-text'),
  discussionGroups: byTestId('discussion-groups'),
  discussionSubmit: byTestId('discussion-submit'),
  pickedUp: byId('picked-up'),
  pickedUpText: byId('picked-up-text'),
  pickedUpClear: byId('picked-up-clear'),
  parked: byTestId('parked'),
  parkedEmpty: byId('parked-empty'),
  discussion: byTestId('discussion'),
  discussionEmpty: byId('discussion-empty'),
  harvestGroup: byId('harvest-group'),
  harvestForm: byId('harvest-form'),
  harvestKind: byTestId('harvest-kind'),
  harvestText: byTestId('harvest-text'),
  harvestSubmit: byTestId('harvest-submit'),
  harvestTitle: byId('phone-harvest-title'),
  harvestLists: {
    HEARD: document.querySelector('.harvest-list[data-kind="HEARD"]'),
    CONTINUE: document.querySelector('.harvest-list[data-kind="CONTINUE"]'),
  },
  harvestEmpty: { HEARD: byId('harvest-empty-HEARD'), CONTINUE: byId('harvest-empty-CONTINUE') },
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
  subgroup: null, // the view of my subgroup
  subgroupVersion: -1,
  harvest: null, // the view of my stakeholder group's harvest
  clock: new ServerClock(),
  busy: null, // per-question buttons and next-speaker, see BusySet
  pickedUp: null, // id of the parked question the discussion note being written picks up
  lastPhase: null,
  mode: 'MOST',
  // Picks/unpicks sent but not yet reflected in a `you` frame. They are drawn on top of `me`, so a tap
  // shows at once, and stay until a `you` frame at least as new as their ack arrives (no flicker).
  ops: [],
  // Forms whose command waits for the server's answer; while offline they say so (nothing typed is lost).
  pendingForms: new Set(),
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
  state.subgroup = null;
  state.subgroupVersion = -1;
  state.harvest = null;
  state.pickedUp = null;
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
  // The phone chooses its secret and keeps it before asking, so a join whose answer got lost (Wi-Fi gone
  // after the server said yes, a reload in between) is retried as the same join: the server knows the
  // secret and answers with the same participant instead of making a second one.
  const code = state.code;
  const secret = storage.getJson(keys.participant(code))?.secret || newSecret();
  if (secret) {
    body.secret = secret;
    storage.setJson(keys.participant(code), { secret });
  }
  setBusy(ui.joinSubmit, true);
  try {
    const res = await joinWithRetries(code, body);
    const identity = { participantId: res.participantId, secret: res.secret };
    storage.setJson(keys.participant(code), identity);
    state.me = { id: res.participantId, name: name || null, group, role: role || null, most: [], least: [] };
    clearError(ui.error);
    showStep('pick');
    startLive(identity);
  } catch (err) {
    // A removed participant's secret opens nothing: the next try starts with a new one.
    if (err.code === 'WRONG_SECRET') storage.remove(keys.participant(code));
    if (err.code === 'UNKNOWN_SESSION') showCodeStep(err.code);
    else showError(ui.error, err.code);
  } finally {
    setBusy(ui.joinSubmit, false);
  }
}

/** 128 random bits, base64url (22 characters); null when the browser has no crypto (the server then chooses). */
function newSecret() {
  const c = globalThis.crypto;
  if (typeof c?.getRandomValues !== 'function') return null;
  const bytes = c.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const JOIN_RETRY_MS = [500, 1000, 2000, 4000, 5000];
const JOIN_ATTEMPTS = 8;

/** No answer, a timeout or a server error: nothing or exactly this join happened, so asking again is safe. */
const worthRetrying = (err) => err.code === 'NETWORK' || err.status >= 500;

async function joinWithRetries(code, body) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.join(code, body);
    } catch (err) {
      if (!body.secret || !worthRetrying(err) || attempt + 1 >= JOIN_ATTEMPTS || state.code !== code) throw err;
      showMessage(ui.error, 'join.retrying');
      const base = JOIN_RETRY_MS[Math.min(attempt, JOIN_RETRY_MS.length - 1)];
      await new Promise((resolve) => setTimeout(resolve, base * (0.8 + Math.random() * 0.4)));
    }
  }
}

// ---- live ----------------------------------------------------------------------------------------

function startLive(identity) {
  stopLive();
  state.ops = [];
  state.pendingForms.clear();
  const showStatus = connectionStatus(ui.status);
  state.live = new LiveClient({
    code: state.code,
    role: 'participant',
    secret: identity.secret,
    on: {
      welcome: (msg) => {
        if (typeof msg.version === 'number' && msg.version < state.youVersion) state.youVersion = -1;
        if (msg.session) setSession(msg.session);
      },
      view: onView,
      you: onYou,
      status: (status, info) => {
        showStatus(status, info);
        render();
      },
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

function onView(msg) {
  const audience = msg.audience ?? 'participant';
  const view = msg.view ?? null;
  if (audience === 'subgroup') {
    state.subgroup = view;
    if (typeof msg.version === 'number') {
      state.subgroupVersion = msg.version;
      state.busy.seen(msg.version);
    }
  } else if (audience === 'harvest') {
    state.harvest = view;
  } else if (audience === 'participant') {
    state.view = view;
  } else {
    return;
  }
  state.clock.update(msg.serverTime ?? view?.serverTime);
  render();
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
  if (state.step === 'pick') renderJoined();
}

/** Which parts of the page a phase shows. Without a phase (an older server) the phone is for picking. */
function areasFor(phase) {
  if (!phase || PICK_PHASES.has(phase)) return ['picks'];
  switch (phase) {
    case 'subgroups': return ['subgroup'];
    case 'perspective-round': return ['subgroup', 'round'];
    case 'discussion': return ['subgroup', 'discussion'];
    case 'harvest': return ['harvest'];
    case 'close': return ['close'];
    default: return [];
  }
}

function renderJoined() {
  const s = state.session;
  const me = state.me;
  const phase = state.view?.phase ?? null;

  ui.pickTitle.textContent = loc(s?.title);
  if (me && s) {
    const who = whoText(s, me.group, me.role);
    ui.youAre.textContent = me.name ? t('pick.youAreNamed', { name: me.name, who }) : t('pick.youAre', { who });
  } else {
    ui.youAre.textContent = '';
  }

  ui.phaseBanner.hidden = !phase;
  renderPhase(ui.phase, ui.phaseExpect, phase, 'participant');
  const sub = mySubgroup();
  if (phase === 'perspective-round' && sub && !sub.finished && sub.speaker && sub.speaker === me?.id) {
    setKey(ui.phaseExpect, 'expect.participant.speaker');
  }

  const shown = areasFor(phase);
  for (const [name, node] of Object.entries(ui.areas)) node.hidden = !shown.includes(name);
  if (phase !== state.lastPhase) {
    // The member list matters when finding your table; during the round it would push the question box down.
    ui.membersBox.open = phase === 'subgroups' || !phase;
    state.lastPhase = phase;
  }

  if (shown.includes('picks')) renderPick();
  if (shown.includes('subgroup')) renderSubgroup(sub);
  if (shown.includes('round')) renderRound(sub);
  if (shown.includes('discussion')) renderDiscussion(sub);
  if (shown.includes('harvest')) renderHarvest();
  renderUnsent();
}

function renderUnsent() {
  const offline = state.live?.status !== 'online';
  for (const form of [ui.questionForm, ui.discussionForm, ui.harvestForm]) {
    const note = form.querySelector('.unsent');
    if (note) note.hidden = !(offline && state.pendingForms.has(form));
  }
}

function renderPick() {
  const s = state.session;
  const picks = currentPicks();
  const locked = Boolean(state.view?.picking?.locked);

  ui.pickQuestion.textContent = loc(s?.question);

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

// ---- subgroup ------------------------------------------------------------------------------------

const memberId = (m) => (typeof m === 'string' ? m : m?.id);

/**
 * My subgroup, or null. The subgroup view and the `you` frame travel separately; after a move or a new
 * division, the view of the old subgroup must not linger, so the newer of the two decides.
 */
function mySubgroup() {
  const sub = state.subgroup;
  const me = state.me;
  if (!sub || !me) return null;
  const members = sub.members ?? [];
  if (members.length && !members.some((m) => memberId(m) === me.id)) return null;
  if (me.subgroup === undefined || me.subgroup === sub.id) return sub;
  return state.subgroupVersion > state.youVersion ? sub : null;
}

function memberOf(sub, id) {
  return (sub?.members ?? []).find((m) => memberId(m) === id) ?? null;
}

/** A member as others see them: their name when the template makes names public, else group and role. */
function memberText(member) {
  if (!member || typeof member === 'string') return t('round.someone');
  const who = whoText(state.session, member.group, member.role);
  return member.name ? `${member.name} (${who})` : who;
}

function renderSubgroup(sub) {
  ui.mySubgroup.dataset.subgroup = sub?.id ?? '';
  ui.mySwatch.hidden = !sub;
  ui.membersBox.hidden = !sub;
  if (!sub) {
    setKey(ui.mySubgroupName, 'phone.noSubgroup');
    setKey(ui.mySubgroupHelp, 'phone.noSubgroupHelp');
    return;
  }
  updateSwatch(ui.mySwatch, sub);
  ui.mySubgroup.dataset.colour = sub.colour ?? '';
  setKey(ui.mySubgroupName, 'phone.yourSubgroup', { label: sub.label ?? '?' });
  setKey(ui.mySubgroupHelp, 'phone.findTable', { label: sub.label ?? '?', colour: colourName(sub.colour) });

  const me = state.me;
  const order = sub.order ?? [];
  const rank = (m) => {
    const i = order.indexOf(memberId(m));
    return i < 0 ? order.length : i;
  };
  const members = [...(sub.members ?? [])].sort((a, b) => rank(a) - rank(b));
  syncChildren(ui.members, members, memberId, (m) => el('li', { dataset: { participant: memberId(m) } },
    el('span', { class: 'member-name' }),
    el('span', { class: 'tag me-tag' }),
    el('span', { class: 'tag host-tag' }),
    el('span', { class: 'tag speaking-tag' })),
  (li, m) => {
    const id = memberId(m);
    li.querySelector('.member-name').textContent = memberText(m);
    const meTag = li.querySelector('.me-tag');
    meTag.hidden = id !== me?.id;
    setKey(meTag, 'phone.you');
    const hostTag = li.querySelector('.host-tag');
    hostTag.hidden = id !== sub.host;
    setKey(hostTag, 'sub.host');
    const speakingTag = li.querySelector('.speaking-tag');
    speakingTag.hidden = state.view?.phase !== 'perspective-round' || id !== sub.speaker || Boolean(sub.finished);
    setKey(speakingTag, 'sub.speaking');
    li.classList.toggle('is-me', id === me?.id);
  });
}

// ---- perspective round ---------------------------------------------------------------------------

function renderRound(sub) {
  const me = state.me;
  const inRound = Boolean(sub);
  const finished = Boolean(sub?.finished);
  const speakerId = finished ? null : sub?.speaker ?? null;
  const iSpeak = Boolean(speakerId) && speakerId === me?.id;
  const iHost = Boolean(sub) && sub.host === me?.id;

  ui.speaker.hidden = !inRound || finished;
  ui.speaker.classList.toggle('is-me', iSpeak);
  ui.speaker.dataset.speaker = speakerId ?? '';
  if (!speakerId) {
    setKey(ui.speakerLabel, 'round.notStarted');
    ui.speakerName.textContent = '';
  } else if (iSpeak) {
    setKey(ui.speakerLabel, 'round.youSpeak');
    ui.speakerName.textContent = '';
  } else {
    setKey(ui.speakerLabel, 'round.speakerIs');
    ui.speakerName.textContent = memberText(memberOf(sub, speakerId));
  }
  const order = sub?.order ?? [];
  const nextId = speakerId ? order[order.indexOf(speakerId) + 1] : null;
  ui.speakerNext.hidden = !nextId;
  if (nextId) {
    ui.speakerNext.textContent = nextId === me?.id ? t('round.nextIsYou') : t('round.nextIs', { who: memberText(memberOf(sub, nextId)) });
  }

  setTimer(ui.timer, speakerId ? sub.turnStartedAt : null, state.view?.turnSeconds ?? 0, state.clock);
  ui.roundFinished.hidden = !inRound || !finished;

  // The speaker sees their own words; everyone else only gets a box for clarifying questions.
  ui.speakerTools.hidden = !iSpeak;
  if (iSpeak) {
    ui.promptMost.textContent = (me?.most ?? []).join(', ') || '—';
    ui.promptLeast.textContent = (me?.least ?? []).join(', ') || '—';
  }
  ui.listenerTools.hidden = !inRound || finished || iSpeak;
  ui.questionForm.hidden = !speakerId;
  ui.questionWait.hidden = Boolean(speakerId);

  renderQuestions(sub, speakerId, iSpeak, iHost);

  const canHandOver = inRound && !finished && ((iSpeak) || iHost);
  ui.nextSpeaker.hidden = !canHandOver;
  ui.nextSpeaker.disabled = state.busy.has('next');
  if (canHandOver) {
    const last = speakerId && order.indexOf(speakerId) === order.length - 1;
    let key;
    if (!speakerId) key = 'round.start';
    else if (iSpeak) key = last ? 'round.doneLast' : 'round.done';
    else key = last ? 'round.endRound' : 'round.next';
    setKey(ui.nextSpeaker, key);
  }
  ui.hostHint.hidden = !iHost || finished;
}

function renderQuestions(sub, speakerId, iSpeak, iHost) {
  ui.questionsBox.hidden = !speakerId;
  if (!speakerId) return;
  setKey(ui.questionsTitle, iSpeak ? 'round.questionsToYou' : 'round.questionsTo', iSpeak
    ? undefined : { who: memberText(memberOf(sub, speakerId)) });
  const questions = (sub.questions ?? []).filter((q) => q.speaker === speakerId);
  syncChildren(ui.questions, questions, (q) => q.id, (q) => el('li', { dataset: { question: q.id } },
    el('span', { class: 'q-text' }),
    el('span', { class: 'q-status tag' }),
    el('span', { class: 'q-actions' })),
  (li, q) => {
    li.querySelector('.q-text').textContent = q.text;
    const status = li.querySelector('.q-status');
    setKey(status, `qstatus.${q.status}`);
    status.dataset.status = q.status ?? '';
    li.dataset.status = q.status ?? '';
    const open = q.status === 'OPEN';
    const actions = li.querySelector('.q-actions');
    optionalButton(actions, 'mark-answered', iSpeak && open, 'round.markAnswered',
      { disabled: state.busy.has(`answer:${q.id}`), first: true });
    optionalButton(actions, 'park', iHost && open, 'round.park', { disabled: state.busy.has(`park:${q.id}`) });
    actions.hidden = !actions.children.length;
  });
  ui.questionsEmpty.hidden = questions.length > 0;
}

/** A command whose button stays disabled until the subgroup view shows its effect. */
function subgroupCommand(key, type, fields) {
  if (!state.live || state.busy.has(key)) return;
  clearError(ui.error);
  state.busy.start(key);
  render();
  state.live.send(type, fields).then(
    (ack) => {
      state.busy.acked(key, ack, state.subgroupVersion);
      render();
    },
    (err) => {
      state.busy.failed(key);
      showError(ui.error, err.code);
      render();
    },
  );
}

/** The server's rule: ends with a question mark, possibly followed by closing quotes or brackets. */
function isQuestion(text) {
  let rest = text.trim();
  while (rest && '"\'”’)]»'.includes(rest.at(-1))) rest = rest.slice(0, -1).trim();
  return rest.endsWith('?') || rest.endsWith('？');
}

function submitQuestion() {
  clearError(ui.error);
  const text = ui.questionText.value.trim();
  if (!text) return showError(ui.error, 'INVALID_TEXT');
  // Checked here too, so the friendly explanation shows at once, also while offline.
  if (!isQuestion(text)) return showError(ui.error, 'NOT_A_QUESTION');
  sendForm(ui.questionSubmit, 'ask', { text }, () => {
    if (ui.questionText.value.trim() === text) ui.questionText.value = '';
  }, ui.questionText);
}

/** Sends a form's command; the text stays in the form until the server has it, so nothing typed is lost. */
function sendForm(button, type, fields, onDone, focusAfter) {
  if (!state.live) return;
  const form = button.form;
  setBusy(button, true);
  state.pendingForms.add(form);
  render();
  state.live.send(type, fields).then(
    () => {
      setBusy(button, false);
      state.pendingForms.delete(form);
      onDone();
      focusAfter?.focus();
      render();
    },
    (err) => {
      setBusy(button, false);
      state.pendingForms.delete(form);
      showError(ui.error, err.code);
      render();
    },
  );
}

// ---- discussion ----------------------------------------------------------------------------------

/** Parked questions of my subgroup: from the view's `parked`, else its questions with status PARKED. */
function parkedOf(sub) {
  if (!sub) return [];
  if (Array.isArray(sub.parked)) return sub.parked;
  const pickedUp = new Set((sub.discussion ?? []).map((d) => d.parkedQuestion).filter(Boolean));
  return (sub.questions ?? []).filter((q) => q.status === 'PARKED')
    .map((q) => ({ id: q.id, subgroup: sub.id, text: q.text, pickedUp: pickedUp.has(q.id) }));
}

function renderGroupChecks() {
  const groups = state.session?.groups ?? [];
  const existing = new Map([...ui.discussionGroups.querySelectorAll('input')].map((i) => [i.value, i.checked]));
  const key = groups.map((g) => g.id).join(' ');
  if (ui.discussionGroups.dataset.groups !== key) {
    ui.discussionGroups.dataset.groups = key;
    for (const label of ui.discussionGroups.querySelectorAll('label')) label.remove();
    for (const g of groups) {
      ui.discussionGroups.append(el('label', { class: 'check' },
        el('input', { type: 'checkbox', value: g.id, name: 'groups', checked: existing.get(g.id) }),
        el('span', { class: 'check-text', dataset: { group: g.id } })));
    }
  }
  for (const span of ui.discussionGroups.querySelectorAll('.check-text')) {
    span.textContent = groupName(state.session, span.dataset.group);
  }
}

function renderDiscussion(sub) {
  const inSub = Boolean(sub);
  ui.discussionForm.hidden = !inSub;
  renderGroupChecks();

  const parked = parkedOf(sub);
  const picking = parked.find((p) => p.id === state.pickedUp);
  if (state.pickedUp && !picking) state.pickedUp = null;
  ui.pickedUp.hidden = !picking;
  ui.pickedUpText.textContent = picking?.text ?? '';

  syncChildren(ui.parked, parked, (p) => p.id, (p) => el('li', { dataset: { question: p.id } },
    el('q', { class: 'parked-text' }),
    el('span', { class: 'tag parked-status' })),
  (li, p) => {
    li.querySelector('.parked-text').textContent = p.text;
    const status = li.querySelector('.parked-status');
    status.hidden = !p.pickedUp;
    setKey(status, 'parked.pickedUp');
    li.classList.toggle('picked-up', Boolean(p.pickedUp));
    optionalButton(li, 'pick-up', !p.pickedUp, 'discussion.pickUp')?.setAttribute('aria-pressed', String(state.pickedUp === p.id));
  });
  ui.parkedEmpty.hidden = parked.length > 0;

  renderDiscussionList(ui.discussion, sub?.discussion ?? [], parked, state.session);
  ui.discussionEmpty.hidden = (sub?.discussion ?? []).length > 0;
}

function pickUp(id) {
  clearError(ui.error);
  state.pickedUp = state.pickedUp === id ? null : id;
  const question = parkedOf(mySubgroup()).find((p) => p.id === state.pickedUp);
  if (question && !ui.discussionText.value.trim()) ui.discussionText.value = question.text;
  render();
  if (state.pickedUp) ui.discussionText.focus();
}

function submitDiscussion() {
  clearError(ui.error);
  const text = ui.discussionText.value.trim();
  if (!text) return showError(ui.error, 'INVALID_TEXT');
  const groups = [...ui.discussionGroups.querySelectorAll('input:checked')].map((i) => i.value);
  const fields = { kind: ui.discussionKind.value, text, groups };
  if (state.pickedUp) fields.parkedQuestion = state.pickedUp;
  sendForm(ui.discussionSubmit, 'addDiscussionNote', fields, () => {
    if (ui.discussionText.value.trim() === text) ui.discussionText.value = '';
    for (const box of ui.discussionGroups.querySelectorAll('input:checked')) box.checked = false;
    if (state.pickedUp === fields.parkedQuestion) state.pickedUp = null;
  });
}

// ---- harvest -------------------------------------------------------------------------------------

function renderHarvest() {
  const s = state.session;
  const group = state.me?.group;
  const name = groupName(s, group);
  setKey(ui.harvestGroup, 'harvest.yourGroup', { group: name });
  setKey(ui.harvestTitle, 'harvest.listTitle', { group: name });
  const harvest = state.harvest && (!state.harvest.group || state.harvest.group === group) ? state.harvest : null;
  const entries = harvest?.entries ?? [];
  for (const kind of ['HEARD', 'CONTINUE']) {
    const items = entries.filter((e) => e.kind === kind);
    syncChildren(ui.harvestLists[kind], items, (e) => e.id, (e) => el('li', { dataset: { entry: e.id, kind: e.kind } }),
      (li, e) => {
        li.textContent = e.text;
      });
    ui.harvestEmpty[kind].hidden = items.length > 0;
  }
}

function submitHarvest() {
  clearError(ui.error);
  const text = ui.harvestText.value.trim();
  if (!text) return showError(ui.error, 'INVALID_TEXT');
  sendForm(ui.harvestSubmit, 'addHarvest', { kind: ui.harvestKind.value, text }, () => {
    if (ui.harvestText.value.trim() === text) ui.harvestText.value = '';
  }, ui.harvestText);
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

  ui.questionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitQuestion();
  });
  ui.questions.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    const id = button?.closest('li')?.dataset.question;
    if (!id) return;
    if (button.dataset.testid === 'mark-answered') subgroupCommand(`answer:${id}`, 'markAnswered', { question: id });
    if (button.dataset.testid === 'park') subgroupCommand(`park:${id}`, 'park', { question: id });
  });
  ui.nextSpeaker.addEventListener('click', () => subgroupCommand('next', 'nextSpeaker', {}));
  ui.discussionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitDiscussion();
  });
  ui.parked.addEventListener('click', (event) => {
    const button = event.target.closest('[data-testid="pick-up"]');
    const id = button?.closest('li')?.dataset.question;
    if (id) pickUp(id);
  });
  ui.pickedUpClear.addEventListener('click', () => {
    state.pickedUp = null;
    render();
  });
  ui.harvestForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitHarvest();
  });
}

async function main() {
  await initI18n();
  state.busy = new BusySet(render);
  startTimerTicker(state.clock);
  wire();
  onLangChange(render);
  const code = codeFromLocation();
  if (code) await openSession(code);
  else showCodeStep();
}

main();
