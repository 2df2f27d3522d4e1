// Settings: the gateway rules most streamers change, saved through PUT /api/gateway/settings; a refused value is
// shown beside its field.
import { call, getJSON } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { onEvent, showError } from "/ui/app.js";

const lists = new Set(["banned_words", "ignored_users"]);
const maps = new Set(["user_voices", "language_voices"]);
const numbers = new Set(["max_characters", "user_cooldown_seconds", "duplicate_window_seconds", "priority_only_above", "drop_names_above",
  "queue_capacity"]);

export function startSettings() {
  const form = document.getElementById("settings-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(form);
  });
  onEvent((kind) => { if (kind === "settings_changed" || kind === "resync") load(form); });
}

async function load(form) {
  try {
    const { settings } = await getJSON("/api/gateway/settings");
    for (const element of form.elements) {
      if (!element.name || !(element.name in settings)) continue;
      const value = settings[element.name];
      if (lists.has(element.name)) element.value = value.join("\n");
      else if (maps.has(element.name)) element.value = Object.entries(value).map(([key, entry]) => `${key} = ${entry}`).join("\n");
      else element.value = String(value);
    }
  } catch (error) {
    showError(error);
  }
}

async function save(form) {
  const changes = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    const lines = element.value.split("\n").map((line) => line.trim()).filter(Boolean);
    if (lists.has(element.name)) changes[element.name] = lines;
    else if (maps.has(element.name)) {
      changes[element.name] = Object.fromEntries(lines.map((line) => line.split("=").map((part) => part.trim())).filter((pair) => pair.length === 2 && pair[0]));
    }
    else if (numbers.has(element.name)) changes[element.name] = Number(element.value);
    else changes[element.name] = element.value;
  }
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  const result = document.getElementById("settings-result");
  try {
    await call("/api/gateway/settings", { method: "PUT", json: changes });
    result.textContent = t("saved");
    showError(null);
  } catch (error) {
    result.textContent = "";
    const field = error.field && form.elements.namedItem(error.field);
    if (field) {
      const note = document.createElement("span");
      note.className = "field-error";
      note.textContent = error.message;
      field.after(note);
      field.focus();
    } else {
      showError(error);
    }
  }
}
