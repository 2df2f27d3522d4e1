import Foundation
import SpeechCore

#if canImport(Glibc)
import Glibc
#endif

/// Plain TCP sockets to 127.0.0.1 for tests that must send what no HTTP client sends: half a request, forged
/// `Host` and `Origin` headers, an upgrade whose answer is only a status line.
public enum LoopbackSocket {
    /// A connected socket descriptor; the caller closes it.
    public static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        return descriptor
    }

    /// Sends all of `bytes`.
    public static func send(_ bytes: [UInt8], on descriptor: Int32) throws {
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// Runs blocking socket work on a Dispatch thread: a test blocked in `recv` on Swift's cooperative pool (two threads
    /// on a two-core machine) could starve the very server it waits for.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await offCooperativePool(work)
    }

    /// Sends a whole request and reads until its response head has arrived, leaving the connection open with the
    /// rest of the response unread (a client that holds a stream); the caller closes the returned descriptor.
    public static func holdResponse(_ request: [UInt8], port: Int) async throws -> Int32 {
        try await offPool {
            let descriptor = try connect(port: port)
            do {
                try send(request, on: descriptor)
                var buffer = [UInt8](repeating: 0, count: 1)
                var received: [UInt8] = []
                while received.suffix(4) != Array("\r\n\r\n".utf8) {
                    guard recv(descriptor, &buffer, 1, 0) == 1 else { throw POSIXError(.EBADMSG) }
                    received.append(buffer[0])
                }
                return descriptor
            } catch {
                close(descriptor)
                throw error
            }
        }
    }

    /// The process's limit on open files (the soft limit), which sizes tests that hold many connections.
    public static var openFileLimit: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return Int(clamping: limit.rlim_cur)
    }
}

/// The head of one HTTP response: enough to check a status and headers, also of streams that never end (SSE) and
/// of WebSocket upgrades (`101`).
public struct RawHTTPProbe: Sendable {
    /// The status code.
    public let status: Int
    /// Header names lowercased → values.
    public let headers: [String: String]
    /// Whatever body bytes came with the head.
    public let bodyPrefix: [UInt8]

    /// Sends `method path` with `headers` (a `Host` is added unless given; `Connection: close`) and `body`, and reads
    /// the response up to the end of its head. `nil` for `Host` in `headers` sends none.
    public static func send(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = [],
        port: Int
    ) async throws -> RawHTTPProbe {
        var lines = ["\(method) \(path) HTTP/1.1"]
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { lines.append("Host: 127.0.0.1:\(port)") }
        lines += headers.map { "\($0.0): \($0.1)" }
        let givesLength = headers.contains { $0.0.lowercased() == "content-length" }
        if !givesLength, !body.isEmpty || !["GET", "HEAD", "OPTIONS"].contains(method) { lines.append("Content-Length: \(body.count)") }
        if !headers.contains(where: { $0.0.lowercased() == "connection" }) { lines.append("Connection: close") }
        let request = Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchange(request, port: port) })
            }
        }
    }

    private static func exchange(_ request: [UInt8], port: Int) throws -> RawHTTPProbe {
        let descriptor = try LoopbackSocket.connect(port: port)
        defer { close(descriptor) }
        try LoopbackSocket.send(request, on: descriptor)
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let separator = Array("\r\n\r\n".utf8)
        while response.firstRange(of: separator) == nil {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        guard let headEnd = response.firstRange(of: separator) else { throw POSIXError(.EBADMSG) }
        let head = String(decoding: response[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusText = head.first?.split(separator: " ").dropFirst().first, let status = Int(statusText) else {
            throw POSIXError(.EBADMSG)
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return RawHTTPProbe(status: status, headers: headers, bodyPrefix: Array(response[headEnd.upperBound...]))
    }
}

/// Many connections that each sent a part of a request and then nothing, as an attacker on the network would hold
/// them; tells when the server has closed every one.
public final class HeldConnections: Sendable {
    private let descriptors: [Int32]

    /// Opens `count` connections to `port` and sends `partialRequest` on each (off Swift's cooperative pool).
    public static func open(count: Int, port: Int, partialRequest: String) async throws -> HeldConnections {
        try await LoopbackSocket.offPool { try HeldConnections(count: count, port: port, partialRequest: partialRequest) }
    }

    private init(count: Int, port: Int, partialRequest: String) throws {
        var opened: [Int32] = []
        do {
            for _ in 0..<count {
                let descriptor = try LoopbackSocket.connect(port: port)
                opened.append(descriptor)
                try LoopbackSocket.send(Array(partialRequest.utf8), on: descriptor)
            }
        } catch {
            for descriptor in opened { close(descriptor) }
            throw error
        }
        descriptors = opened
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    /// How many are held.
    public var count: Int { descriptors.count }

    /// Returns once the server has closed every connection (each reads end-of-file or a reset); what the server sent
    /// before closing is read and ignored.
    public func waitUntilServerClosesAll() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [descriptors] in
                var open = Set(descriptors)
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !open.isEmpty {
                    var polled = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                    guard poll(&polled, nfds_t(polled.count), 1000) >= 0 else { continue }
                    for entry in polled where entry.revents != 0 {
                        let count = recv(entry.fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                        if count <= 0, count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { open.remove(entry.fd) }
                    }
                }
                continuation.resume()
            }
        }
    }
}
