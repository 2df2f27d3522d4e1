// Chat: start and stop a Twitch channel, the sources' states, and a live log of what came in, what was queued and why
// the rest was filtered, with one-click rules for the streamer.
import { call, getJSON } from "/ui/api.js";
import { t } from "/ui/i18n.js";
import { onEvent, showError } from "/ui/app.js";
import { button } from "/ui/dom.js";

const logLimit = 200;

export function startChat() {
  document.getElementById("chat-start").addEventListener("submit", (event) => {
    event.preventDefault();
    control("start");
  });
  document.getElementById("chat-stop").addEventListener("click", () => control("stop"));
  document.getElementById("sign-in-twitch").addEventListener("click", () => signIn("twitch"));
  document.getElementById("sign-in-youtube").addEventListener("click", () => signIn("youtube"));
  onEvent((kind, event) => {
    if (kind === "queued" || kind === "filtered") log(kind, event);
    if (kind === "source_state" || kind === "resync") sources();
  });
}

async function control(action) {
  const channel = document.getElementById("chat-channel").value.trim();
  if (!channel) return;
  try {
    const platform = document.getElementById("chat-platform").value;
    await call(`/api/danmaku/${action}`, { method: "POST", json: { platform, channel } });
    showError(null);
  } catch (error) {
    showError(error);
  }
  sources();
}

async function sources() {
  try {
    const body = await getJSON("/api/sources");
    const list = document.getElementById("chat-sources");
    const lines = (body.sources ?? []).map((source) =>
      `${source.platform}${source.channel ? " " + source.channel : ""}: ${source.state}${source.detail ? " (" + source.detail + ")" : ""}`);
    for (const channel of body.twitch_channels ?? []) lines.push(`twitch #${channel}`);
    for (const stream of body.youtube?.streams ?? []) lines.push(`youtube ${stream.video_id ?? stream.stream ?? ""}: ${stream.state ?? ""}${stream.detail ? " (" + stream.detail + ")" : ""}`);
    list.replaceChildren(...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
  } catch (error) {
    showError(error);
  }
}

/** The device sign-in: shows the code to enter and where, then follows it until it is done. */
async function signIn(provider) {
  const state = document.getElementById("sign-in-state");
  try {
    let status = await (await call(`/api/auth/${provider}`, { method: "POST" })).json();
    while (status.status === "pending") {
      state.textContent = `${t("enterCode")} ${status.verification_uri}: ${status.user_code}`;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      status = await getJSON(`/api/auth/${provider}`);
    }
    state.textContent = status.status === "signed_in" ? `${t("signedIn")} ${status.account}` : `${status.status}${status.detail ? ": " + status.detail : ""}`;
    showError(null);
  } catch (error) {
    state.textContent = "";
    showError(error);
  }
}

function log(kind, event) {
  const item = event.item ?? {};
  const row = document.createElement("li");
  row.className = kind;
  const what = document.createElement("span");
  what.className = "grow";
  const name = document.createElement("strong");
  name.textContent = `${item.display_name ?? item.user ?? "?"}: `;
  if (item.color) name.style.color = item.color;
  const decision = document.createElement("span");
  decision.className = "badge";
  decision.textContent = kind === "queued" ? `${t("spoken")}${item.voice ? " · " + item.voice : ""}` : `${t("filtered")}: ${event.reason ?? ""}`;
  what.append(name, item.text ?? "", " ", decision);
  row.append(what,
    button(t("banWord"), () => {
      const word = prompt(t("banWord"), (item.text ?? "").split(/\s+/)[0] ?? "");
      if (word) addToList("banned_words", word);
    }),
    button(t("ignoreUser"), () => addToList("ignored_users", item.user)),
    button(t("giveVoice"), () => {
      const voice = prompt(`${t("giveVoice")}: ${item.user}`);
      if (voice) setUserVoice(item.user, voice);
    }));
  const list = document.getElementById("chat-log");
  list.prepend(row);
  while (list.children.length > logLimit) list.lastElementChild.remove();
}


async function addToList(field, value) {
  if (!value) return;
  try {
    const settings = (await getJSON("/api/gateway/settings")).settings ?? {};
    const list = new Set(settings[field] ?? []);
    list.add(value);
    await call("/api/gateway/settings", { method: "PUT", json: { [field]: [...list] } });
    showError(null);
  } catch (error) {
    showError(error);
  }
}

async function setUserVoice(login, voice) {
  try {
    const settings = (await getJSON("/api/gateway/settings")).settings ?? {};
    await call("/api/gateway/settings", { method: "PUT", json: { user_voices: { ...(settings.user_voices ?? {}), [login]: voice } } });
    showError(null);
  } catch (error) {
    showError(error);
  }
}
