public import Foundation
import VedettaCore

/// What people do with maintenance windows, with the rules that go with it: the one place the CLI and the API
/// call, so both refuse the same things with the same words.
///
/// - Windows from files under `maintenance/` are edited and deleted by editing the files; their occurrences can
///   still be ended early or extended, which is operational, not a change of plan.
/// - `end` ends the occurrence in progress now; `extend` moves the end of the occurrence in progress, or of the
///   next one when none is.
public struct MaintenancePlanner: Sendable {
    /// Where windows live.
    public let store: any MaintenanceStore
    /// The zone of windows that name none (the agent's `time_zone`).
    public let defaultZone: TimeZone

    /// Creates a planner.
    public init(store: any MaintenanceStore, defaultZone: TimeZone) {
        self.store = store
        self.defaultZone = defaultZone
    }

    /// Creates a window.
    /// - Parameters:
    ///   - request: The fields; `by` is required.
    ///   - now: The current time.
    /// - Throws: ``MaintenanceError``.
    public func add(_ request: MaintenanceRequest, at now: Date) async throws(MaintenanceError) -> MaintenanceWindow {
        let definition = try request.definition(defaultZone: defaultZone, now: now)
        let by = try person(request.by)
        return try await storing("create window") { () async throws(StoreError) in
            try await store.createMaintenanceWindow(
                MaintenanceWindowDraft(definition: definition, createdBy: by), at: now)
        }
    }

    /// Changes the fields of window `id` that `request` gives.
    /// - Throws: ``MaintenanceError``: `notFound`, `readOnly` for a window from a file, `invalid` for a field.
    public func edit(id: Int64, _ request: MaintenanceRequest, at now: Date) async throws(MaintenanceError)
        -> MaintenanceWindow
    {
        let window = try await existing(id)
        try requireRuntime(window, to: "edit")
        let by = try person(request.by)
        let definition = try request.definition(editing: window.definition, now: now)
        guard definition != window.definition else { return window }
        let detail = MaintenanceDescription.changes(from: window.definition, to: definition)
        return try await storing("edit window") { () async throws(StoreError) in
            try await store.updateMaintenanceWindow(id: id, to: definition, by: by, at: now, detail: detail)
        }
    }

    /// Ends window `id`'s occurrence in progress now.
    /// - Throws: ``MaintenanceError``: `notFound`, `conflict` when no occurrence is in progress.
    public func end(id: Int64, by: String?, at now: Date) async throws(MaintenanceError) -> MaintenanceWindow {
        let window = try await existing(id)
        let person = try person(by)
        guard let occurrence = window.occurrence(containing: now) else {
            throw MaintenanceError(
                .conflict,
                "maintenance #\(id) is not in progress; delete it to cancel it, or edit it to change its times")
        }
        let zone = window.definition.schedule.zone
        let detail =
            "ended at \(LocalDateTime(now, in: zone)) \(zone.identifier), \(Duration.seconds(occurrence.end.timeIntervalSince(now)).compactDescription) early"
        return try await storing("end window") { () async throws(StoreError) in
            try await store.adjustMaintenanceOccurrence(
                id: id, OccurrenceAdjustment(occurrenceStart: occurrence.start, end: now), action: .ended, by: person,
                at: now, detail: detail)
        }
    }

