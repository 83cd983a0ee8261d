// Projector page (the facilitator's second screen): how to join, how many are here, and — once the
// facilitator lets the room see them — the picks, with the terms where stakeholder groups diverge first.
// In the dialogue phases: the subgroups (colour and letter, their mix, who speaks — as group and role,
// never by name — and the turn's countdown), the differences each subgroup found, and the harvest per
// stakeholder group. Code, QR and join URL come from public data, so they show even before (or without)
// the live link.
// Between the phases the facilitator can switch the screen to the earlier outcomes of the series (the
// button in the top bar, or Escape to go back): what the earlier sessions brought up, per issue and
// stakeholder group, fetched afresh each time the panel opens.

import { initI18n, t, loc, onLangChange, useSessionLanguage, currentLang } from './i18n.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation, provisionalJoinUrl,
  groupName, whoText, listText, formatNumber, countBadge, termKey, showError, wireErrorArea, connectionStatus,
} from './common.js';
import {
  PICK_PHASES, SUBGROUP_PHASES, renderPhase, swatch, updateSwatch, subgroupName, mixSummary, mixGroups, ServerClock,
  timerNode, setTimer, startTimerTicker,
} from './dialogue.js';

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
  differences: byId('term-differences'),
  differencesEmpty: byId('differences-empty'),
  phaseBanner: document.querySelector('.phase-banner'),
  phase: byTestId('phase'),
  phaseExpect: byTestId('phase-expect'),
  dialogueArea: byId('dialogue-area'),
  discussionLegend: byId('discussion-legend'),
  subgroupGrid: byId('subgroup-grid'),
  subgroupsEmpty: byId('subgroups-empty'),
  harvestArea: byId('harvest-area'),
  harvest: byTestId('harvest'),
  harvestEmpty: byId('harvest-empty'),
  closeArea: byId('close-area'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
  liveView: byId('live-view'),
  outcomesToggle: byTestId('toggle-earlier-outcomes'),
  outcomes: byId('earlier-outcomes'),
  outcomesTitle: byId('earlier-title'),
  outcomesSeries: byId('earlier-series'),
  outcomesAttendance: byTestId('earlier-attendance'),
  outcomesSessions: byId('earlier-sessions'),
  outcomesLoading: byId('earlier-loading'),
  outcomesNoSecret: byId('earlier-no-secret'),
  outcomesEmpty: byTestId('earlier-outcomes-empty'),
  outcomesEmptyReason: byId('earlier-empty-reason'),
  outcomesNoIssues: byTestId('earlier-outcomes-no-issues'),
  outcomesIssues: byTestId('earlier-issues'),
};

