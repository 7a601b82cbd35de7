public import Foundation

/// A planned maintenance window as stored: its number, its definition, who made it and when, and the occurrences
/// that were ended early or extended.
public struct MaintenanceWindow: Sendable, Hashable, Identifiable {
    /// Where a window comes from.
    public enum Origin: Sendable, Hashable {
        /// Created at run time (`vedetta maintenance add`, the API); edited and deleted the same way.
        case runtime
        /// Defined in a file under `maintenance/`, by name: edited by editing the file.
        case configuration(file: String)
    }

    /// The window's number, as `vedetta maintenance` and the API show it.
    public var id: Int64
    /// The name of a window from a file (unique across the files); `nil` for run-time windows.
    public var name: String?
    /// Where it comes from.
    public var origin: Origin
    /// Which alerts, when, why.
    public var definition: MaintenanceDefinition
    /// Who created it (`--by`), or the file it comes from.
    public var createdBy: String
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed (edited, ended early, extended).
    public var updatedAt: Date
    /// Occurrences whose end was moved: ended early or extended.
    public var adjustments: [OccurrenceAdjustment]
    /// When it was deleted; deleted windows are kept for the audit trail and the incidents that name them.
    public var deletedAt: Date?

    /// Creates a window.
    public init(
        id: Int64,
        name: String? = nil,
        origin: Origin = .runtime,
        definition: MaintenanceDefinition,
        createdBy: String,
        createdAt: Date,
        updatedAt: Date,
        adjustments: [OccurrenceAdjustment] = [],
        deletedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.origin = origin
        self.definition = definition
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.adjustments = adjustments
        self.deletedAt = deletedAt
    }

    /// `maintenance #12 (firmware upgrade, CHG-1234)`: how timelines, pages and logs name the window.
    public var label: String {
        definition.reason.isEmpty ? "maintenance #\(id)" : "maintenance #\(id) (\(definition.reason))"
    }
}

/// One occurrence of a window whose end was moved: ended early (`vedetta maintenance end`) or extended.
public struct OccurrenceAdjustment: Sendable, Hashable, Codable {
    /// The start of the occurrence, which identifies it.
    public var occurrenceStart: Date
    /// Its end now.
    public var end: Date

    /// Creates an adjustment.
    public init(occurrenceStart: Date, end: Date) {
        self.occurrenceStart = occurrenceStart
        self.end = end
    }
}
