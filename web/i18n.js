// The panel's words in English and Simplified Chinese; the choice is remembered in this browser.
const strings = {
  en: {
    title: "iShowTTS control panel", speak: "Speak", queue: "Queue", voices: "Voices", chat: "Chat", settings: "Settings", status: "Status",
    text: "Text", voice: "Voice", play: "Speak", history: "History", replay: "Play", download: "Download", copy: "Copy text",
    nowSpeaking: "Now speaking", upcoming: "Upcoming", nothing: "Nothing", pause: "Pause", resume: "Resume", skip: "Skip", clear: "Clear",
    remove: "Remove", paused: "Paused", live: "Live", connect: "Connect", disconnect: "Disconnect", channel: "Channel or stream",
    stream: "YouTube stream", chatLog: "Chat log", spoken: "queued", filtered: "filtered", banWord: "Ban word", ignoreUser: "Ignore user",
    giveVoice: "Give voice", language: "Language", engine: "Engine", preview: "Preview", delete: "Delete", models: "Install by name",
    install: "Install", installed: "Installed", health: "Health", queueDepth: "Queue depth", lastRender: "Last render", save: "Save",
    saved: "Saved", apiKey: "API key", apiKeyPrompt: "This server needs an API key.", ok: "OK", theme: "Theme", reconnecting: "Reconnecting…",
    template: "Spoken line", bannedWords: "Banned words (one per line)", ignoredUsers: "Ignored users (one per line)", cooldown: "Per-user cooldown (s)",
    maxCharacters: "Longest message (characters)", unspokenLanguage: "Language no voice speaks", licenseAccept: "Install under this licence?",
    sources: "Sources", engines: "Engines", cloneFromFile: "Clone a voice", transcript: "Transcript (what is said)", consent: "I have the speaker's consent",
    name: "Name", clip: "Clip (5–12 s)", record: "Record", stopRecording: "Stop", recording: "Recording…", recorded: "Recorded",
    clone: "Clone", cloned: "Cloned", edit: "Edit", override: "New reference", restore: "Restore reference",
    cloneFromFileTitle: "Clone a voice", platform: "Platform", signInTwitch: "Sign in to Twitch", signInYouTube: "Sign in to YouTube",
    enterCode: "Enter this code at", signedIn: "Signed in as",
    spokenLines: "What is said", actionTemplate: "/me line", whoAndWhen: "Who and when", whoMaySpeak: "Who may be spoken",
    duplicateWindow: "Same text again within (s)", priorityOnlyAbove: "Only paid and moderators above", dropNamesAbove: "Leave names out above",
    search: "Search", realTimeFactor: "Last real-time factor", firstAudio: "First audio (panel)",
    queueCapacity: "Queue capacity", filters: "Filters", userVoices: "Voice per user (login = voice)", languageVoices: "Voice per language (zh = voice)",
  },
  zh: {
    title: "iShowTTS 控制面板", speak: "朗读", queue: "队列", voices: "声音", chat: "弹幕", settings: "设置", status: "状态",
    text: "文本", voice: "声音", play: "朗读", history: "历史", replay: "播放", download: "下载", copy: "复制文本",
    nowSpeaking: "正在朗读", upcoming: "即将朗读", nothing: "无", pause: "暂停", resume: "继续", skip: "跳过", clear: "清空",
    remove: "移除", paused: "已暂停", live: "进行中", connect: "连接", disconnect: "断开", channel: "频道或直播",
    stream: "YouTube 直播", chatLog: "弹幕记录", spoken: "已排队", filtered: "已过滤", banWord: "屏蔽词", ignoreUser: "忽略用户",
    giveVoice: "指定声音", language: "语言", engine: "引擎", preview: "试听", delete: "删除", models: "按名称安装",
    install: "安装", installed: "已安装", health: "健康", queueDepth: "队列长度", lastRender: "最近合成", save: "保存",
    saved: "已保存", apiKey: "API 密钥", apiKeyPrompt: "此服务器需要 API 密钥。", ok: "确定", theme: "主题", reconnecting: "正在重新连接…",
    template: "朗读模板", bannedWords: "屏蔽词（每行一个）", ignoredUsers: "忽略的用户（每行一个）", cooldown: "每位用户冷却（秒）",
    maxCharacters: "最长消息（字符）", unspokenLanguage: "无声音可读的语言", licenseAccept: "按此许可安装？",
    sources: "来源", engines: "引擎", cloneFromFile: "克隆声音", transcript: "文字稿（音频内容）", consent: "我已获得说话人同意",
    name: "名称", clip: "音频（5–12 秒）", record: "录音", stopRecording: "停止", recording: "录音中…", recorded: "已录音",
    clone: "克隆", cloned: "已克隆", edit: "编辑", override: "新参考音频", restore: "恢复参考",
    cloneFromFileTitle: "克隆声音", platform: "平台", signInTwitch: "登录 Twitch", signInYouTube: "登录 YouTube",
    enterCode: "请在此输入代码：", signedIn: "已登录：",
    spokenLines: "朗读内容", actionTemplate: "/me 模板", whoAndWhen: "对象与频率", whoMaySpeak: "可朗读的用户",
    duplicateWindow: "重复文本间隔（秒）", priorityOnlyAbove: "超过此数只读付费和管理员", dropNamesAbove: "超过此数不读用户名",
    search: "搜索", realTimeFactor: "最近实时率", firstAudio: "首段音频（面板）",
    queueCapacity: "队列容量", filters: "过滤", userVoices: "每位用户的声音（用户名 = 声音）", languageVoices: "每种语言的声音（zh = 声音）",
  },
};

export let language = localStorage.getItem("ishowtts.language") ?? (navigator.language.startsWith("zh") ? "zh" : "en");

/** The word for `key` in the chosen language. */
export function t(key) {
  return strings[language]?.[key] ?? strings.en[key] ?? key;
}

/** Switches the language, remembers it, and relabels every `data-i18n` element. */
export function setLanguage(next) {
  language = strings[next] ? next : "en";
  localStorage.setItem("ishowtts.language", language);
  document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  document.title = t("title");
}
