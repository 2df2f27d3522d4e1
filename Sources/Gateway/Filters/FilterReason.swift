/// Why a chat message was not queued (or left the queue unspoken); events and history carry it.
public enum FilterReason: String, Sendable, Codable, CaseIterable {
    case ignoredUser = "ignored_user"
    case command
    case moderatorCommand = "moderator_command"
    case voiceCommand = "voice_command"
    case notReward = "not_reward"
    case noKeyword = "no_keyword"
    case notAllowed = "not_allowed"
    case notEnoughBits = "not_enough_bits"
    case link
    case bannedWord = "banned_word"
    case emoteOnly = "emote_only"
    case tooShort = "too_short"
    case duplicate
    case duplicateID = "duplicate_id"
    case cooldown
    case noticeNotSpoken = "notice_not_spoken"
    /// The queue is past ``GatewayRules/priorityOnlyAbove`` and the message is neither paid nor from a moderator.
    case backlog
    /// The queue is full and nothing of a lower lane could make room.
    case queueFull = "queue_full"
    /// A message of a higher lane took its place in a full queue.
    case displaced
    /// Deleted by a moderator (CLEARMSG), or its user was timed out or banned.
    case moderated
    /// Written in a language no voice speaks (and `unspoken_language` is `skip`).
    case noVoiceForLanguage = "no_voice_for_language"
    /// Synthesis failed.
    case synthesisFailed = "synthesis_failed"
}
