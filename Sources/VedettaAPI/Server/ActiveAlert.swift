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

    /// Creates an alert view.
    public init(
        rule: String,
        state: String,
        severity: String,
        labels: [String: String],
        value: Double?,
        activeSince: Date,
        firedAt: Date?,
        summary: String
    ) {
        self.rule = rule
        self.state = state
        self.severity = severity
        self.labels = labels
        self.value = value
        self.activeSince = activeSince
        self.firedAt = firedAt
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case rule, state, severity, labels, value, summary
        case activeSince = "active_since"
        case firedAt = "fired_at"
    }
}
