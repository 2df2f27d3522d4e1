import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// A server on 127.0.0.1 that speaks Twitch's IRC: the test scripts it line by line (PRIVMSG with tags, CLEARMSG,
/// PING, RECONNECT…) and reads what the client sends (CAP, NICK, JOIN, PONG). Plain TCP or TLS.
public final class TwitchIRCTestServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let connections: AsyncStream<IRCTestConnection>
    private let acceptTask: Task<Void, Never>
    private let channel: any Channel

    /// Starts listening on an ephemeral port; with `certificates`, every connection is TLS.
    public static func start(certificates: TestCertificateAuthority? = nil) async throws -> TwitchIRCTestServer {
        let sslContext = try certificates.map { files in
            try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(files.certificateFile.path).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: files.keyFile.path, format: .pem))
                )
            )
        }
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return TwitchIRCTestServer(server: server)
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        port = server.channel.localAddress?.port ?? 0
        channel = server.channel
        let (connections, continuation) = AsyncStream.makeStream(of: IRCTestConnection.self)
        self.connections = connections
        acceptTask = Task {
            try? await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await client in inbound {
                        group.addTask { await IRCTestConnection.serve(client, announce: continuation) }
                    }
                }
            }
            continuation.finish()
        }
    }

    /// Waits for the next client connection.
    public func nextConnection() async -> IRCTestConnection? {
        var iterator = connections.makeAsyncIterator()
        return await iterator.next()
    }

    /// Stops listening and drops every connection.
    public func stop() async {
        try? await channel.close()
        acceptTask.cancel()
    }
}

/// One client connected to ``TwitchIRCTestServer``.
public final class IRCTestConnection: Sendable {
    private let received: AsyncStream<String>
    private let commands: AsyncStream<Command>.Continuation

    private enum Command {
        case send(String)
        case close
    }

    private init(received: AsyncStream<String>, commands: AsyncStream<Command>.Continuation) {
        self.received = received
        self.commands = commands
    }

    static func serve(_ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>, announce: AsyncStream<IRCTestConnection>.Continuation) async {
        let (received, receive) = AsyncStream.makeStream(of: String.self)
        let (commands, command) = AsyncStream.makeStream(of: Command.self)
        announce.yield(IRCTestConnection(received: received, commands: command))
        try? await client.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await var line in inbound { receive.yield(line.readString(length: line.readableBytes) ?? "") }
                    receive.finish()
                }
                group.addTask {
                    for await command in commands {
                        switch command {
                        case .send(let line): try await outbound.write(ByteBuffer(string: line + "\r\n"))
                        case .close: return
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        receive.finish()
    }

    /// Sends one line (CR LF added).
    public func send(_ line: String) { commands.yield(.send(line)) }

    /// Closes the connection from the server's side.
    public func close() { commands.yield(.close) }

    /// The next line the client sent, or `nil` once it disconnected.
    public func nextLine() async -> String? {
        var iterator = received.makeAsyncIterator()
        return await iterator.next()
    }

    /// Reads lines until one starts with `prefix`; `nil` if the client disconnects first.
    public func line(startingWith prefix: String) async -> String? {
        while let line = await nextLine() {
            if line.hasPrefix(prefix) { return line }
        }
        return nil
    }

    /// Answers the client's login as Twitch does (`001` welcome) once its NICK arrives; returns the NICK line.
    @discardableResult
    public func acceptLogin() async -> String? {
        guard let nick = await line(startingWith: "NICK ") else { return nil }
        let name = nick.dropFirst("NICK ".count)
        send(":tmi.twitch.tv 001 \(name) :Welcome, GLHF!")
        return nick
    }
}
