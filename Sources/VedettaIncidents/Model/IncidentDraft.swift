public import VedettaCore

/// What the agent hands to ``IncidentLog/open(_:at:notify:)`` when an alert fires: everything but the
/// store-assigned identifier and the timestamps.
public struct IncidentDraft: Sendable, Hashable {
    /// The alert series identity, usually ``IncidentFingerprint/make(rule:labels:)`` of `rule` and `labels`.
    public var fingerprint: String
    /// The alert rule name.
    public var rule: String
    /// The severity.
    public var severity: Severity
    /// The alert series labels.
    public var labels: LabelSet
    /// The rendered one-line summary.
    public var summary: String
    /// The rendered longer description.
    public var description: String
    /// The maintenance window the alert fired in, when that is why it pages nobody.
    public var maintenanceWindowID: Int64?
    /// What else the failure takes down, for the timeline (an ``IncidentEvent/Kind/impact`` event at opening):
    /// the devices unreachable through the incident's device.
    public var impact: String?

    /// Creates a draft with an explicit fingerprint.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series identity.
    ///   - rule: The alert rule name.
    ///   - severity: The severity.
    ///   - labels: The alert series labels.
    ///   - summary: The rendered one-line summary.
    ///   - description: The rendered longer description.
    public init(
        fingerprint: String,
        rule: String,
        severity: Severity,
        labels: LabelSet,
        summary: String = "",
        description: String = "",
        maintenanceWindowID: Int64? = nil
    ) {
        self.maintenanceWindowID = maintenanceWindowID
        self.fingerprint = fingerprint
        self.rule = rule
        self.severity = severity
        self.labels = labels
        self.summary = summary
        self.description = description
    }

    /// Creates a draft whose fingerprint is ``IncidentFingerprint/make(rule:labels:)`` of `rule` and `labels`.
    ///
    /// - Parameters:
    ///   - rule: The alert rule name.
    ///   - severity: The severity.
    ///   - labels: The alert series labels.
    ///   - summary: The rendered one-line summary.
    ///   - description: The rendered longer description.
    public init(rule: String, severity: Severity, labels: LabelSet, summary: String = "", description: String = "") {
        self.init(
            fingerprint: IncidentFingerprint.make(rule: rule, labels: labels),
            rule: rule,
            severity: severity,
            labels: labels,
            summary: summary,
            description: description
        )
    }
}
