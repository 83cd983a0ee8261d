// Shared by the phone, facilitator, projector and note-taker pages for the dialogue rounds: the phase
// banner, subgroup colour swatches, and turn countdowns that follow the server's clock.
//
// Countdowns never stop anyone: the server does not cut a speaker off, so past zero the timer counts
// up as overtime ("+0:12") instead of disappearing.

import { t, hasKey } from './i18n.js';
import { el, setKey, syncChildren, groupName, formatNumber, listText } from './common.js';

export const PHASES = ['join', 'picks', 'results', 'subgroups', 'perspective-round', 'discussion', 'harvest', 'close'];
export const PICK_PHASES = new Set(['join', 'picks', 'results']);
export const SUBGROUP_PHASES = new Set(['subgroups', 'perspective-round', 'discussion']);

/** The template's phases: from the session (welcome) when it lists them, else from the view. */
export function phasesOf(session, view) {
  if (Array.isArray(session?.phases) && session.phases.length) return session.phases;
  if (Array.isArray(view?.phases) && view.phases.length) return view.phases;
  return view?.phase ? [view.phase] : [];
}

export function phaseName(phase) {
  return hasKey(`phase.${phase}`) ? t(`phase.${phase}`) : String(phase ?? '');
}

/** Phase name into `nameNode` and what this audience is expected to do into `expectNode`. */
export function renderPhase(nameNode, expectNode, phase, audience) {
  const known = phase && hasKey(`phase.${phase}`);
  if (phase) nameNode.dataset.phase = phase;
  else delete nameNode.dataset.phase;
  if (known) setKey(nameNode, `phase.${phase}`);
  else if (phase) nameNode.textContent = String(phase);
  else setKey(nameNode, 'phase.unknown');
  if (!expectNode) return;
  const key = `expect.${audience}.${phase}`;
  if (phase && hasKey(key)) setKey(expectNode, key);
  else expectNode.textContent = '';
  expectNode.hidden = !expectNode.textContent;
}

/** Fills a <select> with the phases, keeping the shown choice unless `value` is given. */
export function fillPhaseSelect(select, phases, value) {
  const key = phases.join(' ');
  if (select.dataset.phases !== key) {
    select.replaceChildren(...phases.map((p) => el('option', { value: p })));
    select.dataset.phases = key;
  }
  phases.forEach((p, i) => {
    select.options[i].textContent = `${i + 1}. ${phaseName(p)}`;
  });
  if (value !== undefined && phases.includes(value)) select.value = value;
}

// ---- subgroups -----------------------------------------------------------------------------------

/** The coloured square with the subgroup's letter: colour and letter together, never colour alone. */
export function swatch(sub, extraClass = '') {
  return el('span', {
    class: `swatch ${extraClass}`.trim(),
    dataset: { colour: sub?.colour ?? '' },
    'aria-hidden': 'true',
  }, sub?.label ?? '?');
}

export function updateSwatch(node, sub) {
  node.dataset.colour = sub?.colour ?? '';
  node.textContent = sub?.label ?? '?';
}

export function colourName(colour) {
  return hasKey(`colour.${colour}`) ? t(`colour.${colour}`) : String(colour ?? '');
}

/** "Groep A (blauw)" */
export function subgroupName(sub) {
  return t('sub.name', { label: sub?.label ?? '?', colour: colourName(sub?.colour) });
}

/** "4 personen · 3 groepen · 4 rollen" */
export function mixSummary(mix) {
  if (!mix) return '';
  return t('sub.mix', {
    size: formatNumber(mix.size ?? 0),
    groups: formatNumber(mix.distinctGroups ?? 0),
    roles: formatNumber(mix.distinctRoles ?? 0),
  });
}

/** "Gemeente 2, UWV 1 en SZW 1", in the template's group order. */
export function mixGroups(session, mix) {
  const per = mix?.perGroup ?? {};
  const order = (session?.groups ?? []).map((g) => g.id);
  const ids = Object.keys(per).filter((id) => per[id] > 0)
    .sort((a, b) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0));
  return listText(ids.map((id) => `${groupName(session, id)} ${formatNumber(per[id])}`));
}

/**
 * A subgroup's discussion notes, differences first: they are the result of the round, not a problem to
 * solve. `parked` (the parked questions) lets a note that picks one up quote it.
 */
export function renderDiscussionList(list, notes, parked, session) {
  const sorted = [...notes.filter((d) => d.kind === 'DIFFERENCE'), ...notes.filter((d) => d.kind !== 'DIFFERENCE')];
  syncChildren(list, sorted, (d) => d.id, (d) => el('li', { dataset: { note: d.id } },
    el('span', { class: 'kind-tag' }),
    el('span', { class: 'd-text' }),
    el('span', { class: 'd-groups' }),
    el('span', { class: 'd-parked' })),
  (li, d) => {
    li.dataset.kind = d.kind ?? '';
    setKey(li.querySelector('.kind-tag'), `kind.${d.kind}`);
    li.querySelector('.d-text').textContent = d.text;
    const groups = li.querySelector('.d-groups');
    groups.hidden = !(d.groups ?? []).length;
    groups.textContent = (d.groups ?? []).map((g) => groupName(session, g)).join(', ');
    const from = li.querySelector('.d-parked');
    const question = (parked ?? []).find((p) => p.id === d.parkedQuestion);
    from.hidden = !d.parkedQuestion;
    if (d.parkedQuestion) {
      if (question) setKey(from, 'discussion.fromParked', { text: question.text });
      else setKey(from, 'discussion.fromParkedShort');
    }
  });
}

