import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real program killed with SIGKILL while chat waits: after a restart every accepted item is still queued, in order.
@Suite struct ChatRestartTests {
    private func post(_ base: String, _ path: String, json: String = "{}") async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: "http://\(base)\(path)")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(json.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    private func queuedIDs(_ base: String) async throws -> [String] {
        let (body, _) = try await URLSession.shared.data(from: try #require(URL(string: "http://\(base)/api/queue")))
        let queue = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        let items = queue?["items"] as? [[String: Any]] ?? []
        return items.compactMap { ($0["item"] as? [String: Any])?["id"] as? String }
    }

    /// Starts `serve` on `dataDirectory` and returns it with its address once it listens.
    private func start(_ dataDirectory: String) async throws -> (RunningProcess, String) {
        let notifications = try NotifySocket()
        let server = try startServe(notifications: notifications, environment: ["ISHOWTTS__DATA_DIR": dataDirectory])
        let ready = try #require(await notifications.wait(forLine: "READY=1"), "the server never reported READY=1")
        let base = try #require(ready.firstMatch(of: /STATUS=listening on (127\.0\.0\.1:\d+)/).map { String($0.1) })
        return (server, base)
    }

    @Test(.timeLimit(.minutes(2))) func acceptedChatSurvivesKill9() async throws {
        let dataDirectory = try ProjectPaths.makeTemporaryDirectory().path
        let (first, base) = try await start(dataDirectory)
        #expect(try await post(base, "/api/queue/pause") == 200)
        for index in 0..<3 {
            let body = #"{"id":"k\#(index)","username":"viewer\#(index)","content":{"Text":"message number \#(index)"}}"#
            #expect(try await post(base, "/api/danmaku/enqueue", json: body) == 202)
        }
        first.send(SIGKILL)
        _ = await first.waitForExit()

        let (second, secondBase) = try await start(dataDirectory)
        #expect(try await queuedIDs(secondBase) == ["k0", "k1", "k2"])
        second.send(SIGTERM)
        #expect(await second.waitForExit() == 0)
    }
}
