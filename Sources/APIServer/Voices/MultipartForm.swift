import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` body split into its fields (MultipartKit's parser), with limits on the number of parts.
struct MultipartForm {
    struct Part {
        /// The field name from `Content-Disposition`.
        var name: String
        /// The file name, for file fields.
        var fileName: String?
        var body: ByteBuffer
    }

    /// The parts in order.
    let parts: [Part]

    /// The most parts a form may have.
    static let maxParts = 16

    /// Reads `request`'s body (at most `maxBytes`, within `timeout`) as a form: 415 unless it is `multipart/form-data`
    /// with a boundary, 413 past `maxBytes`, 400 when it does not parse.
    static func read(_ request: Request, maxBytes: Int, timeout: Duration) async throws -> MultipartForm {
        let contentType = request.headers[.contentType]
        guard let contentType, let mediaType = MediaType(from: contentType), mediaType.isType(.multipartForm),
            let boundary = mediaType.parameter?.value, mediaType.parameter?.name.lowercased() == "boundary"
        else {
            throw APIError.unsupportedMediaType(expected: "multipart/form-data with a boundary", got: contentType)
        }
        return try parse(try await JSONBody.collect(request, upTo: maxBytes, within: timeout), boundary: boundary)
    }

    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> MultipartForm {
        guard headerNamesAreASCII(Array(buffer.readableBytesView), boundary: Array("--\(boundary)\r\n".utf8)) else {
            throw APIError(.badRequest, code: "malformed_form", message: "the multipart form does not parse: a part header name is not ASCII")
        }
        var parts: [Part] = []
        var headers: [(String, String)] = []
        var body = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { headers.append(($0, $1)) }
        parser.onBody = { body.writeBuffer(&$0) }
        var tooMany = false
        parser.onPartComplete = {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            let parameters = Self.parameters(of: disposition)
            if parts.count < maxParts {
                parts.append(Part(name: parameters["name"] ?? "", fileName: parameters["filename"], body: body))
            } else {
                tooMany = true
            }
            headers = []
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw APIError(.badRequest, code: "malformed_form", message: "the multipart form does not parse: \(error)")
        }
        guard !tooMany else { throw APIError(.badRequest, code: "malformed_form", message: "the form has more than \(maxParts) parts") }
        return MultipartForm(parts: parts)
    }

    /// Whether every part's header names are ASCII. MultipartKit 4.7.1 looks a header-name byte up in a 128-entry table
    /// unchecked, so a byte of 0x80 or more crashes the process (found by the schemathesis fuzz): refuse such a body
    /// before it reaches the parser. Header names are the bytes after each `--boundary` line, up to `:` or the line end.
    static func headerNamesAreASCII(_ bytes: [UInt8], boundary delimiter: [UInt8]) -> Bool {
        var searchFrom = bytes.startIndex
        while let found = bytes[searchFrom...].firstRange(of: delimiter) {
            var index = found.upperBound
            // Header lines until the empty line; each name ends at ':' (or the line's end, which the parser refuses).
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\r") {
                var inName = true
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\n") {
                    if bytes[index] == UInt8(ascii: ":") { inName = false }
                    if inName, bytes[index] >= 0x80 { return false }
                    index += 1
                }
                index += 1
            }
            searchFrom = found.upperBound
        }
        return true
    }

    /// The text of field `name`, if present: 400 when it is not UTF-8 or longer than `maxCharacters`.
    func text(_ name: String, maxCharacters: Int = 4_096) throws -> String? {
        guard let part = parts.first(where: { $0.name == name }) else { return nil }
        guard let text = part.body.getString(at: part.body.readerIndex, length: part.body.readableBytes), text.count <= maxCharacters else {
            throw APIError(
                .badRequest,
                code: "invalid_field",
                message: "\(name) must be UTF-8 text of at most \(maxCharacters) characters",
                field: name
            )
        }
        return text
    }

    /// The bytes of field `name`, if present.
    func data(_ name: String) -> Data? {
        parts.first { $0.name == name }.map { Data($0.body.readableBytesView) }
    }

    /// `form-data; name="audio"; filename="clip.mp3"` → `["name": "audio", "filename": "clip.mp3"]`.
    static func parameters(of disposition: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in disposition.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            result[key] = value
        }
        return result
    }
}
