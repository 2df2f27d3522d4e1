import ArgumentParser

/// The `ishowtts` command: serve the API, speak a line, list voices.
@main
struct IShowTTSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ishowtts",
        abstract: "Local, low-latency text-to-speech server for livestreamers.",
        discussion: """
            Without --config, built-in defaults are used (the Piper voice 'joe' from models/piper, \
            listening on 127.0.0.1:27121). Every setting can be overridden with ISHOWTTS__SECTION__KEY \
            environment variables; see config/ishowtts.example.toml.
            """,
        subcommands: [
            ServeCommand.self, SayCommand.self, VoicesCommand.self, BenchCommand.self, ChatBenchCommand.self, DoctorCommand.self, TwitchCommand.self,
            YouTubeCommand.self, ModelsCommand.self,
        ],
        defaultSubcommand: nil
    )
}
