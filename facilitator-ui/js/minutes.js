// Minutes editor (facilitator laptop, during or after the session). Shaped like chapter 3 of the seed
// report: per issue, in order, a short introduction, then per stakeholder group a table
// role · perspective · quotes. The facilitator files the captured notes under issues, writes the
// perspective statements and attaches the captured quotes that support them, and downloads the
// minutes (Word, HTML for print/PDF, Markdown, JSON) and the raw picks (CSV).
//
// Texts are "saved as made": a field goes to the server after about a second without typing and when
// it loses focus, with a small indicator per field. A field someone is typing in keeps what they
// typed; an untouched field follows the server. Quotes are only ever attributed to group and role.

import { initI18n, t, loc, onLangChange, useSessionLanguage, currentLang } from './i18n.js';
import { api } from './api.js';
import { LiveClient, LiveError } from './live.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, isValidCode, displayCode, codeFromLocation, pageUrl,
  findGroup, groupName, roleName, whoText, formatNumber, showError, showMessage, clearError, wireErrorArea, connectionStatus,
  setBusy,
} from './common.js';

const WATERLINES = ['ABOVE', 'BELOW'];
const WATERLINE_ICON = { ABOVE: '▲', BELOW: '▼' };
const SAVE_DELAY_MS = 1000;
const NO_ISSUE = '__none__';
// Object URLs of downloads are kept this long, so a print tab can still be reloaded for a while.
const REVOKE_AFTER_MS = 5 * 60 * 1000;

