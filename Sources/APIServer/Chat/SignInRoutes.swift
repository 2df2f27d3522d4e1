import ChatSources
import Foundation
import Hummingbird

/// `/api/auth/{provider}`: sign in to a platform from the panel with the device flow (the same flow as
/// `ishowtts youtube login`): `POST` starts it and answers with the code to enter, `GET` says where it stands,
/// `DELETE` signs out. Tokens never leave the server.
struct SignInRoutes<Context: RequestContext>: Sendable {
    let signIns: [String: DeviceSignIn]

    func register(on api: RouterGroup<Context>) {
        api.get("auth/:provider") { _, context in
            let signIn = try signIn(context)
            return try JSONResponse.make(SignInStatusResponse(provider: try context.parameters.require("provider"), await signIn.status()))
        }
        api.post("auth/:provider") { _, context in
            let signIn = try signIn(context)
            do {
                _ = try await signIn.begin()
            } catch {
                throw APIError(.badGateway, code: "sign_in_failed", message: "the platform did not start the sign-in: \(error)")
            }
            let status = SignInStatusResponse(provider: try context.parameters.require("provider"), await signIn.status())
            return try JSONResponse.make(status, status: .accepted)
        }
        api.delete("auth/:provider") { _, context in
            let signIn = try signIn(context)
            try await signIn.signOut()
            return try JSONResponse.make(SignInStatusResponse(provider: try context.parameters.require("provider"), .signedOut))
        }
    }

    private func signIn(_ context: Context) throws -> DeviceSignIn {
        let provider = try context.parameters.require("provider")
        guard let signIn = signIns[provider] else {
            let known = signIns.keys.sorted()
            throw APIError(
                .notFound,
                code: "sign_in_not_configured",
                message: "no sign-in for \(provider.debugDescription)"
                    + (known.isEmpty ? "; set [youtube] client_id to sign in to YouTube" : "; configured: \(known.joined(separator: ", "))")
            )
        }
        return signIn
    }
}

/// Where a sign-in stands; the code to enter while it is pending. Never a token.
struct SignInStatusResponse: Encodable {
    let provider: String
    let status: String
    let account: String?
    let userCode: String?
    let verificationURI: String?
    let expiresAt: Date?
    let detail: String?

    init(provider: String, _ status: DeviceSignIn.Status) {
        self.provider = provider
        var (account, code, uri, expires, detail): (String?, String?, String?, Date?, String?) = (nil, nil, nil, nil, nil)
        switch status {
        case .signedOut:
            self.status = "signed_out"
        case .pending(let prompt):
            self.status = "pending"
            (code, uri, expires) = (prompt.userCode, prompt.verificationURI, prompt.expiresAt)
        case .signedIn(let name):
            self.status = "signed_in"
            account = name
        case .failed(let reason):
            self.status = "failed"
            detail = reason
        }
        (self.account, userCode, verificationURI, expiresAt, self.detail) = (account, code, uri, expires, detail)
    }

    enum CodingKeys: String, CodingKey {
        case provider, status, account, detail
        case userCode = "user_code"
        case verificationURI = "verification_uri"
        case expiresAt = "expires_at"
    }
}
