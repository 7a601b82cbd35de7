import Foundation
import SecretKit
import Testing
import VedettaAccess
import VedettaStoreTestSupport

@Suite("Users, tokens, sessions and the audit log on a real store (SQLite and PostgreSQL)")
struct AccessDeskTests {
    private static let start = Date(timeIntervalSince1970: 1_796_000_000)
    /// A cheap scrypt cost: the tests check the logic, PasswordHashTests the standard cost.
    private static let cost = PasswordHash.Cost(logN: 10, r: 8, p: 1)

    private static func desk(_ backend: StoreUnderTest, _ settings: AccessSettings = AccessSettings()) async throws
        -> AccessDesk
    {
        AccessDesk(store: try await backend.makeStore(), settings: settings, cost: cost)
    }

    @Test(
        "names are checked, unique regardless of case, and passwords meet the policy",
        arguments: StoreUnderTest.allCases)
    func addingUsers(_ backend: StoreUnderTest) async throws {
        let desk = try await Self.desk(backend)
        let giulia = try await desk.addUser(name: "giulia", role: .operator, password: "turno-di-notte", at: Self.start)
        #expect(giulia.role == .operator && !giulia.disabled && giulia.passwordChangedAt == Self.start)
        await #expect(throws: AccessError.self) {
            try await desk.addUser(name: "Giulia", role: .viewer, password: "another-password", at: Self.start)
        }
        for (name, password, field) in [
            ("", "long enough password", "name"), ("with space", "long enough password", "name"),
            (String(repeating: "a", count: 65), "long enough password", "name"), ("luca", "short", "password"),
            ("marco.rossi", "MARCO.ROSSI", "password"),
        ] {
            do {
                try await desk.addUser(name: name, role: .viewer, password: password, at: Self.start)
                Issue.record("\(name) / \(password) was accepted")
            } catch {
                #expect(error.code == .invalid && error.field == field, "\(name): \(error)")
            }
        }
        #expect(try await desk.users().map(\.name) == ["giulia"])
    }

    @Test(
        "signing in opens a session whose cookie secret authenticates; a wrong password or unknown user does not",
        arguments: StoreUnderTest.allCases)
    func signingIn(_ backend: StoreUnderTest) async throws {
        let desk = try await Self.desk(backend)
        try await desk.addUser(name: "giulia", role: .operator, password: "turno-di-notte", at: Self.start)
        let opened = try await desk.signIn(
            name: "GIULIA", password: "turno-di-notte", address: "10.0.0.5", at: Self.start)
        #expect(opened.account.name == "giulia")
        let principal = try #require(try await desk.authenticate(session: opened.secret, at: Self.start))
        #expect(principal.name == "giulia" && principal.role == .operator)
        #expect(principal.credential == .session(csrfToken: opened.session.csrfToken))
        #expect(try await desk.authenticate(session: opened.secret + "x", at: Self.start) == nil)
        for (name, password) in [("giulia", "turno-di-giorno"), ("nobody", "turno-di-notte")] {
            do {
                _ = try await desk.signIn(name: name, password: password, address: "10.0.0.5", at: Self.start)
                Issue.record("\(name) signed in")
            } catch {
                #expect(error.code == .unauthenticated && error.message == "wrong user name or password")
            }
        }
        try await desk.signOut(session: opened.secret)
        #expect(try await desk.authenticate(session: opened.secret, at: Self.start) == nil)
    }

    @Test(
        "a session ends after the idle timeout, each use moves it, and it never outlives its lifetime",
        arguments: StoreUnderTest.allCases)
    func sessionExpiry(_ backend: StoreUnderTest) async throws {
        var settings = AccessSettings()
        settings.idleTimeout = .seconds(600)
        settings.sessionLifetime = .seconds(1800)
        let desk = try await Self.desk(backend, settings)
        try await desk.addUser(name: "luca", role: .viewer, password: "guardia-medica", at: Self.start)
        let secret = try await desk.signIn(name: "luca", password: "guardia-medica", address: "a", at: Self.start)
            .secret
        // Used every 9 minutes, it lives on, until the 30-minute lifetime.
        for minute in stride(from: 9, through: 27, by: 9) {
            let at = Self.start.addingTimeInterval(Double(minute) * 60)
            #expect(try await desk.authenticate(session: secret, at: at) != nil, "minute \(minute)")
        }
        #expect(try await desk.authenticate(session: secret, at: Self.start.addingTimeInterval(1801)) == nil)
        // Left alone for 11 minutes, it ends.
        let idle = try await desk.signIn(name: "luca", password: "guardia-medica", address: "a", at: Self.start).secret
        #expect(try await desk.authenticate(session: idle, at: Self.start.addingTimeInterval(601)) == nil)
    }

    @Test(
        "five failures for a name or from an address make the next attempt wait; the wait ends; success resets it",
        arguments: StoreUnderTest.allCases)
    func signInLimit(_ backend: StoreUnderTest) async throws {
        let desk = try await Self.desk(backend)
        try await desk.addUser(name: "marco", role: .viewer, password: "reperibile-2026", at: Self.start)
        for attempt in 0..<5 {
            await #expect(throws: AccessError.self) {
                _ = try await desk.signIn(
                    name: "marco", password: "guess-\(attempt)", address: "10.0.0.\(attempt)",
                    at: Self.start.addingTimeInterval(Double(attempt)))
            }
        }
        do {
            // Even the right password waits: the limit is checked before the password.
            _ = try await desk.signIn(
                name: "marco", password: "reperibile-2026", address: "10.0.0.9", at: Self.start.addingTimeInterval(10))
            Issue.record("the sixth attempt was not limited")
        } catch {
            #expect(error.code == .throttled)
            #expect(error.retryAfter == 890)
        }
        // Another name from a fresh address is not limited.
        try await desk.addUser(name: "luca", role: .viewer, password: "guardia-medica", at: Self.start)
        _ = try await desk.signIn(name: "luca", password: "guardia-medica", address: "10.0.1.1", at: Self.start)
        // After the window the right password works again.
        _ = try await desk.signIn(
            name: "marco", password: "reperibile-2026", address: "10.0.0.9", at: Self.start.addingTimeInterval(901))
    }

    @Test(
        "a password change, a role change or disabling ends the user's sessions; disabled users cannot sign in",
        arguments: StoreUnderTest.allCases)
    func changesEndSessions(_ backend: StoreUnderTest) async throws {
        let desk = try await Self.desk(backend)
        try await desk.addUser(name: "erin", role: .admin, password: "amministratrice", at: Self.start)
        let token = try await desk.issueToken(user: "erin", label: "scripts", expiresIn: nil, at: Self.start)
        for change in ["password", "role", "disabled"] {
            _ = try await desk.updateUser(name: "erin", disabled: false, at: Self.start)
            let secret = try await desk.signIn(
                name: "erin", password: change == "password" ? "amministratrice" : "nuova-password-1",
                address: "a", at: Self.start
            ).secret
            switch change {
            case "password": _ = try await desk.updateUser(name: "erin", password: "nuova-password-1", at: Self.start)
            case "role": _ = try await desk.updateUser(name: "erin", role: .admin, at: Self.start)
            default: _ = try await desk.updateUser(name: "erin", disabled: true, at: Self.start)
            }
            #expect(try await desk.authenticate(session: secret, at: Self.start) == nil, "\(change)")
        }
        #expect(try await desk.authenticate(bearer: token.secret, at: Self.start) == nil, "a disabled user's token")
        await #expect(throws: AccessError.self) {
            _ = try await desk.signIn(name: "erin", password: "nuova-password-1", address: "a", at: Self.start)
        }
        _ = try await desk.updateUser(name: "erin", disabled: false, at: Self.start)
        #expect(try await desk.authenticate(bearer: token.secret, at: Self.start)?.name == "erin")
    }

    @Test(
        "tokens: only the hash is stored, they expire, revoking keeps the first time, use is recorded",
        arguments: StoreUnderTest.allCases)
    func tokens(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        let desk = AccessDesk(store: store, cost: Self.cost)
        try await desk.addUser(name: "nagios", role: .viewer, password: nil, at: Self.start)
        let issued = try await desk.issueToken(
            user: "nagios", label: "bridge", expiresIn: .seconds(3600), at: Self.start)
        #expect(issued.secret.hasPrefix("vdt_") && issued.secret.count > 40)
        #expect(issued.token.expiresAt == Self.start.addingTimeInterval(3600))
        let principal = try #require(try await desk.authenticate(bearer: issued.secret, at: Self.start))
        #expect(principal.role == .viewer && principal.credential == .token(id: issued.token.id))
        #expect(try await desk.tokens(of: "nagios").first?.lastUsedAt == Self.start)
        #expect(try await desk.authenticate(bearer: issued.secret, at: Self.start.addingTimeInterval(3600)) == nil)
        let second = try await desk.issueToken(user: "nagios", label: "cron", expiresIn: nil, at: Self.start)
        let revoked = try await desk.revokeToken(id: second.token.id, at: Self.start.addingTimeInterval(5))
        _ = try await desk.revokeToken(id: second.token.id, at: Self.start.addingTimeInterval(50))
        #expect(try await desk.tokens(of: nil).first?.revokedAt == revoked.revokedAt)
        #expect(try await desk.authenticate(bearer: second.secret, at: Self.start.addingTimeInterval(6)) == nil)
        await #expect(throws: AccessError.self) { _ = try await desk.revokeToken(id: 99, at: Self.start) }
        await #expect(throws: AccessError.self) {
            _ = try await desk.issueToken(user: "nobody", label: "x", expiresIn: nil, at: Self.start)
        }
        // Only hashes are stored: the secret is nowhere in the token rows.
        let rows = try await store.tokens(of: nil)
        #expect(!rows.map { "\($0)" }.joined().contains(issued.secret))
        #expect(try await store.token(secretHash: Digest.sha256Hex(issued.secret), usedAt: Self.start) != nil)
    }

    @Test(
        "the audit log reads newest first, by actor, since a time, and pages back", arguments: StoreUnderTest.allCases)
    func auditLog(_ backend: StoreUnderTest) async throws {
        let desk = try await Self.desk(backend)
        for index in 0..<5 {
            try await desk.record(
                AuditEntry(
                    at: Self.start.addingTimeInterval(Double(index)), actor: index % 2 == 0 ? "giulia" : "luca",
                    via: "session", address: "10.0.0.5", action: "POST /api/v1/incidents/\(index)/ack", status: 200))
        }
        let all = try await desk.audit(matching: AuditQuery())
        #expect(all.map(\.action) == [4, 3, 2, 1, 0].map { "POST /api/v1/incidents/\($0)/ack" })
        #expect(try await desk.audit(matching: AuditQuery(actor: "luca")).count == 2)
        #expect(try await desk.audit(matching: AuditQuery(since: Self.start.addingTimeInterval(3))).count == 2)
        let page = try await desk.audit(matching: AuditQuery(before: all[1].id, limit: 2))
        #expect(page.map(\.id) == [all[2].id, all[3].id])
    }
}
