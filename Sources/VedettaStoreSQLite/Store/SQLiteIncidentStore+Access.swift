public import Foundation
import GRDB
public import VedettaAccess
import VedettaCore
import VedettaStoreRows

extension SQLiteIncidentStore: AccessStore {
    /// Every user, by name.
    public func users() async throws(AccessError) -> [UserAccount] {
        try await accessRead("list users") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_user ORDER BY name").map { try Self.account($0) }
        }
    }

    /// The user called `name`, case-insensitively.
    public func user(named name: String) async throws(AccessError) -> StoredUser? {
        try await accessRead("read user") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_user WHERE name = ?", arguments: [name]).map {
                StoredUser(account: try Self.account($0), passwordHash: $0["password_hash"])
            }
        }
    }

    /// Adds a user; `conflict` when the name is taken.
    public func addUser(_ user: StoredUser) async throws(AccessError) {
        let account = user.account
        try await accessWrite("add user") { db in
            guard
                try Row.fetchOne(db, sql: "SELECT 1 FROM access_user WHERE name = ?", arguments: [account.name])
                    == nil
            else { throw AccessError(.conflict, "user \"\(account.name)\" exists already", field: "name") }
            try db.execute(
                sql: """
                    INSERT INTO access_user (name, role, password_hash, disabled, created_at, password_changed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.name, account.role.rawValue, user.passwordHash, account.disabled,
                    StoredTime.milliseconds(account.createdAt), account.passwordChangedAt.map(StoredTime.milliseconds),
                ])
        }
    }

    /// Changes a user; a new password or disabling ends its sessions in the same transaction.
    public func updateUser(
        named name: String, role: Role?, disabled: Bool?, passwordHash: String?, at date: Date
    ) async throws(AccessError) -> UserAccount {
        try await accessWrite("update user") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM access_user WHERE name = ?", arguments: [name])
            else { throw AccessError(.notFound, "no user \"\(name)\"", field: "name") }
            let stored: String = row["name"]
            if let role {
                try db.execute(
                    sql: "UPDATE access_user SET role = ? WHERE name = ?", arguments: [role.rawValue, stored])
            }
            if let disabled {
                try db.execute(
                    sql: "UPDATE access_user SET disabled = ? WHERE name = ?", arguments: [disabled, stored])
            }
            if let passwordHash {
                try db.execute(
                    sql: "UPDATE access_user SET password_hash = ?, password_changed_at = ? WHERE name = ?",
                    arguments: [passwordHash, StoredTime.milliseconds(date), stored])
            }
            if passwordHash != nil || disabled == true || role != nil {
                // Whoever held a session under the old password or role signs in again.
                try db.execute(sql: "DELETE FROM access_session WHERE user = ? COLLATE NOCASE", arguments: [stored])
            }
            guard
                let updated = try Row.fetchOne(db, sql: "SELECT * FROM access_user WHERE name = ?", arguments: [stored])
            else { throw AccessError(.notFound, "no user \"\(name)\"", field: "name") }
            return try Self.account(updated)
        }
    }

    /// Stores a token.
    public func addToken(
        user: String, label: String, secretHash: String, createdAt: Date, expiresAt: Date?
    ) async throws(AccessError) -> AccessToken {
        try await accessWrite("add token") { db in
            let user = try Self.storedName(db, user)
            try db.execute(
                sql: """
                    INSERT INTO access_token (user, label, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user, label, secretHash, StoredTime.milliseconds(createdAt), expiresAt.map(StoredTime.milliseconds),
                ])
            return AccessToken(
                id: db.lastInsertedRowID, user: user, label: label, createdAt: StoredTime.rounded(createdAt),
                expiresAt: expiresAt.map(StoredTime.rounded))
        }
    }

    /// The token with this secret hash and its user; records the use of a working token at most once a minute.
    public func token(secretHash: String, usedAt date: Date) async throws(AccessError) -> (AccessToken, UserAccount)? {
        let found = try await accessRead("read token") { db -> (AccessToken, UserAccount)? in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM access_token WHERE secret_hash = ?", arguments: [secretHash]),
                let user = try Row.fetchOne(
                    db, sql: "SELECT * FROM access_user WHERE name = ?", arguments: [row["user"] as String])
            else { return nil }
            return (Self.token(row), try Self.account(user))
        }
        guard let (token, account) = found else { return nil }
        if token.isValid(at: date), !account.disabled,
            token.lastUsedAt.map({ date.timeIntervalSince($0) >= 60 }) ?? true
        {
            let id = token.id
            try await accessWrite("record token use") { db in
                try db.execute(
                    sql: "UPDATE access_token SET last_used_at = ? WHERE id = ?",
                    arguments: [StoredTime.milliseconds(date), id])
            }
        }
        return (token, account)
    }

    /// The tokens of `user` (everyone's when `nil`), newest first.
    public func tokens(of user: String?) async throws(AccessError) -> [AccessToken] {
        try await accessRead("list tokens") { db in
            let rows =
                if let user {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM access_token WHERE user = ? COLLATE NOCASE ORDER BY id DESC",
                        arguments: [user])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM access_token ORDER BY id DESC")
                }
            return rows.map(Self.token)
        }
    }

    /// Revokes a token, keeping the first revocation's time.
    public func revokeToken(id: Int64, at date: Date) async throws(AccessError) -> AccessToken {
        try await accessWrite("revoke token") { db in
            try db.execute(
                sql: "UPDATE access_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [StoredTime.milliseconds(date), id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM access_token WHERE id = ?", arguments: [id])
            else { throw AccessError(.notFound, "no token \(id)", field: "id") }
            return Self.token(row)
        }
    }

    /// Stores a session.
    public func addSession(_ session: Session) async throws(AccessError) {
        try await accessWrite("add session") { db in
            let user = try Self.storedName(db, session.user)
            try db.execute(
                sql: """
                    INSERT INTO access_session (secret_hash, user, csrf_token, created_at, expires_at, ends_at,
                    last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.secretHash, user, session.csrfToken, StoredTime.milliseconds(session.createdAt),
                    StoredTime.milliseconds(session.expiresAt), StoredTime.milliseconds(session.endsAt),
                    StoredTime.milliseconds(session.lastSeenAt),
                ])
        }
    }

    /// The session with this secret hash and its user.
    public func session(secretHash: String) async throws(AccessError) -> (Session, UserAccount)? {
        try await accessRead("read session") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM access_session WHERE secret_hash = ?", arguments: [secretHash]),
                let user = try Row.fetchOne(
                    db, sql: "SELECT * FROM access_user WHERE name = ?", arguments: [row["user"] as String])
            else { return nil }
            let session = Session(
                secretHash: row["secret_hash"], user: row["user"], csrfToken: row["csrf_token"],
                createdAt: StoredTime.date(row["created_at"]), expiresAt: StoredTime.date(row["expires_at"]),
                endsAt: StoredTime.date(row["ends_at"]), lastSeenAt: StoredTime.date(row["last_seen_at"]))
            return (session, try Self.account(user))
        }
    }

    /// Moves a session's sliding expiry.
    public func touchSession(secretHash: String, lastSeenAt: Date, expiresAt: Date) async throws(AccessError) {
        try await accessWrite("touch session") { db in
            try db.execute(
                sql: "UPDATE access_session SET last_seen_at = ?, expires_at = ? WHERE secret_hash = ?",
                arguments: [StoredTime.milliseconds(lastSeenAt), StoredTime.milliseconds(expiresAt), secretHash])
        }
    }

    /// Ends a session.
    public func endSession(secretHash: String) async throws(AccessError) {
        try await accessWrite("end session") { db in
            try db.execute(sql: "DELETE FROM access_session WHERE secret_hash = ?", arguments: [secretHash])
        }
    }

    /// Deletes sessions that ended before `date`.
    public func purgeSessions(endedBefore date: Date) async throws(AccessError) -> Int {
        try await accessWrite("purge sessions") { db in
            let now = StoredTime.milliseconds(date)
            try db.execute(
                sql: "DELETE FROM access_session WHERE expires_at <= ? OR ends_at <= ?", arguments: [now, now])
            return db.changesCount
        }
    }

    /// Appends to the audit log.
    public func appendAudit(_ entry: AuditEntry) async throws(AccessError) {
        try await accessWrite("append audit") { db in
            try db.execute(
                sql: """
                    INSERT INTO audit_log (at, actor, via, address, action, status, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    StoredTime.milliseconds(entry.at), entry.actor, entry.via, entry.address, entry.action,
                    entry.status, entry.detail,
                ])
        }
    }

    /// Reads the audit log, newest first.
    public func audit(matching query: AuditQuery) async throws(AccessError) -> [AuditEntry] {
        try await accessRead("read audit") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let actor = query.actor {
                conditions.append("actor = ?")
                arguments += [actor]
            }
            if let since = query.since {
                conditions.append("at >= ?")
                arguments += [StoredTime.milliseconds(since)]
            }
            if let before = query.before {
                conditions.append("id < ?")
                arguments += [before]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [min(max(query.limit, 1), AuditQuery.maximumLimit)]
            return try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments
            ).map { row in
                AuditEntry(
                    id: row["id"], at: StoredTime.date(row["at"]), actor: row["actor"], via: row["via"],
                    address: row["address"], action: row["action"], status: row["status"], detail: row["detail"])
            }
        }
    }

    // MARK: Rows

    private static func account(_ row: Row) throws -> UserAccount {
        let roleName: String = row["role"]
        guard let role = Role(rawValue: roleName) else {
            throw AccessError(.unavailable, "user \(row["name"] as String) has an unknown role \"\(roleName)\"")
        }
        return UserAccount(
            name: row["name"], role: role, disabled: row["disabled"], createdAt: StoredTime.date(row["created_at"]),
            passwordChangedAt: (row["password_changed_at"] as Int64?).map(StoredTime.date))
    }

    private static func token(_ row: Row) -> AccessToken {
        AccessToken(
            id: row["id"], user: row["user"], label: row["label"], createdAt: StoredTime.date(row["created_at"]),
            expiresAt: (row["expires_at"] as Int64?).map(StoredTime.date),
            lastUsedAt: (row["last_used_at"] as Int64?).map(StoredTime.date),
            revokedAt: (row["revoked_at"] as Int64?).map(StoredTime.date))
    }

    // MARK: Errors

    private func accessRead<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T)
        async throws(AccessError) -> T
    {
        do {
            return try await writer.read(body)
        } catch {
            throw Self.accessError(error, operation: operation, database: location)
        }
    }

    private func accessWrite<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T)
        async throws(AccessError) -> T
    {
        do {
            return try await writer.write(body)
        } catch {
            throw Self.accessError(error, operation: operation, database: location)
        }
    }

    private static func accessError(_ error: any Error, operation: String = "", database: String = "") -> AccessError {
        if let error = error as? AccessError { return error }
        if let error = error as? StoreError { return AccessError(.unavailable, error.description) }
        return AccessError(
            .unavailable, StoreError.mapping(error, operation: operation, database: database).description)
    }

    /// The name of the user `name` as stored (names compare without case), so that tokens and sessions refer to the
    /// user by one spelling.
    /// - Throws: ``AccessError`` `notFound` when there is no such user.
    private static func storedName(_ db: Database, _ name: String) throws -> String {
        guard
            let stored = try String.fetchOne(db, sql: "SELECT name FROM access_user WHERE name = ?", arguments: [name])
        else { throw AccessError(.notFound, "no user \"\(name)\"", field: "name") }
        return stored
    }
}
