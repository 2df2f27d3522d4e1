import ArgumentParser
import CompositionRoot
import Foundation

/// `ishowtts twitch login|logout`: sign the server in to Twitch for EventSub (the device flow: no browser on the
/// server), or forget the sign-in.
struct TwitchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twitch",
        abstract: "Sign in to Twitch (to read chat through EventSub) or sign out.",
        subcommands: [Login.self, Logout.self]
    )

    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a code to enter at twitch.tv/activate, and wait until it is entered.",
            discussion: "Needs [twitch] client_id (README: \"Twitch sign-in\"). The token is stored in the data directory's database."
        )

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await SignInCommand.login(platform: "Twitch", options: options) { $0.twitchSignIn }
        }
    }

    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget the stored Twitch sign-in.")

        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await SignInCommand.logout(platform: "Twitch", options: options) { $0.twitchSignIn }
        }
    }
}