const state = {
  code: compactCode(codeFromLocation()),
  session: null,
  view: null,
  clock: new ServerClock(),
  // The earlier-outcomes panel: open or not, the report last fetched, and which fetch is the latest.
  outcomes: { open: false, loading: false, noSecret: false, report: null, request: 0 },
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

  const phase = view?.phase ?? null;
  const pickPhase = !phase || PICK_PHASES.has(phase);
  document.body.dataset.phase = phase ?? '';
  ui.phaseBanner.hidden = !phase;
  renderPhase(ui.phase, ui.phaseExpect, phase, 'projector');
  ui.lockedNotice.hidden = !view?.picking?.locked || !pickPhase;

  const inDialogue = SUBGROUP_PHASES.has(phase);
  ui.dialogueArea.hidden = !inDialogue;
  ui.harvestArea.hidden = phase !== 'harvest';
  ui.closeArea.hidden = phase !== 'close';
  // One element at a time carries data-testid="differences": the terms where groups diverge while the
  // room looks at the picks, the subgroups' differences in the discussion round.
  const discussing = phase === 'discussion';
  ui.differences.dataset.testid = discussing ? 'term-differences' : 'differences';
  ui.dialogueArea.dataset.testid = discussing ? 'differences' : 'dialogue';
  ui.discussionLegend.hidden = !discussing;
  if (inDialogue) renderSubgroups(phase);
  if (phase === 'harvest') renderHarvest();

  const results = pickPhase ? view?.results ?? null : null;
  ui.resultsHidden.hidden = Boolean(results) || !view || !pickPhase;
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

// ---- dialogue phases -----------------------------------------------------------------------------

function noteItem(d) {
  return el('li', { dataset: { note: d.id } });
}

function renderSubgroups(phase) {
  const s = state.session;
  const subs = state.view?.subgroups ?? [];
  const turnSeconds = state.view?.turnSeconds ?? 0;
  syncChildren(ui.subgroupGrid, subs, (sub) => sub.id, (sub) => el('article', { class: 'proj-subgroup', dataset: { subgroup: sub.id } },
    el('header', { class: 'sub-head' }, swatch(sub, 'big'), el('h2', { class: 'sub-title' })),
    el('p', { class: 'sub-mix' }, el('span', { class: 'mix-summary' }), el('br'), el('span', { class: 'mix-groups' })),
    el('div', { class: 'sub-round' },
      el('p', { class: 'sub-speaker', dataset: { testid: 'speaker' } }),
      timerNode('big')),
    el('div', { class: 'sub-discussion' },
      el('ul', { class: 'proj-differences', dataset: { kind: 'DIFFERENCE' } }),
      el('p', { class: 'empty no-differences', dataset: { i18n: 'proj.noDifferences' } }, t('proj.noDifferences')),
      el('h3', { class: 'similar-title', dataset: { i18n: 'proj.similarities' } }, t('proj.similarities')),
      el('ul', { class: 'proj-similarities', dataset: { kind: 'SIMILARITY' } }))),
  (card, sub) => {
    updateSwatch(card.querySelector('.swatch'), sub);
    card.dataset.colour = sub.colour ?? '';
    card.querySelector('.sub-title').textContent = subgroupName(sub);
    card.querySelector('.mix-summary').textContent = mixSummary(sub.mix);
    card.querySelector('.mix-groups').textContent = mixGroups(s, sub.mix);

    const round = card.querySelector('.sub-round');
    round.hidden = phase !== 'perspective-round';
    const speaker = card.querySelector('.sub-speaker');
    const label = sub.speakerLabel;
    if (sub.finished) setKey(speaker, 'proj.roundFinished');
    else if (label) setKey(speaker, 'proj.speakerIs', { who: whoText(s, label.group, label.role) });
    else setKey(speaker, 'proj.roundWaiting');
    card.classList.toggle('finished', Boolean(sub.finished));
    setTimer(card.querySelector('.timer'), phase === 'perspective-round' && !sub.finished && label ? sub.turnStartedAt : null,
      turnSeconds, state.clock);

    const discussion = card.querySelector('.sub-discussion');
    discussion.hidden = phase !== 'discussion';
    const notes = sub.discussion ?? [];
    const differences = notes.filter((d) => d.kind === 'DIFFERENCE');
    const similarities = notes.filter((d) => d.kind === 'SIMILARITY');
    const fill = (li, d) => {
      li.dataset.kind = d.kind ?? '';
      li.textContent = d.text;
    };
    syncChildren(card.querySelector('.proj-differences'), differences, (d) => d.id, noteItem, fill);
    syncChildren(card.querySelector('.proj-similarities'), similarities, (d) => d.id, noteItem, fill);
    card.querySelector('.no-differences').hidden = differences.length > 0;
    card.querySelector('.similar-title').hidden = similarities.length === 0;
  });
  ui.subgroupsEmpty.hidden = subs.length > 0;
}

function renderHarvest() {
  const s = state.session;
  const harvest = (state.view?.harvest ?? []).filter((h) => (h.entries ?? []).length > 0);
  const order = (s?.groups ?? []).map((g) => g.id);
  const rank = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
  harvest.sort((a, b) => rank(a.group) - rank(b.group));
  syncChildren(ui.harvest, harvest, (h) => h.group, (h) => el('article', { class: 'proj-harvest', dataset: { group: h.group } },
    el('h2', { class: 'harvest-name' }),
    ...['HEARD', 'CONTINUE'].map((kind) => el('div', { class: 'harvest-kind', dataset: { kind } },
      el('h3', { dataset: { i18n: `proj.harvest.${kind}` } }, t(`proj.harvest.${kind}`)),
      el('ul', { class: 'harvest-list' })))),
  (article, h) => {
    article.querySelector('.harvest-name').textContent = groupName(s, h.group);
    for (const kind of ['HEARD', 'CONTINUE']) {
      const box = article.querySelector(`.harvest-kind[data-kind="${kind}"]`);
      const items = (h.entries ?? []).filter((e) => e.kind === kind);
      box.hidden = items.length === 0;
      syncChildren(box.querySelector('ul'), items, (e) => e.id, (e) => el('li', { dataset: { entry: e.id } }), (li, e) => {
        li.textContent = e.text;
      });
    }
  });
  ui.harvestEmpty.hidden = harvest.length > 0;
}

// ---- earlier outcomes of the series -----------------------------------------------------------------

/** "2013-09-12" → "12 september 2013", as a calendar day (no time zone shift). */
function dayText(isoDate) {
  const [y, m, d] = String(isoDate ?? '').split('-').map(Number);
  if (!y || !m || !d) return String(isoDate ?? '');
  return new Intl.DateTimeFormat(currentLang(), { day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(y, m - 1, d));
}

function contributionCard(c, lang) {
  return el('article', { class: 'eo-card', dataset: { testid: 'earlier-contribution' } },
    el('p', { class: 'eo-perspective', lang },
      el('span', { class: 'eo-role' }, c.role || '—'),
      el('span', { class: 'eo-sep', 'aria-hidden': 'true' }, ' · '),
      el('span', { class: 'eo-text' }, c.perspective ?? '')),
    (c.quotes ?? []).length > 0 && el('ul', { class: 'eo-quotes', lang },
      ...c.quotes.map((q) => el('li', {}, t('proj.earlierQuote', { text: q })))),
    el('p', { class: 'eo-from' }, t('proj.earlierFrom', { session: c.session ?? '' })));
}

function issueSection(issue, lang) {
  return el('section', { class: 'eo-issue' },
    el('h2', { class: 'eo-issue-title', lang }, issue.title ?? ''),
    el('div', { class: 'eo-groups' }, ...(issue.groups ?? []).map((g) => el('section', { class: 'eo-group', dataset: { group: g.group ?? '' } },
      el('h3', { class: 'eo-group-name', lang }, g.group ?? ''),
      el('div', { class: 'eo-cards' }, ...(g.contributions ?? []).map((c) => contributionCard(c, lang)))))));
}

function renderOutcomes() {
  const { loading, noSecret, report } = state.outcomes;
  // Server texts (series, sentence, groups, roles) come in the series' language, whatever the page shows.
  const lang = report?.language || null;
  const series = report?.series ?? '';
  const earlier = report?.sessions ?? [];
  const none = Boolean(report) && earlier.length === 0;
  const issues = report && !none ? report.issues ?? [] : [];

  ui.outcomesLoading.hidden = !loading;
  ui.outcomesNoSecret.hidden = !noSecret;
  ui.outcomesSeries.textContent = series;
  ui.outcomesSeries.hidden = !series;
  if (lang) ui.outcomesSeries.lang = lang;
  ui.outcomesTitle.classList.toggle('no-series', !series);

  ui.outcomesAttendance.textContent = report?.attendanceSentence ?? '';
  ui.outcomesAttendance.hidden = !ui.outcomesAttendance.textContent;
  if (lang) ui.outcomesAttendance.lang = lang;
  ui.outcomesSessions.replaceChildren(...earlier.map((s) => el('li', {},
    el('span', { class: 'eo-session-title', lang }, s.title ?? ''), ' · ', dayText(s.date))));
  ui.outcomesSessions.hidden = earlier.length === 0;

  ui.outcomesEmpty.hidden = !none;
  if (none) {
    ui.outcomesEmptyReason.textContent = series
      ? t('proj.earlierEmptyFirst', { series })
      : t('proj.earlierEmptyNoSeries');
  }
  ui.outcomesNoIssues.hidden = !(report && !none && issues.length === 0);
  ui.outcomesIssues.replaceChildren(...issues.map((issue) => issueSection(issue, lang)));
}

function showOutcomes(open) {
  state.outcomes.open = open;
  ui.liveView.hidden = open;
  ui.outcomes.hidden = !open;
  document.body.classList.toggle('showing-earlier-outcomes', open);
  setKey(ui.outcomesToggle, open ? 'proj.earlierHide' : 'proj.earlierShow');
}

async function openOutcomes() {
  const o = state.outcomes;
  const request = ++o.request;
  const secret = storage.getText(keys.facilitator(state.code));
  // Fresh data each time: the minutes of the earlier sessions may have been edited in the meantime.
  o.report = null;
  o.noSecret = !secret;
  o.loading = Boolean(secret);
  showOutcomes(true);
  renderOutcomes();
  ui.outcomes.focus({ preventScroll: true });
  if (!secret) return;
  try {
    const report = await api.seriesOutcomes(state.code, secret);
    if (request !== o.request) return;
    o.report = report ?? { sessions: [] };
  } catch (err) {
    if (request !== o.request) return;
    showError(ui.error, err.code);
  }
  o.loading = false;
  renderOutcomes();
}

function closeOutcomes() {
  state.outcomes.request++;
  state.outcomes.loading = false;
  showOutcomes(false);
}

function wireOutcomes() {
  showOutcomes(false);
  ui.outcomesToggle.addEventListener('click', () => (state.outcomes.open ? closeOutcomes() : openOutcomes()));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.outcomes.open) {
      closeOutcomes();
      ui.outcomesToggle.focus();
    }
  });
  onLangChange(() => {
    if (state.outcomes.open) renderOutcomes();
  });
}

async function main() {
  await initI18n();
  wireErrorArea(ui.error);
  onLangChange(render);
  render();
  if (!isValidCode(state.code)) {
    ui.outcomesToggle.hidden = true;
    showError(ui.error, 'UNKNOWN_SESSION');
    return;
  }
  wireOutcomes();
  ui.joinCode.textContent = displayCode(state.code);
  ui.joinUrl.textContent = provisionalJoinUrl(state.code);
  ui.qr.src = api.qrUrl(state.code);
  startTimerTicker(state.clock);

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
        state.clock.update(msg.serverTime ?? state.view?.serverTime);
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
