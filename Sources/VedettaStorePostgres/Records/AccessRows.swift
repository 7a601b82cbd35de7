import Foundation
import PostgresNIO
import VedettaAccess
import VedettaCore

/// Users and tokens from `access_user` and `access_token` rows.
enum AccessRows {
    /// Decodes one row of `SELECT * FROM access_user`.
    static func account(_ row: StoredRow) throws -> UserAccount {
        let name = try row["name", as: String.self]
        let roleName = try row["role", as: String.self]
        guard let role = Role(rawValue: roleName) else {
            throw AccessError(.unavailable, "user \(name) has an unknown role \"\(roleName)\"")
        }
        return UserAccount(
            name: name, role: role, disabled: try row["disabled", as: Bool.self],
            createdAt: Milliseconds.date(try row["created_at", as: Int64.self]),
            passwordChangedAt: try row["password_changed_at", as: Int64?.self].map(Milliseconds.date))
    }

    /// Decodes one row of `SELECT * FROM access_token`.
    static func token(_ row: StoredRow) throws -> AccessToken {
        AccessToken(
            id: try row["id", as: Int64.self], user: try row["user", as: String.self],
            label: try row["label", as: String.self],
            createdAt: Milliseconds.date(try row["created_at", as: Int64.self]),
            expiresAt: try row["expires_at", as: Int64?.self].map(Milliseconds.date),
            lastUsedAt: try row["last_used_at", as: Int64?.self].map(Milliseconds.date),
            revokedAt: try row["revoked_at", as: Int64?.self].map(Milliseconds.date))
    }
}
