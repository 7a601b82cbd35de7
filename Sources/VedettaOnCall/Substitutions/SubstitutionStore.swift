public import Foundation
public import VedettaCore

/// Where substitutions live at run time, with their audit trail: the agent reads them, the CLI and the API
/// change them, possibly from other processes on the same database.
///
/// Every change writes the substitution and its audit entry in one transaction. Removed substitutions are kept
/// for the audit trail but no longer apply.
public protocol SubstitutionStore: Sendable {
    /// The substitutions in force (not removed) of `schedule` (every schedule when `nil`) that end after
    /// `endingAfter` and start before `startingBefore`, by start.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func substitutions(schedule: String?, endingAfter: Date, startingBefore: Date) async throws(StoreError)
        -> [Substitution]

    /// Substitution `id`, removed or not (`nil` when there is none).
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func substitution(id: Int64) async throws(StoreError) -> Substitution?

    /// Stores a substitution and its `created` audit entry whose detail is `detail`.
    /// - Returns: The substitution with its number.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be written.
    func createSubstitution(_ draft: SubstitutionDraft, at: Date, detail: String) async throws(StoreError)
        -> Substitution

    /// Removes substitution `id` (a `deleted` entry); it no longer applies.
    /// - Returns: The substitution as it was.
    /// - Throws: ``VedettaCore/StoreError``; code `notFound` for an unknown or already removed substitution.
    func deleteSubstitution(id: Int64, by: String, at: Date, detail: String) async throws(StoreError) -> Substitution

    /// The audit trail of substitution `id`, oldest first.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func substitutionAudit(id: Int64) async throws(StoreError) -> [SubstitutionAuditEntry]
}
