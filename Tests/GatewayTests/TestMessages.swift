import ChatSources
import Foundation
import Logging
import Storage

@testable import Gateway

/// Chat messages and gateways over real SQLite files, for the gateway's tests.
enum TestChat {
    static func message(
        _ text: String,
        id: String = UUID().uuidString,
        user: String = "viewer",
        channel: String = "dallas",
        roles: ChatRoles = [],
        bits: Int = 0,
        emotes: [ClosedRange<Int>] = [],
        displayName: String? = nil
    ) -> ChatMessage {
        ChatMessage(
            platform: .twitch,
            channel: channel,
            id: id,
            userID: "id-\(user)",
            userLogin: user,
            displayName: displayName,
            roles: roles,
            bits: bits,
            text: text,
            emoteRanges: emotes
        )
    }

    /// A new database file in a new temporary folder.
    static func databasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-gateway-\(UUID().uuidString)/chat.sqlite").path
    }

    static func gateway(rules: GatewayRules = GatewayRules(), path: String = databasePath(), events: EventHub = EventHub()) throws -> ChatGateway {
        try ChatGateway(rules: rules, store: ChatStore(path: path), events: events, logger: logger)
    }

    static let logger: Logger = {
        var logger = Logger(label: "GatewayTests")
        logger.logLevel = .warning
        return logger
    }()
}
