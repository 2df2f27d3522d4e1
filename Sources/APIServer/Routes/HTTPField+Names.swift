import HTTPTypes

extension HTTPField.Name {
    // Every literal are valid header tokens, so the initializer cannot fail; no input reaches these.

    /// The voice a streamed response speaks with (the body is raw audio, so it travels as a header).
    static let voiceID = HTTPField.Name("X-Voice-Id")!
    /// The sample rate of a streamed response.
    static let sampleRate = HTTPField.Name("X-Sample-Rate")!
    /// Why `POST /api/danmaku/enqueue` did not queue a message (its 204 has no body).
    static let filterReason = HTTPField.Name("X-Filter-Reason")!
    /// Which reference clip `GET /api/voices/{id}/reference/audio` sent (`baseline` or `override`), as the original does.
    static let voiceReferenceSource = HTTPField.Name("X-Voice-Reference-Source")!
    /// The last Server-Sent Event a reconnecting client saw.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}
