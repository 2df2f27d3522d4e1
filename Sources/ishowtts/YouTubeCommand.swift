import ArgumentParser
import CompositionRoot
import Foundation

/// `ishowtts youtube login|logout`: sign the server in to the streamer's YouTube channel (the device flow: no browser
/// on the server), or forget the sign-in.
struct YouTubeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "youtube",
        abstract: "Sign in to YouTube (to read your own broadcast's chat) or sign out.",
        subcommands: [Login.self, Logout.self]
    )

    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a code to enter at Google's sign-in page, and wait until it is entered.",
            discussion:
                "Needs [youtube] client_id and client_secret (README: \"YouTube chat\"). The token is stored in the data directory's database."
        )

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await SignInCommand.login(platform: "YouTube", options: options) { $0.youtubeSignIn }
        }
    }

    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget the stored YouTube sign-in.")

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await SignInCommand.logout(platform: "YouTube", options: options) { $0.youtubeSignIn }
        }
    }
}
