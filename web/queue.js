// Queue: what speaks now and what waits, live from the event stream; pause, resume, skip, clear, remove one.
import { call, getJSON } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { onEvent, record, showError } from "/ui/app.js";

const refreshing = new Set(["queued", "speaking", "finished", "skipped", "removed", "cleared", "paused", "resumed", "failed", "resync"]);

// The item speaking now and when it started, for its progress bar.
let speaking = null;

export function startQueue() {
  onEvent((kind, event) => {
    if (kind === "speaking" && event.item) speaking = { id: event.item.id, started: performance.now(), seconds: event.duration ?? 0 };
    if (["finished", "skipped", "cleared"].includes(kind) || (kind === "removed" && event.item?.id === speaking?.id)) speaking = null;
  });
  setInterval(showProgress, 250);
  for (const [id, path] of [["queue-pause", "pause"], ["queue-resume", "resume"], ["queue-skip", "skip"], ["queue-clear", "clear"]]) {
    document.getElementById(id).addEventListener("click", () => act(`/api/queue/${path}`, "POST"));
  }
  onEvent((kind) => { if (refreshing.has(kind)) refresh(); });
  window.addEventListener("languagechange-panel", refresh);
}

async function act(path, method) {
  try {
    await call(path, { method });
    showError(null);
  } catch (error) {
    showError(error);
  }
  refresh();
}

let loading = false;
let stale = false;
/** Reloads the queue; events arriving during a load make one more load after it, never a lost update. */
async function refresh() {
  if (loading) {
    stale = true;
    return;
  }
  loading = true;
  do {
    stale = false;
    try {
      render(await getJSON("/api/queue"));
    } catch (error) {
      showError(error);
    }
  } while (stale);
  loading = false;
}

function render(snapshot) {
  document.getElementById("queue-state").textContent = snapshot.paused ? t("paused") : t("live");
  const current = document.getElementById("queue-current");
  current.replaceChildren(snapshot.speaking ? line(snapshot.speaking) : text(t("nothing")));
  if (snapshot.speaking) {
    const bar = document.createElement("progress");
    bar.id = "queue-progress";
    bar.max = 1;
    current.append(bar);
    showProgress();
  }
  const items = (snapshot.items ?? []).map((entry) => entry.item ?? entry);
  document.getElementById("queue-items").replaceChildren(...items.map((item) => {
    const row = document.createElement("li");
    row.dataset.id = item.id;
    const remove = document.createElement("button");
    remove.textContent = t("remove");
    remove.addEventListener("click", () => act(`/api/queue/${encodeURIComponent(item.id)}`, "DELETE"));
    row.append(...line(item).childNodes, remove);
    return row;
  }));
  record("queue", { paused: snapshot.paused, items: items.map((item) => item.id), speaking: snapshot.speaking?.id ?? null });
}

function showProgress() {
  const bar = document.getElementById("queue-progress");
  if (!bar || !speaking || speaking.seconds <= 0) return;
  bar.value = Math.min(1, (performance.now() - speaking.started) / 1000 / speaking.seconds);
}

function line(item) {
  const box = document.createElement("span");
  box.className = "grow";
  const name = document.createElement("strong");
  name.textContent = `${item.display_name ?? item.user}: `;
  if (item.color) name.style.color = item.color;
  box.append(name, item.text ?? "");
  if (item.voice) {
    const voice = document.createElement("span");
    voice.className = "muted";
    voice.textContent = ` · ${item.voice}`;
    box.append(voice);
  }
  const wrapper = document.createElement("div");
  wrapper.append(box);
  return wrapper;
}

function text(words) {
  const span = document.createElement("span");
  span.className = "muted";
  span.textContent = words;
  return span;
}
