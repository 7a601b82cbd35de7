import Foundation
import Testing
import VedettaAccess
import VedettaStoreTestSupport

@Suite("Access store contract")
struct AccessStoreContractTests {
    private static let start = Date(timeIntervalSince1970: 1_796_000_000)

    private static func user(_ name: String, _ role: Role = .operator, hash: String? = "hash-1") -> StoredUser {
        StoredUser(account: UserAccount(name: name, role: role, createdAt: start), passwordHash: hash)
    }

    private static func session(_ secretHash: String, user: String, expiresIn: Double = 600, endsIn: Double = 3600)
        -> Session
    {
        Session(
            secretHash: secretHash, user: user, csrfToken: "csrf-\(secretHash)", createdAt: start,
            expiresAt: start + expiresIn, endsAt: start + endsIn, lastSeenAt: start)
    }

    @Test(
        "users round-trip, are found and unique regardless of case, and list by name without case",
        arguments: StoreUnderTest.allCases)
    func users(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        try await store.addUser(Self.user("bruno", .viewer, hash: nil))
        try await store.addUser(Self.user("Anna", .admin))
        try await store.addUser(Self.user("carla"))
        try await store.addUser(Self.user("Dario"))
        let anna = try #require(try await store.user(named: "ANNA"))
        #expect(anna.account == UserAccount(name: "Anna", role: .admin, createdAt: Self.start))
        #expect(anna.passwordHash == "hash-1")
        #expect(try await store.user(named: "bruno")?.passwordHash == nil)
        #expect(try await store.user(named: "elena") == nil)
        #expect(try await store.users().map(\.name) == ["Anna", "bruno", "carla", "Dario"])

        let taken = await #expect(throws: AccessError.self) { try await store.addUser(Self.user("anna")) }
        #expect(taken?.code == .conflict && taken?.field == "name")
        #expect(try await store.users().count == 4)
    }

