public import VedettaCore

/// The identity of an alert: its rule name and its labels (which include `alertname`, `severity` and, for every
/// sample the agent produces, `device`). Use it to match an alert with its incident.
public struct AlertKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The rule name.
    public var ruleName: String
    /// The alert labels, as made by ``AlertRule/alertLabels(for:)``.
    public var labels: LabelSet

    /// Creates a key.
    public init(ruleName: String, labels: LabelSet) {
        self.ruleName = ruleName
        self.labels = labels
    }

    /// `RuleName{labels}`.
    public var description: String { ruleName + labels.description }

    /// Orders by rule name, then labels in Prometheus notation.
    public static func < (lhs: AlertKey, rhs: AlertKey) -> Bool {
        (lhs.ruleName, lhs.labels.description) < (rhs.ruleName, rhs.labels.description)
    }
}
