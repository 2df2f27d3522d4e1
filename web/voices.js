// Voices: every voice with its engine and languages, a preview, deleting library clones and installed models; and
// installing models by name with their licence shown and live progress.
import { call, getJSON, withKey } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { record, showError } from "/ui/app.js";
import { button } from "/ui/dom.js";

export function startVoices() {
  document.getElementById("model-search").addEventListener("submit", (event) => {
    event.preventDefault();
    models();
  });
  const form = document.getElementById("clone-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clone(form);
  });
  document.getElementById("record").addEventListener("click", toggleRecording);
  listVoices();
  followInstalls();
}

// MARK: Cloning

let recorder = null;
let recording = null;

/** Records from the microphone; the take is turned into WAV (browsers record WebM, which the server does not read). */
async function toggleRecording() {
  const button = document.getElementById("record");
  const state = document.getElementById("record-state");
  if (recorder) {
    recorder.stop();
    return;
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (event) => chunks.push(event.data);
    recorder.onstop = async () => {
      stream.getTracks().forEach((track) => track.stop());
      recorder = null;
      button.textContent = t("record");
      recording = await toWAV(new Blob(chunks));
      state.textContent = `${t("recorded")} (${(recording.size / 1024).toFixed(0)} KB)`;
      record("recorded", { bytes: recording.size });
    };
    recorder.start();
    button.textContent = t("stopRecording");
    state.textContent = t("recording");
  } catch (error) {
    showError(error);
  }
}

/** Decodes any recording the browser made and writes it as 16-bit mono WAV. */
async function toWAV(blob) {
  const context = new AudioContext();
  const audio = await context.decodeAudioData(await blob.arrayBuffer());
  await context.close();
  const samples = audio.getChannelData(0);
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  const text = (offset, value) => [...value].forEach((character, index) => view.setUint8(offset + index, character.charCodeAt(0)));
  text(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE");
  text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, audio.sampleRate, true); view.setUint32(28, audio.sampleRate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, "data"); view.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, index) => view.setInt16(44 + index * 2, Math.max(-1, Math.min(1, sample)) * 32767, true));
  return new Blob([buffer], { type: "audio/wav" });
}

async function clone(form) {
  const data = new FormData();
  for (const field of ["id", "name", "language", "reference_text"]) {
    const value = form.elements.namedItem(field).value.trim();
    if (value) data.append(field, value);
  }
  const file = form.elements.namedItem("audio").files[0];
  const clip = file ?? recording;
  if (!clip) return showError(new Error(t("clip")));
  data.append("audio", clip, file?.name ?? "recording.wav");
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const voice = await (await call("/api/voices", { method: "POST", body: data })).json();
    record("cloned", { id: voice.id });
    showError(null);
    form.reset();
    recording = null;
    document.getElementById("record-state").textContent = "";
    listVoices();
    window.dispatchEvent(new Event("voices-changed"));
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

async function edit(voice) {
  const name = prompt(t("name"), voice.name ?? voice.id);
  if (name === null) return;
  const transcript = prompt(t("transcript"), voice.reference_text ?? "");
  if (transcript === null) return;
  const changes = {};
  if (name.trim() && name !== voice.name) changes.name = name.trim();
  if (transcript.trim() && transcript !== voice.reference_text) changes.reference_text = transcript.trim();
  if (Object.keys(changes).length === 0) return;
  try {
    await call(`/api/voices/${encodeURIComponent(voice.id)}`, { method: "PATCH", json: changes });
    showError(null);
  } catch (error) {
    showError(error);
  }
  listVoices();
}

/** A new reference clip (and its transcript) for any cloned voice, or back to its own. */
function overrideReference(voice) {
  const picker = document.createElement("input");
  picker.type = "file";
  picker.accept = "audio/*";
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    if (!file) return;
    const text = prompt(t("transcript"), "");
    const data = new FormData();
    data.append("audio", file, file.name);
    if (text) data.append("text", text);
    try {
      await call(`/api/voices/${encodeURIComponent(voice.id)}/reference`, { method: "POST", body: data });
      showError(null);
    } catch (error) {
      showError(error);
    }
    listVoices();
  });
  picker.click();
}

async function restoreReference(voice) {
  try {
    await call(`/api/voices/${encodeURIComponent(voice.id)}/reference`, { method: "DELETE" });
    showError(null);
  } catch (error) {
    showError(error);
  }
  listVoices();
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
    item.dataset.voice = voice.id;
    item.append(label, source, preview, audio);
    if (voice.source === "library") item.append(button(t("edit"), () => edit(voice)));
    if (voice.engine === "f5") item.append(button(t("override"), () => overrideReference(voice)), button(t("restore"), () => restoreReference(voice)));
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
  // Closed for good (a 401 before the key was entered, a restart): open it again with the key as it is now.
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) setTimeout(followInstalls, 2000);
  });
  source.addEventListener("model", (message) => {
    let event;
    try { event = JSON.parse(message.data); } catch (_) { return; }
    record("model", { name: event.name, state: event.state });
    const item = document.querySelector(`#model-list li[data-model="${CSS.escape(event.name)}"]`);
    if (item) {
      const done = event.state === "installed" || event.state === "ready";
      item.querySelector("progress").value = done ? 1 : event.total_bytes ? event.bytes / event.total_bytes : 0;
      item.querySelector(".badge").textContent = done ? t("installed") : event.state === "failed" ? `${event.state}: ${event.detail ?? ""}` : event.state;
      if (done) item.querySelector("button")?.remove();
    }
    if (event.state === "failed") showError(new Error(`${event.name}: ${event.detail ?? "failed"}`));
    if (event.state === "ready" || event.state === "removed") {
      listVoices();
      window.dispatchEvent(new Event("voices-changed"));
    }
  });
}
