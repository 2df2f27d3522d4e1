/// The fixed chat-like lines every benchmark run speaks, so runs compare.
enum BenchSentences {
    /// Single-sentence chat lines: what time-to-first-audio is about.
    static let oneSentence = [
        "Hello chat, thanks for the follow!",
        "That was the cleanest clutch I have ever seen.",
        "Can you play the next song please?",
        "Welcome back everyone, grab a snack and get comfy.",
        "No way, he actually hit that shot!",
        "Thanks for the five gifted subs, you are amazing.",
    ]
    /// Longer messages of several sentences.
    static let multiSentence = [
        "What game are we playing next? I vote for something scary.",
        "Big thanks to everyone who raided in. Say hi in chat and enjoy the stream!",
        "I just got here. Did I miss the boss fight? Please tell me you saved the replay.",
        "The stream starts at eight tonight. We will try the new map first, then answer questions.",
    ]
    static let all = oneSentence + multiSentence
}
