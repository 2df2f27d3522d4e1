import ArgumentParser
import AudioIO
import CompositionRoot
import Foundation
import Speech
import SpeechCore

/// `ishowtts say`: speaks one line into an audio file.
struct SayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "say",
        abstract: "Synthesize TEXT into an audio file.",
        discussion: "Example: ishowtts say \"Hello chat, thanks for the follow!\" -o hello.wav"
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The text to speak.")
    var text: String

    @Option(name: .shortAndLong, help: "Output file; its extension picks the format (wav, flac, mp3, opus, pcm). '-' writes WAV to stdout.")
    var output: String

    @Option(name: .long, help: "Voice id (default: the configured default voice).")
    var voice: String?

    @Option(help: "Speaking rate, 0.25–4 (1 is normal).")
    var speed: Double?

    @Option(
        help: "Output format, overriding the file extension: wav, flac, mp3, opus, pcm.",
        transform: { text in
            guard let format = AudioFormat(rawValue: text.lowercased()) else { throw ValidationError("unknown format '\(text)'") }
            return format
        }
    )
    var format: AudioFormat?

    func validate() throws {
        if output != "-", format == nil, outputFormat == nil {
            throw ValidationError("cannot tell the format of '\(output)'; use a .wav/.flac/.mp3/.opus/.pcm name or --format")
        }
    }

    private var outputFormat: AudioFormat? {
        format ?? (output == "-" ? .wav : AudioFormat.forFileExtension((output as NSString).pathExtension))
    }

    func run() async throws {
        let (configuration, logger) = try options.loadConfiguration()
        let (text, voice, speed) = (text, voice, speed)
        let outcome: PCMBuffer?
        do {
            outcome = try await options.withSpeechSystem(configuration: configuration, logger: logger) { system in
                let job = try system.speech.makeJob(text: text, voiceID: voice, options: SynthesisOptions(speed: speed))
                try await job.engine.waitUntilReady()  // only the engine that speaks: a Piper line need not wait for F5
                return try await system.speech.synthesizeAll(job)
            }
        } catch let error as SynthesisError {
            printError(error.message)
            throw ExitCode(1)
        }
        guard let audio = outcome else { exitInterrupted() }
        let data = try AudioEncoder.encode(audio, as: outputFormat ?? .wav)
        if output == "-" {
            FileHandle.standardOutput.write(data)
        } else {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            printError(String(format: "wrote %@ (%.2f s of audio)", output, audio.duration))
        }
    }
}

extension AudioFormat {
    /// The format a file name's extension implies (`ogg` counts as Opus).
    static func forFileExtension(_ fileExtension: String) -> AudioFormat? {
        let lowered = fileExtension.lowercased()
        return lowered == "ogg" ? .opus : allCases.first { $0.fileExtension == lowered }
    }
}
