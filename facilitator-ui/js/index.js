// Organiser home: create a session from a template. The facilitator secret is kept in this browser
// only (localStorage), which is what lets this browser open the facilitator and projector pages.

import { initI18n, t, loc, onLangChange } from './i18n.js';
import { api } from './api.js';
import {
  byTestId, el, syncChildren, setKey, storage, keys, compactCode, displayCode, pageUrl, showError, showMessage,
  clearError, wireErrorArea, setBusy,
} from './common.js';

const MAX_REMEMBERED = 30;

const byId = (id) => document.getElementById(id);
const ui = {
  form: byId('create-form'),
  template: byTestId('template-select'),
  description: byId('template-description'),
  title: byTestId('session-title'),
  language: byTestId('session-language'),
  keyField: byId('organiser-key-field'),
  key: byTestId('organiser-key'),
  create: byTestId('create-session'),
  mySessions: byTestId('my-sessions'),
  mySessionsEmpty: byId('my-sessions-empty'),
  problemsSection: byId('problems'),
  problems: byTestId('template-problems'),
  error: byTestId('error-message'),
};

const state = { templates: [], problems: [], loaded: false };

function selectedTemplate() {
  return state.templates.find((tpl) => tpl.id === ui.template.value);
}

function rememberedSessions() {
  const list = storage.getJson(keys.mySessions);
  return Array.isArray(list) ? list.filter((s) => s && typeof s.code === 'string') : [];
}

function remember(session) {
  const others = rememberedSessions().filter((s) => compactCode(s.code) !== compactCode(session.code));
  storage.setJson(keys.mySessions, [session, ...others].slice(0, MAX_REMEMBERED));
}

function render() {
  const chosen = ui.template.value;
  if (state.templates.length) {
    ui.template.replaceChildren(...state.templates.map((tpl) => el('option', { value: tpl.id }, loc(tpl.title) || tpl.id)));
    if (state.templates.some((tpl) => tpl.id === chosen)) ui.template.value = chosen;
  } else {
    ui.template.replaceChildren(el('option', { value: '' }, t(state.loaded ? 'home.noTemplates' : 'common.loading')));
  }
  ui.template.disabled = !state.templates.length;
  ui.create.disabled = !state.templates.length;
  ui.description.textContent = loc(selectedTemplate()?.description);

  ui.problemsSection.hidden = state.problems.length === 0;
  ui.problems.replaceChildren(...state.problems.map((p) => el('li', { dataset: { file: p.file ?? '' } },
    el('code', {}, p.file ?? ''),
    p.field ? ` · ${p.field}` : '',
    p.message ? `: ${p.message}` : '')));

  renderMySessions();
}

function renderMySessions() {
  const sessions = rememberedSessions();
  syncChildren(ui.mySessions, sessions, (s) => compactCode(s.code), (s) => el('li', { dataset: { code: compactCode(s.code) } },
    el('span', { class: 'session-name' }),
    el('span', { class: 'session-code' }, displayCode(s.code)),
    el('time', { class: 'session-date' }),
    el('span', { class: 'session-links' },
      el('a', { class: 'button facilitator-link', href: pageUrl.facilitator(s.code) }),
      el('a', { class: 'button projector-link', href: pageUrl.projector(s.code), target: '_blank', rel: 'noopener' }))),
  (li, s) => {
    li.querySelector('.session-name').textContent = s.title ?? '';
    const time = li.querySelector('time');
    const date = new Date(s.createdAt);
    if (!Number.isNaN(date.getTime())) {
      time.dateTime = date.toISOString();
      time.textContent = date.toLocaleString(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
    }
    setKey(li.querySelector('.facilitator-link'), 'home.facilitatorLink');
    setKey(li.querySelector('.projector-link'), 'home.projectorLink');
  });
  ui.mySessionsEmpty.hidden = sessions.length > 0;
}

async function loadTemplates() {
  try {
    const res = await api.templates();
    state.templates = Array.isArray(res?.templates) ? res.templates : [];
    state.problems = Array.isArray(res?.problems) ? res.problems : [];
  } catch (err) {
    showError(ui.error, err.code);
  }
  state.loaded = true;
  render();
}

async function checkOrganiser() {
  try {
    await api.organiser(ui.key.value.trim());
  } catch (err) {
    // The key field is only for browsers on another machine; on the Waterline machine itself it stays away.
    if (err.status === 401 || err.code === 'ORGANISER_KEY_REQUIRED') ui.keyField.hidden = false;
    else showError(ui.error, err.code);
  }
}

async function createSession() {
  clearError(ui.error);
  const template = selectedTemplate();
  if (!template) return showMessage(ui.error, 'home.chooseTemplate');
  const key = ui.key.value.trim();
  // fetch refuses header values outside Latin-1; say "wrong key" rather than "no network".
  if (!/^[\x21-\x7e]*$/.test(key)) return showError(ui.error, 'ORGANISER_KEY_REQUIRED');

  const body = { templateId: template.id };
  const title = ui.title.value.trim();
  if (title) body.title = title;
  if (ui.language.value) body.language = ui.language.value;

  setBusy(ui.create, true);
  try {
    const res = await api.createSession(body, key);
    if (key) storage.setText(keys.organiserKey, key);
    storage.setText(keys.facilitator(res.code), res.facilitatorSecret);
    remember({ code: displayCode(res.code), title: title || loc(template.title), createdAt: new Date().toISOString() });
    location.assign(pageUrl.facilitator(res.code));
  } catch (err) {
    if (err.code === 'ORGANISER_KEY_REQUIRED') {
      ui.keyField.hidden = false;
      ui.key.focus();
    }
    showError(ui.error, err.code);
    setBusy(ui.create, false);
  }
}

async function main() {
  await initI18n();
  wireErrorArea(ui.error);
  onLangChange(render);
  ui.key.value = storage.getText(keys.organiserKey) ?? '';
  ui.template.addEventListener('change', render);
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    createSession();
  });
  render();
  await Promise.all([loadTemplates(), checkOrganiser()]);
}

main();
