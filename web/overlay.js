// The OBS overlay: plays the server's playback timeline (GET /api/events, `speaking` items) one item at a time, in the
// order the server announces them, with a caption while each plays; stops at once on skip, removal or clear.
// A reconnect opens a fresh stream (no Last-Event-ID), so items spoken while it was away are never replayed.
//
// URL parameters: key (a player key), volume (0..1), captions (on|off), position (bottom, top, bottom-left,
// bottom-right, top-left, top-right, center), size (caption font size in px), font (a CSS font family),
// width (caption width in % of the page), max_caption_s (longest a caption stays).

const params = new URLSearchParams(location.search);
const settings = {
  key: params.get("key") ?? "",
  volume: clamp(Number(params.get("volume") ?? 1), 0, 1, 1),
  captions: !["off", "0", "false", "no"].includes((params.get("captions") ?? "on").toLowerCase()),
  position: params.get("position") ?? "bottom",
  size: clamp(Number(params.get("size") ?? 32), 8, 200, 32),
  font: params.get("font"),
  width: clamp(Number(params.get("width") ?? 80), 10, 100, 80),
  maxCaptionSeconds: clamp(Number(params.get("max_caption_s") ?? 15), 1, 600, 15),
};

const caption = document.getElementById("caption");
const player = document.getElementById("player");
player.volume = settings.volume;
caption.classList.add(`pos-${settings.position.replace(/[^a-z-]/g, "")}`);
document.documentElement.style.setProperty("--caption-size", `${settings.size}px`);
document.documentElement.style.setProperty("--caption-width", `${settings.width}vw`);
if (settings.font) document.documentElement.style.setProperty("--caption-font", settings.font);

/** What the page did, for anyone watching (tests read it; nothing is sent anywhere). */
window.overlayLog = [];
function record(type, id, extra = {}) {
  const entry = { type, id, at: performance.now(), ...extra };
  window.overlayLog.push(entry);
  window.dispatchEvent(new CustomEvent("overlay-playback", { detail: entry }));
}

const pending = [];
let current = null;
let captionTimer = null;

function withKey(path) {
  if (!settings.key) return path;
  return `${path}${path.includes("?") ? "&" : "?"}key=${encodeURIComponent(settings.key)}`;
}

function showCaption(item) {
  if (!settings.captions || !item) return;
  const name = caption.querySelector(".name");
  name.textContent = item.display_name || item.user || "";
  name.style.color = item.color || "#9ad0ff";
  caption.querySelector(".text").textContent = item.text ?? "";
  caption.hidden = false;
  clearTimeout(captionTimer);
  captionTimer = setTimeout(hideCaption, settings.maxCaptionSeconds * 1000);
}

function hideCaption() {
  clearTimeout(captionTimer);
  caption.hidden = true;
}

function playNext() {
  if (current || pending.length === 0) return;
  current = pending.shift();
  const id = current.item?.id;
  player.src = withKey(current.audio_url);
  showCaption(current.item);
  const shown = caption.hidden ? {} : {
    name: caption.querySelector(".name").textContent,
    text: caption.querySelector(".text").textContent,
    color: caption.querySelector(".name").style.color,
  };
  record("start", id, shown);
  player.play().catch((error) => {
    record("error", id);
    console.warn("overlay: cannot play", id, error?.name);
    finish(id);
  });
}

function finish(id) {
  if (!current || current.item?.id !== id) return;
  current = null;
  hideCaption();
  playNext();
}

player.addEventListener("ended", () => {
  const id = current?.item?.id;
  record("end", id);
  finish(id);
});

/** Stops the item `id` (or whatever plays, for `null`) at once. */
function stop(id) {
  if (current && (id === null || current.item?.id === id)) {
    const stopped = current.item?.id;
    player.pause();
    player.removeAttribute("src");
    player.load();
    record("stop", stopped);
    current = null;
    hideCaption();
  }
  if (id === null) pending.length = 0;
  else {
    const index = pending.findIndex((event) => event.item?.id === id);
    if (index >= 0) pending.splice(index, 1);
  }
  playNext();
}

const handlers = {
  speaking(event) {
    if (!event.audio_url) return;
    pending.push(event);
    playNext();
  },
  skipped(event) { stop(event.item?.id ?? null); },
  removed(event) { if (event.item?.id) stop(event.item.id); },
  cleared() { stop(null); },
};

let source = null;
let retryDelay = 1000;

function connect() {
  source = new EventSource(withKey("/api/events"));
  source.addEventListener("open", () => {
    retryDelay = 1000;
    record("connected", null);
  });
  for (const [kind, handle] of Object.entries(handlers)) {
    source.addEventListener(kind, (message) => {
      try {
        handle(JSON.parse(message.data));
      } catch (error) {
        console.warn("overlay: unreadable event", kind);
      }
    });
  }
  source.addEventListener("error", () => {
    // The browser would reconnect with Last-Event-ID and replay missed items: reconnect fresh instead, with backoff.
    source.close();
    record("disconnected", null);
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  });
}

function clamp(value, low, high, fallback) {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : fallback;
}

connect();
