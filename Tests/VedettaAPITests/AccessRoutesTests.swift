import Foundation
import Hummingbird
import HummingbirdTesting
import SecretKit
import Testing
import VedettaAPI
import VedettaAccess
import VedettaStoreSQLite

@Suite("Who may call what: every route for every role, CSRF, sessions, sign-in limit, audit")
struct AccessRoutesTests {
    /// The routes anyone may call (with `access.public_metrics` at its default).
    private static let publicRoutes: Set<String> = [
        "GET /healthz", "GET /metrics", "GET /metrics/devices/{device}", "GET /api/v1/targets",
        "GET /api/v1/openapi.json", "POST /api/v1/session", "GET /ack/{id}", "POST /ack/{id}", "GET /",
        "GET /console", "GET /console/login", "GET /console/assets/{name}",
    ]

    /// A route's path with its captures filled in.
    private static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{name}", with: "tester")
            .replacingOccurrences(of: "{device}", with: "sw1")
    }

    /// The role a route needs, as the documentation says: admin for users, tokens, audit and reload; operator for other
    /// writes; viewer for other reads.
    private static func needed(_ method: String, _ path: String) -> Role {
        if path.hasPrefix("/api/v1/users") || path.hasPrefix("/api/v1/tokens") || path.hasPrefix("/api/v1/audit")
            || path == "/api/v1/reload"
        {
            return .admin
        }
        if path == "/api/v1/session" { return .viewer }
        return method == "GET" ? .viewer : .operator
    }

    @Test(
        "anonymous: 401 with WWW-Authenticate on every route but the public ones; each role: 403 exactly where it falls short"
    )
    func everyRouteEveryRole() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, _) = try await OpenAPIDocumentTests.router(store)
        let desk = AccessDesk(store: store)
        var tokens: [Role: HTTPFields] = [:]
        for role in [Role.viewer, .operator] {
            try await desk.addUser(name: "as-\(role.rawValue)", role: role, password: nil, at: Date())
            let issued = try await desk.issueToken(user: "as-\(role.rawValue)", label: "t", expiresIn: nil, at: Date())
            tokens[role] = [.authorization: "Bearer \(issued.secret)"]
        }
        tokens[.admin] = [.authorization: "Bearer \(try await Self.adminToken(desk))"]
        let credentials = tokens
        let routes = router.routes.map { (method: $0.method, path: $0.path.description) }
        #expect(routes.count > 40)
        try await Application(router: router).test(.router) { client in
            for route in routes {
                let name = "\(route.method.rawValue) \(route.path)"
                let uri = Self.concrete(route.path)
                try await client.execute(uri: uri, method: route.method) { response in
                    if Self.publicRoutes.contains(name) {
                        #expect(response.status != .unauthorized && response.status != .forbidden, "\(name)")
                    } else if route.path.hasPrefix("/console/") {
                        // A console page leads to the sign-in page, and back.
                        #expect(response.status == .seeOther, "anonymous \(name)")
                        #expect(response.headers[.location]?.hasPrefix("/console/login?next=/console/") == true)
                    } else {
                        #expect(response.status == .unauthorized, "anonymous \(name)")
                        #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"vedetta\"", "\(name)")
                    }
                }
                // The wallboard's event stream lasts minutes: its access is checked above, its stream in the browser.
                guard !Self.publicRoutes.contains(name), !route.path.hasSuffix("/events") else { continue }
                for role in [Role.viewer, .operator, .admin] {
                    try await client.execute(uri: uri, method: route.method, headers: credentials[role] ?? [:]) {
                        response in
                        let allowed = role.allows(Self.needed(route.method.rawValue, route.path))
                        #expect(response.status != .unauthorized, "\(role) \(name)")
                        if allowed {
                            #expect(response.status != .forbidden, "\(role) may \(name)")
                        } else {
                            #expect(response.status == .forbidden, "\(role) may not \(name)")
                            #expect(String(buffer: response.body).contains("\"code\" : \"forbidden\""))
                        }
                    }
                }
            }
        }
        // Refused writes are audited with their status (signing out is the one write a viewer may make).
        let refused = try await desk.audit(matching: AuditQuery(actor: "as-viewer", limit: 1000))
            .filter { $0.action != "DELETE /api/v1/session" }
        #expect(refused.count > 10 && refused.allSatisfy { $0.status == 403 && $0.via.hasPrefix("token:") })
    }

    @Test("a session: the cookie is HttpOnly, Secure, SameSite=Strict; writes need its X-CSRF-Token; sign-out ends it")
    func sessionAndCSRF() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, _) = try await OpenAPIDocumentTests.router(store)
        let desk = AccessDesk(store: store)
        try await desk.addUser(name: "giulia", role: .operator, password: "turno-di-notte", at: Date())
        try await Application(router: router).test(.router) { client in
            var cookie = ""
            var csrf = ""
            try await client.execute(
                uri: "/api/v1/session", method: .post,
                body: ByteBuffer(string: #"{"name": "giulia", "password": "turno-di-notte"}"#)
            ) { response in
                #expect(response.status == .created)
                let setCookie = try #require(response.headers[.setCookie])
                for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
                    #expect(setCookie.contains(attribute), "\(attribute) in \(setCookie)")
                }
                cookie = String(setCookie.prefix { $0 != ";" })
                let body = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                csrf = try #require(body["csrf_token"] as? String)
                #expect(body["role"] as? String == "operator")
            }
            let withCookie: HTTPFields = [.cookie: cookie]
            try await client.execute(uri: "/api/v1/session", method: .get, headers: withCookie) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"via\" : \"session\""))
            }
            let maintenance = ByteBuffer(
                string: #"{"match": "device=\"sw1\"", "start": "2030-01-01T22:00", "duration": "1h", "reason": "x"}"#)
            try await client.execute(
                uri: "/api/v1/maintenance", method: .post, headers: withCookie, body: maintenance
            ) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("\"code\" : \"csrf\""))
            }
            var forged = withCookie
            forged.append(HTTPFields.Element(name: try #require(.init("X-CSRF-Token")), value: csrf + "x"))
            try await client.execute(uri: "/api/v1/maintenance", method: .post, headers: forged, body: maintenance) {
                response in #expect(response.status == .forbidden)
            }
            var good = withCookie
            good.append(HTTPFields.Element(name: try #require(.init("X-CSRF-Token")), value: csrf))
            try await client.execute(uri: "/api/v1/maintenance", method: .post, headers: good, body: maintenance) {
                response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                // Without `by`, the change is the caller's.
                #expect(String(buffer: response.body).contains("giulia"))
            }
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: good) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/api/v1/session", method: .get, headers: withCookie) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let audit = try await desk.audit(matching: AuditQuery(actor: "giulia"))
        #expect(audit.map(\.status) == [204, 201, 403, 403, 201])
        #expect(audit.map(\.detail).contains("csrf"))
        #expect(audit.last?.action == "POST /api/v1/session" && audit.last?.detail == "signed in")
    }

    @Test("sign-in: 401 for a wrong password, 429 with Retry-After after five, refused sign-ins audited")
    func signInLimit() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, _) = try await OpenAPIDocumentTests.router(store)
        let desk = AccessDesk(store: store)
        try await desk.addUser(name: "marco", role: .viewer, password: "reperibile-2026", at: Date())
        try await Application(router: router).test(.router) { client in
            for attempt in 0..<6 {
                try await client.execute(
                    uri: "/api/v1/session", method: .post,
                    body: ByteBuffer(string: #"{"name": "marco", "password": "guess-\#(attempt)"}"#)
                ) { response in
                    if attempt < 5 {
                        #expect(response.status == .unauthorized)
                    } else {
                        #expect(response.status == .tooManyRequests)
                        #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 800)
                        #expect(String(buffer: response.body).contains("too_many_requests"))
                    }
                }
            }
            try await client.execute(
                uri: "/api/v1/session", method: .post, body: ByteBuffer(string: #"{"name": "marco"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\" : \"password\""))
            }
        }
        let audit = try await desk.audit(matching: AuditQuery(actor: "marco"))
        #expect(audit.map(\.status) == [429, 401, 401, 401, 401, 401])
        #expect(audit.allSatisfy { $0.via == "none" && !$0.detail.contains("guess") })
    }

    @Test("admins manage users and tokens through the API; a token's secret is shown once and then works")
    func usersAndTokens() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, admin) = try await OpenAPIDocumentTests.router(store)
        try await Application(router: router).test(.router) { client in
            try await client.execute(
                uri: "/api/v1/users", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name": "luca", "role": "viewer", "password": "guardia-medica"}"#)
            ) { response in
                #expect(response.status == .created)
                #expect(!String(buffer: response.body).contains("guardia-medica"))
                #expect(!String(buffer: response.body).contains("scrypt"))
            }
            try await client.execute(
                uri: "/api/v1/users", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name": "LUCA", "role": "viewer"}"#)
            ) { response in #expect(response.status == .conflict) }
            try await client.execute(
                uri: "/api/v1/users/luca", method: .patch, headers: admin,
                body: ByteBuffer(string: #"{"role": "boss"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\" : \"role\""))
            }
            var secret = ""
            try await client.execute(
                uri: "/api/v1/users/luca/tokens", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"label": "wallboard", "expires_in": "30d"}"#)
            ) { response in
                #expect(response.status == .created)
                let body = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                secret = try #require(body["secret"] as? String)
            }
            try await client.execute(uri: "/api/v1/users/luca/tokens", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains(secret))
                #expect(String(buffer: response.body).contains("wallboard"))
            }
            let luca: HTTPFields = [.authorization: "Bearer \(secret)"]
            try await client.execute(uri: "/api/v1/session", method: .get, headers: luca) { response in
                #expect(String(buffer: response.body).contains("\"user\" : \"luca\""))
                #expect(String(buffer: response.body).contains("\"csrf_token\" : null"))
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: luca) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/tokens/2", method: .delete, headers: admin) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("revoked_at"))
            }
            try await client.execute(uri: "/api/v1/session", method: .get, headers: luca) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/audit?limit=2", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("DELETE /api/v1/tokens/2"))
            }
            try await client.execute(uri: "/api/v1/audit?limit=0", method: .get, headers: admin) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    private static func adminToken(_ desk: AccessDesk) async throws -> String {
        try await desk.addUser(name: "as-admin", role: .admin, password: nil, at: Date())
        return try await desk.issueToken(user: "as-admin", label: "t", expiresIn: nil, at: Date()).secret
    }
}

@Suite("Access refusals that tell what to do")
struct AccessHintTests {
    @Test("an agent without users says how to add the first admin; a write from another Origin is refused")
    func firstAdminHintAndOrigin() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let desk = AccessDesk(store: store)
        let router = APIRoutes.makeRouter(source: StoreBackedStatus(store: store), access: desk)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/v1/incidents", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("vedetta users add NAME --role admin"))
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        try await desk.addUser(name: "giulia", role: .operator, password: "turno-di-notte", at: Date())
        let opened = try await desk.signIn(name: "giulia", password: "turno-di-notte", address: "a", at: Date())
        try await Application(router: router).test(.router) { client in
            var headers: HTTPFields = [.cookie: "vedetta_session=\(opened.secret)"]
            headers.append(
                HTTPFields.Element(name: try #require(.init("X-CSRF-Token")), value: opened.session.csrfToken))
            headers.append(HTTPFields.Element(name: try #require(.init("Origin")), value: "https://evil.example"))
            try await client.execute(
                uri: "/api/v1/session", method: .delete, headers: headers
            ) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("another site"))
            }
        }
    }
}
