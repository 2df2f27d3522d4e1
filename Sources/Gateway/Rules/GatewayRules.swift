public import TextPrep

/// Which chatters may be read aloud.
public enum SpeakerPermission: String, Sendable, Codable, CaseIterable {
    case everyone
    /// Subscribers, VIPs, moderators and the broadcaster.
    case subscribers
    /// VIPs, moderators and the broadcaster.
    case vips
    /// Moderators and the broadcaster.
    case moderators
}

/// What to do with a link in a message.
public enum LinkPolicy: String, Sendable, Codable, CaseIterable {
    /// Drop the whole message.
    case drop
    /// Speak the message with each link replaced by ``GatewayRules/linkReplacement``.
    case replace
}

/// How chat users get their voice.
public enum UserVoicePolicy: String, Sendable, Codable, CaseIterable {
    /// Everyone speaks with the default voice (or their mapped one).
    case fixed
    /// Each user gets a voice from ``GatewayRules/chatVoices``, always the same one for the same user id.
    case hashed
}

/// Everything a streamer tunes about which chat is spoken and how: the `[gateway]` section, overridable at run time
/// through `PUT /api/gateway/settings` (saved in the database).
public struct GatewayRules: Sendable, Codable, Equatable {
    // MARK: Who and what is dropped
    /// Logins never spoken (compared case-insensitively); the common bots by default.
    public var ignoredUsers: [String] = ["nightbot", "streamelements", "streamlabs", "moobot", "fossabot", "wizebot", "soundalerts"]
    /// Messages starting with this are bot commands and are not spoken (empty: none are).
    public var commandPrefix: String = "!"
    /// What links do to a message.
    public var links: LinkPolicy = .replace
    /// The word a link is spoken as under ``LinkPolicy/replace``.
    public var linkReplacement: String = "link"
    /// Words that drop a message when they appear as whole words, in the text or the display name (case-insensitive).
    public var bannedWords: [String] = []
    /// Regular expressions that drop a message when they match the text or the display name (case-insensitive).
    public var bannedPatterns: [String] = []
    /// Drop messages made only of emotes and emoji.
    public var dropEmoteOnly: Bool = true
    /// Shortest message spoken, in characters (after cleaning).
    public var minCharacters: Int = 1
    /// Longer messages are cut to this many characters (at a grapheme boundary).
    public var maxCharacters: Int = 200
    /// Runs of one character longer than this are shortened to it (`loooool` → `lool`).
    public var maxRepeatedCharacters: Int = 3
    /// Runs of one word longer than this are shortened to it.
    public var maxRepeatedWords: Int = 2
    /// The same text from anyone within this many seconds is spam (0: off).
    public var duplicateWindowSeconds: Double = 30
    /// A user is spoken at most once per this many seconds (0: off).
    public var userCooldownSeconds: Double = 0
    /// Who may be spoken.
    public var whoMaySpeak: SpeakerPermission = .everyone
    /// When above 0, only messages with at least this many bits are spoken (moderators and the broadcaster excepted).
    public var minimumBits: Int = 0
    /// When set, only messages starting with it are spoken, without it (`!say hello` → `hello`).
    public var keyword: String? = nil
    /// When set, only channel-point redemptions of this reward id are spoken.
    public var onlyRewardID: String? = nil

