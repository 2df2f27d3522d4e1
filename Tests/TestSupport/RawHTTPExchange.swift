public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 request over a plain socket to 127.0.0.1, with the response read byte for byte until the server
/// closes: for tests that must see how a response ended (a clean last chunk, or a connection cut mid-body), which
/// HTTP clients hide behind an error.
public struct RawHTTPExchange: Sendable {
    /// The status code of the response.
    public let status: Int
    /// The body bytes that arrived, de-chunked.
    public let body: [UInt8]
    /// Whether the chunked body ended with its terminating zero-length chunk (a complete transfer).
    public let endedWithLastChunk: Bool

    /// Sends `body` as a JSON POST to `path` on `127.0.0.1:port` with `Connection: close` and reads the whole response.
    public static func postJSON(_ body: Data, to path: String, port: Int) async throws -> RawHTTPExchange {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchange(body, path: path, port: port) })
            }
        }
    }

    private static func exchange(_ body: Data, path: String, port: Int) throws -> RawHTTPExchange {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + Array(body)
        guard send(descriptor, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { throw POSIXError(.EIO) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }  // 0: closed; < 0: reset, also the end of what the server sent
            response += buffer[0..<count]
        }
        return try parse(response)
    }

    private static func parse(_ response: [UInt8]) throws -> RawHTTPExchange {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = response.firstRange(of: separator) else { throw POSIXError(.EBADMSG) }
        let head = String(decoding: response[..<headEnd.lowerBound], as: UTF8.self)
        guard let statusText = head.split(separator: " ").dropFirst().first, let status = Int(statusText) else {
            throw POSIXError(.EBADMSG)
        }
        var rest = Array(response[headEnd.upperBound...])
        guard head.lowercased().contains("transfer-encoding: chunked") else {
            return RawHTTPExchange(status: status, body: rest, endedWithLastChunk: false)
        }
        var body: [UInt8] = []
        let lineEnd: [UInt8] = Array("\r\n".utf8)
        while let sizeEnd = rest.firstRange(of: lineEnd) {
            guard let size = Int(String(decoding: rest[..<sizeEnd.lowerBound], as: UTF8.self), radix: 16) else { break }
            if size == 0 { return RawHTTPExchange(status: status, body: body, endedWithLastChunk: true) }
            let start = sizeEnd.upperBound
            guard rest.count >= start + size + 2 else {
                body += rest[start...]  // a chunk cut off mid-way
                break
            }
            body += rest[start..<(start + size)]
            rest = Array(rest[(start + size + 2)...])
        }
        return RawHTTPExchange(status: status, body: body, endedWithLastChunk: false)
    }
}
