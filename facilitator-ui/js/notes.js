// Note-taker page: captures perspectives and quotes for the minutes during the session, next to the
// facilitator. It connects as a `note-taker` with its own secret, which the facilitator page created
// (POST /api/sessions/{code}/note-takers) and left in this browser's localStorage; on another device
// the note-taker pastes that secret once.

import { initI18n, loc, onLangChange, useSessionLanguage } from './i18n.js';
import { api } from './api.js';
import { LiveClient, LiveError } from './live.js';
import {
  byTestId, storage, keys, compactCode, isValidCode, codeFromLocation, showError, showMessage, clearError,
  wireErrorArea, connectionStatus,
} from './common.js';
import { renderPhase } from './dialogue.js';
import { mountNotesPanel } from './notes-panel.js';

const byId = (id) => document.getElementById(id);
const ui = {
  title: byId('session-title'),
  question: byId('session-question'),
  phase: byTestId('phase'),
  phaseExpect: byTestId('phase-expect'),
  noSecret: byId('no-secret'),
  secretForm: byId('secret-form'),
  secretInput: byTestId('note-taker-secret'),
  panel: byId('notes-panel'),
  status: byTestId('connection-status'),
  error: byTestId('error-message'),
};

const state = {
  code: compactCode(codeFromLocation()),
  session: null,
  view: null,
  live: null,
  panel: null,
};

function setSession(session) {
  if (!session) return;
  state.session = session;
  useSessionLanguage(session.language);
  render();
}

function render() {
  ui.title.textContent = loc(state.session?.title);
  ui.question.textContent = loc(state.session?.question);
  renderPhase(ui.phase, ui.phaseExpect, state.view?.phase ?? null, 'noteTaker');
  state.panel?.render(state.session, state.view, Boolean(state.live && state.view));
}

function connect(secret) {
  state.live?.stop();
  ui.noSecret.hidden = true;
  state.live = new LiveClient({
    code: state.code,
    role: 'note-taker',
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
        state.live = null;
        if (err.code === 'WRONG_SECRET') {
          storage.remove(keys.noteTaker(state.code));
          ui.noSecret.hidden = false;
        }
        showError(ui.error, err.code);
        render();
      },
    },
  }).start();
  render();
}

async function main() {
  await initI18n();
  wireErrorArea(ui.error);
  onLangChange(render);
  state.panel = mountNotesPanel(ui.panel, {
    send: (type, fields) => (state.live ? state.live.send(type, fields) : Promise.reject(new LiveError('NETWORK'))),
    showError: (code) => showError(ui.error, code),
    showMessage: (key) => showMessage(ui.error, key),
    clearError: () => clearError(ui.error),
  });
  ui.secretForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearError(ui.error);
    const secret = ui.secretInput.value.trim();
    if (!secret) return showError(ui.error, 'WRONG_SECRET');
    storage.setText(keys.noteTaker(state.code), secret);
    ui.secretInput.value = '';
    connect(secret);
  });
  render();
  if (!isValidCode(state.code)) {
    showError(ui.error, 'UNKNOWN_SESSION');
    return;
  }
  api.session(state.code).then(setSession, (err) => showError(ui.error, err.code));
  const secret = storage.getText(keys.noteTaker(state.code));
  if (secret) connect(secret);
  else ui.noSecret.hidden = false;
}

main();
