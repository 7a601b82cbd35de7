public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaReports

extension PostgresIncidentStore: ScheduledReportLog {
    /// Whether a scheduled report was made; see ``ScheduledReportLog/reportWasMade(schedule:periodStart:)``.
    ///
    /// - Parameters:
    ///   - schedule: The schedule's name.
    ///   - periodStart: The start of the period.
    /// - Returns: `true` when it is on record.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func reportWasMade(schedule: String, periodStart: Date) async throws(StoreError) -> Bool {
        let start = Milliseconds.of(periodStart)
        return try await read("read scheduled reports") { session in
            try await session.value(
                "SELECT EXISTS (SELECT 1 FROM report_run WHERE schedule = \(schedule) AND period_start = \(start))",
                as: Bool.self) ?? false
        }
    }

    /// Records a scheduled report, once per schedule and period (a second record is ignored); see
    /// ``ScheduledReportLog/recordReport(schedule:periodStart:periodEnd:at:files:)``.
    ///
    /// - Parameters:
    ///   - schedule: The schedule's name.
    ///   - periodStart: The start of the period.
    ///   - periodEnd: The end of the period.
    ///   - at: When it was made.
    ///   - files: The files written.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func recordReport(schedule: String, periodStart: Date, periodEnd: Date, at: Date, files: [String])
        async throws(StoreError)
    {
        let start = Milliseconds.of(periodStart)
        let end = Milliseconds.of(periodEnd)
        let made = Milliseconds.of(at)
        let list = files.joined(separator: "\n")
        try await write("record scheduled report") { session in
            try await session.execute(
                """
                INSERT INTO report_run (schedule, period_start, period_end, made_at, files)
                VALUES (\(schedule), \(start), \(end), \(made), \(list))
                ON CONFLICT (schedule, period_start) DO NOTHING
                """)
        }
    }
}
