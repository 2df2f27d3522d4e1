/// Order statistics for benchmark samples.
struct BenchStatistics: Codable, Sendable {
    let count: Int
    let median: Double
    let p95: Double
    let p99: Double
    let min: Double
    let max: Double

    /// Summarises `values` (nearest-rank percentiles); nil when there are none.
    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
        }
        count = sorted.count
        median = sorted.count.isMultiple(of: 2) ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
        p95 = percentile(95)
        p99 = percentile(99)
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}

/// One timed synthesis of one line.
struct BenchSample: Codable, Sendable {
    let text: String
    /// Seconds from the request to the first audio chunk.
    let firstAudio: Double
    /// Seconds to synthesise the whole line.
    let total: Double
    /// Seconds of audio produced.
    let audio: Double

    var realTimeFactor: Double { total / audio }

    enum CodingKeys: String, CodingKey {
        case text
        case firstAudio = "first_audio_s"
        case total = "total_s"
        case audio = "audio_s"
    }
}

/// The figures a benchmark reports for one implementation.
struct BenchSummary: Codable, Sendable {
    let implementation: String
    /// Time to first audio of the single-sentence lines.
    let firstAudioOneSentence: BenchStatistics?
    /// Real-time factor over all lines.
    let realTimeFactor: BenchStatistics?
    let samples: [BenchSample]

    init(implementation: String, samples: [BenchSample]) {
        self.implementation = implementation
        self.samples = samples
        let single = Set(BenchSentences.oneSentence)
        firstAudioOneSentence = BenchStatistics(samples.filter { single.contains($0.text) }.map(\.firstAudio))
        realTimeFactor = BenchStatistics(samples.map(\.realTimeFactor))
    }

    enum CodingKeys: String, CodingKey {
        case implementation, samples
        case firstAudioOneSentence = "first_audio_one_sentence_s"
        case realTimeFactor = "real_time_factor"
    }
}
