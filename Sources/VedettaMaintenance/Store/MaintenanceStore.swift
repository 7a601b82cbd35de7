public import Foundation
public import VedettaCore

/// Where maintenance windows live at run time, with their audit trail: the agent reads them, the CLI and the API
/// change them, possibly from other processes on the same database.
///
/// Every change writes the window and its audit entry in one transaction and bumps ``maintenanceRevision()``, so
/// an agent notices another process's change with one cheap read. Deleted windows are kept (for the audit trail
/// and for incidents that name them) but no longer listed.
public protocol MaintenanceStore: Sendable {
    /// The windows that are not deleted, by number.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func maintenanceWindows() async throws(StoreError) -> [MaintenanceWindow]

    /// Window `id`, deleted or not (`nil` when there is none).
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func maintenanceWindow(id: Int64) async throws(StoreError) -> MaintenanceWindow?

    /// Creates a window and its `created` audit entry.
    /// - Returns: The window with its number.
    /// - Throws: ``VedettaCore/StoreError``; code `conflict` when a window from a file with the same name exists.
    func createMaintenanceWindow(_ draft: MaintenanceWindowDraft, at: Date) async throws(StoreError)
        -> MaintenanceWindow

    /// Replaces window `id`'s definition (an `edited` entry whose detail is `detail`).
    /// - Returns: The window after the change.
    /// - Throws: ``VedettaCore/StoreError``; code `notFound` for an unknown or deleted window.
    func updateMaintenanceWindow(
        id: Int64, to definition: MaintenanceDefinition, by: String, at: Date, detail: String
    ) async throws(StoreError) -> MaintenanceWindow

    /// Moves the end of one occurrence of window `id` (an `ended` or `extended` entry whose detail is `detail`).
    /// - Returns: The window after the change.
    /// - Throws: ``VedettaCore/StoreError``; code `notFound` for an unknown or deleted window.
    func adjustMaintenanceOccurrence(
        id: Int64, _ adjustment: OccurrenceAdjustment, action: MaintenanceAuditEntry.Action, by: String, at: Date,
        detail: String
    ) async throws(StoreError) -> MaintenanceWindow

    /// Deletes window `id` (a `deleted` entry); it is no longer listed, and no longer mutes anything.
    /// - Returns: The window as it was.
    /// - Throws: ``VedettaCore/StoreError``; code `notFound` for an unknown or already deleted window.
    func deleteMaintenanceWindow(id: Int64, by: String, at: Date) async throws(StoreError) -> MaintenanceWindow

    /// The audit trail of window `id`, oldest first.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func maintenanceAudit(windowID: Int64) async throws(StoreError) -> [MaintenanceAuditEntry]

    /// Makes the windows from files (`origin: .configuration`) equal `drafts`, matched by name, in one
    /// transaction: new names are created, changed definitions edited, names no longer in any file deleted,
    /// each with its audit entry naming the file; unchanged windows are left alone (their numbers stay).
    /// - Returns: How many were created, edited and deleted.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be written.
    func syncConfiguredMaintenance(_ drafts: [MaintenanceWindowDraft], at: Date) async throws(StoreError)
        -> MaintenanceSync

    /// A number that grows with every change to any window, by any process.
    /// - Throws: ``VedettaCore/StoreError`` when the database cannot be read.
    func maintenanceRevision() async throws(StoreError) -> Int64
}

/// What ``MaintenanceStore/syncConfiguredMaintenance(_:at:)`` changed.
public struct MaintenanceSync: Sendable, Hashable {
    /// Windows created from files.
    public var created: Int
    /// Windows whose file definition changed.
    public var edited: Int
    /// Windows no longer in any file.
    public var deleted: Int

    /// Creates a summary.
    public init(created: Int = 0, edited: Int = 0, deleted: Int = 0) {
        self.created = created
        self.edited = edited
        self.deleted = deleted
    }
}
