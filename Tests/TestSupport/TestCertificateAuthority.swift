public import Foundation

/// A private certificate authority and a server certificate for 127.0.0.1 signed by it, made with `openssl` in a
/// temporary folder: the local Twitch server serves the certificate, the client trusts the CA (`tls_ca_file`).
public struct TestCertificateAuthority: Sendable {
    /// The CA certificate (PEM): what the client trusts.
    public let caFile: URL
    /// The server certificate (PEM), valid for `127.0.0.1` and `localhost`.
    public let certificateFile: URL
    /// The server's private key (PEM).
    public let keyFile: URL

    /// Makes a new CA and server certificate under a new temporary folder.
    public static func make() async throws -> TestCertificateAuthority {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ca = folder.appendingPathComponent("ca.pem")
        let caKey = folder.appendingPathComponent("ca.key")
        let key = folder.appendingPathComponent("server.key")
        let request = folder.appendingPathComponent("server.csr")
        let certificate = folder.appendingPathComponent("server.pem")
        let extensions = folder.appendingPathComponent("server.ext")
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n".write(to: extensions, atomically: true, encoding: .utf8)
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.path, "-out", ca.path, "-days", "2", "-subj", "/CN=iShowTTS test CA"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", request.path, "-subj", "/CN=127.0.0.1"],
            [
                "x509", "-req", "-in", request.path, "-CA", ca.path, "-CAkey", caKey.path, "-CAcreateserial", "-out", certificate.path,
                "-days", "2", "-extfile", extensions.path,
            ],
        ]
        for step in steps {
            let result = try await runProcess(openssl, step)
            guard result.status == 0 else { throw TestCertificateError(message: "openssl \(step[0]) failed: \(result.stderr)") }
        }
        return TestCertificateAuthority(caFile: ca, certificateFile: certificate, keyFile: key)
    }
}

/// `openssl` could not make the test certificates.
public struct TestCertificateError: Error, CustomStringConvertible {
    /// What openssl said.
    public let message: String
    public var description: String { message }
}
