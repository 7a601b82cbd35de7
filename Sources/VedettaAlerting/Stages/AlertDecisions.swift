public import Foundation
import VedettaCore
public import VedettaIncidents
import VedettaRules

/// What the record stage must write for one alert change.
public enum RecordAction: Sendable, Hashable {
    /// Open an incident for the alert (nothing when one is open), queueing `notify` and starting the escalation
    /// policy `escalation`; `muted` says why `notify` is empty and nothing escalates, for the incident's timeline.
    case open(IncidentDraft, at: Date, notify: [OutboxDraft], escalation: EscalationStart?, muted: MuteReason?)
    /// Restore the open incident of the alert series, telling the channels of `notify` that were told of the
    /// opening.
    case restore(fingerprint: String, at: Date, notify: [OutboxDraft])
    /// Page an incident that opened muted, now that its mute has ended while it still fires: queue `notify` and
    /// start the escalation policy `escalation`.
    case pageLate(fingerprint: String, at: Date, notify: [OutboxDraft], escalation: EscalationStart?, detail: String)
    /// Add an event of the agent's to the open incident of the alert series (`flapping`, `settled`), telling the
    /// channels of `notify` that were told of the opening.
    case note(fingerprint: String, at: Date, event: IncidentEvent.Kind, detail: String, notify: [OutboxDraft])
    /// Record on a muted incident that it is still muted, for another reason (`waiting for router-milano's next
    /// check`, then `unreachable through router-milano`).
    case remute(fingerprint: String, at: Date, reason: MuteReason)
}

/// The mute and route stages, applied to each alert change in turn: pure, time a parameter.
///
/// It remembers which firing alerts are muted (by fingerprint), so that ``AlertChange/Kind/stillFiring`` pages
/// exactly once, when the mute ends.
public struct AlertDecisions: Sendable {
    /// The mute stage.
    public var mute: MuteStage
    /// The route stage.
    public var router: any Router
    /// What is added to each incident an alert opens, in order.
    public var annotators: [any IncidentAnnotator]
    private var mutedFiring: [String: MuteReason] = [:]

    /// Creates the stages.
    /// - Parameters:
    ///   - mute: The muters, in order.
    ///   - router: Who hears of what.
    ///   - annotators: What is added to each incident an alert opens, in order.
    public init(mute: MuteStage = MuteStage(), router: any Router, annotators: [any IncidentAnnotator] = []) {
        self.mute = mute
        self.router = router
        self.annotators = annotators
    }

    /// Whether any firing alert is muted (so the pipeline looks for `stillFiring` changes at all).
    public var hasMutedAlerts: Bool { !mutedFiring.isEmpty }

    /// Whether the firing alert with `fingerprint` opened muted and has not paged yet.
    public func isMuted(_ fingerprint: String) -> Bool { mutedFiring[fingerprint] != nil }

    /// Why the firing alert with `fingerprint` has not paged, if it opened muted and still has not.
    public func muteReason(of fingerprint: String) -> MuteReason? { mutedFiring[fingerprint] }

    /// Marks a firing alert as muted, e.g. when its incident is reloaded after a restart.
    public mutating func markMuted(_ fingerprint: String, reason: MuteReason) {
        mutedFiring[fingerprint] = reason
    }

    /// The action for `change` at `instant`, or `nil` when nothing is to be written.
    /// - Parameters:
    ///   - change: The alert change.
    ///   - instant: Now, for the muters.
    /// - Returns: The action for the record stage.
    public mutating func decide(_ change: AlertChange, at instant: Date) -> RecordAction? {
        let alert = change.alert
        let fingerprint = change.fingerprint
        switch change.kind {
        case .fired(let since):
            var draft = IncidentDraft(
                rule: alert.ruleName, severity: alert.severity, labels: alert.labels, summary: alert.summary,
                description: alert.description)
            for annotator in annotators { annotator.annotate(&draft, for: alert, at: instant) }
            if let reason = mute.muteReason(for: alert, at: instant) {
                mutedFiring[fingerprint] = reason
                draft.maintenanceWindowID = reason.maintenanceWindowID
                return .open(draft, at: since, notify: [], escalation: nil, muted: reason)
            }
            let route = router.route(alert)
            return .open(
                draft, at: since, notify: OutboxDraft.fanOut(to: route.channels, event: .opened),
                escalation: Self.start(route.escalation, for: alert), muted: nil)
        case .resolved(let at):
            mutedFiring[fingerprint] = nil
            return .restore(fingerprint: fingerprint, at: at, notify: drafts(for: alert, event: .restored))
        case .flapping(let since):
            return .note(
                fingerprint: fingerprint, at: since, event: .flapping,
                detail: "changes state too often; it stays open, and nobody is paged again until it settles",
                notify: drafts(for: alert, event: .flapping))
        case .settled(let at):
            return .note(
                fingerprint: fingerprint, at: at, event: .settled,
                detail: "steady again; it pages and resolves as usual",
                notify: drafts(for: alert, event: .settled))
        case .stillFiring:
            guard let previous = mutedFiring[fingerprint] else { return nil }
            if let reason = mute.muteReason(for: alert, at: instant) {
                guard reason.detail != previous.detail else { return nil }
                mutedFiring[fingerprint] = reason
                return .remute(fingerprint: fingerprint, at: instant, reason: reason)
            }
            mutedFiring[fingerprint] = nil
            let route = router.route(alert)
            return .pageLate(
                fingerprint: fingerprint, at: instant, notify: OutboxDraft.fanOut(to: route.channels, event: .opened),
                escalation: Self.start(route.escalation, for: alert), detail: previous.liftedDetail)
        }
    }

    /// The escalation `route` starts for `alert`: its group key is the policy and the `group_by` labels' values
    /// (`noc|device=sw-12`), read like routes read labels (with `alertname` and `severity`).
    static func start(_ route: RouteEscalation?, for alert: Alert) -> EscalationStart? {
        guard let route else { return nil }
        guard !route.groupBy.isEmpty else { return EscalationStart(policy: route.policy) }
        let labels = LabelRouter.routingLabels(of: alert)
        let key = route.groupBy.map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ",")
        return EscalationStart(policy: route.policy, groupKey: "\(route.policy)|\(key)", groupWait: route.groupWait)
    }

    private func drafts(for alert: Alert, event: IncidentEvent.Kind) -> [OutboxDraft] {
        OutboxDraft.fanOut(to: router.route(alert).channels, event: event)
    }
}
