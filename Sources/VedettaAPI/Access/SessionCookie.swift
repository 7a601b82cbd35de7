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
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
        return nil
    }
}
