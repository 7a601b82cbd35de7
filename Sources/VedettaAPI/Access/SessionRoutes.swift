import Foundation
import Hummingbird
import VedettaAccess

/// Signing in and out of the console, and "who am I":
///
/// | Route | Answer |
/// |---|---|
/// | `POST /api/v1/session` | Signs in with `{"name", "password"}`: 201, the session (with its CSRF token) and its cookie; 401 for a wrong name or password; 429 after too many failures |
/// | `GET /api/v1/session` | The caller: user, role, how it authenticated, and the session's CSRF token |
/// | `DELETE /api/v1/session` | Signs out: ends the cookie's session and clears the cookie; 204 |
enum SessionRoutes {
    static func add(_ desk: AccessDesk, now: @escaping @Sendable () -> Date, to router: Router<APIRequestContext>) {
        router.post("/api/v1/session") { request, context -> Response in
            var claimed = "?"
            let at = now()
            let address = AccessMiddleware.clientAddress(request, context, settings: desk.settings)
            do {
                let body = try await AccessRequestBody.decode(request, allowed: ["name", "password"])
                claimed = String(try body.requiredString("name").prefix(UserAccount.maximumNameLength))
                let opened = try await desk.signIn(
                    name: claimed, password: try body.requiredString("password"), address: address,
                    at: at)
                try? await desk.record(
                    AuditEntry(
                        at: at, actor: opened.account.name, via: "session", address: address,
                        action: "POST /api/v1/session", status: 201, detail: "signed in"))
                var response = try JSONAnswer.response(
                    SessionView(opened.session, role: opened.account.role), status: .created)
                let lifetime = Int(opened.session.endsAt.timeIntervalSince(at))
                response.headers[.setCookie] = SessionCookie.setting(opened.secret, lifetime: lifetime)
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let error as AccessError {
                if error.code == .unauthenticated || error.code == .throttled {
                    try? await desk.record(
                        AuditEntry(
                            at: at, actor: claimed, via: "none", address: address,
                            action: "POST /api/v1/session", status: error.code == .throttled ? 429 : 401,
                            detail: "sign-in refused"))
                }
                return error.response
            } catch {
                throw HTTPError(.internalServerError, message: "cannot answer the sign-in: \(error)")
            }
        }
        router.get("/api/v1/session") { _, _ -> Response in
            guard let principal = Principal.current else { throw HTTPError(.unauthorized) }
            return try JSONAnswer.response(WhoAmI(principal), status: .ok)
        }
        router.delete("/api/v1/session") { request, _ -> Response in
            if let secret = SessionCookie.secret(in: request) {
                do throws(AccessError) {
                    try await desk.signOut(session: secret)
                } catch {
                    return error.response
                }
            }
            return Response(status: .noContent, headers: [.setCookie: SessionCookie.clearing])
        }
    }
}

/// A session just opened.
struct SessionView: Encodable {
    var user: String
    var role: Role
    var csrfToken: String
    var expiresAt: Date
    var endsAt: Date

    init(_ session: Session, role: Role) {
        user = session.user
        self.role = role
        csrfToken = session.csrfToken
        expiresAt = session.expiresAt
        endsAt = session.endsAt
    }

    enum CodingKeys: String, CodingKey {
        case user, role
        case csrfToken = "csrf_token"
        case expiresAt = "expires_at"
        case endsAt = "ends_at"
    }
}

/// The caller of `GET /api/v1/session`.
struct WhoAmI: Encodable {
    var user: String
    var role: Role
    var via: String
    var csrfToken: String?

    init(_ principal: Principal) {
        user = principal.name
        role = principal.role
        via = principal.credential.name
        if case .session(let token) = principal.credential { csrfToken = token }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encode(role, forKey: .role)
        try container.encode(via, forKey: .via)
        try container.encode(csrfToken, forKey: .csrfToken)
    }

    enum CodingKeys: String, CodingKey {
        case user, role, via
        case csrfToken = "csrf_token"
    }
}
