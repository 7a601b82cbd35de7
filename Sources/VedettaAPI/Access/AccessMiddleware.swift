import Foundation
import Hummingbird
import Logging
import SecretKit
import VedettaAccess

/// Authenticates every request, checks its role against ``AccessRequirement``, refuses cross-site writes, and
/// records every write in the audit log.
///
/// A request proves who it is with, in order: `Authorization: Bearer` (an API token), `?token=` on calendar
/// feeds, the session cookie, or, when `access.trusted_proxy` is set and the request comes from the proxy, the
/// proxy's user header. A write made with the session cookie must send the session's CSRF token in
/// `X-CSRF-Token`. Handlers see the caller as `Principal.current`.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let desk: AccessDesk
    let now: @Sendable () -> Date

    /// The header carrying a session's CSRF token.
    static let csrfHeader = "X-CSRF-Token"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        let requirement = AccessRequirement.of(
            method: request.method, path: path, publicMetrics: desk.settings.publicMetrics)
        guard case .role(let needed) = requirement else { return try await next(request, context) }
        let address = Self.clientAddress(request, context, settings: desk.settings)
        let principal: Principal?
        do {
            principal = try await authenticate(request, context)
        } catch {
            return RefusalBody.response(
                message: "the access store is unavailable: \(error)", code: "unavailable", field: nil)
        }
        guard let principal else {
            if AccessRequirement.isConsolePage(path), reads(request) {
                let next = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
                let encoded =
                    next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?"]))
                    ?? ""
                return Response(status: .seeOther, headers: [.location: "/console/login?next=\(encoded)"])
            }
            return try await unauthenticated(request)
        }
        let writes = !reads(request)
        let action = "\(request.method) \(path)"
        guard principal.role.allows(needed) else {
            if writes {
                await audit(
                    principal, address: address, action: action, status: 403, detail: "role", logger: context.logger)
            }
            return RefusalBody.response(
                message: "\(principal.name) is \(principal.role.rawValue); \(action) needs \(needed.rawValue)",
                code: "forbidden", field: nil)
        }
        if writes, let refusal = Self.crossSiteRefusal(request, principal.credential) {
            await audit(
                principal, address: address, action: action, status: 403, detail: "csrf", logger: context.logger)
            return RefusalBody.response(message: refusal, code: "csrf", field: nil)
        }
        guard writes else {
            return try await Principal.$current.withValue(principal) { try await next(request, context) }
        }
        do {
            let response = try await Principal.$current.withValue(principal) { try await next(request, context) }
            await audit(
                principal, address: address, action: action, status: Int(response.status.code), logger: context.logger)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            await audit(principal, address: address, action: action, status: Int(status), logger: context.logger)
            throw error
        }
    }

    private func reads(_ request: Request) -> Bool { [.get, .head, .options].contains(request.method) }

    /// Why a write made by a browser's credential (a session cookie, or a proxy's sign-on) may have come from
    /// another site, or `nil` when it cannot have.
    ///
    /// A session's write must send the session's CSRF token; a proxy-authenticated write must send an
    /// `X-CSRF-Token` header (any value: a page of another site cannot add a header to a request to this one
    /// without CORS, which Vedetta never allows). A write whose `Origin` is not this host is refused either way.
    /// A token needs neither: a browser never sends one by itself.
    static func crossSiteRefusal(_ request: Request, _ credential: Principal.Credential) -> String? {
        let given = request.headers.value(named: csrfHeader) ?? ""
        switch credential {
        case .token: return nil
        case .session(let expected):
            guard Digest.constantTimeEqual(Array(given.utf8), Array(expected.utf8)) else {
                return "a write with the session cookie needs the session's X-CSRF-Token header"
            }
        case .proxy:
            guard !given.isEmpty else {
                return "a write signed on by the proxy needs an X-CSRF-Token header"
            }
        }
        if let origin = request.headers.value(named: "Origin"), origin != "null",
            let host = request.head.authority,
            URLComponents(string: origin).map({ Self.authority($0) }) != host.lowercased()
        {
            return "a write from another site (Origin \(origin)) is refused"
        }
        return nil
    }

    private static func authority(_ origin: URLComponents) -> String {
        (origin.host ?? "").lowercased() + (origin.port.map { ":\($0)" } ?? "")
    }

    /// The caller, or `nil` when the request carries no valid credential.
    private func authenticate(_ request: Request, _ context: Context) async throws(AccessError) -> Principal? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return try await desk.authenticate(bearer: parts[1].trimmingCharacters(in: .whitespaces), at: now())
        }
        if AccessRequirement.isCalendar(request.uri.path), let token = request.uri.queryParameters.get("token") {
            return try await desk.authenticate(bearer: token, at: now())
        }
        if let secret = SessionCookie.secret(in: request) {
            return try await desk.authenticate(session: secret, at: now())
        }
        if let proxy = desk.settings.trustedProxy, let header = proxy.header,
            proxy.addresses.contains(context.clientAddress), let name = request.headers.value(named: header),
            !name.isEmpty
        {
            return try await desk.authenticate(proxyUser: name)
        }
        return nil
    }

    private func unauthenticated(_ request: Request) async throws -> Response {
        let hasCredential =
            request.headers[.authorization] != nil || SessionCookie.secret(in: request) != nil
            || request.uri.queryParameters.get("token") != nil
        var message =
            hasCredential
            ? "the token or session is unknown, expired or revoked, or its user is disabled"
            : "sign in (POST /api/v1/session) or send an API token (Authorization: Bearer …)"
        if !hasCredential, (try? await desk.hasUsers()) == false {
            message += "; no user exists yet: create the first admin with `vedetta users add NAME --role admin`"
        }
        var response = RefusalBody.response(message: message, code: "unauthenticated", field: nil)
        response.headers[.wwwAuthenticate] = "Bearer realm=\"vedetta\""
        return response
    }

    /// The client's address: behind a trusted proxy, the last `X-Forwarded-For` address that is not one of the
    /// proxies' (the first ones are whatever the client sent, and could be forged).
    static func clientAddress(_ request: Request, _ context: Context, settings: AccessSettings) -> String {
        let direct = context.clientAddress
        guard let proxy = settings.trustedProxy, proxy.addresses.contains(direct),
            let forwarded = request.headers.value(named: "X-Forwarded-For")
        else { return direct }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.last { !$0.isEmpty && !proxy.addresses.contains($0) } ?? direct
    }

    private func audit(
        _ principal: Principal, address: String, action: String, status: Int, detail: String = "",
        logger: Logger
    ) async {
        let entry = AuditEntry(
            at: now(), actor: principal.name, via: principal.credential.name, address: address, action: action,
            status: status, detail: detail)
        do {
            try await desk.record(entry)
        } catch {
            // The write itself is done; its audit entry is in the log at least.
            logger.error(
                "audit entry not stored",
                metadata: [
                    "audit.actor": "\(entry.actor)", "audit.action": "\(action)", "audit.status": "\(status)",
                    "error": "\(error)",
                ])
        }
    }
}
