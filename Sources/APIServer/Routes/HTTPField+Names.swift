import HTTPTypes

extension HTTPField.Name {
    // Both literals are valid header tokens, so the initializer cannot fail; no input reaches these.

    /// The voice a streamed response speaks with (the body is raw audio, so it travels as a header).
    static let voiceID = HTTPField.Name("X-Voice-Id")!
    /// The sample rate of a streamed response.
    static let sampleRate = HTTPField.Name("X-Sample-Rate")!
}