    // MARK: How it is spoken
    /// Chat abbreviations spoken as their expansion (`gg` → "good game"), whole words, case-insensitive.
    public var abbreviations: [String: String] = SpeechNormalizer.defaultAbbreviations
    /// Words spoken differently (a streamer's name, a game's), whole words, case-insensitive.
    public var pronunciations: [String: String] = [:]
    /// Emoji are dropped, or read by name.
    public var emoji: SpeechNormalizer.EmojiHandling = .drop
    /// The spoken line; `{user}` and `{message}` are replaced.
    public var template: String = "{user} says {message}"
    /// The spoken line of a `/me` action.
    public var actionTemplate: String = "{user} {message}"
    /// The spoken line of a message in a language (primary subtag → template, `{ zh = "{user}说：{message}" }`), so a
    /// voice of that language does not read the English one.
    public var languageTemplates: [String: String] = [:]
    /// Spoken lines of platform notices by kind (`ChatNoticeKind`: `sub`, `resub`, `subgift`, `raid`, `announcement`,
    /// `superchat`, `supersticker`, `member`, `member_milestone`, `member_gift`, `redemption`); `{user}`, `{message}` and
    /// the notice's details (`{months}`, `{viewers}`, `{recipient}`, `{amount}`, `{count}`, `{level}`, `{reward}`) are
    /// replaced. A kind without a template (`redemption` by default) is not spoken.
    public var noticeTemplates: [String: String] = [
        "sub": "{user} just subscribed! {message}",
        "resub": "{user} resubscribed for {months} months! {message}",
        "subgift": "{user} gifted a sub to {recipient}!",
        "raid": "{user} is raiding with {viewers} viewers!",
        "announcement": "Announcement from {user}: {message}",
        "superchat": "{user} sent {amount}! {message}",
        "supersticker": "{user} sent a {amount} Super Sticker!",
        "member": "{user} just became a member!",
        "member_milestone": "{user} has been a member for {months} months! {message}",
        "member_gift": "{user} gifted {count} memberships!",
    ]
    /// Above this many queued items, names are left out of the spoken line.
    public var dropNamesAbove: Int = 10
    /// Above this many queued items, only paid and moderator messages are accepted.
    public var priorityOnlyAbove: Int = 50
    /// Voice for chat unless a user has their own (`nil`: the server's default voice).
    public var defaultVoice: String? = nil
    /// How users without a mapped voice get one.
    public var userVoicePolicy: UserVoicePolicy = .fixed
    /// The voices chat may use (by ``UserVoicePolicy/hashed`` and `!voice`); cloned voices only if listed.
    public var chatVoices: [String] = []
    /// Explicit user → voice choices, by login.
    public var userVoices: [String: String] = [:]
    /// The voice for chat in a language (primary subtag → voice id, `{ zh = "huayan" }`), used when the user's own
    /// voice does not speak the language of their message.
    public var languageVoices: [String: String] = [:]
    /// The language plain Latin letters are taken for (a primary subtag): which Latin language a message is in
    /// cannot be told from its letters alone unless they include ones like `ñ` or `ß`.
    public var latinLanguage: String = "en"
    /// What a message in a language no voice speaks does.
    public var unspokenLanguage: UnspokenLanguagePolicy = .skip
    /// Let chatters pick a voice from ``chatVoices`` with `!voice <id>`.
    public var allowVoiceCommand: Bool = false
    /// Chat commands of moderators and the broadcaster: `<prefix> skip|clear|pause|resume`.
    public var moderatorCommand: String = "!tts"

    // MARK: Queue
    /// Most items waiting in the queue.
    public var queueCapacity: Int = 100

    /// The built-in rules.
    public init() {}

    /// JSON and TOML names of the fields (`snake_case`); spelled out so that map keys (logins) are never converted.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case abbreviations
        case pronunciations
        case emoji
        case ignoredUsers = "ignored_users"
        case commandPrefix = "command_prefix"
        case links = "links"
        case linkReplacement = "link_replacement"
        case bannedWords = "banned_words"
        case bannedPatterns = "banned_patterns"
        case dropEmoteOnly = "drop_emote_only"
        case minCharacters = "min_characters"
        case maxCharacters = "max_characters"
        case maxRepeatedCharacters = "max_repeated_characters"
        case maxRepeatedWords = "max_repeated_words"
        case duplicateWindowSeconds = "duplicate_window_seconds"
        case userCooldownSeconds = "user_cooldown_seconds"
        case whoMaySpeak = "who_may_speak"
        case minimumBits = "minimum_bits"
        case keyword = "keyword"
        case onlyRewardID = "only_reward_id"
        case template = "template"
        case actionTemplate = "action_template"
        case languageTemplates = "language_templates"
        case noticeTemplates = "notice_templates"
        case dropNamesAbove = "drop_names_above"
        case priorityOnlyAbove = "priority_only_above"
        case defaultVoice = "default_voice"
        case userVoicePolicy = "user_voice_policy"
        case chatVoices = "chat_voices"
        case userVoices = "user_voices"
        case languageVoices = "language_voices"
        case latinLanguage = "latin_language"
        case unspokenLanguage = "unspoken_language"
        case allowVoiceCommand = "allow_voice_command"
        case moderatorCommand = "moderator_command"
        case queueCapacity = "queue_capacity"
    }
}
