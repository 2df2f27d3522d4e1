// Speak: text → the chosen voice, played as it streams in (Web Audio, chunk by chunk), kept in a history (IndexedDB,
// capped) to replay, download or copy.
import { call, getJSON } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { record, showError } from "/ui/app.js";
import { button } from "/ui/dom.js";

const historyLimitBytes = 50 * 1024 * 1024;
let voices = [];

export function startSpeak() {
  document.getElementById("speak-form").addEventListener("submit", (event) => {
    event.preventDefault();
    speak();
  });
  document.getElementById("speak-voice").addEventListener("change", showKnobs);
  window.addEventListener("voices-changed", loadVoices);
  loadVoices();
  renderHistory();
}

async function loadVoices() {
  try {
    const body = await getJSON("/api/voices");
    voices = Array.isArray(body) ? body : body.voices ?? [];
  } catch (error) {
    showError(error);
    return;
  }
  const select = document.getElementById("speak-voice");
  const chosen = select.value;
  select.replaceChildren();
  const byEngine = Map.groupBy ? Map.groupBy(voices, (voice) => voice.engine_label) : groupBy(voices);
  for (const [engine, list] of byEngine) {
    const group = document.createElement("optgroup");
    group.label = engine;
    for (const voice of list) group.append(new Option(`${voice.name ?? voice.id} (${voice.language})`, voice.id));
    select.append(group);
  }
  if (chosen && voices.some((voice) => voice.id === chosen)) select.value = chosen;
  showKnobs();
}

function groupBy(list) {
  const map = new Map();
  for (const voice of list) map.set(voice.engine_label, [...(map.get(voice.engine_label) ?? []), voice]);
  return map;
}

function showKnobs() {
  const voice = voices.find((candidate) => candidate.id === document.getElementById("speak-voice").value);
  document.getElementById("f5-knobs").hidden = voice?.engine !== "f5";
}

async function speak() {
  const text = document.getElementById("speak-text").value.trim();
  const voiceID = document.getElementById("speak-voice").value;
  if (!text) return;
  const request = { text, voice_id: voiceID };
  if (voices.find((voice) => voice.id === voiceID)?.engine === "f5") {
    for (const [field, id] of [["nfe_step", "nfe"], ["cfg_strength", "cfg"], ["sway_sampling_coef", "sway"], ["speed", "speed"]]) {
      request[field] = Number(document.getElementById(id).value);
    }
  }
  const button = document.getElementById("speak-button");
  button.disabled = true;
  showError(null);
  try {
    const asked = performance.now();
    const response = await call("/api/tts/stream", { method: "POST", json: request });
    const wav = await playStream(response.body, asked);
    await addToHistory({ text, voice: voiceID, wav, at: Date.now() });
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

/** Plays a streamed 16-bit PCM WAV as its bytes arrive; resolves with the whole file once it has played. */
async function playStream(body, asked) {
  const context = new AudioContext();
  const reader = body.getReader();
  const parts = [];
  let header = new Uint8Array(0);
  let format = null;
  let carry = new Uint8Array(0);
  let startAt = context.currentTime + 0.05;
  let started = false;
  let lastSource = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    let bytes = value;
    if (!format) {
      header = concat(header, bytes);
      const parsed = parseHeader(header);
      if (!parsed) continue;
      format = parsed;
      bytes = header.subarray(parsed.dataOffset);
    }
    const samples = concat(carry, bytes);
    const usable = samples.length - (samples.length % (2 * format.channels));
    carry = samples.slice(usable);
    if (usable === 0) continue;
    const view = new DataView(samples.buffer, samples.byteOffset, usable);
    const frames = usable / (2 * format.channels);
    const buffer = context.createBuffer(format.channels, frames, format.sampleRate);
    for (let channel = 0; channel < format.channels; channel++) {
      const data = buffer.getChannelData(channel);
      for (let frame = 0; frame < frames; frame++) data[frame] = view.getInt16((frame * format.channels + channel) * 2, true) / 32768;
    }
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    startAt = Math.max(startAt, context.currentTime);
    source.start(startAt);
    startAt += buffer.duration;
    lastSource = source;
    if (!started) {
      started = true;
      record("speak-start", { firstAudioMs: Math.round(performance.now() - asked) });
    }
  }
  if (lastSource) await new Promise((resolve) => { lastSource.onended = resolve; });
  record("speak-end");
  await context.close();
  return new Blob(parts, { type: "audio/wav" });
}

function parseHeader(bytes) {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let offset = 12;
  let format = null;
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (id === "fmt " && offset + 24 <= bytes.length) {
      format = { channels: view.getUint16(offset + 10, true), sampleRate: view.getUint32(offset + 12, true) };
    }
    if (id === "data") return format ? { ...format, dataOffset: offset + 8 } : null;
    offset += 8 + size;
  }
  return null;
}

function concat(a, b) {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

// History in IndexedDB, newest first, oldest dropped past the size cap.
function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("ishowtts", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("clips", { keyPath: "at" });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function clips() {
  const db = await database();
  return new Promise((resolve) => {
    const request = db.transaction("clips").objectStore("clips").getAll();
    request.onsuccess = () => resolve(request.result.sort((a, b) => b.at - a.at));
    request.onerror = () => resolve([]);
  });
}

async function addToHistory(clip) {
  const db = await database();
  const store = db.transaction("clips", "readwrite").objectStore("clips");
  store.put(clip);
  await new Promise((resolve) => { store.transaction.oncomplete = resolve; });
  let total = 0;
  for (const old of await clips()) {
    total += old.wav.size;
    if (total > historyLimitBytes) db.transaction("clips", "readwrite").objectStore("clips").delete(old.at);
  }
  renderHistory();
}

async function renderHistory() {
  const list = document.getElementById("history");
  let items = [];
  try { items = await clips(); } catch (_) { /* private mode: no history */ }
  list.replaceChildren(...items.slice(0, 50).map((clip) => {
    const item = document.createElement("li");
    const text = document.createElement("span");
    text.className = "grow";
    text.textContent = clip.text;
    const voice = document.createElement("span");
    voice.className = "muted";
    voice.textContent = clip.voice;
    const url = URL.createObjectURL(clip.wav);
    const audio = document.createElement("audio");
    audio.src = url;
    audio.addEventListener("play", () => record("history-play", { at: clip.at }));
    const play = button(t("replay"), () => audio.play());
    const download = document.createElement("a");
    download.href = url;
    download.download = `ishowtts-${clip.at}.wav`;
    download.textContent = t("download");
    const copy = button(t("copy"), () => navigator.clipboard?.writeText(clip.text));
    item.append(text, voice, play, download, copy, audio);
    return item;
  }));
}
