import APIServer
import ArgumentParser
import ChatSources
import CompositionRoot
import Foundation
import Gateway
import HummingbirdWSClient
import Logging
import ServiceLifecycle
import Settings
import SpeechCore
import Storage

/// `ishowtts bench-chat`: the chat pipeline's own speed. Gateway throughput (IRC line → parse → filters → queue)
/// on one core, and chat line → first audio packet at a WebSocket player with the CPU voice, split into synthesis and
/// the rest.
struct ChatBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-chat",
        abstract: "Measure gateway throughput and chat line → first audio (median, p95/p99).",
        discussion: "Runs in a temporary data directory; nothing connects anywhere."
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Chat lines pushed through the gateway for the throughput figure.")
    var messages = 50_000

    @Option(help: "Chat lines spoken for the latency figure.")
    var lines = 20

    func validate() throws {
        guard (1_000...1_000_000).contains(messages) else { throw ValidationError("--messages must be between 1000 and 1000000") }
        guard (1...500).contains(lines) else { throw ValidationError("--lines must be between 1 and 500") }
    }

    func run() async throws {
        var (loaded, quiet) = try options.loadConfiguration()
        quiet.logLevel = .warning
        loaded.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-bench-\(UUID().uuidString)").path
        loaded.chat.gapMilliseconds = 0
        // Chat lines repeat: the audio cache would answer repeats without synthesising anything.
        loaded.api.audioCacheMegabytes = 0
        let (configuration, logger) = (loaded, quiet)
        defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }

        let throughput = try Self.gatewayThroughput(messages: messages, dataDirectory: configuration.dataDirectory, logger: logger)
        print("gateway: \(messages) IRC lines → parse → filters → queue on one thread")
        print(
            String(
                format: "  %.0f messages/s; per message p50 %.1f µs, p99 %.1f µs",
                throughput.perSecond,
                throughput.p50 * 1e6,
                throughput.p99 * 1e6
            )
        )

        let lineCount = lines
        let latency = try await options.withSpeechSystem(configuration: configuration, logger: logger) { system in
            try await system.waitUntilReady()
            return try await Self.chatLatency(lines: lineCount, configuration: configuration, system: system, logger: logger)
        }
        guard let latency else { exitInterrupted() }
        print("chat line → audio packet at a WebSocket player (\(lineCount) lines, voice \(configuration.defaultVoice), queue empty):")
        for (name, stats) in [("total", latency.total), ("synthesis", latency.synthesis), ("pipeline (total − synthesis)", latency.pipeline)] {
            print(String(format: "  %@: median %.1f ms, p95 %.1f ms", name, stats.median * 1000, stats.p95 * 1000))
        }
        exitSkippingTeardown(0)
    }

    // MARK: Throughput

    private struct Throughput {
        let perSecond: Double
        let p50: Double
        let p99: Double
    }

    /// Lines in Twitch's tagged format, varied like real chat: mentions, emotes, links, bits, moderators, repeats.
    static func chatLine(_ index: Int) -> String {
        let texts = [
            "hello chat how is everyone doing today", "LUL that was amazing play", "can you play the next map please",
            "check out https://example.com/clip for the replay", "Kappa Kappa Kappa", "gg wp everyone that was close",
            "lmaooooooo no way", "what rank are you right now?", "first time here, love the stream!",
            "!uptime", "cheer100 keep it up", "你好主播，今天玩什么游戏？",
        ]
        let text = texts[index % texts.count] + (index % 3 == 0 ? " \(index)" : "")
        let badges = index % 50 == 0 ? "moderator/1" : index % 7 == 0 ? "subscriber/12" : ""
        let bits = text.hasPrefix("cheer") ? ";bits=100" : ""
        let emotes = text.hasPrefix("Kappa") ? "25:0-4,6-10,12-16" : ""
        return "@badge-info=;badges=\(badges)\(bits);color=#1E90FF;display-name=Viewer\(index % 997);emotes=\(emotes);"
            + "first-msg=0;id=msg-\(index);mod=0;room-id=1;subscriber=0;tmi-sent-ts=1700000000000;turbo=0;user-id=\(index % 997);"
            + "user-type= :viewer\(index % 997)!viewer\(index % 997)@viewer.tmi.twitch.tv PRIVMSG #bench :\(text)"
    }

    private static func gatewayThroughput(messages: Int, dataDirectory: String, logger: Logger) throws -> Throughput {
        var rules = GatewayRules()
        rules.queueCapacity = GatewayRules.capacityLimit.upperBound
        rules.priorityOnlyAbove = rules.queueCapacity
        let store = try ChatStore(path: dataDirectory + "/throughput.sqlite")
        let gateway = try ChatGateway(rules: rules, store: store, logger: logger)
        let lines = (0..<messages).map(chatLine)
        var durations: [Double] = []
        durations.reserveCapacity(messages)
        let clock = ContinuousClock()
        for line in lines {
            let started = clock.now
            if let message = IRCMessage(parsing: Substring(line)), case .chat(let event) = TwitchIRCInput(message) {
                gateway.receive(event)
            }
            let took = clock.now - started
            durations.append(took.seconds)
            if gateway.queuedCount >= rules.queueCapacity - 1 { gateway.clear() }
        }
        let stats = BenchStatistics(durations)
        return Throughput(perSecond: Double(messages) / durations.reduce(0, +), p50: stats?.median ?? 0, p99: stats?.p99 ?? 0)
    }

    // MARK: Latency

    private struct Latency: Sendable {
        let total: BenchStatistics
        let synthesis: BenchStatistics
        let pipeline: BenchStatistics
    }

    private static func chatLatency(
        lines: Int,
        configuration: ServerConfiguration,
        system: SpeechSystem,
        logger: Logger
    ) async throws
        -> Latency
    {
        let chat = try buildChatSystem(configuration: configuration, logger: logger)
        // The real server on a free port, and a player on its WebSocket: the time is taken when the packet arrives.
        let (addresses, announceAddress) = AsyncStream.makeStream(of: String.self)
        let app = buildApplication(
            speech: system.speech,
            chat: chat.endpoints,
            settings: configuration.httpSettings(port: 0),
            logger: logger,
            onListening: { announceAddress.yield($0) }
        )
        let services = Task {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await chat.run(speech: system.speech) }
                group.addTask { try await app.run() }
            }
        }
        defer { services.cancel() }
        guard let address = await addresses.first(where: { _ in true }) else { throw BenchError("the server did not start") }
        let (arrivals, arrived) = AsyncStream.makeStream(of: ContinuousClock.Instant.self)
        let player = Task {
            try await WebSocketClient.connect(
                url: "ws://\(address)/api/danmaku/stream",
                configuration: .init(maxFrameSize: 1 << 24),
                logger: logger
            ) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    if case .binary = message { arrived.yield(.now) }
                }
            }
        }
        defer { player.cancel() }
        while chat.gateway.events.subscriberCount == 0 { try await Task.sleep(for: .milliseconds(5)) }

        var totals: [Double] = []
        var syntheses: [Double] = []
        var packets = arrivals.makeAsyncIterator()
        let phrases = ["good game everyone", "that was a great play", "hello from the chat", "what a clutch round", "nice shot"]
        for index in 0...lines {  // line 0 warms up
            let subscription = chat.gateway.events.subscribe()
            // Each line differs (a repeat within the duplicate window would be filtered, and never spoken).
            let line =
                "@display-name=Viewer;id=latency-\(index);user-id=\(index) :viewer\(index)!v@v.tmi.twitch.tv PRIVMSG #bench :"
                + phrases[index % phrases.count] + " number \(index)"
            let started = ContinuousClock.now
            guard let message = IRCMessage(parsing: Substring(line)), case .chat(.message(let chatMessage)) = TwitchIRCInput(message),
                case .queued = chat.gateway.accept(chatMessage)
            else { throw BenchError("line \(index) was not queued") }
            guard let arrival = await packets.next() else { throw BenchError("the player disconnected") }
            var renderMilliseconds = 0
            for await published in subscription.events where published.kind == .speaking && published.item?.id == "latency-\(index)" {
                renderMilliseconds = published.renderMilliseconds ?? 0
                break
            }
            chat.gateway.skip()  // the next line starts at once
            guard index > 0 else { continue }
            let took = arrival - started
            totals.append(took.seconds)
            syntheses.append(Double(renderMilliseconds) / 1000)
        }
        guard let total = BenchStatistics(totals), let synthesis = BenchStatistics(syntheses),
            let pipeline = BenchStatistics(zip(totals, syntheses).map { $0 - $1 })
        else { throw BenchError("no line was spoken") }
        return Latency(total: total, synthesis: synthesis, pipeline: pipeline)
    }
}
