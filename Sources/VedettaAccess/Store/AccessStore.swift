public import Foundation

/// A user as stored: the account and its password hash (encoded), which only ``AccessDesk`` reads.
public struct StoredUser: Sendable, Equatable {
    /// The account.
    public var account: UserAccount
    /// The encoded password hash, or `nil` for a user without a password.
    public var passwordHash: String?

    /// Creates a stored user.
    public init(account: UserAccount, passwordHash: String?) {
        self.account = account
        self.passwordHash = passwordHash
    }
}

/// Where users, tokens, sessions and the audit log are kept (the agent's database).
///
/// Every method throws ``AccessError``: `notFound`, `conflict`, or `unavailable` when the store fails.
public protocol AccessStore: Sendable {
    /// Every user, by name.
    func users() async throws(AccessError) -> [UserAccount]
    /// The user called `name` (case-insensitively), or `nil`.
    func user(named name: String) async throws(AccessError) -> StoredUser?
    /// Adds a user; `conflict` when the name is taken (case-insensitively).
    func addUser(_ user: StoredUser) async throws(AccessError)
    /// Changes a user's role, disabled flag or password hash (the `nil` arguments stay); `notFound` when absent.
    /// A new password hash, a new role or disabling the user ends its sessions in the same transaction.
    func updateUser(
        named name: String, role: Role?, disabled: Bool?, passwordHash: String?, at date: Date
    ) async throws(AccessError) -> UserAccount

    /// Stores a token for `user` with the hash of its secret and returns it with its id.
    func addToken(
        user: String, label: String, secretHash: String, createdAt: Date, expiresAt: Date?
    ) async throws(AccessError) -> AccessToken
    /// The token with this secret hash and its user, or `nil`; records the use (at most once a minute) of a
    /// token that works: not revoked, not expired, its user enabled.
    func token(secretHash: String, usedAt date: Date) async throws(AccessError) -> (AccessToken, UserAccount)?
    /// The tokens of `user` (every user's when `nil`), newest first, revoked ones included.
    func tokens(of user: String?) async throws(AccessError) -> [AccessToken]
    /// Revokes a token; `notFound` when there is none with this id. Revoking twice keeps the first time.
    func revokeToken(id: Int64, at date: Date) async throws(AccessError) -> AccessToken

    /// Stores a session.
    func addSession(_ session: Session) async throws(AccessError)
    /// The session with this secret hash and its user, or `nil`.
    func session(secretHash: String) async throws(AccessError) -> (Session, UserAccount)?
    /// Moves a session's sliding expiry.
    func touchSession(secretHash: String, lastSeenAt: Date, expiresAt: Date) async throws(AccessError)
    /// Ends a session (sign out); nothing happens when it is gone already.
    func endSession(secretHash: String) async throws(AccessError)
    /// Deletes sessions that ended before `date`; returns how many.
    func purgeSessions(endedBefore date: Date) async throws(AccessError) -> Int

    /// Appends to the audit log.
    func appendAudit(_ entry: AuditEntry) async throws(AccessError)
    /// Reads the audit log, newest first.
    func audit(matching query: AuditQuery) async throws(AccessError) -> [AuditEntry]
}
