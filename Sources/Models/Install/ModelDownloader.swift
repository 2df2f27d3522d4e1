import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SpeechCore

/// Downloads one file into a partial file, resuming what an earlier attempt left (HTTP `Range`), retrying a broken
/// connection, then checks its size and checksum. `file://` addresses are copied, so an offline folder works too.
struct ModelDownloader: Sendable {
    /// Connection attempts per file before giving up.
    var attempts = 4
    /// A transfer that sends nothing for this long is broken off (and resumed).
    static let readTimeout = TimeAmount.seconds(30)

    /// One client for every download: its read timeout notices a stalled transfer, which the shared client does not.
    /// It lives as long as the process, like AsyncHTTPClient's own shared client.
    private static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: readTimeout))
    )

    /// The body of `url` (a catalog, a listing, a model card), at most `limit` bytes; `file://` is read from disk.
    func fetch(_ url: URL, limit: Int) async throws(ModelInstallError) -> Data {
        if url.isFileURL {
            guard let data = try? Data(contentsOf: url) else { throw ModelInstallError(.notFound, "\(url.path) does not exist") }
            return data
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "ishowtts")
        do {
            let response = try await Self.client.execute(request, timeout: .seconds(60))
            if response.status.code == 404 { throw ModelInstallError(.notFound, "\(url) is not on the server (404)") }
            guard response.status.code == 200 else {
                throw ModelInstallError(.network, "\(url): the server answered \(response.status.code) \(response.status.reasonPhrase)")
            }
            return Data(buffer: try await response.body.collect(upTo: limit))
        } catch let error as ModelInstallError {
            throw error
        } catch {
            throw ModelInstallError(.network, "cannot read \(url): \(error)")
        }
    }

    /// Brings `file` into `partial` (resuming it) and checks it; `progress` hears the bytes there so far.
    func download(_ file: ModelFile, to partial: URL, progress: @Sendable (Int64) -> Void) async throws(ModelInstallError) {
        var lastError = ModelInstallError(.network, "cannot download \(file.url)")
        for attempt in 1...attempts {
            do {
                try await transfer(file, to: partial, progress: progress)
                return try await verify(file, at: partial)
            } catch  where error.code == .network && attempt < attempts {
                lastError = error
                try? await Task.sleep(for: .milliseconds(200 * attempt))
                if Task.isCancelled { break }
            }
        }
        throw lastError
    }

    private func transfer(_ file: ModelFile, to partial: URL, progress: @Sendable (Int64) -> Void) async throws(ModelInstallError) {
        var have = Self.size(of: partial)
        if let size = file.sizeBytes, have > size {
            try? FileManager.default.removeItem(at: partial)
            have = 0
        }
        if let size = file.sizeBytes, have == size { return progress(have) }
        guard let url = URL(string: file.url) else { throw ModelInstallError(.badCatalog, "the catalog names an invalid address: \(file.url)") }
        if url.isFileURL { return try await copy(url, to: partial, progress: progress) }

        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "ishowtts")
        if have > 0 { request.headers.add(name: "Range", value: "bytes=\(have)-") }
        let response: HTTPClientResponse
        do {
            response = try await Self.client.execute(request, timeout: .hours(12))
        } catch {
            throw ModelInstallError(.network, "cannot reach \(url.host ?? file.url): \(error)")
        }
        switch response.status.code {
        case 206: break
        case 200: have = 0  // the server ignored the range: start over
        case 416 where file.sizeBytes == nil: return
        case 404: throw ModelInstallError(.notFound, "\(file.url) is not on the server (404)")
        case 416:
            try? FileManager.default.removeItem(at: partial)
            throw ModelInstallError(.network, "\(file.url): the server refused to resume; starting over")
        default: throw ModelInstallError(.network, "\(file.url): the server answered \(response.status.code) \(response.status.reasonPhrase)")
        }
        let handle = try Self.open(partial, truncatingTo: have)
        defer { try? handle.close() }
        var written = have
        do {
            for try await buffer in response.body {
                try Self.write(buffer.readableBytesView, to: handle, file: partial)
                written += Int64(buffer.readableBytes)
                if let size = file.sizeBytes, written > size {
                    throw ModelInstallError(.checksumMismatch, "\(file.name) is larger than the \(size) bytes the catalog says")
                }
                progress(written)
            }
        } catch let error as ModelInstallError {
            throw error
        } catch {
            throw ModelInstallError(.network, "the download of \(file.name) broke off after \(written) bytes: \(error)")
        }
    }

    /// Copies a `file://` source, resuming at what `partial` holds.
    private func copy(_ source: URL, to partial: URL, progress: @Sendable (Int64) -> Void) async throws(ModelInstallError) {
        guard let input = try? FileHandle(forReadingFrom: source) else {
            throw ModelInstallError(.notFound, "\(source.path) does not exist")
        }
        defer { try? input.close() }
        let have = Self.size(of: partial)
        let handle = try Self.open(partial, truncatingTo: have)
        defer { try? handle.close() }
        var written = have
        do {
            try input.seek(toOffset: UInt64(have))
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try Self.write(chunk, to: handle, file: partial)
                written += Int64(chunk.count)
                progress(written)
                await Task.yield()
            }
        } catch let error as ModelInstallError {
            throw error
        } catch {
            throw ModelInstallError(.storage, "cannot copy \(source.path): \(error)")
        }
    }

    /// Checks the size and the checksum; a file that fails is deleted, so the next attempt starts clean.
    private func verify(_ file: ModelFile, at partial: URL) async throws(ModelInstallError) {
        let size = Self.size(of: partial)
        if let expected = file.sizeBytes, size != expected {
            try? FileManager.default.removeItem(at: partial)
            throw ModelInstallError(.checksumMismatch, "\(file.name) has \(size) bytes, the catalog says \(expected)")
        }
        guard let checksum = file.checksum else { return }
        let digest = await offCooperativePool(qos: .utility) { Self.digest(of: partial, checksum: checksum, size: size) }
        guard digest == checksum.hex else {
            try? FileManager.default.removeItem(at: partial)
            throw ModelInstallError(
                .checksumMismatch,
                "\(file.name) does not match its \(checksum.algorithm) (\(digest ?? "unreadable") instead of \(checksum.hex)); deleted"
            )
        }
    }

    private static func digest(of file: URL, checksum: ModelChecksum, size: Int64) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        var digest = FileDigest(for: checksum, size: size)
        while let chunk = try? handle.read(upToCount: 4 << 20), !chunk.isEmpty { digest.update(chunk) }
        return digest.finalize()
    }

    static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    private static func open(_ file: URL, truncatingTo length: Int64) throws(ModelInstallError) -> FileHandle {
        do {
            if !FileManager.default.fileExists(atPath: file.path) {
                guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                    throw ModelInstallError(.storage, "cannot create \(file.path)")
                }
            }
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: UInt64(length))
            try handle.seek(toOffset: UInt64(length))
            return handle
        } catch let error as ModelInstallError {
            throw error
        } catch {
            throw ModelInstallError(.storage, "cannot write \(file.path): \(error)")
        }
    }

    private static func write(_ bytes: some DataProtocol, to handle: FileHandle, file: URL) throws(ModelInstallError) {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            let full = (error as NSError).code == Int(ENOSPC) || "\(error)".contains("No space left")
            throw ModelInstallError(
                full ? .noSpace : .storage,
                full ? "the disk is full while writing \(file.lastPathComponent)" : "cannot write \(file.path): \(error)"
            )
        }
    }
}
