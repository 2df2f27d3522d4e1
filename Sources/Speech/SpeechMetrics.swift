public import CoreMetrics
import SpeechCore

/// What the speech service reports per engine and voice kind (`configured` or `library`): syntheses by outcome, time to
/// first audio, real-time factor.
///
/// Made from a `MetricsFactory` the host passes (the server's Prometheus registry); without one nothing is recorded.
public struct SpeechMetrics: Sendable {
    private let factory: (any MetricsFactory)?

    /// Metric names, as Prometheus shows them.
    public enum Name {
        /// Syntheses, by `engine`, `voice_kind` and `outcome` (`ok`, `failed`, `cancelled`).
        public static let syntheses = "ishowtts_syntheses_total"
        /// Seconds from admission to the first audio, by `engine` and `voice_kind`.
        public static let timeToFirstAudio = "ishowtts_time_to_first_audio_seconds"
        /// Synthesis time ÷ audio duration of each finished synthesis, by `engine` and `voice_kind`.
        public static let realTimeFactor = "ishowtts_real_time_factor"
    }

    /// Records into `factory`; `nil` records nothing.
    public init(factory: (any MetricsFactory)?) {
        self.factory = factory
    }

    /// What a metric is about: the engine, and whether the voice is from the configuration or the voice library.
    struct Subject {
        let engine: EngineID
        let configured: Bool

        var dimensions: [(String, String)] { [("engine", engine.rawValue), ("voice_kind", configured ? "configured" : "library")] }
    }

    func firstAudio(_ subject: Subject, after elapsed: Duration) {
        guard let factory else { return }
        Timer(label: Name.timeToFirstAudio, dimensions: subject.dimensions, factory: factory).recordSeconds(elapsed.seconds)
    }

    func finished(_ subject: Subject, outcome: Outcome, elapsed: Duration, audioSeconds: Double) {
        guard let factory else { return }
        Counter(label: Name.syntheses, dimensions: subject.dimensions + [("outcome", outcome.rawValue)], factory: factory).increment()
        guard outcome == .ok, audioSeconds > 0 else { return }
        Recorder(label: Name.realTimeFactor, dimensions: subject.dimensions, factory: factory).record(elapsed.seconds / audioSeconds)
    }

    /// How a synthesis ended.
    enum Outcome: String {
        case ok, failed, cancelled
    }
}
