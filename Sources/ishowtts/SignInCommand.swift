import ArgumentParser
import ChatSources
import CompositionRoot
import Foundation

/// The login and logout steps every platform's sign-in command shares.
enum SignInCommand {
    /// Prints the code and the address, waits for the streamer, and says whose account it is; exit 1 on failure.
    static func login(platform: String, options: CommonOptions, signIn select: (ChatSystem) -> DeviceSignIn?) async throws {
        let signIn = try open(platform: platform, options: options, select)
        let prompt: DeviceCodePrompt
        do {
            prompt = try await signIn.begin()
        } catch {
            printError("cannot start the \(platform) sign-in: \(error)")
            throw ExitCode(1)
        }
        print("To sign in to \(platform), open \(prompt.verificationURI) and enter the code:\n\n    \(prompt.userCode)\n")
        print("Waiting (the code works until \(prompt.expiresAt.formatted(date: .omitted, time: .shortened)))…")
        switch await signIn.outcome() {
        case .signedIn(let account):
            print("Signed in to \(platform)\(account.map { " as \($0)" } ?? ""). A running server picks it up within 30 seconds.")
        case .failed(let reason):
            printError("\(platform) sign-in failed: \(reason)")
            throw ExitCode(1)
        case .signedOut, .pending:
            printError("\(platform) sign-in did not finish")
            throw ExitCode(1)
        }
    }

    /// Forgets the stored sign-in.
    static func logout(platform: String, options: CommonOptions, signIn select: (ChatSystem) -> DeviceSignIn?) async throws {
        let signIn = try open(platform: platform, options: options, select)
        do {
            try await signIn.signOut()
        } catch {
            printError("cannot forget the \(platform) sign-in: \(error)")
            throw ExitCode(1)
        }
        print("Signed out of \(platform).")
    }

    private static func open(platform: String, options: CommonOptions, _ select: (ChatSystem) -> DeviceSignIn?) throws -> DeviceSignIn {
        let (configuration, logger) = try options.loadConfiguration()
        let chat: ChatSystem
        do {
            chat = try buildChatSystem(configuration: configuration, logger: logger)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        guard let signIn = select(chat) else {
            printError("\(platform) sign-in is not configured: set its client_id (see config/ishowtts.example.toml)")
            throw ExitCode(2)
        }
        return signIn
    }
}
