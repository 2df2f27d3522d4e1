import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells a service manager how the server is doing, over systemd's `sd_notify` protocol: one datagram per state
/// (`READY=1`, `STATUS=…`, `STOPPING=1`) to the Unix socket named by `NOTIFY_SOCKET`. Without that variable it does
/// nothing, so `Type=notify` units (and tests) learn when the server listens without reading its log.
struct ServiceManagerNotifier: Sendable {
    /// The socket path; a leading `@` names an abstract socket.
    private let socketPath: String?

    /// Reads `NOTIFY_SOCKET` from `environment`.
    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Sends `state` (newline-separated `KEY=value` pairs); failures are ignored, as `sd_notify` callers do.
    func notify(_ state: String) {
        #if os(Linux)
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let message = Array(state.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(descriptor, message, message.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
        #endif
    }
}
