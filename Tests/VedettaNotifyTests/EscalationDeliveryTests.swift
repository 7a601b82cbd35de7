import CurlKit
import Foundation
import Logging
import Synchronization
import Testing
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaNotify
import VedettaOnCall
import VedettaStoreSQLite
import VedettaTestSupport

/// The escalator and the dispatcher together, on SQLite, with channels read from YAML as a user writes them: an
/// SMTP server that refuses connections and a real SMS gateway (an HTTP receiver) on loopback.
@Suite("Escalation delivery: fallback after failures, reminders, the acknowledgement", .serialized)
struct EscalationDeliveryTests {
    private let logger = Logger(label: "test")
    private static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt

    @Test("an e-mail page that fails twice goes by SMS; reminders follow until the acknowledgement, then nothing")
    func fallbackAndReminders() async throws {
        let gateway = try await HTTPServerFixture.start()
        let closedPort = try Ports.freePort()
        let store = try SQLiteIncidentStore.inMemory()
        let here = SourceLocation(file: "test", line: 1, column: 1)
        let marco = Person(
            name: "marco", zone: Self.rome, language: .en,
            contacts: ContactMethods(email: "marco@example.it", phone: "+393331234501"))
        let policy = EscalationPolicy(
            name: "noc",
            steps: [
                EscalationStep(
                    targets: [.person("marco", via: ["mail"])], wait: .milliseconds(500),
                    fallback: EscalationFallback(channel: "sms", afterFailures: 2), location: here)
            ],
            remindEvery: .milliseconds(500))
        let desk = OnCallDesk(
            roster: OnCallRoster(people: [marco], policies: [policy]), store: store, defaultZone: Self.rome)

        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-escalation-delivery")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vedetta.yaml")
        try """
        notify:
          email:
            - {name: mail, smtp: "smtp://127.0.0.1:\(closedPort)", security: none, from: vedetta@example.it, timeout: 2s}
          sms:
            - name: sms
              url: \(gateway.url("/sms"))
              body: '{"to": "{{phone}}", "text": "{{text}}"}'
        """.write(to: file, atomically: true, encoding: .utf8)
        let configurations = try ConfigLoader.load(
            configFile: file.path, plugins: ConfigPlugins(channels: [EmailChannelReader(), SMSChannelReader()])
        ).channels
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let factories = PeopleChannelFactory.all(engine: engine, defaultZone: Self.rome, oncall: desk)
        let channels = configurations.compactMap { channel in
            factories.lazy.compactMap { $0.makeNotifier(for: channel) }.first
        }
        #expect(channels.map(\.name) == ["mail", "sms"])
        let dispatcher = OutboxDispatcher(
            store: store, channels: channels, roster: desk.roster,
            retryPolicy: RetryPolicy(initial: .milliseconds(50), maximum: .milliseconds(100), maxAttempts: 50),
            logger: logger)
        let escalator = Escalator(
            store: store, planner: EscalationPlanner(desk: desk), onPagesQueued: {}, logger: logger)

        let draft = IncidentDraft(
            rule: "DeviceUnreachable", severity: .critical, labels: ["device": "pbx-milano"], summary: "down")
        let id = try await store.open(draft, at: Date(), notify: [], escalation: "noc").incident.id
        #expect(await escalator.escalateDue() == 1)

        // The e-mail fails twice (connection refused); the SMS fallback reaches marco's phone.
        try await Ports.waitUntil(timeout: .seconds(20), "no SMS fallback") {
            await dispatcher.dispatchDue()
            return ((try? gateway.recordedRequests().count) ?? 0) >= 1
        }
        let first = try gateway.recordedRequests()
        #expect(first[0].body.contains("+393331234501"))
        #expect(first[0].body.contains("[CRITICAL] DeviceUnreachable on pbx-milano"))

        // After the step's wait: a reminder to everyone paged, through each channel (the SMS gets through).
        try await Ports.waitUntil(timeout: .seconds(20), "no reminder") {
            await escalator.escalateDue()
            await dispatcher.dispatchDue()
            return ((try? gateway.recordedRequests().count) ?? 0) >= 2
        }
        #expect(try gateway.recordedRequests()[1].body.contains("[REMINDER CRITICAL]"))

