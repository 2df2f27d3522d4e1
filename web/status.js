// Status: health, engines and workers, live numbers (queue depth, the last item's render time) and a chart of the
// queue depth over the last minutes.
import { getJSON } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { onEvent } from "/ui/app.js";

const samples = [];
let lastRenderMilliseconds = null;
let lastRealTimeFactor = null;
let firstAudioMilliseconds = null;
let depth = 0;

export function startStatus() {
  onEvent((kind, event) => {
    if (kind === "rendered" && event.render_ms !== undefined) {
      lastRenderMilliseconds = event.render_ms;
      if (event.duration) lastRealTimeFactor = event.render_ms / 1000 / event.duration;
    }
    if (kind === "queued") depth += 1;
    if (kind === "speaking" || kind === "removed") depth = Math.max(0, depth - 1);
    if (kind === "cleared") depth = 0;
  });
  window.addEventListener("panel", (event) => {
    if (event.detail.type === "speak-start") firstAudioMilliseconds = event.detail.firstAudioMs;
  });
  refresh();
  setInterval(refresh, 5000);
}

async function refresh() {
  let health = null;
  try {
    health = await getJSON("/api/health");
    depth = (await getJSON("/api/queue")).items.length;
  } catch (_) { /* shown as unknown */ }
  samples.push(depth);
  if (samples.length > 120) samples.shift();
  const numbers = [
    [t("health"), health?.status ?? "?"],
    [t("queueDepth"), String(depth)],
    [t("lastRender"), lastRenderMilliseconds === null ? "–" : `${lastRenderMilliseconds} ms`],
    [t("realTimeFactor"), lastRealTimeFactor === null ? "–" : lastRealTimeFactor.toFixed(3)],
    [t("firstAudio"), firstAudioMilliseconds === null ? "–" : `${firstAudioMilliseconds} ms`],
  ];
  document.getElementById("status-numbers").replaceChildren(...numbers.map(([name, value]) => {
    const box = document.createElement("div");
    const term = document.createElement("dt");
    term.textContent = name;
    const detail = document.createElement("dd");
    detail.textContent = value;
    box.append(term, detail);
    return box;
  }));
  document.getElementById("status-engines").replaceChildren(...(health?.engines ?? []).map((engine) => {
    const item = document.createElement("li");
    item.textContent = `${engine.engine}: ${engine.status} (${engine.detail})`;
    return item;
  }));
  draw();
}

function draw() {
  const canvas = document.getElementById("status-chart");
  const context = canvas.getContext("2d");
  context.clearRect(0, 0, canvas.width, canvas.height);
  const peak = Math.max(5, ...samples);
  context.strokeStyle = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#6441a5";
  context.lineWidth = 2;
  context.beginPath();
  samples.forEach((value, index) => {
    const x = (index / 119) * canvas.width;
    const y = canvas.height - (value / peak) * (canvas.height - 10) - 5;
    if (index === 0) context.moveTo(x, y); else context.lineTo(x, y);
  });
  context.stroke();
}
