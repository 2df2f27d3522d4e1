import Foundation

/// The printed table and the JSON file of one benchmark run.
struct BenchReport: Codable {
    let summaries: [BenchSummary]
    let machine: MachineDescription
    let runs: Int

    /// A table of medians and p95s, with each other implementation's ratio to the first (>1: the first is faster).
    var text: String {
        var lines = ["machine: \(machine.cpu), \(machine.cores) cores; \(runs) timed runs of \(BenchSentences.all.count) lines", ""]
        let header = ["implementation", "first audio median", "first audio p95", "RTF median", "RTF p95"]
        var rows = summaries.map { summary in
            [
                summary.implementation,
                Self.milliseconds(summary.firstAudioOneSentence?.median), Self.milliseconds(summary.firstAudioOneSentence?.p95),
                Self.decimal(summary.realTimeFactor?.median), Self.decimal(summary.realTimeFactor?.p95),
            ]
        }
        if let ours = summaries.first {
            for other in summaries.dropFirst() {
                rows.append([
                    "ratio \(other.implementation) / ours",
                    Self.ratio(other.firstAudioOneSentence?.median, ours.firstAudioOneSentence?.median),
                    Self.ratio(other.firstAudioOneSentence?.p95, ours.firstAudioOneSentence?.p95),
                    Self.ratio(other.realTimeFactor?.median, ours.realTimeFactor?.median),
                    Self.ratio(other.realTimeFactor?.p95, ours.realTimeFactor?.p95),
                ])
            }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        lines.append("(first audio: single-sentence lines; RTF: synthesis seconds / audio seconds over all lines)")
        return lines.joined(separator: "\n")
    }

    /// Writes the report as pretty JSON, creating the folder.
    func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url)
    }

    private static func milliseconds(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f ms", $0 * 1000) } ?? "-" }
    private static func decimal(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "-" }
    private static func ratio(_ numerator: Double?, _ denominator: Double?) -> String {
        guard let numerator, let denominator, denominator > 0 else { return "-" }
        return String(format: "%.2f×", numerator / denominator)
    }
}

/// What the benchmark ran on.
struct MachineDescription: Codable {
    let cpu: String
    let cores: Int

    static var current: MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        return MachineDescription(cpu: model ?? "unknown CPU", cores: ProcessInfo.processInfo.activeProcessorCount)
    }
}
