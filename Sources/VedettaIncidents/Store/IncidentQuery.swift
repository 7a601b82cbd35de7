public import Foundation
public import VedettaCore

/// Which incidents ``IncidentLog/incidents(matching:)`` returns. Results are newest first (by detection time).
public struct IncidentQuery: Sendable, Hashable {
    /// The limit when none is given, for the API and the CLI alike.
    public static let defaultLimit = 50
    /// The largest limit a caller may ask for.
    public static let maximumLimit = 1000

    /// Which lifecycle states to include.
    public enum StateFilter: String, Sendable, Hashable, CaseIterable {
        /// Not restored yet: open or acknowledged.
        case open
        /// Not restored and not acknowledged: nobody has said they are on it.
        case unacknowledged
        /// Acknowledged and not restored yet.
        case acknowledged
        /// Restored.
        case restored
        /// Every incident.
        case all

        /// The names, for messages: `open, unacknowledged, acknowledged, restored or all`.
        public static var names: String {
            let names = allCases.map(\.rawValue)
            return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        }
    }

    /// Which lifecycle states to include.
    public var state: StateFilter
    /// Only incidents still active at or after this time: restored at or after it, or not restored at all.
    /// An incident that started before `since` and ended after it is included.
    public var since: Date?
    /// The maximum number of incidents to return (at least 1).
    public var limit: Int
    /// Only incidents whose `device` label is this device.
    public var device: DeviceID?
    /// Only incidents of this alert rule.
    public var rule: String?

    /// Creates a query.
    ///
    /// - Parameters:
    ///   - state: Which lifecycle states to include (default all).
    ///   - since: Only incidents active at or after this time.
    ///   - limit: The maximum number of incidents (default ``defaultLimit``; values below 1 are raised to 1).
    ///   - device: Only incidents of this device.
    ///   - rule: Only incidents of this alert rule.
    public init(
        state: StateFilter = .all,
        since: Date? = nil,
        limit: Int = IncidentQuery.defaultLimit,
        device: DeviceID? = nil,
        rule: String? = nil
    ) {
        self.state = state
        self.since = since
        self.limit = max(1, limit)
        self.device = device
        self.rule = rule
    }

    /// Whether `incident` passes every filter except `limit`; stores that filter in SQL must agree with this.
    ///
    /// - Parameter incident: The incident to test.
    /// - Returns: `true` when the incident belongs in the result.
    public func matches(_ incident: Incident) -> Bool {
        switch state {
        case .open where incident.restoredAt != nil: return false
        case .unacknowledged where incident.restoredAt != nil || incident.acknowledgedAt != nil: return false
        case .acknowledged where incident.restoredAt != nil || incident.acknowledgedAt == nil: return false
        case .restored where incident.restoredAt == nil: return false
        default: break
        }
        if let since, let restoredAt = incident.restoredAt, restoredAt < since { return false }
        if let device, incident.device != device { return false }
        if let rule, incident.rule != rule { return false }
        return true
    }
}
