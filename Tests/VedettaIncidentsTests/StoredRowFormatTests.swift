import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreRows

/// The row formats both stores share (`VedettaStoreRows`), read from plain column values.
@Suite("Stored row formats shared by the SQLite and PostgreSQL stores")
struct StoredRowFormatTests {
    /// A row as plain values by column name (NULL is a missing key).
    private struct Columns: StoredColumns {
        var integers: [String: Int64] = [:]
        var texts: [String: String] = [:]

        struct Missing: Error {}

        func int64(_ column: String) throws -> Int64 {
            guard let value = integers[column] else { throw Missing() }
            return value
        }
        func optionalInt64(_ column: String) throws -> Int64? { integers[column] }
        func string(_ column: String) throws -> String {
            guard let value = texts[column] else { throw Missing() }
            return value
        }
        func optionalString(_ column: String) throws -> String? { texts[column] }
    }

    @Test("an outbox row: '' is no recipient, a fallback without a count falls back after one failure")
    func outboxEntry() throws {
        let row = Columns(
            integers: [
                "id": 7, "incident_id": 3, "step": 0, "created_at": 1_800_000_000_000, "attempts": 2,
                "next_attempt_at": 1_800_000_060_000,
            ],
            texts: ["channel": "oncall", "event": "opened", "recipient": "", "fallback_channel": "sms"])
        let entry = try IncidentRowFormat.outboxEntry(row)
        #expect(entry.recipient == nil)
        #expect(entry.fallback == OutboxFallback(channel: "sms", afterFailures: 1))
        #expect(entry.createdAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(entry.deliveredAt == nil)
    }

    @Test("values Vedetta never writes are corrupt, with the incident named")
    func corruptValues() throws {
        #expect(throws: StoreError.self) { try IncidentRowFormat.severity("apocalyptic", incident: 4) }
        do {
            _ = try IncidentRowFormat.decodeLabels("[1, 2]", incident: 4)
            Issue.record("labels that are not an object were accepted")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains("incident 4 has labels that are not a JSON object of strings"))
        }
        let labels: LabelSet = ["device": "router-milano", "site": "milano"]
        #expect(try IncidentRowFormat.decodeLabels(IncidentRowFormat.encodeLabels(labels), incident: 1) == labels)
    }

    @Test("report texts: dense and sparse numbers give the same indices, each made once; a missing text is corrupt")
    func reportTexts() throws {
        for texts in [[1: "a", 2: "b"], [1: "a", 9_000_000_000: "b"]] as [[Int64: String]] {
            let column = ReportTextColumn(texts: texts)
            var numbering = column.numbering()
            var made: [String] = []
            let make: (String) -> Int32 = { text in
                made.append(text)
                return Int32(made.count - 1)
            }
            let numbers = texts.keys.sorted().map { Int32(truncatingIfNeeded: $0) }
            #expect(try numbering.index(of: numbers[0], incident: 1, make: make) == 0)
            #expect(try numbering.index(of: numbers[0], incident: 2, make: make) == 0)
            #expect(made == ["a"])
            #expect(throws: StoreError.self) { try numbering.index(of: 5, incident: 3, make: make) }
        }
    }
}
