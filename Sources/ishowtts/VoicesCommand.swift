import ArgumentParser
import CompositionRoot
import Foundation
import Settings
import SpeechCore

/// `ishowtts voices`: lists the configured voices.
struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "voices", abstract: "List the voices the configuration provides.")

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let (configuration, logger) = try options.loadConfiguration()
        let engines: [any TTSEngine]
        do {
            engines = try await buildEngines(configuration: configuration, logger: logger)
        } catch {
            printError("cannot load voices: \(error.message)")
            throw ExitCode(2)
        }
        var voices: [Voice] = []
        for engine in engines { voices += await engine.voices() }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(voices), as: UTF8.self))
            return
        }
        let rows = voices.map { voice in
            [voice.id + (voice.id == configuration.defaultVoice ? " *" : ""), voice.engine.rawValue, voice.language, "\(voice.sampleRate) Hz"]
        }
        printTable(header: ["VOICE", "ENGINE", "LANGUAGE", "RATE"], rows: rows)
        print("(* default voice)")
    }

    private func printTable(header: [String], rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
    }
}