        // Acknowledged: the escalation stops, and nothing more is sent.
        _ = try await store.acknowledge(id: id, by: "marco", at: Date())
        let sent = try gateway.recordedRequests().count
        for _ in 0..<4 {
            try await Task.sleep(for: .milliseconds(300))
            #expect(await escalator.escalateDue() == 0)
            await dispatcher.dispatchDue()
        }
        #expect(try gateway.recordedRequests().count == sent)
        let incident = try #require(try await store.incident(id: id))
        #expect(incident.timeline.contains { $0.kind == .notificationFallback })
        #expect(incident.timeline.contains { $0.kind == .escalationStopped && $0.detail == "acknowledged by marco" })
    }

    @Test(
        "a group's first page names the alerts that fired within the group wait; the last restoration resolves it once")
    func groupPage() async throws {
        let gateway = try await HTTPServerFixture.start()
        let store = try SQLiteIncidentStore.inMemory()
        let here = SourceLocation(file: "test", line: 1, column: 1)
        let paolo = Person(
            name: "paolo", zone: Self.rome, language: .it, contacts: ContactMethods(phone: "+393331234505"))
        let policy = EscalationPolicy(
            name: "noc",
            steps: [EscalationStep(targets: [.person("paolo", via: ["sms"])], wait: .seconds(600), location: here)])
        let desk = OnCallDesk(
            roster: OnCallRoster(people: [paolo], policies: [policy]), store: store, defaultZone: Self.rome)
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-escalation-group")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vedetta.yaml")
        try """
        notify:
          sms:
            - name: sms
              url: \(gateway.url("/sms"))
              body: '{"to": "{{phone}}", "text": "{{text}}"}'
        """.write(to: file, atomically: true, encoding: .utf8)
        let configurations = try ConfigLoader.load(
            configFile: file.path, plugins: ConfigPlugins(channels: [SMSChannelReader()])
        ).channels
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let factories = PeopleChannelFactory.all(engine: engine, defaultZone: Self.rome, oncall: desk)
        let channels = configurations.compactMap { channel in
            factories.lazy.compactMap { $0.makeNotifier(for: channel) }.first
        }
        // A fake clock for the escalator and the dispatcher: the group wait is about time, not about how fast this
        // machine is.
        let opened = Date()
        let clock = Mutex(opened)
        let dispatcher = OutboxDispatcher(
            store: store, channels: channels, roster: desk.roster, now: { clock.withLock { $0 } }, logger: logger)
        let escalator = Escalator(
            store: store, planner: EscalationPlanner(desk: desk), now: { clock.withLock { $0 } },
            onPagesQueued: {}, logger: logger)

        let start = EscalationStart(policy: "noc", groupKey: "noc|device=sw-12", groupWait: .seconds(30))
        var drafts: [IncidentDraft] = []
        for port in ["Gi0/1", "Gi0/2", "Gi0/3"] {
            let draft = IncidentDraft(
                rule: "InterfaceDown", severity: .critical, labels: ["device": "sw-12", "ifName": port],
                summary: "\(port) down")
            drafts.append(draft)
            _ = try await store.open(draft, at: opened, notify: [], escalation: start)
        }
        clock.withLock { $0 = opened + 29 }
        #expect(await escalator.escalateDue() == 0, "the group waits")
        clock.withLock { $0 = opened + 30 }
        #expect(await escalator.escalateDue() == 1)
        await dispatcher.dispatchDue()
        let pages = try gateway.recordedRequests()
        #expect(pages.count == 1)
        #expect(pages.first?.body.contains("(+2 altri allarmi nel gruppo)") == true)

        for draft in drafts {
            _ = try await store.restore(fingerprint: draft.fingerprint, at: opened + 60, notify: [])
        }
        clock.withLock { $0 = opened + 60 }
        await dispatcher.dispatchDue()
        let all = try gateway.recordedRequests()
        #expect(all.count == 2)
        #expect(all.last?.body.contains("[RIPRISTINATO]") == true)
    }
}
