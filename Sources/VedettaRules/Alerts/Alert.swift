public import Foundation
public import VedettaCore

/// One alert: a rule whose condition holds (or held) for one series of one device.
public struct Alert: Sendable, Hashable {
    /// Where the alert is in its life.
    public enum State: String, Sendable, Hashable, Codable {
        /// The condition holds but not yet for the rule's `for`.
        case pending
        /// The alert fires.
        case firing
        /// The alert fired and its condition no longer holds.
        case resolved
    }

    /// The rule name (`alertname`).
    public var ruleName: String
    /// The device whose samples raised the alert.
    public var device: DeviceID
    /// Series labels plus the rule's labels, `alertname` and `severity`.
    public var labels: LabelSet
    /// The last value of the series while the condition held, or `nil` for an alert restored without one.
    public var value: Double?
    /// The state.
    public var state: State
    /// When the condition started to hold.
    public var activeSince: Date
    /// When the alert started firing, if it has.
    public var firedAt: Date?
    /// When the alert was resolved, if it has been.
    public var resolvedAt: Date?
    /// Since when the alert flaps, while it does (its rule's `flapping`).
    public var flappingSince: Date?
    /// The rule's severity.
    public var severity: Severity
    /// The rule's `summary` with its placeholders filled in.
    public var summary: String
    /// The rule's `description` with its placeholders filled in.
    public var description: String

    /// Creates an alert.
    public init(
        ruleName: String,
        device: DeviceID,
        labels: LabelSet,
        value: Double?,
        state: State,
        activeSince: Date,
        firedAt: Date? = nil,
        resolvedAt: Date? = nil,
        severity: Severity,
        summary: String = "",
        description: String = ""
    ) {
        self.ruleName = ruleName
        self.device = device
        self.labels = labels
        self.value = value
        self.state = state
        self.activeSince = activeSince
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.severity = severity
        self.summary = summary
        self.description = description
    }

    /// The alert's identity: rule name and labels.
    public var key: AlertKey { AlertKey(ruleName: ruleName, labels: labels) }
}
