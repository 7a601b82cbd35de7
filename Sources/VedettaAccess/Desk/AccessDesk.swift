public import Foundation
public import SecretKit
import Synchronization

/// Users, API tokens, sessions and the audit log: what the API, the console and `vedetta users` do with them.
///
/// Time is a parameter. Passwords are hashed with scrypt (``PasswordHash``); tokens and session secrets are
/// 256-bit random values of which the store keeps only the SHA-256.
public final class AccessDesk: Sendable {
    /// The store.
    public let store: any AccessStore
    /// The settings.
    public let settings: AccessSettings
    /// The sign-in limit.
    public let throttle: LoginThrottle
    private let cost: PasswordHash.Cost
    /// Sign-ins checking a password right now: each costs 32 MiB and some 60 ms of CPU, so a flood of them is
    /// turned away beyond ``maximumConcurrentSignIns`` instead of exhausting memory.
    private let signInsInProgress = Atomic(0)
    /// The most sign-ins hashing at once.
    public static let maximumConcurrentSignIns = 4

    /// Creates the desk.
    /// - Parameter cost: The scrypt cost of new passwords; tests may lower it.
    public init(
        store: any AccessStore, settings: AccessSettings = AccessSettings(), cost: PasswordHash.Cost = .standard
    ) {
        self.store = store
        self.settings = settings
        self.throttle = LoginThrottle(limit: settings.loginLimit, window: settings.loginWindow)
        self.cost = cost
    }

    // MARK: Users

    /// Adds a user.
    /// - Parameter password: Its password, or `nil` for a user who signs in only through a trusted proxy or tokens.
    /// - Throws: ``AccessError``: `invalid` (name or password), `conflict` (name taken), `unavailable`.
    @discardableResult
    public func addUser(name: String, role: Role, password: String?, at date: Date) async throws(AccessError)
        -> UserAccount
    {
        let name = try UserAccount.validName(name)
        var hash: String?
        if let password {
            try PasswordPolicy.check(password, name: name)
            hash = try hashing(password)
        }
        let account = UserAccount(
            name: name, role: role, createdAt: date, passwordChangedAt: password == nil ? nil : date)
        try await store.addUser(StoredUser(account: account, passwordHash: hash))
        return account
    }

    /// Changes a user: role, disabled, password (the `nil` ones stay). A new password, a new role or disabling
    /// ends the user's sessions.
    /// - Throws: ``AccessError``: `invalid`, `notFound`, `unavailable`.
    public func updateUser(
        name: String, role: Role? = nil, disabled: Bool? = nil, password: String? = nil, at date: Date
    ) async throws(AccessError) -> UserAccount {
        var hash: String?
        if let password {
            try PasswordPolicy.check(password, name: name)
            hash = try hashing(password)
        }
        return try await store.updateUser(named: name, role: role, disabled: disabled, passwordHash: hash, at: date)
    }

    /// Every user.
    public func users() async throws(AccessError) -> [UserAccount] { try await store.users() }

    /// Whether any user exists (an agent without users tells how to add the first admin).
    public func hasUsers() async throws(AccessError) -> Bool { !(try await store.users()).isEmpty }

    // MARK: Tokens

    /// Issues an API token acting as `user`.
    /// - Parameters:
    ///   - expiresIn: How long it works; `nil` for no expiry.
    /// - Throws: ``AccessError``: `notFound` (no such user), `invalid` (label), `unavailable`.
    public func issueToken(user: String, label: String, expiresIn: Duration?, at date: Date) async throws(AccessError)
        -> IssuedToken
    {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= AccessToken.maximumLabelLength,
            !label.contains(where: \.isNewline)
        else {
            throw AccessError(
                .invalid, "a token's label has 1 to \(AccessToken.maximumLabelLength) characters on one line",
                field: "label")
        }
        guard let stored = try await store.user(named: user) else {
            throw AccessError(.notFound, "no user \"\(user)\"", field: "name")
        }
        let secret = AccessToken.secretPrefix + (try randomText(32))
        let expiry = expiresIn.map { date.addingTimeInterval(Double($0.components.seconds)) }
        let token = try await store.addToken(
            user: stored.account.name, label: label, secretHash: Digest.sha256Hex(secret), createdAt: date,
            expiresAt: expiry)
        return IssuedToken(token: token, secret: secret)
    }

    /// Revokes a token.
    /// - Throws: ``AccessError``: `notFound`, `unavailable`.
    public func revokeToken(id: Int64, at date: Date) async throws(AccessError) -> AccessToken {
        try await store.revokeToken(id: id, at: date)
    }

    /// The tokens of `user` (everyone's when `nil`).
    public func tokens(of user: String?) async throws(AccessError) -> [AccessToken] {
        try await store.tokens(of: user)
    }

    // MARK: Authentication