    @Test(
        "updating changes only what is given, under any case; a new password, role or disabling ends sessions",
        arguments: StoreUnderTest.allCases)
    func updates(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        try await store.addUser(Self.user("Anna"))
        try await store.addSession(Self.session("s1", user: "Anna"))
        let renamed = try await store.updateUser(
            named: "anna", role: nil, disabled: nil, passwordHash: nil, at: Self.start + 1)
        #expect(renamed.name == "Anna" && renamed.role == .operator && renamed.passwordChangedAt == nil)
        #expect(try await store.session(secretHash: "s1") != nil, "a change of nothing keeps the sessions")

        let changed = try await store.updateUser(
            named: "ANNA", role: nil, disabled: nil, passwordHash: "hash-2", at: Self.start + 10)
        #expect(changed.passwordChangedAt == Self.start + 10)
        #expect(try await store.user(named: "anna")?.passwordHash == "hash-2")
        #expect(try await store.session(secretHash: "s1") == nil)

        try await store.addSession(Self.session("s2", user: "Anna"))
        let admin = try await store.updateUser(
            named: "anna", role: .admin, disabled: nil, passwordHash: nil, at: Self.start)
        #expect(admin.role == .admin && !admin.disabled)
        #expect(try await store.session(secretHash: "s2") == nil)

        try await store.addSession(Self.session("s3", user: "Anna"))
        let disabled = try await store.updateUser(
            named: "anna", role: nil, disabled: true, passwordHash: nil, at: Self.start)
        #expect(disabled.disabled && disabled.role == .admin)
        #expect(try await store.session(secretHash: "s3") == nil)
        #expect(try await store.user(named: "Anna")?.account.disabled == true)

        let missing = await #expect(throws: AccessError.self) {
            try await store.updateUser(named: "nobody", role: .viewer, disabled: nil, passwordHash: nil, at: Self.start)
        }
        #expect(missing?.code == .notFound)
    }

    @Test(
        "tokens: stored with a number, found by hash with their user, listed newest first, revoked once",
        arguments: StoreUnderTest.allCases)
    func tokens(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        try await store.addUser(Self.user("Anna"))
        try await store.addUser(Self.user("bruno"))
        let first = try await store.addToken(
            user: "Anna", label: "nagios", secretHash: "t1", createdAt: Self.start + 0.0004,
            expiresAt: Self.start + 3600)
        #expect(first.user == "Anna" && first.label == "nagios")
        #expect(first.createdAt == Self.start, "times are kept to the millisecond")
        let second = try await store.addToken(
            user: "bruno", label: "cron", secretHash: "t2", createdAt: Self.start, expiresAt: nil)
        #expect(second.id != first.id)

        #expect(try await store.tokens(of: nil).map(\.id) == [second.id, first.id])
        #expect(try await store.tokens(of: "ANNA").map(\.id) == [first.id], "the user compares without case")
        #expect(try await store.tokens(of: "carla").isEmpty)

        let (found, owner) = try #require(try await store.token(secretHash: "t1", usedAt: Self.start + 10))
        #expect(found == first && owner.name == "Anna")
        #expect(try await store.token(secretHash: "unknown", usedAt: Self.start) == nil)
        // The use is recorded, then at most once a minute.
        #expect(try await store.tokens(of: "Anna").first?.lastUsedAt == Self.start + 10)
        _ = try await store.token(secretHash: "t1", usedAt: Self.start + 40)
        #expect(try await store.tokens(of: "Anna").first?.lastUsedAt == Self.start + 10)
        _ = try await store.token(secretHash: "t1", usedAt: Self.start + 71)
        #expect(try await store.tokens(of: "Anna").first?.lastUsedAt == Self.start + 71)
        // An expired token is returned but its use is not recorded.
        _ = try await store.token(secretHash: "t1", usedAt: Self.start + 7200)
        #expect(try await store.tokens(of: "Anna").first?.lastUsedAt == Self.start + 71)

        let revoked = try await store.revokeToken(id: second.id, at: Self.start + 5)
        #expect(revoked.revokedAt == Self.start + 5)
        #expect(try await store.revokeToken(id: second.id, at: Self.start + 50).revokedAt == Self.start + 5)
        let unknown = await #expect(throws: AccessError.self) {
            try await store.revokeToken(id: second.id + 100, at: Self.start)
        }
        #expect(unknown?.code == .notFound)
        await #expect(throws: AccessError.self) {
            try await store.addToken(
                user: "nobody", label: "x", secretHash: "t3", createdAt: Self.start, expiresAt: nil)
        }
    }

    @Test(
        "a token or session stored under another case of the name belongs to the user as stored",
        arguments: StoreUnderTest.allCases)
    func nameCase(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        try await store.addUser(Self.user("Anna"))
        _ = try await store.addToken(
            user: "anna", label: "lower", secretHash: "t1", createdAt: Self.start, expiresAt: nil)
        #expect(try await store.token(secretHash: "t1", usedAt: Self.start)?.1.name == "Anna")
        #expect(try await store.tokens(of: "Anna").count == 1)
        try await store.addSession(Self.session("s1", user: "ANNA"))
        #expect(try await store.session(secretHash: "s1")?.1.name == "Anna")
        // Disabling the user ends the session whatever spelling it was opened under.
        _ = try await store.updateUser(named: "anna", role: nil, disabled: true, passwordHash: nil, at: Self.start)
        #expect(try await store.session(secretHash: "s1") == nil)
    }

    @Test(
        "sessions round-trip, slide, end, and the purge counts those expired or ended",
        arguments: StoreUnderTest.allCases)
    func sessions(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        try await store.addUser(Self.user("Anna"))
        let live = Self.session("live", user: "Anna")
        try await store.addSession(live)
        try await store.addSession(Self.session("idle", user: "Anna", expiresIn: 60))
        try await store.addSession(Self.session("over", user: "Anna", expiresIn: 600, endsIn: 120))
        let (read, owner) = try #require(try await store.session(secretHash: "live"))
        #expect(read == live && owner.name == "Anna")
        #expect(try await store.session(secretHash: "nothing") == nil)

        try await store.touchSession(secretHash: "live", lastSeenAt: Self.start + 100, expiresAt: Self.start + 700)
        let touched = try #require(try await store.session(secretHash: "live")?.0)
        #expect(touched.lastSeenAt == Self.start + 100 && touched.expiresAt == Self.start + 700)

        #expect(try await store.purgeSessions(endedBefore: Self.start + 30) == 0)
        #expect(try await store.purgeSessions(endedBefore: Self.start + 120) == 2)
        #expect(try await store.purgeSessions(endedBefore: Self.start + 120) == 0)
        #expect(try await store.session(secretHash: "idle") == nil)
        #expect(try await store.session(secretHash: "live") != nil)

        try await store.endSession(secretHash: "live")
        try await store.endSession(secretHash: "live")
        #expect(try await store.session(secretHash: "live") == nil)
        await #expect(throws: AccessError.self) {
            try await store.addSession(Self.session("orphan", user: "nobody"))
        }
    }

    @Test(
        "the audit log round-trips and reads newest first, by exact actor, since a time, before an entry, limited",
        arguments: StoreUnderTest.allCases)
    func audit(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        for index in 0..<6 {
            try await store.appendAudit(
                AuditEntry(
                    at: Self.start + Double(index), actor: index % 3 == 0 ? "Anna" : "bruno", via: "token",
                    address: "10.0.0.\(index)", action: "POST /api/v1/things/\(index)", status: 200 + index,
                    detail: "entry \(index)"))
        }
        let all = try await store.audit(matching: AuditQuery())
        #expect(all.map(\.detail) == (0..<6).reversed().map { "entry \($0)" })
        let newest = try #require(all.first)
        #expect(newest.at == Self.start + 5 && newest.actor == "bruno" && newest.via == "token")
        #expect(newest.address == "10.0.0.5" && newest.action == "POST /api/v1/things/5" && newest.status == 205)
        #expect(Set(all.map(\.id)).count == 6)

        #expect(try await store.audit(matching: AuditQuery(actor: "Anna")).map(\.detail) == ["entry 3", "entry 0"])
        #expect(try await store.audit(matching: AuditQuery(actor: "anna")).isEmpty, "the actor is exact")
        #expect(try await store.audit(matching: AuditQuery(since: Self.start + 4)).count == 2)
        let page = try await store.audit(matching: AuditQuery(before: all[1].id, limit: 2))
        #expect(page.map(\.id) == [all[2].id, all[3].id])
        #expect(try await store.audit(matching: AuditQuery(limit: 0)).count == 1, "at least one")
        let combined = try await store.audit(
            matching: AuditQuery(actor: "bruno", since: Self.start + 2, before: all[0].id, limit: 10))
        #expect(combined.map(\.detail) == ["entry 4", "entry 2"])
    }
}
