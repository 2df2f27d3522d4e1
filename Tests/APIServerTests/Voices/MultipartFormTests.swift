import Foundation
import NIOCore
import Testing

@testable import APIServer

/// The multipart reader, including the bodies that crashed MultipartKit 4.7.1 (a non-ASCII header-name byte).
@Suite struct MultipartFormTests {
    static func body(_ text: String) -> ByteBuffer { ByteBuffer(bytes: Array(text.utf8)) }

    @Test func fieldsAndFilesAreRead() throws {
        let form = try MultipartForm.parse(
            Self.body(
                "--b\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nwalter\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"clip.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--b--\r\n"
            ),
            boundary: "b"
        )
        #expect(try form.text("id") == "walter")
        #expect(form.data("audio") == Data("RIFF".utf8))
        #expect(form.parts.last?.fileName == "clip.wav")
        #expect(try form.text("missing") == nil)
    }

    @Test(arguments: ["--b\r\n\u{C0}--b--\r\n", "--b\r\nCont\u{E9}nt-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b--\r\n"])
    func nonASCIIHeaderNamesAreRefusedNotCrashed(body: String) {
        #expect(throws: APIError.self) { try MultipartForm.parse(Self.body(body), boundary: "b") }
    }

    @Test func nonASCIIValuesAndBodiesAreFine() throws {
        let form = try MultipartForm.parse(
            Self.body("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n沃尔特 \u{C0}\r\n--b--\r\n"),
            boundary: "b"
        )
        #expect(try form.text("name") == "沃尔特 \u{C0}")
    }
}
