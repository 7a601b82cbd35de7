import Foundation
import Testing
import VedettaCore
import VedettaReports

@Suite("ReportPeriod: the periods people ask for")
struct ReportPeriodTests {
    private typealias F = ReportFixture
    /// Wednesday 1 April 2026, 10:00 in Rome.
    private let now = ReportFixture.local("2026-04-01 10:00")

    private func requested(_ named: String?, _ from: String?, _ to: String?) throws(ReportPeriod.RequestError)
        -> ReportPeriod
    {
        try ReportPeriod.requested(named: named, from: from, to: to, at: now, in: F.rome)
    }

    @Test("named periods are whole local days and weeks, across DST")
    func named() throws {
        #expect(try requested("last-week", nil, nil) == ReportPeriod(from: F.from, to: F.to))
        #expect(try requested("yesterday", nil, nil).from == F.local("2026-03-31 00:00"))
        #expect(
            try requested("last-month", nil, nil)
                == ReportPeriod(from: F.local("2026-03-01 00:00"), to: F.local("2026-04-01 00:00")))
        #expect(
            try requested(nil, nil, nil)
                == ReportPeriod(from: F.local("2026-03-02 00:00"), to: F.local("2026-04-01 00:00")))
    }

    @Test("dates, local times and ISO 8601; the end defaults to now")
    func fromTo() throws {
        #expect(try requested(nil, "2026-03-23", "2026-03-30") == ReportPeriod(from: F.from, to: F.to))
        #expect(try requested(nil, "2026-03-31T08:00", nil) == ReportPeriod(from: F.local("2026-03-31 08:00"), to: now))
        #expect(try requested(nil, "2026-03-31T06:00:00Z", nil).from == F.local("2026-03-31 08:00"))
    }

    @Test("refusals name the field")
    func refusals() {
        let unknown = #expect(throws: ReportPeriod.RequestError.self) { try requested("fortnight", nil, nil) }
        #expect(unknown?.field == "period")
        #expect(unknown?.reason.contains("last-week") == true)
        let badTime = #expect(throws: ReportPeriod.RequestError.self) { try requested(nil, "2026-03-01", "soon") }
        #expect(badTime?.field == "to")
        let reversed = #expect(throws: ReportPeriod.RequestError.self) {
            try requested(nil, "2026-03-30", "2026-03-23")
        }
        #expect(reversed?.field == "from")
        // Ten years at most, and times from 1970 to 2999: a day-by-day breakdown of 10,000 years is no report.
        let tooLong = #expect(throws: ReportPeriod.RequestError.self) {
            try requested(nil, "2000-01-01", "2026-01-01")
        }
        #expect(tooLong?.field == "to")
        #expect(tooLong?.reason.contains("ten years") == true)
        let ancient = #expect(throws: ReportPeriod.RequestError.self) { try requested(nil, "0001-01-01", nil) }
        #expect(ancient?.field == "from")
        #expect(ancient?.reason.contains("1970 to 2999") == true)
    }

    @Test("severity lists: one parser for the CLI and the API, spaces ignored, the unknown name reported")
    func severityLists() throws {
        #expect(try ReportRequest.severities(parsing: "critical, warning") == [.critical, .warning])
        #expect(try ReportRequest.severities(parsing: "info,,") == [.info])
        let unknown = #expect(throws: ReportRequest.UnknownSeverity.self) {
            try ReportRequest.severities(parsing: "critical,urgent")
        }
        #expect(unknown?.name == "urgent")
        #expect(unknown?.message.contains("critical, warning, info") == true)
    }
}
