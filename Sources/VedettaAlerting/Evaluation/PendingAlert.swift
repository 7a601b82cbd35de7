public import VedettaRules

/// A pending alert of the polling rules with the source (probe kind and check) whose reports evaluate it: what a
/// stopping agent saves and a starting one takes over (``RuleAlertSource/adoptPending(_:devices:)``).
public struct PendingAlert: Sendable, Hashable {
    /// The source, as ``SampleReport/source(kind:check:)`` names it.
    public var source: String
    /// The alert, pending since its `activeSince`.
    public var alert: Alert

    /// Creates a saved pending alert.
    public init(source: String, alert: Alert) {
        self.source = source
        self.alert = alert
    }
}
