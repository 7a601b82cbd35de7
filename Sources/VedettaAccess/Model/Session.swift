public import Foundation

/// A browser's signed-in session: the cookie holds its secret, the store only the secret's hash.
public struct Session: Sendable, Equatable {
    /// The SHA-256 of the cookie's secret.
    public var secretHash: String
    /// The user signed in.
    public var user: String
    /// The token a form or script must send back with every write (`X-CSRF-Token`), so that another site cannot
    /// make the browser write on the user's behalf.
    public var csrfToken: String
    /// When the user signed in.
    public var createdAt: Date
    /// When it ends unless used (sliding: each use moves it to `lastSeenAt + idle timeout`, up to `endsAt`).
    public var expiresAt: Date
    /// When it ends however it is used (the absolute lifetime).
    public var endsAt: Date
    /// When it was last used.
    public var lastSeenAt: Date

    /// Creates a session.
    public init(
        secretHash: String, user: String, csrfToken: String, createdAt: Date, expiresAt: Date, endsAt: Date,
        lastSeenAt: Date
    ) {
        self.secretHash = secretHash
        self.user = user
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.endsAt = endsAt
        self.lastSeenAt = lastSeenAt
    }

    /// Whether it is still valid at `date`.
    public func isValid(at date: Date) -> Bool { date < expiresAt && date < endsAt }
}

/// A session just opened: the session and the secret for the cookie.
public struct OpenedSession: Sendable, Equatable {
    /// The stored session.
    public var session: Session
    /// The cookie's value.
    public var secret: String
    /// The user signed in.
    public var account: UserAccount
}
