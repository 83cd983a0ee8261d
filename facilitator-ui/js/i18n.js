// Dutch/English texts. Every visible string lives in i18n/<lang>.json so both languages stay complete;
// a missing key falls back to the other language, then to the key itself (visible, so it gets noticed).

const LANGS = ['nl', 'en'];
// Same key as in common.js; duplicated so this module has no imports and loads first.
const STORAGE_KEY = 'waterline.lang';

const dicts = { nl: {}, en: {} };
const listeners = new Set();
let lang = 'en';
let chosenByUser = false;

function storedLang() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLang() {
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return first.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

async function load(code) {
  try {
    const res = await fetch(new URL(`../i18n/${code}.json`, import.meta.url));
    if (res.ok) dicts[code] = await res.json();
  } catch {
    // Offline after the page loaded: the other language or the keys still show something.
  }
}

const other = () => (lang === 'nl' ? 'en' : 'nl');

export function currentLang() {
  return lang;
}

export function hasKey(key) {
  return key in dicts[lang] || key in dicts[other()];
}

export function t(key, params) {
  let text = dicts[lang][key] ?? dicts[other()][key] ?? key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }
  return text;
}

/** A localised server text {nl, en}: the chosen language, else the other one. */
export function loc(text) {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return text[lang] || text[other()] || '';
}

export function applyI18n(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  }
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  }
  document.documentElement.lang = lang;
  for (const button of document.querySelectorAll('[data-lang-switch] button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

export function setLang(code, { remember = true } = {}) {
  if (!LANGS.includes(code)) return;
  if (remember) {
    chosenByUser = true;
    try {
      localStorage.setItem(STORAGE_KEY, code);
    } catch {
      // Storage blocked: the choice holds for this page only.
    }
  }
  if (code === lang) return;
  lang = code;
  applyI18n();
  for (const listener of listeners) listener(lang);
}

/** The session's language is the default, unless the user picked one with the switch. */
export function useSessionLanguage(code) {
  if (!chosenByUser) setLang(code, { remember: false });
}

export function onLangChange(listener) {
  listeners.add(listener);
}

function mountSwitches() {
  for (const nav of document.querySelectorAll('[data-lang-switch]')) {
    nav.replaceChildren();
    for (const code of LANGS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.lang = code;
      button.dataset.testid = `lang-${code}`;
      button.dataset.i18n = `lang.${code}`;
      button.dataset.i18nAriaLabel = `lang.${code}.name`;
      button.addEventListener('click', () => setLang(code));
      nav.append(button);
    }
  }
}

export async function initI18n() {
  const stored = storedLang();
  chosenByUser = stored !== null;
  lang = stored ?? browserLang();
  await Promise.all(LANGS.map(load));
  mountSwitches();
  applyI18n();
}
