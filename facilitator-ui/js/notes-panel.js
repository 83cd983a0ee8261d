// The notes capture panel for the minutes, shared by the facilitator page and the note-taker page:
// perspectives and quotes tagged with stakeholder group and role (never a person's name), above or
// below the waterline, and filed under an issue; plus adding and renaming issues.
//
// The panel builds its own markup so both pages stay identical; its texts carry data-i18n keys, so a
// language switch retranslates them like the rest of the page.

import { t, loc } from './i18n.js';
import { el, syncChildren, setKey, findGroup, whoText, formatNumber, setBusy } from './common.js';

const KINDS = ['PERSPECTIVE', 'QUOTE'];
const WATERLINES = ['ABOVE', 'BELOW'];
const WATERLINE_ICON = { ABOVE: '▲', BELOW: '▼' };

/** An element whose text comes from a translation key (and follows language switches). */
function text(tag, key, props = {}) {
  const node = el(tag, props);
  setKey(node, key);
  return node;
}

function field(labelKey, id, control) {
  return el('div', { class: 'field' }, text('label', labelKey, { for: id }), control);
}

/**
 * mountNotesPanel(section, {send, showError, showMessage, clearError}) → {render(session, view, ready)}
 * - send(type, fields) returns the command's promise (LiveClient.send).
 */