// ---- time ----------------------------------------------------------------------------------------

/**
 * The server's clock as seen from here: phones' clocks are often minutes off. Each view frame carries
 * `serverTime` (the server puts it on the frame; protocol.md says in the view: both are read).
 */
export class ServerClock {
  offset = 0;

  update(serverTime) {
    const ms = Date.parse(serverTime ?? '');
    if (!Number.isNaN(ms)) this.offset = ms - Date.now();
  }

  now() {
    return Date.now() + this.offset;
  }
}

function clockText(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** {text, state} of a countdown, or null without a time box or a running turn. */
export function countdown(turnStartedAt, turnSeconds, nowMs) {
  const started = Date.parse(turnStartedAt ?? '');
  if (!(turnSeconds > 0) || Number.isNaN(started)) return null;
  const elapsed = Math.max(0, nowMs - started) / 1000;
  const remaining = turnSeconds - elapsed;
  if (remaining > 0) {
    return { text: clockText(Math.ceil(remaining)), state: remaining <= Math.min(30, turnSeconds / 4) ? 'ending' : 'running' };
  }
  return { text: `+${clockText(-remaining)}`, state: 'overtime' };
}

/** Arms (or disarms) a timer node; the ticker below keeps its text current between views. */
export function setTimer(node, turnStartedAt, turnSeconds, clock) {
  const running = turnSeconds > 0 && Boolean(turnStartedAt);
  node.hidden = !running;
  if (!running) {
    delete node.dataset.started;
    delete node.dataset.seconds;
    return;
  }
  node.dataset.started = turnStartedAt;
  node.dataset.seconds = String(turnSeconds);
  tickTimer(node, clock);
}

function tickTimer(node, clock) {
  const c = countdown(node.dataset.started, Number(node.dataset.seconds), clock.now());
  if (!c) return;
  const value = node.querySelector('.timer-value') ?? node;
  if (value.textContent !== c.text) value.textContent = c.text;
  node.dataset.state = c.state;
  const label = node.querySelector('.timer-label');
  if (label) setKey(label, c.state === 'overtime' ? 'timer.overtime' : 'timer.left');
}

export function timerNode(extraClass = '') {
  return el('span', { class: `timer ${extraClass}`.trim(), role: 'timer', dataset: { testid: 'timer' }, hidden: true },
    el('span', { class: 'timer-value' }),
    el('span', { class: 'timer-label' }));
}

/** One interval per page for all armed timers. */
export function startTimerTicker(clock) {
  setInterval(() => {
    for (const node of document.querySelectorAll('.timer[data-started]')) tickTimer(node, clock);
  }, 250);
}

// ---- commands ------------------------------------------------------------------------------------

/**
 * Controls that wait for their command to show up in a view. A key is busy from the click until a view
 * at least as new as the command's ack arrived (or, failing that, a few seconds after the ack), so a
 * second tap never acts on the state from before the first one.
 */
export class BusySet {
  #map = new Map();
  #onChange;

  constructor(onChange = () => {}) {
    this.#onChange = onChange;
  }

  has(key) {
    return this.#map.has(key);
  }

  start(key) {
    this.#map.set(key, Infinity);
  }

  acked(key, ack, seenVersion) {
    const version = typeof ack?.version === 'number' ? ack.version : -1;
    if (version <= seenVersion) this.#map.delete(key);
    else {
      this.#map.set(key, version);
      setTimeout(() => {
        if (this.#map.get(key) === version) {
          this.#map.delete(key);
          this.#onChange();
        }
      }, 4000);
    }
  }

  failed(key) {
    this.#map.delete(key);
  }

  seen(version) {
    if (typeof version !== 'number') return;
    for (const [key, v] of this.#map) if (v <= version) this.#map.delete(key);
  }
}

/**
 * Keeps exactly one button with this test id in `parent` while `wanted`, and none otherwise: an action
 * that does not apply is absent, not merely hidden (screen readers and tests counting buttons agree).
 */
export function optionalButton(parent, testid, wanted, labelKey, { disabled = false, first = false, className = 'small' } = {}) {
  let button = parent.querySelector(`:scope > [data-testid="${testid}"]`);
  if (!wanted) {
    button?.remove();
    return null;
  }
  if (!button) {
    button = el('button', { type: 'button', class: className, dataset: { testid } });
    if (first) parent.prepend(button);
    else parent.append(button);
  }
  setKey(button, labelKey);
  button.disabled = disabled;
  return button;
}
