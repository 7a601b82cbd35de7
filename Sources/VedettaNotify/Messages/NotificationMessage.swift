public import Foundation
import VedettaCore
public import VedettaIncidents
public import VedettaOnCall

/// What a channel delivers: an incident and what just happened to it.
public struct NotificationMessage: Sendable {
    /// The outbox entry ID; stable across retries, so receivers can drop duplicates (`Idempotency-Key`).
    public var notificationID: Int64
    /// Which event this notification announces (opened or restored).
    public var event: IncidentEvent.Kind
    /// The incident, as it is at delivery time.
    public var incident: Incident
    /// When the message was rendered.
    public var sentAt: Date
    /// The person an escalation pages with this message; `nil` for the channel's own addressees.
    public var recipient: Person?
    /// Which step of the escalation pages, for the message; `nil` outside escalations.
    public var escalationLevel: EscalationLevel?
    /// The other incidents that page with this one as a group (``EscalationStart/groupKey``), in the order they
    /// joined; empty for an incident that pages alone.
    public var group: [Incident] = []
    /// The signed link that acknowledges the incident in one click (as ``recipient`` when there is one), when
    /// the agent has a public address (`agent.public_url`) and the incident can still be acknowledged.
    public var acknowledgeURL: String?

    /// Creates a message.
    public init(
        notificationID: Int64, event: IncidentEvent.Kind, incident: Incident, sentAt: Date, recipient: Person? = nil,
        escalationLevel: EscalationLevel? = nil, acknowledgeURL: String? = nil
    ) {
        self.notificationID = notificationID
        self.event = event
        self.incident = incident
        self.sentAt = sentAt
        self.recipient = recipient
        self.escalationLevel = escalationLevel
        self.acknowledgeURL = acknowledgeURL
    }

    /// A one-line subject, e.g. `[CRITICAL] DeviceUnreachable on core-switch: core-switch does not answer SNMP`;
    /// `[RESTORED]`, `[FLAPPING]` or `[SETTLED]` instead of the severity for those events.
    /// An opening that pages late, because the alert was muted when it fired, says why it pages now:
    /// `… (still failing after maintenance #12 (firmware upgrade) ended)`. A device that takes others with it
    /// says so: `…; router-milano down: 14 devices unreachable (switch 12, pbx 2)`.
    public var subject: String { subject(in: .en) }

    /// The subject in `language`: the tag and the word before the device are translated (`[CRITICO]
    /// DeviceUnreachable su core-switch: …`); the rule's own summary is as the rule writes it.
    public func subject(in language: MessageLanguage) -> String {
        let device = incident.labels["device"].map { " \(language.words.on) \($0)" } ?? ""
        let summary = incident.summary.isEmpty ? "" : ": \(incident.summary)"
        let late = event == .opened ? incident.timeline.last { $0.kind == .unmuted }.map { " (\($0.detail))" } : nil
        let impact = incident.timeline.first { $0.kind == .impact }
            .flatMap { $0.detail.split(separator: "\n", maxSplits: 1).first }.map { "; \($0)" }
        let others = group.count
        let grouped =
            others == 0 ? "" : " (+\(others) \(others == 1 ? language.words.oneMoreAlert : language.words.moreAlerts))"
        return "[\(language.tag(for: self))] \(incident.rule)\(device)\(summary)\(impact ?? "")\(late ?? "")\(grouped)"
    }
}

/// A step of an escalation as people read it: level 2 (the second step), round 1 (the first time through).
public struct EscalationLevel: Sendable, Hashable {
    /// The step, from 1.
    public var level: Int
    /// The time through the steps, from 1.
    public var round: Int

    /// Creates a level.
    public init(level: Int, round: Int) {
        self.level = level
        self.round = round
    }

    /// The level of step `index` (repeats counted) of a policy with `steps` steps.
    public init(step index: Int, of steps: Int) {
        let steps = max(steps, 1)
        self.init(level: index % steps + 1, round: index / steps + 1)
    }
}
