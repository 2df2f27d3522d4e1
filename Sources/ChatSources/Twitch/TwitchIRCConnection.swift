import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Opens the TCP (and TLS) connection to an IRC server, framed into lines.
enum TwitchIRCConnection {
    /// Longest line accepted from the server; Twitch's tagged lines stay far below it.
    static let maxLineBytes = 64 * 1024

    static func connect(configuration: TwitchIRCConfiguration) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let sslContext = try configuration.tls ? makeSSLContext(caFile: configuration.tlsCAFile) : nil
        let host = configuration.host
        // SNI carries names only; for an IP address the certificate is checked against the address itself.
        let serverHostname = isIPAddress(host) ? nil : host
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let sslContext {
                        try pipeline.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: maxLineBytes))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    private static func makeSSLContext(caFile: String?) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        }
        return try NIOSSLContext(configuration: tls)
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
