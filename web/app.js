// The control panel's shell: tabs, language, theme, the API key prompt, the one event stream every section follows,
// and errors shown where the user sees them.
import { onKeyNeeded, withKey } from "/ui/api.js";
import { setLanguage, language, t } from "/ui/i18n.js";
import { startSpeak } from "/ui/speak.js";
import { startQueue } from "/ui/queue.js";
import { startChat } from "/ui/chat.js";
import { startVoices } from "/ui/voices.js";
import { startSettings } from "/ui/settings.js";
import { startStatus } from "/ui/status.js";

/** What the panel did (tests read it; nothing leaves the page). */
window.panelLog = [];
export function record(type, detail = {}) {
  const entry = { type, ...detail, at: performance.now() };
  window.panelLog.push(entry);
  window.dispatchEvent(new CustomEvent("panel", { detail: entry }));
}

/** Shows an error (an APIError's message) at the top; `null` hides it. */
export function showError(error) {
  const box = document.getElementById("error");
  if (!error) {
    box.hidden = true;
    return;
  }
  box.textContent = error.message ?? String(error);
  box.hidden = false;
  record("error", { message: box.textContent, code: error.code });
}

// Tabs: arrow keys move between them, as a tab list should.
const tabs = [...document.querySelectorAll("[role=tab]")];
function selectTab(name) {
  for (const tab of tabs) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(tab.dataset.tab).hidden = !selected;
  }
  localStorage.setItem("ishowtts.tab", name);
}
for (const [index, tab] of tabs.entries()) {
  tab.addEventListener("click", () => selectTab(tab.dataset.tab));
  tab.addEventListener("keydown", (event) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = tabs[(index + step + tabs.length) % tabs.length];
    selectTab(next.dataset.tab);
    next.focus();
  });
}
selectTab(localStorage.getItem("ishowtts.tab") ?? "speak");

// Language and theme, remembered.
const languageButton = document.getElementById("language");
function applyLanguage(next) {
  setLanguage(next);
  languageButton.textContent = language === "zh" ? "English" : "中文";
  window.dispatchEvent(new Event("languagechange-panel"));
}
languageButton.addEventListener("click", () => applyLanguage(language === "zh" ? "en" : "zh"));
applyLanguage(new URLSearchParams(location.search).get("lang") ?? language);

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem("ishowtts.theme", theme);
}
document.getElementById("theme").addEventListener("click", () => applyTheme(document.documentElement.dataset.theme === "dark" ? "light" : "dark"));
applyTheme(new URLSearchParams(location.search).get("theme") ?? localStorage.getItem("ishowtts.theme")
  ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));

// The key: asked once when the server answers 401, kept in this browser.
onKeyNeeded(() => new Promise((resolve) => {
  const dialog = document.getElementById("key-dialog");
  const input = document.getElementById("key-input");
  dialog.addEventListener("close", () => resolve(input.value.trim() || null), { once: true });
  dialog.showModal();
  input.focus();
}));

// One event stream for every section; reconnects by itself (the browser resumes from the last event it saw).
const listeners = new Set();
/** `listener(kind, event)` hears every timeline event. */
export function onEvent(listener) { listeners.add(listener); }
const connection = document.getElementById("connection");
const kinds = ["queued", "filtered", "rendered", "speaking", "finished", "skipped", "removed", "cleared", "paused", "resumed",
  "failed", "source_state", "settings_changed", "resync"];
let events = null;
function connect() {
  events?.close();
  events = new EventSource(withKey("/api/events"));
  events.addEventListener("open", () => {
    connection.textContent = t("live");
    record("connected");
    for (const listener of listeners) listener("resync", {});
  });
  events.addEventListener("error", () => {
    connection.textContent = t("reconnecting");
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 2000);  // e.g. a 401: the key may have changed
  });
  for (const kind of kinds) {
    events.addEventListener(kind, (message) => {
      let event = {};
      try { event = JSON.parse(message.data); } catch (_) { return; }
      for (const listener of listeners) listener(kind, event);
    });
  }
}

startSpeak();
startQueue();
startChat();
startVoices();
startSettings();
startStatus();
connect();
