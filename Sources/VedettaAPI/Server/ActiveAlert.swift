public import Foundation

/// An alert that is pending (its condition holds, the `for:` hold has not elapsed) or firing, as `/api/v1/alerts`
/// returns it.
public struct ActiveAlert: Sendable, Codable, Equatable {
    /// The rule name.
    public var rule: String
    /// `pending` or `firing`.
    public var state: String
    /// The severity.
    public var severity: String
    /// The alert's labels (series labels, rule labels, `alertname`, `severity`).
    public var labels: [String: String]
    /// The last value of the condition's series, if known.
    public var value: Double?
    /// When the condition started holding.
    public var activeSince: Date
    /// When the alert fired, if it is firing.
    public var firedAt: Date?
    /// The rendered summary.
    public var summary: String
    /// Why the firing alert has paged nobody, e.g. `maintenance #12 (firmware upgrade)`; `nil` when it paged (or
    /// is pending).
    public var suppressedBy: String?
    /// The maintenance window that suppresses it, when that is the reason.
    public var maintenanceWindow: Int64?
    /// Since when the alert flaps (it stays firing, and pages nobody again, until it settles); `nil` when not.
    public var flappingSince: Date?

    /// Creates an alert view.
    public init(
        rule: String,
        state: String,
        severity: String,
        labels: [String: String],
        value: Double?,
        activeSince: Date,
        firedAt: Date?,
        summary: String,
        suppressedBy: String? = nil,
        maintenanceWindow: Int64? = nil,
        flappingSince: Date? = nil
    ) {
        self.rule = rule
        self.state = state
        self.severity = severity
        self.labels = labels
        self.value = value
        self.activeSince = activeSince
        self.firedAt = firedAt
        self.summary = summary
        self.suppressedBy = suppressedBy
        self.maintenanceWindow = maintenanceWindow
        self.flappingSince = flappingSince
    }

    enum CodingKeys: String, CodingKey {
        case rule, state, severity, labels, value, summary
        case activeSince = "active_since"
        case firedAt = "fired_at"
        case suppressedBy = "suppressed_by"
        case maintenanceWindow = "maintenance_window"
        case flappingSince = "flapping_since"
    }

    /// Encodes every key, `null` included, so scripts can rely on them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(state, forKey: .state)
        try container.encode(severity, forKey: .severity)
        try container.encode(labels, forKey: .labels)
        try container.encode(value, forKey: .value)
        try container.encode(summary, forKey: .summary)
        try container.encode(activeSince, forKey: .activeSince)
        try container.encode(firedAt, forKey: .firedAt)
        try container.encode(suppressedBy, forKey: .suppressedBy)
        try container.encode(maintenanceWindow, forKey: .maintenanceWindow)
        try container.encode(flappingSince, forKey: .flappingSince)
    }

    /// The alert as Prometheus' `ALERTS` series: `ALERTS{alertname, alertstate, <labels>} 1`, where a firing alert
    /// whose pages are suppressed has `alertstate="suppressed"` (Alertmanager's word) and, for maintenance, a
    /// `maintenance` label with the window's number; a flapping alert has `flapping="true"`.
    public var seriesLabels: [String: String] {
        var labels = self.labels
        labels["alertname"] = rule
        labels["alertstate"] = suppressedBy == nil ? state : "suppressed"
        if let maintenanceWindow { labels["maintenance"] = String(maintenanceWindow) }
        if flappingSince != nil { labels["flapping"] = "true" }
        return labels
    }
}
