import Speech

/// Which voice an OpenAI `voice` name means here: a voice id as is, a configured alias, or one of OpenAI's own
/// names, which clients send by default and which then speak with the default voice.
struct OpenAIVoiceNames: Sendable {
    /// OpenAI's voice names, as its clients offer them.
    static let standard = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"]

    /// `alias → voice id` from the configuration (`[api] openai_voices`).
    let aliases: [String: String]

    /// The voice id to ask the catalog for; `nil` means the default voice.
    func voiceID(for name: String?, in catalog: VoiceCatalog) -> String? {
        guard let name, !name.isEmpty else { return nil }
        if (try? catalog.require(name)) != nil { return name }
        if let target = aliases[name] ?? aliases[name.lowercased()] { return target }
        return Self.standard.contains(name.lowercased()) ? nil : name
    }
}