const byId = (id) => document.getElementById(id);
const ui = {
  title: byId('session-title'),
  joinCode: byTestId('join-code'),
  back: byId('back-to-session'),
  noSecret: byId('no-secret'),
  issues: byTestId('minutes-issues'),
  issuesEmpty: byId('issues-empty'),
  addIssueForm: byId('add-issue-form'),
  newIssueTitle: byTestId('new-issue-title'),
  addIssue: byTestId('add-issue'),
  series: byTestId('series'),
  seriesForm: byId('series-form'),
  saveSeries: byTestId('save-series'),
  seriesState: byId('series-state'),
  unassigned: byTestId('unassigned-notes'),
  unassignedEmpty: byId('unassigned-empty'),
  unassignedCount: byId('unassigned-count'),
  downloadButtons: [...document.querySelectorAll('[data-download]')],
  printHtml: byTestId('print-html'),
  downloadStatus: byId('download-status'),
  downloadLink: byId('download-link'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
};

const state = {
  code: compactCode(codeFromLocation()),
  secret: null,
  session: null,
  view: null,
  version: -1,
  live: null,
  // Control key → version of its ack (Infinity while unanswered); see facilitator.js.
  busy: new Map(),
  downloading: false,
  savers: new Set(),
  refocus: null,
};

let idSeq = 0;
const uid = (prefix) => `${prefix}-${++idSeq}`;

const ready = () => Boolean(state.live && state.view);
const issuesOf = () => state.view?.issues ?? [];
const notesOf = () => state.view?.notes ?? [];
const perspectivesOf = () => state.view?.perspectives ?? [];
const issueTitle = (issue) => loc(issue?.title);

/** An element whose text follows the language switch. */
function text(tag, key, props = {}) {
  const node = el(tag, props);
  setKey(node, key);
  return node;
}

/** What the server will keep of a text: the comparison that decides whether there is anything to save. */
function norm(value, multiline) {
  const clean = (line) => String(line).normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!multiline) return clean(value ?? '');
  return String(value ?? '').split(/\r\n|\r|\n/).map(clean).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

// ---- saving as you type ------------------------------------------------------------------------------

/**
 * One text field that saves itself: after SAVE_DELAY_MS without typing, on blur, or when flushed. The
 * indicator shows dirty → saving → saved (or error). While the user edits, or a save is unanswered, or
 * the view does not show the saved version yet, the field is left alone by sync().
 */
class FieldSaver {
  #timer = 0;
  #dirty = false;
  #inFlight = false;
  #again = false;
  #until = -1;
  #base = '';
  #disposed = false;

  constructor(control, indicator, { save, multiline = false, required = false }) {
    this.control = control;
    this.indicator = indicator;
    this.save = save;
    this.multiline = multiline;
    this.required = required;
    control.addEventListener('input', () => {
      this.#dirty = true;
      this.#show('dirty');
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    });
    control.addEventListener('blur', () => this.flush());
    state.savers.add(this);
  }

  get pending() {
    return this.#dirty || this.#inFlight || state.version < this.#until;
  }

  /** A save is on its way (the server has not answered yet). */
  get saving() {
    return this.#inFlight;
  }

  dispose() {
    this.#disposed = true;
    clearTimeout(this.#timer);
    state.savers.delete(this);
  }

  /** The server's value; applied unless the field is being edited or saved. */
  sync(serverValue) {
    const value = serverValue ?? '';
    if (this.pending) return;
    this.#base = value;
    const focused = document.activeElement === this.control;
    // A focused field keeps trailing spaces and the like that the server trims: the person is still typing.
    const differs = focused ? norm(this.control.value, this.multiline) !== norm(value, this.multiline) : this.control.value !== value;
    if (differs) this.control.value = value;
  }

  flush({ force = false } = {}) {
    clearTimeout(this.#timer);
    if (this.#disposed) return;
    if (this.#inFlight) {
      if (this.#dirty || force) this.#again = true;
      return;
    }
    const value = this.control.value;
    const changed = norm(value, this.multiline) !== norm(this.#base, this.multiline);
    if (!force && !(this.#dirty && changed)) {
      if (this.#dirty) {
        this.#dirty = false;
        this.#show('saved');
      }
      return;
    }
    if (this.required && !norm(value, this.multiline)) {
      // Said next to the field only: clearing a field to retype it is normal, not an error to shout about.
      this.#show('empty');
      return;
    }
    if (!state.live) {
      this.#show('error');
      showError(ui.error, 'NETWORK');
      return;
    }
    this.#dirty = false;
    this.#inFlight = true;
    this.#show('saving');
    this.save(value).then(
      (ack) => {
        this.#inFlight = false;
        this.#base = value;
        if (typeof ack?.version === 'number') this.#until = ack.version;
        if (this.#again) {
          this.#again = false;
          this.flush({ force: true });
        } else if (!this.#dirty) {
          this.#show('saved');
        }
        render();
      },
      (err) => {
        this.#inFlight = false;
        this.#again = false;
        // What was typed stays in the field, marked as not saved; the next edit or blur tries again.
        this.#dirty = true;
        this.#show('error');
        showError(ui.error, err?.code);
        render();
      },
    );
  }

  #show(status) {
    const node = this.indicator;
    if (!node) return;
    node.dataset.state = status;
    if (status) setKey(node, `minutes.save.${status}`);
    else node.textContent = '';
  }
}

function saveIndicator(testid) {
  return el('span', { class: 'save-state', 'aria-live': 'polite', dataset: { testid } });
}

// ---- commands ------------------------------------------------------------------------------------------

/** Sends a command; `key` names the control that stays disabled until the view shows the change.
 *  Resolves with the ack, or null after showing the error. */
function command(key, type, fields) {
  if (!state.live) {
    showError(ui.error, 'NETWORK');
    return Promise.resolve(null);
  }
  if (key && state.busy.has(key)) return Promise.resolve(null);
  clearError(ui.error);
  if (key) {
    state.busy.set(key, Infinity);
    const focused = document.activeElement;
    if (focused && focused !== document.body) state.refocus = { node: focused, key };
  }
  render();
  return state.live.send(type, fields).then(
    (ack) => {
      if (key) {
        const version = typeof ack.version === 'number' ? ack.version : -1;
        if (version <= state.version) state.busy.delete(key);
        else state.busy.set(key, version);
      }
      render();
      return ack;
    },
    (err) => {
      if (key) state.busy.delete(key);
      showError(ui.error, err.code);
      render();
      return null;
    },
  );
}

const isBusy = (key) => state.busy.has(key);

function send(type, fields) {
  return state.live ? state.live.send(type, fields) : Promise.reject(new LiveError('NETWORK'));
}

// ---- small builders ------------------------------------------------------------------------------------

/** Fills a <select> only when its options changed, so an open dropdown is not closed by every view. */
function fillSelect(select, options, keepValue = true) {
  const signature = JSON.stringify([currentLang(), options.map((o) => [o.value, o.text ?? '', o.key ?? '', o.disabled ?? false])]);
  if (select.dataset.options === signature) return;
  const chosen = select.value;
  select.replaceChildren(...options.map((o) => {
    const option = el('option', { value: o.value, disabled: o.disabled });
    if (o.key) setKey(option, o.key, o.params);
    else option.textContent = o.text;
    return option;
  }));
  select.dataset.options = signature;
  if (keepValue && options.some((o) => o.value === chosen && !o.disabled)) select.value = chosen;
  else select.value = options[0]?.value ?? '';
}

function roleOptions(groupId, noneKey = 'notes.noRole') {
  const roles = findGroup(state.session, groupId)?.roles ?? [];
  return [{ value: '', key: noneKey }, ...roles.map((r) => ({ value: r.id, text: loc(r.name) }))];
}

function waterlineOptions() {
  return [{ value: '', key: 'notes.waterline.none' }, ...WATERLINES.map((w) => ({ value: w, key: `notes.waterline.${w}` }))];
}

function waterlineTag() {
  return el('span', { class: 'waterline-tag' }, el('span', { class: 'wl-icon', 'aria-hidden': 'true' }), el('span', { class: 'wl-text' }));
}

function updateWaterlineTag(tag, waterline) {
  tag.hidden = !WATERLINES.includes(waterline);
  tag.dataset.waterline = waterline ?? '';
  tag.querySelector('.wl-icon').textContent = WATERLINE_ICON[waterline] ?? '';
  if (!tag.hidden) setKey(tag.querySelector('.wl-text'), `notes.waterline.${waterline}`);
}

/** ‘text’ in typographic quotes. */
const quoted = (value) => t('notes.quoted', { text: value });

function shorten(value, max = 90) {
  const s = String(value ?? '').replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// ---- notes (unassigned, and per issue) -------------------------------------------------------------

function createNoteItem(note) {
  const select = el('select', { class: 'small', dataset: { testid: 'assign-issue' } });
  const button = el('button', { type: 'button', class: 'small', dataset: { testid: 'assign-note' } });
  button.addEventListener('click', () => assignNote(note.id, select));
  return el('li', { class: 'minutes-note', dataset: { note: note.id } },
    el('div', { class: 'note-meta' }, el('span', { class: 'kind-tag' }), el('span', { class: 'note-who' }), waterlineTag(),
      el('span', { class: 'tag used-tag' })),
    el('p', { class: 'note-text' }),
    el('div', { class: 'assign-row' }, select, button));
}

function updateNoteItem(li, note, currentIssue, usedBy) {
  li.dataset.kind = note.kind ?? '';
  // A quote that supports a perspective is in the minutes already, wherever it is filed.
  const used = li.querySelector('.used-tag');
  const supports = usedBy.get(note.id) ?? 0;
  used.hidden = supports === 0;
  if (supports) setKey(used, 'minutes.quoteUsed');
  setKey(li.querySelector('.kind-tag'), `notes.kind.${note.kind}`);
  li.querySelector('.note-who').textContent = whoText(state.session, note.group, note.role);
  updateWaterlineTag(li.querySelector('.waterline-tag'), note.waterline);
  const body = li.querySelector('.note-text');
  body.classList.toggle('quote', note.kind === 'QUOTE');
  body.textContent = note.kind === 'QUOTE' ? quoted(note.text) : note.text;

  const select = li.querySelector('select');
  const button = li.querySelector('button');
  const others = issuesOf().filter((i) => i.id !== currentIssue).map((i) => ({ value: i.id, text: issueTitle(i) }));
  fillSelect(select, [
    { value: '', key: currentIssue ? 'minutes.moveTo' : 'minutes.assignChoose' },
    ...others,
    ...(currentIssue ? [{ value: NO_ISSUE, key: 'notes.noIssue' }] : []),
  ]);
  select.setAttribute('aria-label', t('minutes.assignLabel', { note: shorten(note.text, 40) }));
  select.disabled = !ready();
  setKey(button, currentIssue ? 'minutes.move' : 'minutes.assign');
  button.disabled = !ready() || isBusy(`assign:${note.id}`);
}

function assignNote(noteId, select) {
  if (!select.value) {
    select.focus();
    showMessage(ui.error, 'minutes.chooseIssueFirst');
    return;
  }
  const issue = select.value === NO_ISSUE ? null : select.value;
  command(`assign:${noteId}`, 'assignNote', { note: noteId, issue }).then((ack) => {
    if (ack) select.value = '';
  });
}

function renderUnassigned() {
  const known = new Set(issuesOf().map((i) => i.id));
  const notes = notesOf().filter((n) => !n.issue || !known.has(n.issue));
  const usedBy = quotesInUse();
  syncChildren(ui.unassigned, notes, (n) => n.id, createNoteItem, (li, n) => updateNoteItem(li, n, null, usedBy));
  ui.unassignedEmpty.hidden = notes.length > 0;
  ui.unassignedCount.textContent = notes.length ? `(${formatNumber(notes.length)})` : '';
}

/** note id → number of perspectives it supports */
function quotesInUse() {
  const used = new Map();
  for (const p of perspectivesOf()) for (const id of p.quotes ?? []) used.set(id, (used.get(id) ?? 0) + 1);
  return used;
}

// ---- perspectives ------------------------------------------------------------------------------------

function createPerspectiveRow(p) {
  const role = el('select', { class: 'small', dataset: { testid: 'perspective-role' } });
  const textArea = el('textarea', { rows: 3, maxlength: 1000, dataset: { testid: 'perspective-text' } });
  const waterline = el('select', { class: 'small', dataset: { testid: 'perspective-waterline' } });
  const indicator = saveIndicator('perspective-state');
  const remove = el('button', { type: 'button', class: 'small link-button danger-link', dataset: { testid: 'remove-perspective' } });
  const quotes = el('ul', { class: 'quote-list' });
  const quoteSelect = el('select', { class: 'small', dataset: { testid: 'quote-select' } });
  const attach = el('button', { type: 'button', class: 'small', dataset: { testid: 'attach-quote' } });

  const saver = new FieldSaver(textArea, indicator, {
    multiline: true,
    required: true,
    // editPerspective replaces role, text and waterline together: always send what the row shows now.
    save: (value) => send('editPerspective', {
      perspective: p.id, text: value, role: role.value || null, waterline: waterline.value || null,
    }),
  });
  role.addEventListener('change', () => saver.flush({ force: true }));
  waterline.addEventListener('change', () => saver.flush({ force: true }));
  // Clicking blurs the text first, so an unsaved edit goes out before the removal: harmless.
  remove.addEventListener('click', () => command(`remove:${p.id}`, 'removePerspective', { perspective: p.id }));
  attach.addEventListener('click', () => {
    if (!quoteSelect.value) {
      quoteSelect.focus();
      showMessage(ui.error, 'minutes.chooseQuoteFirst');
      return;
    }
    command(`attach:${p.id}`, 'attachQuote', { perspective: p.id, note: quoteSelect.value }).then((ack) => {
      if (ack) quoteSelect.value = '';
    });
  });

  const tr = el('tr', { class: 'perspective-row', dataset: { perspective: p.id } },
    el('td', { class: 'col-role' }, role),
    el('td', { class: 'col-perspective' }, textArea,
      el('div', { class: 'row-tools' }, waterline, indicator, remove)),
    el('td', { class: 'col-quotes' }, quotes,
      el('div', { class: 'attach-row' }, quoteSelect, attach)));
  tr.parts = { role, textArea, waterline, saver, remove, quotes, quoteSelect, attach };
  return tr;
}

function updatePerspectiveRow(tr, p, notesById) {
  const { role, textArea, waterline, saver, remove, quotes, quoteSelect, attach } = tr.parts;
  const who = whoText(state.session, p.group, p.role);
  const live = ready();
  tr.dataset.waterline = p.waterline ?? '';

  fillSelect(role, roleOptions(p.group));
  fillSelect(waterline, waterlineOptions());
  saver.sync(p.text);
  if (!saver.pending) {
    role.value = p.role ?? '';
    waterline.value = p.waterline ?? '';
  }
  role.setAttribute('aria-label', t('minutes.roleOf', { group: groupName(state.session, p.group) }));
  textArea.setAttribute('aria-label', t('minutes.perspectiveOf', { who }));
  waterline.setAttribute('aria-label', t('notes.waterlineLabel'));
  for (const control of [role, textArea, waterline]) control.disabled = !live;
  setKey(remove, 'minutes.remove');
  remove.setAttribute('aria-label', t('minutes.removeLabel', { who }));
  remove.disabled = !live || isBusy(`remove:${p.id}`);

  // Attached quotes, in the order they were attached.
  syncChildren(quotes, p.quotes ?? [], (id) => id, (id) => {
    const detach = el('button', { type: 'button', class: 'small link-button', dataset: { testid: 'detach-quote' } });
    detach.addEventListener('click', () => command(`detach:${p.id}:${id}`, 'detachQuote', { perspective: p.id, note: id }));
    return el('li', { dataset: { quote: id } },
      el('blockquote', { class: 'quote-text' }), el('span', { class: 'quote-who' }), detach);
  }, (li, id) => {
    const note = notesById.get(id);
    const body = li.querySelector('.quote-text');
    if (note) body.textContent = quoted(note.text);
    else setKey(body, 'minutes.quoteGone');
    li.querySelector('.quote-who').textContent = note ? `— ${whoText(state.session, note.group, note.role)}` : '';
    const detach = li.querySelector('button');
    setKey(detach, 'minutes.detach');
    detach.setAttribute('aria-label', t('minutes.detachLabel', { quote: shorten(note?.text ?? id, 40) }));
    detach.disabled = !live || isBusy(`detach:${p.id}:${id}`);
  });

  // Quotes that may support it: captured QUOTE notes of the same group (and role, when both have one),
  // not attached yet; those filed under this issue first.
  const attached = new Set(p.quotes ?? []);
  const candidates = notesOf()
    .filter((n) => n.kind === 'QUOTE' && n.group === p.group && !attached.has(n.id) && !(p.role && n.role && n.role !== p.role))
    .sort((a, b) => Number(b.issue === p.issue) - Number(a.issue === p.issue));
  const titles = new Map(issuesOf().map((i) => [i.id, issueTitle(i)]));
  const optionText = (n) => {
    const parts = [quoted(shorten(n.text, 80))];
    if (n.role) parts.push(`— ${roleName(state.session, n.group, n.role)}`);
    if (n.issue !== p.issue) parts.push(`(${n.issue ? titles.get(n.issue) ?? n.issue : t('notes.noIssue')})`);
    return parts.filter(Boolean).join(' ');
  };
  fillSelect(quoteSelect, candidates.length
    ? [{ value: '', key: 'minutes.quoteChoose' }, ...candidates.map((n) => ({ value: n.id, text: optionText(n) }))]
    : [{ value: '', key: 'minutes.noQuotesToAttach' }]);
  quoteSelect.setAttribute('aria-label', t('minutes.quoteFor', { who }));
  quoteSelect.disabled = !live || candidates.length === 0;
  setKey(attach, 'minutes.attach');
  attach.disabled = !live || candidates.length === 0 || isBusy(`attach:${p.id}`);
}

function createGroupTable(groupId) {
  const head = el('th', { scope: 'col', class: 'col-role group-name' });
  const table = el('table', { class: 'perspective-table' },
    el('thead', {}, el('tr', {}, head,
      text('th', 'minutes.col.perspective', { scope: 'col', class: 'col-perspective' }),
      text('th', 'minutes.col.quotes', { scope: 'col', class: 'col-quotes' }))),
    el('tbody'));
  const box = el('div', { class: 'group-table table-scroll', dataset: { group: groupId } }, table);
  box.parts = { head, body: table.tBodies[0] };
  return box;
}

function updateGroupTable(box, { group, perspectives }, notesById) {
  box.parts.head.textContent = groupName(state.session, group);
  box.parts.head.title = t('minutes.col.roleOf', { group: groupName(state.session, group) });
  syncChildren(box.parts.body, perspectives, (p) => p.id, createPerspectiveRow, (tr, p) => updatePerspectiveRow(tr, p, notesById));
}

/** The groups with perspectives on this issue, in the template's order (unknown ones last). */
function groupTablesOf(issueId) {
  const mine = perspectivesOf().filter((p) => p.issue === issueId);
  const order = (state.session?.groups ?? []).map((g) => g.id);
  for (const p of mine) if (!order.includes(p.group)) order.push(p.group);
  return order
    .map((group) => ({ group, perspectives: mine.filter((p) => p.group === group) }))
    .filter((g) => g.perspectives.length > 0);
}

// ---- issues ------------------------------------------------------------------------------------------

function createIssue(issue) {
  const id = issue.id;
  const titleId = uid('issue-title');
  const introId = uid('issue-intro');
  const parts = {
    number: el('span', { class: 'issue-number', 'aria-hidden': 'true' }),
    title: el('input', { id: titleId, type: 'text', maxlength: 120, autocomplete: 'off', class: 'issue-title-input', dataset: { testid: 'issue-title' } }),
    titleState: saveIndicator('issue-title-state'),
    up: el('button', { type: 'button', class: 'small', dataset: { testid: 'issue-up' } }),
    down: el('button', { type: 'button', class: 'small', dataset: { testid: 'issue-down' } }),
    mergeInto: el('select', { class: 'small', dataset: { testid: 'merge-into' } }),
    merge: el('button', { type: 'button', class: 'small', dataset: { testid: 'merge-issue' } }),
    intro: el('textarea', { id: introId, rows: 3, maxlength: 4000, dataset: { testid: 'issue-intro', i18nPlaceholder: 'minutes.introPlaceholder' } }),
    introState: saveIndicator('issue-intro-state'),
    tables: el('div', { class: 'group-tables' }),
    noPerspectives: text('p', 'minutes.noPerspectives', { class: 'empty' }),
    newGroup: el('select', { id: uid('new-group'), dataset: { testid: 'new-perspective-group' } }),
    newRole: el('select', { id: uid('new-role'), dataset: { testid: 'new-perspective-role' } }),
    newWaterline: el('select', { id: uid('new-waterline'), dataset: { testid: 'new-perspective-waterline' } }),
    newText: el('textarea', { id: uid('new-text'), rows: 2, maxlength: 1000, dataset: { testid: 'new-perspective-text', i18nPlaceholder: 'minutes.newPerspectivePlaceholder' } }),
    add: text('button', 'minutes.addPerspective', { type: 'submit', class: 'primary small', dataset: { testid: 'add-perspective' } }),
    notes: el('ul', { class: 'minutes-notes' }),
    notesEmpty: text('p', 'minutes.noIssueNotes', { class: 'empty' }),
    notesCount: el('span', { class: 'count-note' }),
    notesHelp: text('p', 'minutes.issueNotesHelp', { class: 'help' }),
  };
  parts.intro.placeholder = t('minutes.introPlaceholder');
  parts.newText.placeholder = t('minutes.newPerspectivePlaceholder');

  parts.titleSaver = new FieldSaver(parts.title, parts.titleState, {
    required: true,
    save: (value) => send('renameIssue', { issue: id, title: norm(value) }),
  });
  parts.title.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      parts.titleSaver.flush();
    }
  });
  parts.introSaver = new FieldSaver(parts.intro, parts.introState, {
    multiline: true,
    save: (value) => send('setIssueIntro', { issue: id, text: value }),
  });
  parts.up.addEventListener('click', () => moveIssue(id, -1));
  parts.down.addEventListener('click', () => moveIssue(id, 1));
  parts.mergeInto.addEventListener('change', () => render());
  parts.merge.addEventListener('click', () => {
    const into = parts.mergeInto.value;
    if (!into) {
      parts.mergeInto.focus();
      showMessage(ui.error, 'minutes.chooseIssueFirst');
      return;
    }
    // The issue disappears: its unsaved texts go first, so they are merged too.
    parts.titleSaver.flush();
    parts.introSaver.flush();
    command(`merge:${id}`, 'mergeIssues', { issue: id, into });
  });
  parts.newGroup.addEventListener('change', () => render());

  const addForm = el('form', { class: 'add-perspective-form', novalidate: true },
    text('h4', 'minutes.addPerspectiveTitle'),
    el('div', { class: 'field-row' },
      el('div', { class: 'field' }, text('label', 'notes.groupLabel', { for: parts.newGroup.id }), parts.newGroup),
      el('div', { class: 'field' }, text('label', 'notes.roleLabel', { for: parts.newRole.id }), parts.newRole),
      el('div', { class: 'field' }, text('label', 'notes.waterlineLabel', { for: parts.newWaterline.id }), parts.newWaterline)),
    el('div', { class: 'field' }, text('label', 'minutes.perspectiveLabel', { for: parts.newText.id }), parts.newText),
    el('div', { class: 'form-actions' }, parts.add));
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addPerspective(id, parts);
  });

  const section = el('section', { class: 'panel minutes-issue', dataset: { issue: id }, 'aria-labelledby': titleId },
    el('div', { class: 'issue-head' },
      parts.number,
      el('div', { class: 'issue-title-box' }, parts.title, parts.titleState),
      el('div', { class: 'issue-tools' },
        el('span', { class: 'move-buttons' }, parts.up, parts.down),
        el('span', { class: 'merge-box' }, parts.mergeInto, parts.merge))),
    el('div', { class: 'field issue-intro-field' },
      el('div', { class: 'label-row' }, text('label', 'minutes.introLabel', { for: introId }), parts.introState),
      parts.intro),
    parts.tables,
    parts.noPerspectives,
    addForm,
    el('details', { class: 'issue-notes', open: true },
      el('summary', {}, text('span', 'minutes.issueNotes'), ' ', parts.notesCount),
      parts.notesHelp, parts.notes, parts.notesEmpty));
  section.parts = parts;
  return section;
}

function updateIssue(section, issue, index, count, notesById, usedBy) {
  const { parts } = section;
  const live = ready();
  const title = issueTitle(issue);
  parts.number.textContent = formatNumber(index + 1);
  parts.titleSaver.sync(title);
  parts.title.setAttribute('aria-label', t('minutes.issueTitleLabel', { n: formatNumber(index + 1) }));
  parts.title.disabled = !live;
  parts.introSaver.sync(issue.introduction ?? '');
  parts.intro.disabled = !live;

  const moving = isBusy(`move:${issue.id}`);
  setKey(parts.up, 'minutes.moveUp');
  setKey(parts.down, 'minutes.moveDown');
  parts.up.setAttribute('aria-label', t('minutes.moveUpLabel', { issue: title }));
  parts.down.setAttribute('aria-label', t('minutes.moveDownLabel', { issue: title }));
  parts.up.disabled = !live || index === 0 || moving;
  parts.down.disabled = !live || index >= count - 1 || moving;

  const others = issuesOf().filter((i) => i.id !== issue.id);
  fillSelect(parts.mergeInto, [{ value: '', key: 'minutes.mergeChoose' }, ...others.map((i) => ({ value: i.id, text: issueTitle(i) }))]);
  parts.mergeInto.setAttribute('aria-label', t('minutes.mergeLabel', { issue: title }));
  parts.mergeInto.disabled = !live || others.length === 0;
  setKey(parts.merge, 'minutes.merge');
  parts.merge.title = t('minutes.mergeHelp');
  parts.merge.disabled = !live || !parts.mergeInto.value || isBusy(`merge:${issue.id}`);

  const tables = groupTablesOf(issue.id);
  syncChildren(parts.tables, tables, (g) => g.group, (g) => createGroupTable(g.group), (box, g) => updateGroupTable(box, g, notesById));
  parts.noPerspectives.hidden = tables.length > 0;

  const groups = state.session?.groups ?? [];
  fillSelect(parts.newGroup, [{ value: '', key: 'notes.chooseGroup' }, ...groups.map((g) => ({ value: g.id, text: loc(g.name) }))]);
  fillSelect(parts.newRole, roleOptions(parts.newGroup.value, parts.newGroup.value ? 'notes.noRole' : 'notes.roleAfterGroup'));
  fillSelect(parts.newWaterline, waterlineOptions());
  for (const control of [parts.newGroup, parts.newWaterline, parts.newText]) control.disabled = !live;
  parts.newRole.disabled = !live || (findGroup(state.session, parts.newGroup.value)?.roles ?? []).length === 0;
  parts.add.disabled = !live || isBusy(`add:${issue.id}`);

  const notes = notesOf().filter((n) => n.issue === issue.id);
  syncChildren(parts.notes, notes, (n) => n.id, createNoteItem, (li, n) => updateNoteItem(li, n, issue.id, usedBy));
  parts.notesEmpty.hidden = notes.length > 0;
  parts.notesHelp.hidden = notes.length === 0;
  parts.notesCount.textContent = `(${formatNumber(notes.length)})`;
}

function renderIssues() {
  const issues = issuesOf();
  const notesById = new Map(notesOf().map((n) => [n.id, n]));
  const index = new Map(issues.map((i, n) => [i.id, n]));
  const usedBy = quotesInUse();
  syncChildren(ui.issues, issues, (i) => i.id, createIssue,
    (section, i) => updateIssue(section, i, index.get(i.id), issues.length, notesById, usedBy));
  ui.issuesEmpty.hidden = issues.length > 0 || !state.view;
}

function moveIssue(issueId, step) {
  const issues = issuesOf();
  const from = issues.findIndex((i) => i.id === issueId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= issues.length) return;
  command(`move:${issueId}`, 'moveIssue', { issue: issueId, position: to });
}

function addPerspective(issueId, parts) {
  const group = parts.newGroup.value;
  const value = parts.newText.value;
  if (!group) {
    parts.newGroup.focus();
    showMessage(ui.error, 'notes.groupRequired');
    return;
  }
  if (!norm(value, true)) {
    parts.newText.focus();
    showError(ui.error, 'INVALID_TEXT');
    return;
  }
  const fields = { issue: issueId, group, text: value };
  if (parts.newRole.value) fields.role = parts.newRole.value;
  if (parts.newWaterline.value) fields.waterline = parts.newWaterline.value;
  command(`add:${issueId}`, 'addPerspective', fields).then((ack) => {
    // Group and role stay: the next statement is often from the same table.
    if (ack && parts.newText.value === value) parts.newText.value = '';
  });
}

function addIssue() {
  const title = norm(ui.newIssueTitle.value);
  if (!title) {
    ui.newIssueTitle.focus();
    showError(ui.error, 'INVALID_TEXT');
    return;
  }
  command('addIssue', 'addIssue', { title }).then((ack) => {
    if (ack && norm(ui.newIssueTitle.value) === title) ui.newIssueTitle.value = '';
  });
}

// ---- series ------------------------------------------------------------------------------------------

let seriesSaver = null;

function renderSeries() {
  seriesSaver.sync(state.view?.series ?? '');
  ui.series.disabled = !ready();
  ui.saveSeries.disabled = !ready();
  const merge = document.getElementById('merge-small-roles');
  merge.checked = state.view?.mergeSmallRoles !== false;
  merge.disabled = !ready();
}

// ---- downloads ---------------------------------------------------------------------------------------

function showDownloadStatus(key, params, link) {
  ui.downloadStatus.hidden = false;
  setKey(ui.downloadStatus.querySelector('.download-text'), key, params);
  ui.downloadLink.hidden = !link;
  if (link) {
    ui.downloadLink.href = link.href;
    setKey(ui.downloadLink, link.key);
  } else {
    ui.downloadLink.removeAttribute('href');
  }
}

function renderDownloads() {
  const possible = Boolean(state.secret) && isValidCode(state.code) && !state.downloading;
  for (const button of [...ui.downloadButtons, ui.printHtml]) {
    if (button.getAttribute('aria-busy') !== 'true') button.disabled = !possible;
  }
}

/** Saves unsaved texts first, so the document holds what is on the screen. */
async function flushAll() {
  for (const saver of state.savers) saver.flush();
  const deadline = Date.now() + 5000;
  while ([...state.savers].some((s) => s.saving) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function download(button, file) {
  clearError(ui.error);
  state.downloading = true;
  setBusy(button, true);
  renderDownloads();
  showDownloadStatus('minutes.downloading');
  try {
    await flushAll();
    const { blob, fileName } = await api.minutesFile(state.code, file, state.secret);
    const name = fileName || file;
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    showDownloadStatus('minutes.downloaded', { file: name });
  } catch (err) {
    ui.downloadStatus.hidden = true;
    showError(ui.error, err?.code);
  } finally {
    state.downloading = false;
    setBusy(button, false);
    renderDownloads();
  }
}

async function openForPrinting(button) {
  clearError(ui.error);
  // Opened now, inside the click, so a pop-up blocker lets it through; filled when the file is here.
  let tab = null;
  try {
    tab = window.open('', '_blank');
  } catch {
    tab = null;
  }
  if (tab) {
    try {
      tab.opener = null;
    } catch {
      /* cross-origin already: nothing to cut */
    }
  }
  state.downloading = true;
  setBusy(button, true);
  renderDownloads();
  showDownloadStatus('minutes.downloading');
  try {
    await flushAll();
    const { blob } = await api.minutesFile(state.code, 'minutes.html', state.secret);
    const url = URL.createObjectURL(blob.type.startsWith('text/html') ? blob : new Blob([blob], { type: 'text/html' }));
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    if (tab && !tab.closed) {
      tab.location.replace(url);
      showDownloadStatus('minutes.printOpened');
    } else {
      showDownloadStatus('minutes.popupBlocked', null, { href: url, key: 'minutes.openPrintLink' });
    }
  } catch (err) {
    if (tab && !tab.closed) tab.close();
    ui.downloadStatus.hidden = true;
    showError(ui.error, err?.code);
  } finally {
    state.downloading = false;
    setBusy(button, false);
    renderDownloads();
  }
}

// ---- page ----------------------------------------------------------------------------------------------

function render() {
  const active = document.activeElement;
  ui.title.textContent = loc(state.session?.title);
  renderIssues();
  renderUnassigned();
  renderSeries();
  renderDownloads();
  ui.newIssueTitle.disabled = !ready();
  ui.addIssue.disabled = !ready() || isBusy('addIssue');
  // Fields of removed issues and perspectives (merged, removed, elsewhere) stop saving.
  for (const saver of state.savers) if (!saver.control.isConnected) saver.dispose();
  restoreFocus(active);
}

/** A button is disabled while its command runs, and issues move when reordered: both drop the focus.
 *  Once the command is done the control gets it back, unless the person has gone on elsewhere. */
function restoreFocus(active) {
  const wanted = state.refocus;
  if (!wanted) {
    // Moved nodes (reordering) lose the focus at once.
    if (active && active !== document.body && active.isConnected && !active.disabled && document.activeElement !== active) {
      active.focus({ preventScroll: true });
    }
    return;
  }
  const current = document.activeElement;
  const elsewhere = current && current !== document.body && current !== wanted.node;
  if (!wanted.node.isConnected || elsewhere) {
    state.refocus = null;
    return;
  }
  if (state.busy.has(wanted.key)) return;
  state.refocus = null;
  if (!wanted.node.disabled && current !== wanted.node) wanted.node.focus({ preventScroll: true });
}

function setSession(session) {
  if (!session) return;
  state.session = session;
  useSessionLanguage(session.language);
  render();
}

function onView(msg) {
  state.view = msg.view ?? null;
  if (typeof msg.version === 'number') state.version = msg.version;
  for (const [key, version] of state.busy) if (version <= state.version) state.busy.delete(key);
  render();
}

function wire() {
  wireErrorArea(ui.error);
  ui.addIssueForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addIssue();
  });
  seriesSaver = new FieldSaver(ui.series, ui.seriesState, {
    save: (value) => send('setSeries', { series: norm(value) || null }),
  });
  // With one or two people in a role, naming the role names them: the minutes merge such roles by default.
  document.getElementById('merge-small-roles').addEventListener('change', (event) => {
    send('setMinutesPrivacy', { mergeSmallRoles: event.target.checked });
  });
  ui.seriesForm.addEventListener('submit', (event) => {
    event.preventDefault();
    seriesSaver.flush({ force: true });
  });
  for (const button of ui.downloadButtons) button.addEventListener('click', () => download(button, button.dataset.download));
  ui.printHtml.addEventListener('click', () => openForPrinting(ui.printHtml));
  // Leaving the page or switching away: what was typed goes out now rather than in a second.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') for (const saver of state.savers) saver.flush();
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
  ui.back.href = pageUrl.facilitator(state.code);

  api.session(state.code).then(setSession, (err) => showError(ui.error, err.code));

  state.secret = storage.getText(keys.facilitator(state.code));
  if (!state.secret) {
    ui.noSecret.hidden = false;
    render();
    return;
  }
  state.live = new LiveClient({
    code: state.code,
    role: 'facilitator',
    secret: state.secret,
    on: {
      welcome: (msg) => setSession(msg.session),
      view: (msg) => {
        if (msg.audience === 'facilitator') onView(msg);
      },
      status: connectionStatus(ui.status),
      error: (err) => showError(ui.error, err.code),
      fatal: (err) => {
        state.live = null;
        if (err.code === 'WRONG_SECRET') {
          state.secret = null;
          ui.noSecret.hidden = false;
        }
        showError(ui.error, err.code);
        render();
      },
    },
  }).start();
  render();
}

main();
