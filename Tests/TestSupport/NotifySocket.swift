import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The receiving end of systemd's `sd_notify` protocol: a Unix datagram socket whose path a child process gets as
/// `NOTIFY_SOCKET`, and the states it reports (`READY=1`, `STATUS=…`) as they arrive.
public final class NotifySocket: Sendable {
    /// The socket's path, for `NOTIFY_SOCKET`.
    public let path: String
    /// Every datagram received, as text.
    public let messages: AsyncStream<String>
    private let descriptor: Int32

    /// Binds a new socket in a fresh temporary directory.
    public init() throws {
        let directory = try ProjectPaths.makeTemporaryDirectory("ishowtts-notify")
        path = directory.appendingPathComponent("notify.sock").path
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        self.descriptor = descriptor
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        let (messages, continuation) = AsyncStream.makeStream(of: String.self)
        self.messages = messages
        // A blocking reader on its own thread; shutting the socket down in deinit ends it, and the reader closes it
        // (closing it in deinit could hand the number to another test's file while recv is still about to use it).
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else { break }
                continuation.yield(String(decoding: buffer[0..<count], as: UTF8.self))
            }
            close(descriptor)
            continuation.finish()
        }
    }

    /// Waits for the first message containing the line `line` (e.g. `READY=1`); `nil` if the socket closes first.
    public func wait(forLine line: String) async -> String? {
        for await message in messages where message.split(separator: "\n").contains(Substring(line)) { return message }
        return nil
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        unlink(path)
    }
}
