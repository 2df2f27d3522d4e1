// Settings: the gateway rules most streamers change, saved through PUT /api/gateway/settings; a refused value is
// shown beside its field.
import { call, getJSON } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { onEvent, showError } from "/ui/app.js";

const lists = new Set(["banned_words", "ignored_users"]);
const numbers = new Set(["max_characters", "user_cooldown_seconds"]);

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
      element.value = lists.has(element.name) ? value.join("\n") : String(value);
    }
  } catch (error) {
    showError(error);
  }
}

async function save(form) {
  const changes = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (lists.has(element.name)) changes[element.name] = element.value.split("\n").map((line) => line.trim()).filter(Boolean);
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
