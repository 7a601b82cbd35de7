public import Foundation
import PostgresNIO
public import VedettaAccess
import VedettaCore

extension PostgresIncidentStore: AccessStore {
    /// Every user, by name (without case, as SQLite's `COLLATE NOCASE` orders them).
    ///
    /// - Returns: The accounts.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be read.
    public func users() async throws(AccessError) -> [UserAccount] {
        try await accessRead("list users") { session in
            try await session.rows("SELECT * FROM access_user ORDER BY lower(name) COLLATE \"C\"").map(
                AccessRows.account)
        }
    }

    /// The user called `name`, case-insensitively.
    ///
    /// - Parameter name: The name, in any case.
    /// - Returns: The user with its password hash, or `nil`.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be read.
    public func user(named name: String) async throws(AccessError) -> StoredUser? {
        try await accessRead("read user") { session in
            guard let row = try await Self.userRow(session, named: name) else { return nil }
            return StoredUser(
                account: try AccessRows.account(row), passwordHash: try row["password_hash", as: String?.self])
        }
    }

    /// Adds a user.
    ///
    /// - Parameter user: The account and its password hash.
    /// - Throws: ``AccessError`` `conflict` when the name is taken (case-insensitively), `unavailable` when the
    ///   database cannot be written.
    public func addUser(_ user: StoredUser) async throws(AccessError) {
        let account = user.account
        try await accessWrite("add user") { session in
            guard try await Self.userRow(session, named: account.name) == nil else {
                throw AccessError(.conflict, "user \"\(account.name)\" exists already", field: "name")
            }
            try await session.execute(
                """
                INSERT INTO access_user (name, role, password_hash, disabled, created_at, password_changed_at)
                VALUES (\(account.name), \(account.role.rawValue), \(user.passwordHash), \(account.disabled),
                \(Milliseconds.of(account.createdAt)), \(account.passwordChangedAt.map(Milliseconds.of)))
                """)
        }
    }

