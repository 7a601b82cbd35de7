public import Foundation
public import Logging
import Metrics
public import VedettaCore
public import VedettaIncidents
public import VedettaRules

/// The alerting core: alert changes in, then **mute → route → record**; the dispatcher delivers what was
/// recorded.
///
/// Two sources feed it: the rules over each poll's report, and the trap rules over each SNMP notification
/// (``process(traps:)``, with ``expireTrapAlerts()`` resolving the quiet ones).
///
/// For each report the rule source yields the alerts that fired or resolved, plus a `stillFiring` change for each
/// firing alert that opened muted (so a page goes out when its mute ends). Each change is decided by
/// ``AlertDecisions`` (mute, then route) and written by the ``Recorder``. A write that fails is kept, in order,
/// and retried before the next report: an incident is never lost because the disk was briefly unavailable.
public actor AlertingPipeline {
    private var source: RuleAlertSource
    private var traps: TrapAlertSource
    private var decisions: AlertDecisions
    private let dependencies: DependencyMuter?
    private let recorder: Recorder
    private let onOutboxWritten: @Sendable () -> Void
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var unrecorded: [RecordAction] = []
    /// The configured devices once a reload has named them: reports of other devices (a run that was in flight
    /// when its device was removed) are dropped. `nil` until the first reload: every report counts.
    private var devices: Set<DeviceID>?
    /// Whether a ``recordPending()`` loop runs: the actor is reentrant at every store `await`, so a second caller
    /// only enqueues and the running loop records in order.
    private var isRecording = false

    /// Creates the pipeline.
    /// - Parameters:
    ///   - rules: The alert rules.
    ///   - trapRules: The rules that turn SNMP notifications into alerts.
    ///   - log: The incident log.
    ///   - decisions: The mute and route stages.
    ///   - dependencies: The dependency muter (also among `decisions`' muters), told how each device stands after
    ///     each report; `nil` when no device has parents.
    ///   - onOutboxWritten: Called after notifications were queued (wakes the dispatcher).
    ///   - logger: The agent's logger.
    ///   - now: The wall clock, injected for tests.
    public init(
        rules: [AlertRule],
        trapRules: [TrapRule] = [],
        log: any IncidentLog,
        decisions: AlertDecisions,
        dependencies: DependencyMuter? = nil,
        onOutboxWritten: @escaping @Sendable () -> Void,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = RuleAlertSource(rules: rules)
        self.traps = TrapAlertSource(rules: trapRules)
        self.decisions = decisions
        self.dependencies = dependencies
        self.recorder = Recorder(log: log, logger: logger)
        self.onOutboxWritten = onOutboxWritten
        self.logger = logger
        self.now = now
    }

    /// Takes over the incidents left open by the previous run: a still-firing alert continues its incident
    /// instead of opening (and paging) a second one, one that opened muted stays muted until its mute ends, and
    /// incidents of rules that no longer exist are restored. Manual incidents are people's to restore: they are
    /// left alone.
    ///
    /// With `devices`, only the incidents of those devices are taken over, and nothing is restored: what an agent
    /// does when it takes devices over from another agent of its cluster, whose open incidents it carries on (their
    /// restorations included) without paging their openings again.
    /// - Parameter devices: The devices taken over, or `nil` at start for every device.
    /// - Throws: `StoreError` when the log cannot be read or written.
    public func restoreFromStore(devices: Set<DeviceID>? = nil) async throws(StoreError) {
        let open = try await recorder.log.openIncidents().filter { incident in
            incident.origin == .alert
                && (devices.map { set in incident.device.map(set.contains) ?? false } ?? true)
        }
        for incident in open where incident.isMutedAndUnpaged {
            let detail = incident.lastMuteDetail ?? "muted before the restart"
            let reason =
                incident.maintenanceWindowID.map { id in
                    MuteReason(kind: MuteReason.maintenanceKind, detail: detail, maintenanceWindowID: id)
                } ?? MuteReason(kind: "restored", detail: detail)
            decisions.markMuted(incident.fingerprint, reason: reason)
        }
        // A device whose device_down incident is still open is down until its first report says otherwise, so
        // the devices behind it stay muted across the restart.
        let deviceDownRules = Set(source.rules.filter(\.marksDeviceDown).map(\.name))
        for incident in open where deviceDownRules.contains(incident.rule) {
            guard let device = incident.device else { continue }
            let source = SampleReport.source(kind: incident.labels["probe"] ?? "snmp", check: incident.labels["check"])
            dependencies?.assumeDown(device, source: source, since: incident.detectedAt)
        }
        let orphans = source.adopt(traps.adopt(open, at: now()))
        guard devices == nil else { return }
        for incident in orphans {
            let notify = OutboxDraft.fanOut(to: decisions.router.route(incident.asAlert).channels, event: .restored)
            _ = try await recorder.record(.restore(fingerprint: incident.fingerprint, at: now(), notify: notify))
            onOutboxWritten()
            logger.warning(
                "restored an open incident whose rule is no longer configured",
                metadata: ["incident.id": "\(incident.id)", "rule.name": "\(incident.rule)"]
            )
        }
        logger.info("open incidents taken over", metadata: ["incidents": "\(open.count - orphans.count)"])
    }

    /// Handles one report: the rule source turns it into alert changes, which go to ``submit(_:)``, after the
    /// dependency muter has learnt how the device stands (so a router's own report decides its children's mutes).
    /// - Parameter report: One probe run's samples.
    public func process(_ report: SampleReport) async {
        if let devices, !devices.contains(report.device) { return }
        let outcome = source.evaluate(report)
        dependencies?.record(
            device: report.device, source: report.source, condition: outcome.condition, startedAt: report.startedAt,
            finishedAt: report.at)
        var changes = outcome.changes
        if decisions.hasMutedAlerts {
            let fired = Set(changes.map(\.fingerprint))
            for alert in source.firingAlerts(of: report.device, source: report.source)
            where decisions.isMuted(alert.fingerprint) && !fired.contains(alert.fingerprint) {
                changes.append(AlertChange(.stillFiring, alert: alert))
            }
        }
        await submit(changes)
    }

    /// Takes the rules, trap rules, routes and devices of a reloaded configuration, keeping the alert state that
    /// still applies (see ``RuleAlertSource/reconfigure(rules:devices:at:)``): alerts of removed rules and devices
    /// resolve now, and their incidents are restored; the alerts that stay keep their incidents and mutes.
    /// - Parameters:
    ///   - rules: The alert rules.
    ///   - trapRules: The trap rules.
    ///   - router: Who hears of what.
    ///   - devices: Every configured device.
    public func reconfigure(rules: [AlertRule], trapRules: [TrapRule], router: any Router, devices: Set<DeviceID>)
        async
    {
        let instant = now()
        let changes =
            source.reconfigure(rules: rules, devices: devices, at: instant)
            + traps.reconfigure(rules: trapRules, devices: devices, at: instant)
        decisions.router = router
        self.devices = devices
        if !changes.isEmpty {
            logger.notice(
                "alerts of removed rules or devices resolved by the reload", metadata: ["alerts": "\(changes.count)"])
        }
        await submit(changes)
    }

    /// Handles SNMP notifications, in order: the trap rules open or resolve alerts, which go to ``submit(_:)``.
    /// - Parameter events: The notifications, their devices already known.
    public func process(traps events: [TrapEvent]) async {
        var changes: [AlertChange] = []
        for event in events { changes += traps.receive(event) }
        guard !changes.isEmpty else { return }
        await submit(changes)
    }

    /// Resolves the trap alerts whose `resolve_after` has passed, and lets a muted trap alert page once its mute
    /// has ended (it gets no report that would say so); the trap intake calls it every few seconds.
    public func expireTrapAlerts() async {
        var changes = traps.expire(at: now())
        if decisions.hasMutedAlerts {
            changes += traps.activeAlerts.filter { decisions.isMuted($0.fingerprint) }.map {
                AlertChange(.stillFiring, alert: $0)
            }
        }
        guard !changes.isEmpty else { return }
        await submit(changes)
    }

    /// The one input of the stages: alert changes from any source (the rules, SNMP notifications) are
    /// decided (mute, route) and recorded in order.
    /// - Parameter changes: What fired, resolved or still fires.
    public func submit(_ changes: [AlertChange]) async {
        await recordPending()
        let instant = now()
        for change in changes {
            guard let action = decisions.decide(change, at: instant) else { continue }
            if case .open(_, _, _, _, let muted?) = action {
                let withheld = decisions.router.route(change.alert).channels.count
                Counter(label: "vedetta_notifications_suppressed_total", dimensions: [("reason", muted.kind)])
                    .increment(by: withheld)
            }
            unrecorded.append(action)
        }
        await recordPending()
    }

    /// The alerts currently pending or firing, for the API.
    public func activeAlerts() -> [Alert] {
        source.activeAlerts + traps.activeAlerts
    }

    /// The polling rules' alerts waiting for their `for`: what the agent saves when it stops.
    public func pendingAlerts() -> [PendingAlert] {
        source.pendingAlerts
    }

    /// Takes over the pending alerts saved by the previous run (see ``RuleAlertSource/adoptPending(_:devices:)``);
    /// call after ``restoreFromStore(devices:)``.
    /// - Returns: How many were taken over.
    @discardableResult
    public func adoptPending(_ pending: [PendingAlert], devices: Set<DeviceID>) -> Int {
        source.adoptPending(pending, devices: devices)
    }

    /// The alerts currently pending or firing, each with why it has not paged when it is muted.
    public func alertStatuses() -> [(alert: Alert, mutedBy: MuteReason?)] {
        activeAlerts().map { alert in (alert, decisions.muteReason(of: alert.fingerprint)) }
    }

    /// Writes every unrecorded action, in order; stops at the first failure and keeps the rest.
    private func recordPending() async {
        guard !isRecording else { return }
        isRecording = true
        defer { isRecording = false }
        var wroteOutbox = false
        while let action = unrecorded.first {
            do {
                wroteOutbox = try await recorder.record(action) || wroteOutbox
                unrecorded.removeFirst()
            } catch {
                logger.error(
                    "cannot record alert in the incident store; will retry", metadata: ["error": "\(error)"])
                break
            }
        }
        if wroteOutbox { onOutboxWritten() }
    }
}

extension Incident {
    /// Whether the incident's alert was muted and has not paged since (no `unmuted` after its last `muted`).
    fileprivate var isMutedAndUnpaged: Bool {
        guard let muted = timeline.lastIndex(where: { $0.kind == .muted }) else { return false }
        return !timeline[muted...].contains { $0.kind == .unmuted }
    }

    fileprivate var lastMuteDetail: String? {
        timeline.last { $0.kind == .muted }?.detail
    }

    /// The incident as an alert, for routing its restoration.
    fileprivate var asAlert: Alert {
        Alert(
            ruleName: rule, device: device ?? DeviceID("-"), labels: labels, value: nil, state: .firing,
            activeSince: detectedAt, firedAt: detectedAt, severity: severity, summary: summary,
            description: description)
    }
}
