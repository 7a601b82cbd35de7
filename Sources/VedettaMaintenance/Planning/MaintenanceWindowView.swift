public import Foundation
import VedettaCore

/// A window as the API and `vedetta maintenance list --json` show it: its fields as written, its state, and its
/// current and next occurrences in its local time and in UTC.
public struct MaintenanceWindowView: Sendable, Hashable, Codable {
    /// One occurrence, local and UTC.
    public struct OccurrenceView: Sendable, Hashable, Codable {
        /// Local start in the window's zone, `2026-12-05T22:00`.
        public var startLocal: String
        /// Local end in the window's zone.
        public var endLocal: String
        /// Start, UTC.
        public var start: Date
        /// End, UTC.
        public var end: Date

        enum CodingKeys: String, CodingKey {
            case start, end
            case startLocal = "start_local"
            case endLocal = "end_local"
        }
    }

    /// The window's number.
    public var id: Int64
    /// The name of a window from a file.
    public var name: String?
    /// `runtime`, or the file the window is defined in.
    public var origin: String
    /// The scope, in the rule language's syntax.
    public var match: String
    /// The first start, local.
    public var start: String
    /// The IANA time zone.
    public var timeZone: String
    /// Each occurrence's length, `2h`.
    public var duration: String
    /// Each occurrence's length in seconds.
    public var durationSeconds: Double
    /// The recurrence rule, or `nil` for a one-off window.
    public var rrule: String?
    /// Local starts skipped.
    public var exdates: [String]
    /// Why.
    public var reason: String
    /// Who created it.
    public var createdBy: String
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it was deleted, if it was.
    public var deletedAt: Date?
    /// `active`, `upcoming` or `over` at the time of the view.
    public var state: String
    /// The occurrence in progress.
    public var current: OccurrenceView?
    /// The next occurrences after the current one (at most `upcoming` of them).
    public var next: [OccurrenceView]

    enum CodingKeys: String, CodingKey {
        case id, name, origin, match, start, duration, rrule, exdates, reason, state, current, next
        case timeZone = "time_zone"
        case durationSeconds = "duration_seconds"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
    }

    /// The view of `window` at `now`, with up to `upcoming` next occurrences.
    public init(_ window: MaintenanceWindow, at now: Date, upcoming: Int = 3) {
        let definition = window.definition
        let schedule = definition.schedule
        let zone = schedule.zone
        func view(_ occurrence: Occurrence) -> OccurrenceView {
            OccurrenceView(
                startLocal: LocalDateTime(occurrence.start, in: zone).description,
                endLocal: LocalDateTime(occurrence.end, in: zone).description, start: occurrence.start,
                end: occurrence.end)
        }
        self.id = window.id
        self.name = window.name
        switch window.origin {
        case .runtime: self.origin = "runtime"
        case .configuration(let file): self.origin = file
        }
        self.match = definition.scope.description
        self.start = schedule.start.description
        self.timeZone = zone.identifier
        self.duration = schedule.duration.compactDescription
        self.durationSeconds = schedule.duration.seconds
        self.rrule = schedule.recurrence.map { "\($0)" }
        self.exdates = schedule.exceptions.sorted().map(\.description)
        self.reason = definition.reason
        self.createdBy = window.createdBy
        self.createdAt = window.createdAt
        self.updatedAt = window.updatedAt
        self.deletedAt = window.deletedAt
        self.state = window.state(at: now).rawValue
        let current = window.occurrence(containing: now)
        self.current = current.map(view)
        var next: [OccurrenceView] = []
        var cursor = current?.start ?? now
        while next.count < upcoming, let occurrence = window.nextOccurrence(after: cursor) {
            next.append(view(occurrence))
            cursor = occurrence.start
        }
        self.next = next
    }
}
