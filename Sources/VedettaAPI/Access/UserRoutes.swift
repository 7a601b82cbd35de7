import Foundation
import Hummingbird
import VedettaAccess
import VedettaCore

/// What admins do with users, API tokens and the audit log:
///
/// | Route | Answer |
/// |---|---|
/// | `GET /api/v1/users` | Every user |
/// | `POST /api/v1/users` | Adds a user from `{"name", "role", "password"?}`; 201; 409 when the name exists |
/// | `GET /api/v1/users/{name}` | One user |
/// | `PATCH /api/v1/users/{name}` | Changes `role`, `disabled` and/or `password`; ends the user's sessions |
/// | `GET /api/v1/users/{name}/tokens` | The user's API tokens (never their secrets) |
/// | `POST /api/v1/users/{name}/tokens` | Issues a token from `{"label", "expires_in"?}`; 201, with the secret shown this once |
/// | `DELETE /api/v1/tokens/{id}` | Revokes a token |
/// | `GET /api/v1/audit?actor=&since=&before=&limit=` | The audit log, newest first |
enum UserRoutes {
    static func add(_ desk: AccessDesk, now: @escaping @Sendable () -> Date, to router: Router<APIRequestContext>) {
        router.get("/api/v1/users") { _, _ -> Response in
            try await answer(.ok) { () async throws(AccessError) in try await desk.users() }
        }
        router.post("/api/v1/users") { request, _ -> Response in
            try await answer(.created) { () async throws(AccessError) in
                let body = try await AccessRequestBody.decode(request, allowed: ["name", "role", "password"])
                guard let role = try body.role("role") else { throw AccessError(.invalid, "required", field: "role") }
                return try await desk.addUser(
                    name: try body.requiredString("name"), role: role, password: try body.string("password"),
                    at: now())
            }
        }
        router.get("/api/v1/users/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            return try await answer(.ok) { () async throws(AccessError) in try await user(name, desk) }
        }
        router.patch("/api/v1/users/:name") { request, context -> Response in
            let name = try context.parameters.require("name")
            return try await answer(.ok) { () async throws(AccessError) in
                let body = try await AccessRequestBody.decode(request, allowed: ["role", "disabled", "password"])
                guard !body.isEmpty else {
                    throw AccessError(.invalid, "give role, disabled or password", field: "body")
                }
                return try await desk.updateUser(
                    name: name, role: try body.role("role"), disabled: try body.bool("disabled"),
                    password: try body.string("password"), at: now())
            }
        }
        router.get("/api/v1/users/:name/tokens") { _, context -> Response in
            let name = try context.parameters.require("name")
            return try await answer(.ok) { () async throws(AccessError) in
                let account = try await user(name, desk)
                return try await desk.tokens(of: account.name)
            }
        }
        router.post("/api/v1/users/:name/tokens") { request, context -> Response in
            let name = try context.parameters.require("name")
            return try await answer(.created) { () async throws(AccessError) in
                let body = try await AccessRequestBody.decode(request, allowed: ["label", "expires_in"])
                var lifetime: Duration?
                if let text = try body.string("expires_in") {
                    guard let parsed = Duration.parse(text), parsed > .zero else {
                        throw AccessError(.invalid, "a duration such as 90d or 12h", field: "expires_in")
                    }
                    lifetime = parsed
                }
                return try await desk.issueToken(
                    user: name, label: try body.requiredString("label"), expiresIn: lifetime, at: now())
            }
        }
        router.delete("/api/v1/tokens/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
                return AccessError(.invalid, "a token's id is a positive integer", field: "id").response
            }
            return try await answer(.ok) { () async throws(AccessError) in
                try await desk.revokeToken(id: id, at: now())
            }
        }
        router.get("/api/v1/audit") { request, _ -> Response in
            try await answer(.ok) { () async throws(AccessError) in
                try await desk.audit(matching: try auditQuery(request.uri.queryParameters))
            }
        }
    }

    private static func user(_ name: String, _ desk: AccessDesk) async throws(AccessError) -> UserAccount {
        guard let account = try await desk.users().first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw AccessError(.notFound, "no user \"\(name)\"", field: "name")
        }
        return account
    }

    private static func auditQuery(_ parameters: Hummingbird.Parameters) throws(AccessError) -> AuditQuery {
        var query = AuditQuery()
        query.actor = parameters.get("actor")
        if let since = parameters.get("since") {
            guard let date = Date.parseISO8601(since) else {
                throw AccessError(.invalid, "an RFC 3339 time such as 2026-12-01T08:00:00Z", field: "since")
            }
            query.since = date
        }
        if let before = parameters.get("before") {
            guard let id = Int64(before) else { throw AccessError(.invalid, "an entry id", field: "before") }
            query.before = id
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...AuditQuery.maximumLimit).contains(value) else {
                throw AccessError(
                    .invalid, "an integer from 1 to \(AuditQuery.maximumLimit)", field: "limit")
            }
            query.limit = value
        }
        return query
    }

    private static func answer(
        _ status: HTTPResponse.Status, _ body: () async throws(AccessError) -> some Encodable
    ) async throws -> Response {
        do {
            return try JSONAnswer.response(try await body(), status: status)
        } catch let error as AccessError {
            return error.response
        }
    }
}
