import Foundation
import Hummingbird

/// The browser session's cookie: `vedetta_session`, `HttpOnly` (no script reads it), `Secure` (sent over HTTPS
/// only; browsers also send it to `localhost` over HTTP), `SameSite=Strict` (never sent on another site's
/// requests).
enum SessionCookie {
    static let name = "vedetta_session"

    /// The `Set-Cookie` value that stores `secret` for `lifetime` seconds.
    static func setting(_ secret: String, lifetime: Int) -> String {
        "\(name)=\(secret); Path=/; Max-Age=\(lifetime); HttpOnly; Secure; SameSite=Strict"
    }

    /// The `Set-Cookie` value that deletes the cookie.
    static let clearing = "\(name)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"

    /// The session secret in `request`'s `Cookie` headers, if any.
    static func secret(in request: Request) -> String? {
        request.headers.cookies(named: name).first
    }
}
