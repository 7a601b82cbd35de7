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

extension Sequence {
    /// The elements in the order of their alert keys (``AlertKey/<``), each key's labels rendered once rather than
    /// at every comparison: sorting thousands of alerts by `<` renders label text millions of times.
    /// - Parameter key: The alert key of an element.
    /// - Returns: The elements sorted by rule name, then labels in Prometheus notation.
    public func sorted(byAlertKey key: (Element) -> AlertKey) -> [Element] {
        // Positions are sorted, not the elements: an alert is a large value, costly to move at every swap.
        let elements = Array(self)
        // Most calls on the poll path sort no alert or one: nothing to render then.
        guard elements.count > 1 else { return elements }
        let order = elements.indices.map { position in
            let key = key(elements[position])
            return (position: position, name: key.ruleName, labels: key.labels.description)
        }
        .sorted { ($0.name, $0.labels) < ($1.name, $1.labels) }
        return order.map { elements[$0.position] }
    }
}