    /// The principal of an `Authorization: Bearer` secret, or `nil` when it is unknown, expired, revoked, or its
    /// user is disabled.
    public func authenticate(bearer secret: String, at date: Date) async throws(AccessError) -> Principal? {
        guard secret.hasPrefix(AccessToken.secretPrefix),
            let (token, account) = try await store.token(secretHash: Digest.sha256Hex(secret), usedAt: date),
            token.isValid(at: date), !account.disabled
        else { return nil }
        return Principal(name: account.name, role: account.role, credential: .token(id: token.id))
    }

    /// The principal of a session cookie's secret, or `nil` when the session is unknown or ended, or its user is
    /// disabled. Moves the session's idle expiry (stored at most once a minute).
    public func authenticate(session secret: String, at date: Date) async throws(AccessError) -> Principal? {
        let hash = Digest.sha256Hex(secret)
        guard let (session, account) = try await store.session(secretHash: hash), session.isValid(at: date),
            !account.disabled
        else { return nil }
        if date.timeIntervalSince(session.lastSeenAt) >= 60 {
            let expiry = min(session.endsAt, date.addingTimeInterval(seconds(settings.idleTimeout)))
            try await store.touchSession(secretHash: hash, lastSeenAt: date, expiresAt: expiry)
        }
        return Principal(
            name: account.name, role: account.role, credential: .session(csrfToken: session.csrfToken))
    }

    /// The principal a trusted proxy names, or `nil` when no such enabled user exists.
    public func authenticate(proxyUser name: String) async throws(AccessError) -> Principal? {
        guard let stored = try await store.user(named: name), !stored.account.disabled else { return nil }
        return Principal(name: stored.account.name, role: stored.account.role, credential: .proxy)
    }

    // MARK: Sessions

    /// Signs in: checks the password and opens a session.
    /// - Throws: ``AccessError``: `throttled` after too many failures (with `retryAfter`), `unauthenticated` for a
    ///   wrong name or password or a disabled user (the same message for each, so names cannot be probed),
    ///   `unavailable`.
    public func signIn(name: String, password: String, address: String, at date: Date) async throws(AccessError)
        -> OpenedSession
    {
        if let wait = throttle.wait(name: name, address: address, at: date) {
            throw AccessError(
                .throttled, "too many failed sign-ins; try again in \(wait) s", retryAfter: wait)
        }
        guard
            signInsInProgress.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
                <= Self.maximumConcurrentSignIns
        else {
            signInsInProgress.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            throw AccessError(.throttled, "too many sign-ins at once; try again in 1 s", retryAfter: 1)
        }
        defer { signInsInProgress.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
        let stored = try await store.user(named: name)
        // An unknown user costs the same hash as a known one: the time does not tell which names exist.
        let hash = stored?.passwordHash.flatMap(PasswordHash.init(encoded:)) ?? Self.decoy
        let matches = hash?.verify(password) ?? false
        guard let stored, matches, stored.passwordHash != nil, !stored.account.disabled else {
            throttle.recordFailure(name: name, address: address, at: date)
            throw AccessError(.unauthenticated, "wrong user name or password")
        }
        throttle.recordSuccess(name: name)
        let secret = try randomText(32)
        let session = Session(
            secretHash: Digest.sha256Hex(secret), user: stored.account.name, csrfToken: try randomText(24),
            createdAt: date, expiresAt: date.addingTimeInterval(seconds(settings.idleTimeout)),
            endsAt: date.addingTimeInterval(seconds(settings.sessionLifetime)), lastSeenAt: date)
        try await store.addSession(session)
        _ = try? await store.purgeSessions(endedBefore: date)
        return OpenedSession(session: session, secret: secret, account: stored.account)
    }

    /// Signs out: ends the session of this cookie secret.
    public func signOut(session secret: String) async throws(AccessError) {
        try await store.endSession(secretHash: Digest.sha256Hex(secret))
    }

    // MARK: Audit

    /// Appends to the audit log.
    public func record(_ entry: AuditEntry) async throws(AccessError) { try await store.appendAudit(entry) }

    /// Reads the audit log, newest first.
    public func audit(matching query: AuditQuery) async throws(AccessError) -> [AuditEntry] {
        try await store.audit(matching: query)
    }

    // MARK: Helpers

    /// The hash an unknown user's password is checked against, so that it costs as much as a known user's.
    private static let decoy = try? PasswordHash(hashing: "decoy password never used", cost: .standard)

    private func hashing(_ password: String) throws(AccessError) -> String {
        do {
            return try PasswordHash(hashing: password, cost: cost).encoded
        } catch {
            throw AccessError(.unavailable, "cannot hash the password: \(error)")
        }
    }

    private func randomText(_ count: Int) throws(AccessError) -> String {
        do {
            return Digest.base64URL(try RandomBytes.make(count))
        } catch {
            throw AccessError(.unavailable, "cannot make a secret: \(error)")
        }
    }

    private func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) }
}
