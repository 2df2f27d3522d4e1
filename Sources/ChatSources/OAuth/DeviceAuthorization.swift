public import Foundation

/// The device authorization grant (RFC 8628) against one ``OAuthClient``: ask for a code, poll until the streamer
/// approves it, and renew tokens. Speaks both dialects in use: Twitch's (errors in `message`, scopes as a list) and
/// Google's (`verification_url`, scopes as one string, a client secret).
public struct DeviceAuthorization: Sendable {
    /// The application and endpoints.
    public let client: OAuthClient
    private let http: PlatformHTTPClient

    /// Sign-ins for `client` over `http`.
    public init(client: OAuthClient, http: PlatformHTTPClient = PlatformHTTPClient()) {
        self.client = client
        self.http = http
    }

    /// Asks the platform for a code to show the streamer.
    public func start(now: Date = Date()) async throws(OAuthError) -> DeviceCodePrompt {
        let fields = [("client_id", client.clientID), (client.scopeField, client.scopes.joined(separator: " "))]
        let answer: DeviceCodeAnswer
        do {
            answer = try await http.postForm(client.deviceAuthorizationURL, fields).decode(DeviceCodeAnswer.self)
        } catch {
            throw .request(error.description)
        }
        guard let uri = answer.verificationURI ?? answer.verificationURL else { throw .request("the platform sent no verification address") }
        return DeviceCodePrompt(
            userCode: answer.userCode,
            verificationURI: uri,
            expiresAt: now.addingTimeInterval(answer.expiresIn),
            deviceCode: answer.deviceCode,
            interval: .seconds(max(answer.interval ?? 5, 1))
        )
    }

    /// Polls at the pace the platform asks until the streamer approves (the token), declines, or the code expires.
    /// Throws `CancellationError` when cancelled.
    public func waitForApproval(of prompt: DeviceCodePrompt) async throws -> OAuthToken {
        var interval = prompt.interval
        while Date() < prompt.expiresAt {
            try await Task.sleep(for: interval)
            var fields = [
                ("client_id", client.clientID), ("device_code", prompt.deviceCode),
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ]
            // Twitch wants the scopes again with the code; Google and RFC 8628 do not.
            if client.scopeField == "scopes" { fields.append(("scopes", client.scopes.joined(separator: " "))) }
            if let secret = client.clientSecret { fields.append(("client_secret", secret)) }
            let reply: PlatformHTTPClient.Reply
            do {
                reply = try await http.postForm(client.tokenURL, fields)
            } catch {
                continue  // a network hiccup while waiting: the code is still good, ask again
            }
            if (200..<300).contains(reply.status) { return try token(from: reply, keeping: nil) }
            let error = PlatformHTTPError(call: reply.call, status: reply.status, body: reply.body)
            switch error.reason?.lowercased() {
            case "authorization_pending": continue
            case "slow_down": interval += .seconds(5)
            case "access_denied": throw OAuthError.denied
            case "expired_token", "invalid device code": throw OAuthError.expired
            default: throw OAuthError.request(error.description)
            }
        }
        throw OAuthError.expired
    }

    /// Trades `token`'s refresh token for a new access token; ``OAuthError/signInRequired(_:)`` when the platform
    /// refuses it.
    public func refresh(_ token: OAuthToken) async throws(OAuthError) -> OAuthToken {
        guard let refreshToken = token.refreshToken else { throw .signInRequired("the token cannot be renewed") }
        var fields = [("client_id", client.clientID), ("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if let secret = client.clientSecret { fields.append(("client_secret", secret)) }
        let reply: PlatformHTTPClient.Reply
        do {
            reply = try await http.postForm(client.tokenURL, fields)
        } catch {
            throw .request(error.description)
        }
        guard (200..<300).contains(reply.status) else {
            let error = PlatformHTTPError(call: reply.call, status: reply.status, body: reply.body)
            // 400/401 is the platform refusing this refresh token; anything else may pass.
            if reply.status == 400 || reply.status == 401 { throw .signInRequired(error.message) }
            throw .request(error.description)
        }
        var renewed = try self.token(from: reply, keeping: token)
        renewed.account = token.account
        return renewed
    }

    /// Asks the platform to revoke `token` (sign-out); best effort: the local sign-in is gone whatever it answers.
    func revoke(_ token: OAuthToken) async {
        guard let url = client.revocationURL else { return }
        _ = try? await http.postForm(url, [("client_id", client.clientID), ("token", token.accessToken)])
    }

    private func token(from reply: PlatformHTTPClient.Reply, keeping previous: OAuthToken?) throws(OAuthError) -> OAuthToken {
        let answer: TokenAnswer
        do {
            answer = try reply.decode(TokenAnswer.self)
        } catch {
            throw .request(error.description)
        }
        return OAuthToken(
            accessToken: answer.accessToken,
            // Google sends a refresh token only with the first grant; a renewal keeps the one it had.
            refreshToken: answer.refreshToken ?? previous?.refreshToken,
            expiresAt: answer.expiresIn.map { Date().addingTimeInterval($0) },
            scopes: answer.scopes ?? previous?.scopes ?? client.scopes
        )
    }

    private struct DeviceCodeAnswer: Decodable {
        let deviceCode: String
        let userCode: String
        let verificationURI: String?
        let verificationURL: String?
        let expiresIn: Double
        let interval: Double?

        enum CodingKeys: String, CodingKey {
            case deviceCode = "device_code"
            case userCode = "user_code"
            case verificationURI = "verification_uri"
            case verificationURL = "verification_url"
            case expiresIn = "expires_in"
            case interval
        }
    }

    private struct TokenAnswer: Decodable {
        let accessToken: String
        let refreshToken: String?
        let expiresIn: Double?
        let scopes: [String]?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case refreshToken = "refresh_token"
            case expiresIn = "expires_in"
            case scope
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accessToken = try container.decode(String.self, forKey: .accessToken)
            refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
            expiresIn = try container.decodeIfPresent(Double.self, forKey: .expiresIn)
            // Twitch lists scopes; Google joins them with spaces.
            if let list = try? container.decode([String].self, forKey: .scope) {
                scopes = list
            } else {
                scopes = try container.decodeIfPresent(String.self, forKey: .scope)?.split(separator: " ").map(String.init)
            }
        }
    }
}
