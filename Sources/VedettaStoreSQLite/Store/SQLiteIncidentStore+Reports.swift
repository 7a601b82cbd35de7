public import Foundation
import GRDB
public import VedettaCore
public import VedettaReports
import VedettaStoreRows

extension SQLiteIncidentStore: ScheduledReportLog {
    /// Whether a scheduled report was made; see ``ScheduledReportLog/reportWasMade(schedule:periodStart:)``.
    ///
    /// - Parameters:
    ///   - schedule: The schedule's name.
    ///   - periodStart: The start of the period.
    /// - Returns: `true` when it is on record.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func reportWasMade(schedule: String, periodStart: Date) async throws(StoreError) -> Bool {
        let start = StoredTime.milliseconds(periodStart)
        return try await read("read scheduled reports") { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM report_run WHERE schedule = ? AND period_start = ?)",
                arguments: [schedule, start]) ?? false
        }
    }

    /// Records a scheduled report; see ``ScheduledReportLog/recordReport(schedule:periodStart:periodEnd:at:files:)``.
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
        let arguments: StatementArguments = [
            schedule, StoredTime.milliseconds(periodStart), StoredTime.milliseconds(periodEnd),
            StoredTime.milliseconds(at), files.joined(separator: "\n"),
        ]
        try await write("record scheduled report") { db in
            try db.execute(
                sql: """
                    INSERT INTO report_run (schedule, period_start, period_end, made_at, files) VALUES (?, ?, ?, ?, ?) \
                    ON CONFLICT (schedule, period_start) DO NOTHING
                    """,
                arguments: arguments)
        }
    }
}
