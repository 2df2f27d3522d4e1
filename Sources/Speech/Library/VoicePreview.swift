import Foundation
public import SpeechCore

/// The short sample a voice says for `GET /api/voices/{id}/preview`, in its language where there is a sentence for it.
public enum VoicePreview {
    /// Sample sentences by primary language subtag; others use English.
    static let sentences = [
        "en": "Hi chat! This is %@, reading your messages tonight.",
        "zh": "大家好！我是%@，今晚为你朗读弹幕。",
    ]

    /// What `voice` (called `name`) says as its preview.
    public static func text(for voice: Voice, name: String) -> String {
        let sentence = sentences[primaryLanguage(voice.language)] ?? sentences["en", default: "%@"]
        return sentence.replacingOccurrences(of: "%@", with: name)
    }
}
