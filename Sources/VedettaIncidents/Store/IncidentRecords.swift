public import Foundation
public import VedettaCore

/// What people write in the incident log: notes, root-cause categories, resolutions, ticket references, manual
/// incidents, and the purge of old records. Every method is one transaction, and every change is a timeline event
/// naming who made it and when, so the timeline is the audit trail.
public protocol IncidentRecords: Sendable {
    /// Adds `annotations` to incident `id`, all or none (one transaction): a note is appended; a category,
    /// resolution or ticket replaces the previous one (the timeline keeps every value).
    ///
    /// - Parameters:
    ///   - id: The incident, open or restored.
    ///   - annotations: What to record, at least one; each text is trimmed and must not be empty or longer than
    ///     ``IncidentAnnotation/maximumLength``. Every one is checked before the first is written.
    ///   - by: Who.
    ///   - at: When.
    /// - Returns: The incident after the change.
    /// - Throws: ``StoreError`` with code `notFound`, `invalidInput` (none, empty or too long), or a database error.
    func annotate(id: Int64, _ annotations: [IncidentAnnotation], by: String, at: Date) async throws(StoreError)
        -> Incident

    /// Opens a manual incident (``IncidentOrigin/manual``), detected at `at`, which may be in the past ("the line
    /// has been down since 08:10"). Nothing is paged: whoever opens it already knows.
    ///
    /// - Parameters:
    ///   - draft: What is down, and who says so.
    ///   - at: When the outage began; not in the future.
    /// - Returns: The new incident.
    /// - Throws: ``StoreError`` with code `invalidInput` (empty summary, no labels), or a database error.
    func openManually(_ draft: ManualIncidentDraft, at: Date) async throws(StoreError) -> Incident

    /// Restores manual incident `id` by hand. Incidents opened by alerts are restored when their alert clears.
    ///
    /// - Parameters:
    ///   - id: The incident.
    ///   - by: Who.
    ///   - at: When service came back; an earlier time than the detection is raised to it.
    /// - Returns: The restored incident.
    /// - Throws: ``StoreError`` with code `notFound`, `invalidTransition` (already restored, or opened by an alert),
    ///   or a database error.
    func restoreManually(id: Int64, by: String, at: Date) async throws(StoreError) -> Incident

    /// Deletes up to `batchSize` restored incidents restored before `cutoff`, with their timelines and
    /// notifications, oldest first, in one short transaction. Open incidents are never deleted.
    ///
    /// - Parameters:
    ///   - cutoff: Incidents restored before this instant go.
    ///   - batchSize: The most incidents deleted in this call (at least 1).
    /// - Returns: How many were deleted; fewer than `batchSize` means nothing older is left.
    /// - Throws: ``StoreError`` when the database cannot be written.
    func purge(restoredBefore cutoff: Date, batchSize: Int) async throws(StoreError) -> Int

    /// The incidents active at some point of `[from, to)`, as reports read them: detected before `to` and not
    /// restored before `from`, oldest first.
    ///
    /// - Parameters:
    ///   - from: The start of the period (included).
    ///   - to: The end of the period (excluded).
    /// - Returns: One span per incident, as a table.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func spans(activeFrom from: Date, to: Date) async throws(StoreError) -> IncidentSpanTable
}

extension IncidentRecords {
    /// Adds one annotation to incident `id`: the batch `annotate` with one element.
    public func annotate(id: Int64, _ annotation: IncidentAnnotation, by: String, at: Date) async throws(StoreError)
        -> Incident
    {
        try await annotate(id: id, [annotation], by: by, at: at)
    }
}
