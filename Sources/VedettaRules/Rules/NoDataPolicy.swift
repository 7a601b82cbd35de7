public import VedettaCore

/// What a rule does when a device it had data for keeps answering without it (`no_data:`): a table that
/// disappeared after a firmware upgrade, a sensor that is no longer exported. A poll that failed (the device did
/// not answer) is not "no data" here: `DeviceUnreachable` covers it, and the rule's alerts stay as they are.
public struct NoDataPolicy: Sendable, Hashable {
    /// What happens once the rule has had no data for ``after``.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Fire a separate alert, `<rule>NoData`, for the device; it resolves when the data is back.
        case alert
        /// Leave the rule's alerts as they are (what every rule does without `no_data`).
        case keep
        /// Resolve the rule's alerts for the device, as if its condition no longer held.
        case ok
    }

    /// What happens.
    public var state: State
    /// How long successful polls must lack the rule's data first (`after`, default 10 minutes).
    public var after: Duration
    /// The severity of the `<rule>NoData` alert (`severity`, default `warning`).
    public var severity: Severity

    /// The default `after`.
    public static let defaultAfter = Duration.seconds(600)

    /// Creates a policy.
    public init(state: State, after: Duration = NoDataPolicy.defaultAfter, severity: Severity = .warning) {
        self.state = state
        self.after = after
        self.severity = severity
    }
}

extension AlertRule {
    /// The rule of the alert that `no_data: {state: alert}` fires: named `<rule>NoData`, with the rule's labels, the
    /// policy's severity and a summary that says what stopped; `nil` without such a policy.
    public var noDataRule: AlertRule? {
        guard let noData, noData.state == .alert else { return nil }
        let reads = (expression.selectors + expression.absentSelectors).map(\.name)
        let names = Array(Set(reads)).sorted().joined(separator: ", ")
        return AlertRule(
            name: name + "NoData",
            expression: expression,
            expressionText: expressionText,
            severity: noData.severity,
            summary: "{{ $labels.device }} answers but no longer exports what \(name) reads (\(names))",
            description: "Every poll of {{ $labels.device }} for \(noData.after.compactDescription) has succeeded "
                + "without the samples rule \(name) reads (\(names)): a table or sensor disappeared, e.g. after a "
                + "firmware upgrade or a profile change. Until they are back, \(name) cannot fire for this device.",
            labels: labels,
            location: location
        )
    }
}