    /// Extends window `id`'s occurrence in progress, or its next one, by `amount`.
    /// - Throws: ``MaintenanceError``: `notFound`, `invalid` for an amount that is not positive or that would make
    ///   the occurrence last more than 31 days (``MaintenanceSchedule/maximumDuration``), `conflict` when the window
    ///   has no occurrence left.
    public func extend(id: Int64, by amount: Duration, who: String?, at now: Date) async throws(MaintenanceError)
        -> MaintenanceWindow
    {
        guard amount > .zero else { throw .invalid("duration", "extend by a positive duration such as 30m") }
        let window = try await existing(id)
        let person = try person(who)
        guard let occurrence = window.occurrence(containing: now) ?? window.nextOccurrence(after: now) else {
            throw MaintenanceError(.conflict, "maintenance #\(id) is over; add a new window")
        }
        let end = occurrence.end.addingTimeInterval(amount.seconds)
        guard end.timeIntervalSince(occurrence.start) <= MaintenanceSchedule.maximumDuration.seconds else {
            throw .invalid(
                "duration",
                "extended by \(amount.compactDescription) the window would last more than 31 days; "
                    + "add a new window for the work that follows")
        }
        let zone = window.definition.schedule.zone
        let detail =
            "extended by \(amount.compactDescription): the occurrence of \(occurrence.localStart) \(zone.identifier) "
            + "now ends at \(LocalDateTime(end, in: zone))"
        return try await storing("extend window") { () async throws(StoreError) in
            try await store.adjustMaintenanceOccurrence(
                id: id, OccurrenceAdjustment(occurrenceStart: occurrence.start, end: end), action: .extended,
                by: person, at: now, detail: detail)
        }
    }

    /// Deletes window `id`.
    /// - Throws: ``MaintenanceError``: `notFound`, `readOnly` for a window from a file.
    public func delete(id: Int64, by: String?, at now: Date) async throws(MaintenanceError) -> MaintenanceWindow {
        let window = try await existing(id)
        try requireRuntime(window, to: "delete")
        let person = try person(by)
        return try await storing("delete window") { () async throws(StoreError) in
            try await store.deleteMaintenanceWindow(id: id, by: person, at: now)
        }
    }

    /// The windows in `state` at `now`, by number.
    /// - Throws: ``MaintenanceError`` (`unavailable`).
    public func windows(_ state: MaintenanceState?, at now: Date) async throws(MaintenanceError) -> [MaintenanceWindow]
    {
        let all = try await storing("list windows") { () async throws(StoreError) in
            try await store.maintenanceWindows()
        }
        guard let state else { return all }
        return all.filter { $0.state(at: now) == state }
    }

    /// Window `id` and its audit trail.
    /// - Throws: ``MaintenanceError``: `notFound`, `unavailable`.
    public func window(id: Int64) async throws(MaintenanceError) -> (MaintenanceWindow, [MaintenanceAuditEntry]) {
        let window = try await existing(id, includingDeleted: true)
        let audit = try await storing("read audit trail") { () async throws(StoreError) in
            try await store.maintenanceAudit(windowID: id)
        }
        return (window, audit)
    }

    private func existing(_ id: Int64, includingDeleted: Bool = false) async throws(MaintenanceError)
        -> MaintenanceWindow
    {
        let found = try await storing("read window") { () async throws(StoreError) in
            try await store.maintenanceWindow(id: id)
        }
        guard let found else { throw MaintenanceError(.notFound, "there is no maintenance #\(id)") }
        if !includingDeleted, found.deletedAt != nil {
            throw MaintenanceError(.notFound, "maintenance #\(id) was deleted")
        }
        return found
    }

    private func requireRuntime(_ window: MaintenanceWindow, to action: String) throws(MaintenanceError) {
        if case .configuration(let file) = window.origin {
            throw MaintenanceError(
                .readOnly,
                "maintenance #\(window.id) (\(window.name ?? "unnamed")) is defined in \(file); \(action) it there "
                    + "(ending or extending its current occurrence is allowed here)")
        }
    }

    private func person(_ text: String?) throws(MaintenanceError) -> String {
        guard let name = text?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
            throw .invalid("by", "required: who makes the change")
        }
        return name
    }

    private func storing<T>(_ operation: String, _ body: () async throws(StoreError) -> T)
        async throws(MaintenanceError)
        -> T
    {
        do {
            return try await body()
        } catch {
            if error.code == .notFound { throw MaintenanceError(.notFound, error.message) }
            throw MaintenanceError(.unavailable, "cannot \(operation): \(error)")
        }
    }
}
