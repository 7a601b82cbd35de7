public import Foundation
public import VedettaCore

/// The record of the reports made on a schedule, kept in the agent's database so that each schedule's report of a
/// period is made once, even across restarts.
public protocol ScheduledReportLog: Sendable {
    /// Whether the report of `schedule` for the period starting at `periodStart` was made.
    ///
    /// - Parameters:
    ///   - schedule: The schedule's name.
    ///   - periodStart: The start of the period.
    /// - Returns: `true` when it is on record.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func reportWasMade(schedule: String, periodStart: Date) async throws(StoreError) -> Bool

    /// Records that the report of `schedule` for `[periodStart, periodEnd)` was made at `at` into `files`.
    /// Recording the same schedule and period twice keeps the first record.
    ///
    /// - Parameters:
    ///   - schedule: The schedule's name.
    ///   - periodStart: The start of the period.
    ///   - periodEnd: The end of the period.
    ///   - at: When it was made.
    ///   - files: The files written.
    /// - Throws: ``StoreError`` when the database cannot be written.
    func recordReport(schedule: String, periodStart: Date, periodEnd: Date, at: Date, files: [String])
        async throws(StoreError)
}