export function mountNotesPanel(root, { send, showError, showMessage, clearError }) {
  const ui = {
    kind: el('select', { id: 'note-kind', dataset: { testid: 'note-kind' } },
      ...KINDS.map((k) => text('option', `notes.kind.${k}`, { value: k }))),
    text: el('textarea', { id: 'note-text', dataset: { testid: 'note-text', i18nPlaceholder: 'notes.textPlaceholder' }, maxlength: 1000, rows: 4 }),
    group: el('select', { id: 'note-group', dataset: { testid: 'note-group' } }),
    role: el('select', { id: 'note-role', dataset: { testid: 'note-role' } }),
    waterline: el('select', { id: 'note-waterline', dataset: { testid: 'note-waterline' } },
      text('option', 'notes.waterline.none', { value: '' }),
      ...WATERLINES.map((w) => text('option', `notes.waterline.${w}`, { value: w }))),
    issue: el('select', { id: 'note-issue', dataset: { testid: 'note-issue' } }),
    add: text('button', 'notes.add', { type: 'submit', class: 'primary', dataset: { testid: 'add-note' } }),
    notes: el('ul', { class: 'notes-list', dataset: { testid: 'notes' } }),
    notesEmpty: text('p', 'notes.none', { class: 'empty' }),
    notesCount: el('span', { class: 'count-note' }),
    issueTitle: el('input', { id: 'issue-title', type: 'text', maxlength: 120, autocomplete: 'off', dataset: { testid: 'issue-title', i18nPlaceholder: 'notes.issuePlaceholder' } }),
    addIssue: text('button', 'notes.addIssue', { type: 'submit', dataset: { testid: 'add-issue' } }),
    issues: el('ul', { class: 'issues-list', dataset: { testid: 'issues' } }),
    issuesEmpty: text('p', 'notes.noIssues', { class: 'empty' }),
  };
  ui.text.placeholder = t('notes.textPlaceholder');
  ui.issueTitle.placeholder = t('notes.issuePlaceholder');

  const noteForm = el('form', { class: 'note-form', novalidate: true },
    el('div', { class: 'field-row' },
      field('notes.kindLabel', 'note-kind', ui.kind),
      field('notes.groupLabel', 'note-group', ui.group),
      field('notes.roleLabel', 'note-role', ui.role)),
    field('notes.textLabel', 'note-text', ui.text),
    el('div', { class: 'field-row' },
      field('notes.waterlineLabel', 'note-waterline', ui.waterline),
      field('notes.issueLabel', 'note-issue', ui.issue)),
    el('div', { class: 'form-actions' }, ui.add, text('span', 'notes.anonymous', { class: 'help' })));

  const issueForm = el('form', { class: 'issue-form', novalidate: true },
    text('label', 'notes.issueTitleLabel', { for: 'issue-title' }),
    el('div', { class: 'row' }, ui.issueTitle, ui.addIssue));

  root.replaceChildren(
    text('h2', 'notes.title', { id: 'notes-title' }),
    text('p', 'notes.help', { class: 'help' }),
    el('div', { class: 'notes-layout' },
      el('div', { class: 'notes-capture' }, noteForm,
        el('h3', {}, text('span', 'notes.listTitle'), ' ', ui.notesCount),
        ui.notes, ui.notesEmpty),
      el('div', { class: 'notes-issues' },
        text('h3', 'notes.issuesTitle'),
        ui.issues, ui.issuesEmpty, issueForm)));

  let current = { session: null, view: null, ready: false };

  const issuesOf = () => current.view?.issues ?? [];
  const issueTitle = (issue) => loc(issue?.title);

  function fillOptions(select, placeholderKey, items) {
    const chosen = select.value;
    select.replaceChildren(
      text('option', placeholderKey, { value: '' }),
      ...items.map((item) => el('option', { value: item.id }, item.text)),
    );
    select.value = items.some((item) => item.id === chosen) ? chosen : '';
  }

  function renderForm() {
    const groups = current.session?.groups ?? [];
    fillOptions(ui.group, 'notes.chooseGroup', groups.map((g) => ({ id: g.id, text: loc(g.name) })));
    renderRoles();
    fillOptions(ui.issue, 'notes.noIssue', issuesOf().map((i) => ({ id: i.id, text: issueTitle(i) })));
    for (const control of [ui.kind, ui.text, ui.group, ui.waterline, ui.issue, ui.issueTitle]) control.disabled = !current.ready;
    ui.add.disabled = !current.ready || ui.add.getAttribute('aria-busy') === 'true';
    ui.addIssue.disabled = !current.ready || ui.addIssue.getAttribute('aria-busy') === 'true';
  }

  function renderRoles() {
    const roles = findGroup(current.session, ui.group.value)?.roles ?? [];
    const chosen = ui.role.value;
    ui.role.replaceChildren(
      text('option', ui.group.value ? 'notes.noRole' : 'notes.roleAfterGroup', { value: '' }),
      ...roles.map((r) => el('option', { value: r.id }, loc(r.name))),
    );
    ui.role.value = roles.some((r) => r.id === chosen) ? chosen : '';
    ui.role.disabled = !current.ready || roles.length === 0;
  }

  function renderNotes() {
    const s = current.session;
    const issues = new Map(issuesOf().map((i) => [i.id, i]));
    // Newest first: the note just captured is where the eye is.
    const notes = [...(current.view?.notes ?? [])].reverse();
    syncChildren(ui.notes, notes, (n) => n.id, (n) => el('li', { dataset: { note: n.id } },
      el('div', { class: 'note-meta' },
        el('span', { class: 'tag kind-tag' }),
        el('span', { class: 'note-who' }),
        el('span', { class: 'waterline-tag' }, el('span', { class: 'wl-icon', 'aria-hidden': 'true' }), el('span', { class: 'wl-text' })),
        el('span', { class: 'tag issue-tag' })),
      el('p', { class: 'note-text' })),
    (li, n) => {
      li.dataset.kind = n.kind ?? '';
      li.dataset.waterline = n.waterline ?? '';
      li.dataset.group = n.group ?? '';
      li.dataset.issue = n.issue ?? '';
      setKey(li.querySelector('.kind-tag'), `notes.kind.${n.kind}`);
      li.querySelector('.note-who').textContent = whoText(s, n.group, n.role);
      const wl = li.querySelector('.waterline-tag');
      wl.hidden = !WATERLINES.includes(n.waterline);
      wl.dataset.waterline = n.waterline ?? '';
      wl.querySelector('.wl-icon').textContent = WATERLINE_ICON[n.waterline] ?? '';
      if (!wl.hidden) setKey(wl.querySelector('.wl-text'), `notes.waterline.${n.waterline}`);
      const issue = li.querySelector('.issue-tag');
      issue.hidden = !n.issue;
      if (n.issue) issue.textContent = t('notes.inIssue', { issue: issueTitle(issues.get(n.issue)) || n.issue });
      const body = li.querySelector('.note-text');
      body.classList.toggle('quote', n.kind === 'QUOTE');
      body.textContent = n.kind === 'QUOTE' ? t('notes.quoted', { text: n.text }) : n.text;
    });
    ui.notesEmpty.hidden = notes.length > 0;
    ui.notesCount.textContent = notes.length ? `(${formatNumber(notes.length)})` : '';
  }

  function renderIssues() {
    const counts = new Map();
    for (const n of current.view?.notes ?? []) if (n.issue) counts.set(n.issue, (counts.get(n.issue) ?? 0) + 1);
    syncChildren(ui.issues, issuesOf(), (i) => i.id, (i) => {
      const input = el('input', { type: 'text', maxlength: 120, class: 'issue-rename', autocomplete: 'off', dataset: { testid: 'rename-issue-title' } });
      const button = el('button', { type: 'submit', class: 'small', dataset: { testid: 'rename-issue' } });
      const form = el('form', { class: 'issue-row', novalidate: true }, input, button);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        // Unchanged title: the button puts the cursor in the title, ready to type the new one.
        if (input.value.trim() === input.dataset.shown) {
          input.focus();
          input.select();
          return;
        }
        renameIssue(i.id, input, button);
      });
      return el('li', { dataset: { issue: i.id } }, form, el('span', { class: 'issue-count help' }));
    }, (li, i) => {
      const input = li.querySelector('input');
      const button = li.querySelector('button');
      const title = issueTitle(i);
      // A title being edited stays as typed; an untouched one follows the server (and other editors).
      if (input.value === (input.dataset.shown ?? '')) input.value = title;
      input.dataset.shown = title;
      input.setAttribute('aria-label', t('notes.renameLabel', { issue: title }));
      input.disabled = !current.ready;
      setKey(button, 'notes.rename');
      button.disabled = !current.ready || button.getAttribute('aria-busy') === 'true';
      const count = counts.get(i.id) ?? 0;
      setKey(li.querySelector('.issue-count'), count === 1 ? 'notes.oneNote' : 'notes.nNotes', { n: formatNumber(count) });
    });
    ui.issuesEmpty.hidden = issuesOf().length > 0;
  }

  function run(button, type, fields, onDone) {
    clearError();
    setBusy(button, true);
    send(type, fields).then(
      () => {
        setBusy(button, false);
        onDone();
        render(current.session, current.view, current.ready);
      },
      (err) => {
        setBusy(button, false);
        showError(err.code);
        render(current.session, current.view, current.ready);
      },
    );
  }

  function addNote() {
    const noteText = ui.text.value.trim();
    if (!noteText) return showError('INVALID_TEXT');
    if (!ui.group.value) return showMessage('notes.groupRequired');
    const fields = { kind: ui.kind.value, text: noteText, group: ui.group.value };
    if (ui.role.value) fields.role = ui.role.value;
    if (ui.waterline.value) fields.waterline = ui.waterline.value;
    if (ui.issue.value) fields.issue = ui.issue.value;
    // Group, role, waterline and issue stay: the next note is often from the same person or theme.
    run(ui.add, 'addNote', fields, () => {
      if (ui.text.value.trim() === noteText) ui.text.value = '';
      ui.text.focus();
    });
  }

  function addIssue() {
    const title = ui.issueTitle.value.trim();
    if (!title) return showError('INVALID_TEXT');
    run(ui.addIssue, 'addIssue', { title }, () => {
      if (ui.issueTitle.value.trim() === title) ui.issueTitle.value = '';
    });
  }

  function renameIssue(id, input, button) {
    const title = input.value.trim();
    if (!title) return showError('INVALID_TEXT');
    run(button, 'renameIssue', { issue: id, title }, () => {
      input.blur();
    });
  }

  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addNote();
  });
  issueForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addIssue();
  });
  ui.group.addEventListener('change', renderRoles);

  function render(session, view, ready) {
    current = { session, view, ready };
    renderForm();
    renderNotes();
    renderIssues();
  }

  return { render };
}
