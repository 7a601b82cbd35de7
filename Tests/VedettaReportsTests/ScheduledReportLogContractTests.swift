import Foundation
import Testing
import VedettaCore
import VedettaReports
import VedettaStoreTestSupport

@Suite("Scheduled report log contract")
struct ScheduledReportLogContractTests {
    /// Monday 30 November 2026, 00:00 UTC.
    private static let monday = Date(timeIntervalSince1970: 1_796_083_200)
    private static let week: TimeInterval = 7 * 86_400

    @Test("a report is on record once made, per schedule and period", arguments: StoreUnderTest.allCases)
    func recordAndAsk(_ backend: StoreUnderTest) async throws {
        let log = try await backend.makeStore()
        #expect(try await log.reportWasMade(schedule: "weekly", periodStart: Self.monday) == false)
        try await log.recordReport(
            schedule: "weekly", periodStart: Self.monday, periodEnd: Self.monday + Self.week,
            at: Self.monday + Self.week + 300, files: ["reports/weekly-2026-11-30.html", "reports/weekly.csv"])
        #expect(try await log.reportWasMade(schedule: "weekly", periodStart: Self.monday))
        #expect(try await log.reportWasMade(schedule: "weekly", periodStart: Self.monday + Self.week) == false)
        #expect(try await log.reportWasMade(schedule: "monthly", periodStart: Self.monday) == false)
        #expect(try await log.reportWasMade(schedule: "WEEKLY", periodStart: Self.monday) == false, "names are exact")
    }

    @Test(
        "recording the same schedule and period again is no error and keeps one record",
        arguments: StoreUnderTest.allCases)
    func recordTwice(_ backend: StoreUnderTest) async throws {
        let log = try await backend.makeStore()
        for attempt in 0..<2 {
            try await log.recordReport(
                schedule: "weekly", periodStart: Self.monday, periodEnd: Self.monday + Self.week,
                at: Self.monday + Self.week + Double(attempt), files: [])
        }
        #expect(try await log.reportWasMade(schedule: "weekly", periodStart: Self.monday))
        try await log.recordReport(
            schedule: "weekly", periodStart: Self.monday + Self.week, periodEnd: Self.monday + 2 * Self.week,
            at: Self.monday + 2 * Self.week, files: ["a"])
        #expect(try await log.reportWasMade(schedule: "weekly", periodStart: Self.monday + Self.week))
    }
}
