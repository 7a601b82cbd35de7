public import Foundation
import VedettaIncidents
public import VedettaRules

/// Something that happened to an alert, from any source: rule evaluation of polled samples, and trap rules over
/// SNMP notifications. The alerting stages (mute → route → record) take only changes.
public struct AlertChange: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The alert started firing at `since`: open an incident, and page unless muted.
        case fired(since: Date)
        /// The alert stopped firing at `at`: restore its incident, telling the channels told of the opening.
        case resolved(at: Date)
        /// The alert still fires and was muted: page now if its mute has ended (end of a maintenance window,
        /// parent device back), so "page at the end of the mute" is the same path as any other page.
        case stillFiring
        /// The alert changes state too often: it stays firing and its incident open, and its channels hear of it
        /// once, instead of at every firing and resolution.
        case flapping(since: Date)
        /// A flapping alert's condition has held steadily for the rule's `settle`: its channels hear of it once.
        /// (One that steadily stopped holding is `resolved` instead.)
        case settled(at: Date)
    }

    /// What happened.
    public var kind: Kind
    /// The alert, as it is after the change.
    public var alert: Alert

    /// Creates a change.
    /// - Parameters:
    ///   - kind: What happened.
    ///   - alert: The alert after the change.
    public init(_ kind: Kind, alert: Alert) {
        self.kind = kind
        self.alert = alert
    }

    /// The alert series' identity in the incident log.
    public var fingerprint: String { alert.fingerprint }
}

extension Alert {
    /// The alert series' identity in the incident log: rule name and labels.
    public var fingerprint: String { IncidentFingerprint.make(rule: ruleName, labels: labels) }
}
