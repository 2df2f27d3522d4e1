// Voices: every voice with its engine and languages, a preview, deleting library clones and installed models; and
// installing models by name with their licence shown and live progress.
import { call, getJSON, withKey } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { record, showError } from "/ui/app.js";

export function startVoices() {
  document.getElementById("model-search").addEventListener("submit", (event) => {
    event.preventDefault();
    models();
  });
  listVoices();
  followInstalls();
}

async function listVoices() {
  let voices = [];
  try {
    const body = await getJSON("/api/voices");
    voices = Array.isArray(body) ? body : body.voices ?? [];
  } catch (error) {
    showError(error);
  }
  document.getElementById("voice-list").replaceChildren(...voices.map((voice) => {
    const item = document.createElement("li");
    const label = document.createElement("span");
    label.className = "grow";
    label.textContent = `${voice.name ?? voice.id} · ${voice.engine_label} · ${(voice.languages ?? [voice.language]).join(", ")}`;
    const source = document.createElement("span");
    source.className = "badge";
    source.textContent = voice.source ?? "";
    const audio = document.createElement("audio");
    const preview = button(t("preview"), () => {
      audio.src = withKey(`/api/voices/${encodeURIComponent(voice.id)}/preview`);
      audio.play().catch(() => {});
    });
    item.append(label, source, preview, audio);
    if (voice.source === "library") item.append(button(t("delete"), () => remove(`/api/voices/${encodeURIComponent(voice.id)}`)));
    if (voice.source === "installed") item.append(button(t("delete"), () => remove(`/api/models/${encodeURIComponent(voice.id)}`)));
    return item;
  }));
}

async function remove(path) {
  try {
    await call(path, { method: "DELETE" });
    showError(null);
  } catch (error) {
    showError(error);
  }
  listVoices();
  window.dispatchEvent(new Event("voices-changed"));
}

async function models() {
  const language = document.getElementById("model-language").value.trim();
  const list = document.getElementById("model-list");
  try {
    const body = await getJSON(`/api/models${language ? "?language=" + encodeURIComponent(language) : ""}`);
    list.replaceChildren(...body.models.map((model) => {
      const item = document.createElement("li");
      item.dataset.model = model.name;
      const label = document.createElement("span");
      label.className = "grow";
      const size = model.size_bytes ? ` · ${(model.size_bytes / 1e6).toFixed(0)} MB` : "";
      label.textContent = `${model.name} · ${model.summary}${size}`;
      const progress = document.createElement("progress");
      progress.max = 1;
      progress.value = model.installed ? 1 : 0;
      const state = document.createElement("span");
      state.className = "badge";
      state.textContent = model.installed ? t("installed") : "";
      item.append(label, progress, state);
      if (!model.installed) item.append(button(t("install"), () => install(model.name)));
      return item;
    }));
  } catch (error) {
    showError(error);
  }
}

async function install(name) {
  try {
    await call("/api/models/install", { method: "POST", json: { name } });
  } catch (error) {
    // The first answer carries the licence: show it, and install only when the streamer accepts it.
    if (error.code !== "license_not_accepted") return showError(error);
    if (!confirm(`${error.message}\n\n${t("licenseAccept")}`)) return;
    try {
      await call("/api/models/install", { method: "POST", json: { name, accept_license: true } });
      showError(null);
    } catch (second) {
      showError(second);
    }
  }
}

function followInstalls() {
  const source = new EventSource(withKey("/api/models/events"));
  source.addEventListener("model", (message) => {
    let event;
    try { event = JSON.parse(message.data); } catch (_) { return; }
    record("model", { name: event.name, state: event.state });
    const item = document.querySelector(`#model-list li[data-model="${CSS.escape(event.name)}"]`);
    if (item) {
      item.querySelector("progress").value = event.total_bytes ? event.bytes / event.total_bytes : 0;
      item.querySelector(".badge").textContent = event.state === "failed" ? `${event.state}: ${event.detail ?? ""}` : event.state;
    }
    if (event.state === "failed") showError(new Error(`${event.name}: ${event.detail ?? "failed"}`));
    if (event.state === "ready" || event.state === "removed") {
      listVoices();
      window.dispatchEvent(new Event("voices-changed"));
    }
  });
}

function button(label, action) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.addEventListener("click", action);
  return element;
}
