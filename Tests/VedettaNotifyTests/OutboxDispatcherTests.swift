import CurlKit
import Foundation
import Logging
import Testing
import VedettaCore
import VedettaIncidents
import VedettaNotify
import VedettaStoreSQLite
import VedettaTestSupport

@Suite("OutboxDispatcher against a real receiver and SQLite", .serialized)
struct OutboxDispatcherTests {
    private let logger = Logger(label: "test")
    private let fastRetries = RetryPolicy(initial: .milliseconds(50), maximum: .milliseconds(200), maxAttempts: 20)

    private func openIncident(in store: SQLiteIncidentStore, channels: [String], at: Date = Date()) async throws
        -> Incident
    {
        let draft = IncidentDraft(
            rule: "DeviceUnreachable",
            severity: .critical,
            labels: ["device": "core-switch", "probe": "snmp"],
            summary: "core-switch does not answer SNMP"
        )
        let opening = try await store.open(
            draft, at: at, notify: channels.map { OutboxDraft(channel: $0, event: .opened) })
        return opening.incident
    }

    @Test("delivers the JSON document with an idempotency key and marks it delivered")
    func delivers() async throws {
        let receiver = try await HTTPServerFixture.start()
        let store = try SQLiteIncidentStore.inMemory()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let webhook = WebhookNotifier(
            configuration: .init(
                name: "oncall", url: receiver.url("/hook"), timeout: .seconds(5),
                headers: [(name: "Authorization", value: "Bearer t0ken")]),
            engine: engine
        )
        let incident = try await openIncident(in: store, channels: ["oncall"])
        let dispatcher = OutboxDispatcher(store: store, channels: [webhook], retryPolicy: fastRetries, logger: logger)
        await dispatcher.dispatchDue()

        let requests = try receiver.recordedRequests()
        try #require(requests.count == 1)
        #expect(requests[0].method == "POST")
        #expect(requests[0].header("Authorization") == "Bearer t0ken")
        #expect(requests[0].header("Content-Type") == "application/json")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(requests[0].body.utf8)) as? [String: Any]
        )
        let notificationID = try #require((document["notification_id"] as? NSNumber)?.int64Value)
        #expect(requests[0].header("Idempotency-Key") == "vedetta-\(notificationID)")
        #expect(document["event"] as? String == "opened")
        #expect(
            document["subject"] as? String
                == "[CRITICAL] DeviceUnreachable on core-switch: core-switch does not answer SNMP")
        let body = try #require(document["incident"] as? [String: Any])
        #expect((body["id"] as? NSNumber)?.int64Value == incident.id)
        #expect(body["state"] as? String == "open")
        #expect(try await store.pendingNotificationCount() == 0)
        let timeline = try #require(try await store.incident(id: incident.id)).timeline
        #expect(timeline.contains { $0.kind == .notified })
    }

    @Test("a receiver answering 503 is retried with backoff until it accepts; nothing is lost")
    func retriesUntilAccepted() async throws {
        let receiver = try await HTTPServerFixture.start()
        try receiver.failNext(2)
        let store = try SQLiteIncidentStore.inMemory()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let webhook = WebhookNotifier(
            configuration: .init(name: "oncall", url: receiver.url("/hook"), timeout: .seconds(5)), engine: engine)
        _ = try await openIncident(in: store, channels: ["oncall"])
        let dispatcher = OutboxDispatcher(store: store, channels: [webhook], retryPolicy: fastRetries, logger: logger)
        try await Ports.waitUntil(timeout: .seconds(30), "notification never delivered") {
            await dispatcher.dispatchDue()
            return (try? await store.pendingNotificationCount()) == 0
        }
        let statuses = try receiver.recordedRequests().map(\.status)
        #expect(statuses == [503, 503, 200])
    }

    @Test("a receiver that rejects the document (4xx) abandons the notification without retrying, with a warning")
    func abandonsOnClientError() async throws {
        let capture = LogCapture()
        let receiver = try await HTTPServerFixture.start()
        let store = try SQLiteIncidentStore.inMemory()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let webhook = WebhookNotifier(
            configuration: .init(name: "oncall", url: receiver.url("/status/400"), timeout: .seconds(5)),
            engine: engine
        )
        let incident = try await openIncident(in: store, channels: ["oncall"])
        let dispatcher = OutboxDispatcher(
            store: store, channels: [webhook], retryPolicy: fastRetries, logger: capture.logger(label: "test"))
        await dispatcher.dispatchDue()
        #expect(try receiver.recordedRequests().count == 1)
        let abandoned = capture.records.filter { $0.message == "notification abandoned" }
        #expect(abandoned.map(\.level) == [.warning])
        #expect(abandoned.first?.metadata["channel.name"] == "oncall")
        #expect(abandoned.first?.metadata["error"]?.contains("HTTP 400") == true)
        #expect(try await store.dueNotifications(at: Date().addingTimeInterval(86_400), limit: 10).isEmpty)
        #expect(try await store.pendingNotificationCount() == 0)
        let failure = try #require(try await store.incident(id: incident.id)?.timeline.last)
        #expect(failure.kind == .notificationAbandoned)
        #expect(failure.detail.contains("HTTP 400"))
    }

    @Test("a restoration waits for its opening: the receiver never hears RESTORED before OPENED")
    func deliversInOrderPerIncidentAndChannel() async throws {
        let receiver = try await HTTPServerFixture.start()
        let store = try SQLiteIncidentStore.inMemory()
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let webhook = WebhookNotifier(
            configuration: .init(name: "oncall", url: receiver.url("/hook"), timeout: .seconds(5)), engine: engine)
        let retries = RetryPolicy(initial: .milliseconds(300), maximum: .milliseconds(300), maxAttempts: 20)
        // The dispatcher's clock is the test's: on a loaded machine 300 ms may pass between two rounds, and the
        // retry of OPENED would then be due in the second one.
        let clock = ManualWallClock(Date())
        let dispatcher = OutboxDispatcher(
            store: store, channels: [webhook], retryPolicy: retries, now: { clock.now }, logger: logger)
        // Opened on the dispatcher's clock: opened on the wall clock a moment later, the opening would not be due
        // yet whenever a millisecond boundary fell between the two readings (the store keeps milliseconds).
        let incident = try await openIncident(in: store, channels: ["oncall"], at: clock.now)

        try receiver.failNext(1)
        await dispatcher.dispatchDue()  // OPENED: 503, retry in 300 ms
        _ = try await store.restore(
            fingerprint: incident.fingerprint, at: clock.now,
            notify: [OutboxDraft(channel: "oncall", event: .restored)])
        await dispatcher.dispatchDue()  // RESTORED is queued but must wait
        #expect(try receiver.recordedRequests().count == 1)

        clock.advance(0.4)
        await dispatcher.dispatchDue()  // OPENED, then RESTORED in the same round
        let events = try receiver.recordedRequests().map { request in
            (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["event"] as? String
        }
        #expect(events == ["opened", "opened", "restored"])
        #expect(try receiver.recordedRequests().map(\.status) == [503, 200, 200])
    }

    @Test("two dispatchers on one database file deliver every page exactly once")
    func twoDispatchersNeverDuplicate() async throws {
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-dispatchers")
        let path = directory.appendingPathComponent("vedetta.sqlite").path
        let first = try SQLiteIncidentStore(path: path)
        let second = try SQLiteIncidentStore(path: path)
        let engine = CurlEngine(logger: logger)
        defer { engine.shutdown() }
        let webhook = WebhookNotifier(
            configuration: .init(name: "oncall", url: receiver.url("/slow/20"), timeout: .seconds(5)), engine: engine)
        for index in 0..<30 {
            let draft = IncidentDraft(
                rule: "DeviceUnreachable", severity: .critical, labels: ["device": "sw\(index)"], summary: "down")
            _ = try await first.open(draft, at: Date(), notify: [OutboxDraft(channel: "oncall", event: .opened)])
        }
        let a = OutboxDispatcher(store: first, channels: [webhook], owner: "agent-a", logger: logger)
        let b = OutboxDispatcher(store: second, channels: [webhook], owner: "agent-b", logger: logger)
        async let runA: Void = a.dispatchDue()
        async let runB: Void = b.dispatchDue()
        _ = await (runA, runB)

        let ids = try receiver.recordedRequests().compactMap { $0.header("Idempotency-Key") }
        #expect(ids.count == 30)
        #expect(Set(ids).count == 30)
        #expect(try await first.pendingNotificationCount() == 0)
    }
}
