import Foundation
import Testing
import VedettaCore
import VedettaIncidents

@Suite("Incident")
struct IncidentTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func incident(acknowledgedAfter: Double? = nil, restoredAfter: Double? = nil) -> Incident {
        Incident(
            id: 1,
            fingerprint: "f",
            rule: "DeviceUnreachable",
            severity: .critical,
            labels: ["device": "core-sw1"],
            detectedAt: t0,
            acknowledgedAt: acknowledgedAfter.map { t0 + $0 },
            acknowledgedBy: acknowledgedAfter.map { _ in "alice" },
            restoredAt: restoredAfter.map { t0 + $0 }
        )
    }

    @Test("state follows the timestamps: restored wins over acknowledged")
    func state_fromTimestamps() {
        #expect(incident().state == .open)
        #expect(incident(acknowledgedAfter: 60).state == .acknowledged)
        #expect(incident(acknowledgedAfter: 60, restoredAfter: 300).state == .restored)
        #expect(incident(restoredAfter: 300).state == .restored)
    }

    @Test("durations are measured from detection, to the millisecond")
    func durations_fromDetection() {
        let open = incident()
        #expect(open.timeToRestore == nil)
        #expect(open.timeToAcknowledge == nil)
        #expect(open.duration(asOf: t0 + 90) == .seconds(90))

        let closed = incident(acknowledgedAfter: 42.5, restoredAfter: 330.25)
        #expect(closed.timeToAcknowledge == .milliseconds(42_500))
        #expect(closed.timeToRestore == .milliseconds(330_250))
        #expect(closed.duration(asOf: t0 + 10_000) == .milliseconds(330_250))
        #expect(closed.duration(asOf: t0 + 100) == .seconds(100))
        #expect(closed.duration(asOf: t0 - 100) == .zero)
    }

    @Test("device comes from the device label")
    func device_fromLabel() {
        #expect(incident().device == DeviceID("core-sw1"))
        var withoutDevice = incident()
        withoutDevice.labels = ["job": "http"]
        #expect(withoutDevice.device == nil)
    }

    @Test("an incident survives a JSON round trip with snake_case keys")
    func codable_roundTrip() throws {
        var original = incident(acknowledgedAfter: 10, restoredAfter: 20)
        original.timeline = [
            IncidentEvent(kind: .opened, at: t0, detail: "down"),
            IncidentEvent(kind: .notificationFailed, at: t0 + 1, detail: "ops: refused"),
        ]
        let data = try JSONEncoder().encode(original)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"detected_at\""))
        #expect(text.contains("\"notification_failed\""))
        #expect(text.contains("\"labels\":{\"device\":\"core-sw1\"}"))
        #expect(try JSONDecoder().decode(Incident.self, from: data) == original)
    }
}

@Suite("IncidentFingerprint")
struct IncidentFingerprintTests {
    @Test("the fingerprint is FNV-1a 64 of rule and sorted labels, in 16 hex digits")
    func make_isPinned() {
        let labels: LabelSet = ["job": "snmp", "device": "core-sw1"]
        #expect(IncidentFingerprint.make(rule: "DeviceUnreachable", labels: labels) == "91b6cb7f823b9335")
        #expect(IncidentFingerprint.make(rule: "", labels: LabelSet()) == "cbf29ce484222325")
    }

    @Test("label order does not matter; rule and every label value do")
    func make_dependsOnIdentityOnly() {
        let a = IncidentFingerprint.make(rule: "R", labels: LabelSet(["device": "sw1", "ifIndex": "3"]))
        let b = IncidentFingerprint.make(rule: "R", labels: ["ifIndex": "3", "device": "sw1"])
        #expect(a == b)
        #expect(a != IncidentFingerprint.make(rule: "S", labels: ["ifIndex": "3", "device": "sw1"]))
        #expect(a != IncidentFingerprint.make(rule: "R", labels: ["ifIndex": "4", "device": "sw1"]))
        #expect(a != IncidentFingerprint.make(rule: "R", labels: ["device": "sw1"]))
        #expect(a.count == 16)
    }

    @Test("a draft without an explicit fingerprint computes it")
    func draft_computesFingerprint() {
        let draft = IncidentDraft(rule: "R", severity: .warning, labels: ["device": "sw1"])
        #expect(draft.fingerprint == IncidentFingerprint.make(rule: "R", labels: ["device": "sw1"]))
    }
}

@Suite("StoreError")
struct StoreErrorTests {
    @Test("the description names the operation, code, message, database and statement")
    func description_carriesContext() {
        let error = StoreError(
            .unavailable,
            message: "database is locked",
            operation: "open incident",
            sql: "BEGIN IMMEDIATE TRANSACTION",
            database: "/var/lib/vedetta/vedetta.sqlite"
        )
        #expect(
            error.description
                == "store: open incident failed (unavailable): database is locked "
                + "[database: /var/lib/vedetta/vedetta.sqlite] [sql: BEGIN IMMEDIATE TRANSACTION]"
        )
    }
}
