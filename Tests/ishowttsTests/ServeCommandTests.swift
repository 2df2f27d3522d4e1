import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `ishowtts serve` as a user runs it (under a service manager): it reports when it listens and where, answers,
/// and stops cleanly on SIGTERM.
@Suite struct ServeCommandTests {
    @Test(.timeLimit(.minutes(2))) func servesUntilSIGTERMThenExitsCleanly() async throws {
        let notifications = try NotifySocket()
        let server = try startServe(notifications: notifications)
        let ready = try #require(await notifications.wait(forLine: "READY=1"), "the server never reported READY=1")
        let base = try #require(ready.firstMatch(of: /STATUS=listening on (127\.0\.0\.1:\d+)/).map { String($0.1) })

        var request = URLRequest(url: try #require(URL(string: "http://\(base)/api/tts")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"text":"Hello chat, thanks for the follow!"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let reply = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        #expect(reply?["voice_id"] as? String == "joe")
        #expect((reply?["waveform_len"] as? Int ?? 0) > 22050)

        server.send(SIGTERM)
        #expect(await server.waitForExit() == 0)
    }
}