    /// Changes a user; a new password, a new role or disabling ends its sessions in the same transaction.
    ///
    /// - Parameters:
    ///   - name: The user, in any case.
    ///   - role: The new role, or `nil` to keep it.
    ///   - disabled: Whether it is disabled, or `nil` to keep it.
    ///   - passwordHash: The new password hash, or `nil` to keep it.
    ///   - date: When (the password's change time).
    /// - Returns: The account as changed.
    /// - Throws: ``AccessError`` `notFound` when there is no such user, `unavailable` when the database fails.
    public func updateUser(
        named name: String, role: Role?, disabled: Bool?, passwordHash: String?, at date: Date
    ) async throws(AccessError) -> UserAccount {
        try await accessWrite("update user") { session in
            guard let row = try await Self.userRow(session, named: name) else {
                throw AccessError(.notFound, "no user \"\(name)\"", field: "name")
            }
            let stored = try row["name", as: String.self]
            if let role {
                try await session.execute("UPDATE access_user SET role = \(role.rawValue) WHERE name = \(stored)")
            }
            if let disabled {
                try await session.execute("UPDATE access_user SET disabled = \(disabled) WHERE name = \(stored)")
            }
            if let passwordHash {
                try await session.execute(
                    """
                    UPDATE access_user SET password_hash = \(passwordHash), password_changed_at = \(Milliseconds.of(date))
                    WHERE name = \(stored)
                    """)
            }
            if passwordHash != nil || disabled == true || role != nil {
                // Whoever held a session under the old password or role signs in again.
                try await session.execute(#"DELETE FROM access_session WHERE "user" = \#(stored)"#)
            }
            guard let updated = try await Self.userRow(session, named: stored) else {
                throw AccessError(.notFound, "no user \"\(name)\"", field: "name")
            }
            return try AccessRows.account(updated)
        }
    }

    /// Stores a token for `user`, under the user's name as stored.
    ///
    /// - Parameters:
    ///   - user: The user, in any case.
    ///   - label: What the token is for.
    ///   - secretHash: The SHA-256 of its secret.
    ///   - createdAt: When it is made.
    ///   - expiresAt: When it stops working, or `nil` for never.
    /// - Returns: The token with its id.
    /// - Throws: ``AccessError`` `notFound` when there is no such user, `unavailable` when the database fails.
    public func addToken(
        user: String, label: String, secretHash: String, createdAt: Date, expiresAt: Date?
    ) async throws(AccessError) -> AccessToken {
        try await accessWrite("add token") { session in
            let owner = try await Self.storedName(session, of: user)
            let inserted = try await session.value(
                """
                INSERT INTO access_token ("user", label, secret_hash, created_at, expires_at)
                VALUES (\(owner), \(label), \(secretHash), \(Milliseconds.of(createdAt)),
                \(expiresAt.map(Milliseconds.of)))
                RETURNING id
                """, as: Int64.self)
            guard let id = inserted else { throw AccessError(.unavailable, "the new token has no number") }
            return AccessToken(
                id: id, user: owner, label: label, createdAt: Self.rounded(createdAt),
                expiresAt: expiresAt.map(Self.rounded))
        }
    }

    /// The token with this secret hash and its user; records the use of a working token at most once a minute.
    ///
    /// - Parameters:
    ///   - secretHash: The SHA-256 of the secret presented.
    ///   - date: When it is presented.
    /// - Returns: The token (as before this use) and its user, or `nil`.
    /// - Throws: ``AccessError`` `unavailable` when the database fails.
    public func token(secretHash: String, usedAt date: Date) async throws(AccessError) -> (AccessToken, UserAccount)? {
        let found = try await accessRead("read token") { session -> (AccessToken, UserAccount)? in
            guard
                let row = try await session.first("SELECT * FROM access_token WHERE secret_hash = \(secretHash)"),
                let user = try await Self.userRow(session, named: try row["user", as: String.self])
            else { return nil }
            return (try AccessRows.token(row), try AccessRows.account(user))
        }
        guard let (token, account) = found else { return nil }
        if token.isValid(at: date), !account.disabled,
            token.lastUsedAt.map({ date.timeIntervalSince($0) >= 60 }) ?? true
        {
            let id = token.id
            try await accessWrite("record token use") { session in
                try await session.execute(
                    "UPDATE access_token SET last_used_at = \(Milliseconds.of(date)) WHERE id = \(id)")
            }
        }
        return (token, account)
    }

    /// The tokens of `user` (everyone's when `nil`), newest first, revoked ones included.
    ///
    /// - Parameter user: The user, in any case, or `nil`.
    /// - Returns: The tokens.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be read.
    public func tokens(of user: String?) async throws(AccessError) -> [AccessToken] {
        try await accessRead("list tokens") { session in
            try await session.rows(
                """
                SELECT * FROM access_token WHERE (\(user)::TEXT IS NULL OR lower("user") = lower(\(user)::TEXT))
                ORDER BY id DESC
                """
            ).map(AccessRows.token)
        }
    }

    /// Revokes a token, keeping the first revocation's time.
    ///
    /// - Parameters:
    ///   - id: The token's number.
    ///   - date: When.
    /// - Returns: The token as revoked.
    /// - Throws: ``AccessError`` `notFound` when there is no such token, `unavailable` when the database fails.
    public func revokeToken(id: Int64, at date: Date) async throws(AccessError) -> AccessToken {
        try await accessWrite("revoke token") { session in
            try await session.execute(
                "UPDATE access_token SET revoked_at = \(Milliseconds.of(date)) WHERE id = \(id) AND revoked_at IS NULL"
            )
            guard let row = try await session.first("SELECT * FROM access_token WHERE id = \(id)") else {
                throw AccessError(.notFound, "no token \(id)", field: "id")
            }
            return try AccessRows.token(row)
        }
    }

    /// Stores a session, under its user's name as stored.
    ///
    /// - Parameter session: The session.
    /// - Throws: ``AccessError`` `notFound` when there is no such user, `unavailable` when the database fails.
    public func addSession(_ session: Session) async throws(AccessError) {
        try await accessWrite("add session") { database in
            let owner = try await Self.storedName(database, of: session.user)
            try await database.execute(
                """
                INSERT INTO access_session (secret_hash, "user", csrf_token, created_at, expires_at, ends_at,
                last_seen_at) VALUES (\(session.secretHash), \(owner), \(session.csrfToken),
                \(Milliseconds.of(session.createdAt)), \(Milliseconds.of(session.expiresAt)),
                \(Milliseconds.of(session.endsAt)), \(Milliseconds.of(session.lastSeenAt)))
                """)
        }
    }

    /// The session with this secret hash and its user.
    ///
    /// - Parameter secretHash: The SHA-256 of the session's secret.
    /// - Returns: The session and its user, or `nil`.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be read.
    public func session(secretHash: String) async throws(AccessError) -> (Session, UserAccount)? {
        try await accessRead("read session") { database in
            guard
                let row = try await database.first(
                    "SELECT * FROM access_session WHERE secret_hash = \(secretHash)"),
                let user = try await Self.userRow(database, named: try row["user", as: String.self])
            else { return nil }
            let session = Session(
                secretHash: try row["secret_hash", as: String.self], user: try row["user", as: String.self],
                csrfToken: try row["csrf_token", as: String.self],
                createdAt: Milliseconds.date(try row["created_at", as: Int64.self]),
                expiresAt: Milliseconds.date(try row["expires_at", as: Int64.self]),
                endsAt: Milliseconds.date(try row["ends_at", as: Int64.self]),
                lastSeenAt: Milliseconds.date(try row["last_seen_at", as: Int64.self]))
            return (session, try AccessRows.account(user))
        }
    }

    /// Moves a session's sliding expiry.
    ///
    /// - Parameters:
    ///   - secretHash: The SHA-256 of the session's secret.
    ///   - lastSeenAt: When it was used.
    ///   - expiresAt: When it expires unless used again.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be written.
    public func touchSession(secretHash: String, lastSeenAt: Date, expiresAt: Date) async throws(AccessError) {
        try await accessWrite("touch session") { session in
            try await session.execute(
                """
                UPDATE access_session SET last_seen_at = \(Milliseconds.of(lastSeenAt)),
                expires_at = \(Milliseconds.of(expiresAt)) WHERE secret_hash = \(secretHash)
                """)
        }
    }

    /// Ends a session; nothing happens when it is gone already.
    ///
    /// - Parameter secretHash: The SHA-256 of the session's secret.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be written.
    public func endSession(secretHash: String) async throws(AccessError) {
        try await accessWrite("end session") { session in
            try await session.execute("DELETE FROM access_session WHERE secret_hash = \(secretHash)")
        }
    }

    /// Deletes the sessions that expired or ended at or before `date`.
    ///
    /// - Parameter date: The cut-off.
    /// - Returns: How many sessions were deleted.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be written.
    public func purgeSessions(endedBefore date: Date) async throws(AccessError) -> Int {
        let now = Milliseconds.of(date)
        return try await accessWrite("purge sessions") { session in
            try await session.count(
                "DELETE FROM access_session WHERE expires_at <= \(now) OR ends_at <= \(now) RETURNING 1")
        }
    }

    /// Appends to the audit log.
    ///
    /// - Parameter entry: The entry; its `id` is ignored (the log numbers it).
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be written.
    public func appendAudit(_ entry: AuditEntry) async throws(AccessError) {
        try await accessWrite("append audit") { session in
            try await session.execute(
                """
                INSERT INTO audit_log (at, actor, via, address, action, status, detail)
                VALUES (\(Milliseconds.of(entry.at)), \(entry.actor), \(entry.via), \(entry.address), \(entry.action),
                \(entry.status), \(entry.detail))
                """)
        }
    }

    /// Reads the audit log, newest first.
    ///
    /// - Parameter query: The actor (exactly), the earliest time, the entry to read before and how many.
    /// - Returns: The entries.
    /// - Throws: ``AccessError`` `unavailable` when the database cannot be read.
    public func audit(matching query: AuditQuery) async throws(AccessError) -> [AuditEntry] {
        let actor = query.actor
        let since = query.since.map(Milliseconds.of)
        let before = query.before
        let limit = min(max(query.limit, 1), AuditQuery.maximumLimit)
        return try await accessRead("read audit") { session in
            try await session.rows(
                """
                SELECT * FROM audit_log
                WHERE (\(actor)::TEXT IS NULL OR actor = \(actor)::TEXT)
                AND (\(since)::BIGINT IS NULL OR at >= \(since)::BIGINT)
                AND (\(before)::BIGINT IS NULL OR id < \(before)::BIGINT)
                ORDER BY id DESC LIMIT \(limit)
                """
            ).map { row in
                AuditEntry(
                    id: try row["id", as: Int64.self], at: Milliseconds.date(try row["at", as: Int64.self]),
                    actor: try row["actor", as: String.self], via: try row["via", as: String.self],
                    address: try row["address", as: String.self], action: try row["action", as: String.self],
                    status: try row["status", as: Int.self], detail: try row["detail", as: String.self])
            }
        }
    }

    // Rows

    /// The row of the user called `name`, compared without case (the unique index on `lower(name)`).
    private static func userRow(_ session: PostgresSession, named name: String) async throws -> StoredRow? {
        try await session.first("SELECT * FROM access_user WHERE lower(name) = lower(\(name))")
    }

    /// The name of user `name` as stored, which the rows that reference a user must hold exactly.
    private static func storedName(_ session: PostgresSession, of name: String) async throws -> String {
        guard let row = try await userRow(session, named: name) else {
            throw AccessError(.notFound, "no user \"\(name)\"", field: "name")
        }
        return try row["name", as: String.self]
    }

    /// `date` at the stored precision (whole milliseconds), so values handed back equal values read later.
    private static func rounded(_ date: Date) -> Date {
        Milliseconds.date(Milliseconds.of(date))
    }
}
