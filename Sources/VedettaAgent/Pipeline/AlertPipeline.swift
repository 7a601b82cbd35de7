import Foundation
import Logging
import Metrics
import VedettaCore
import VedettaIncidents
import VedettaProbes
import VedettaRules

/// Turns probe reports into alerts, and alerts into incidents and notifications.
///
/// For every report: cache its samples for `/metrics`, evaluate every rule against them, and for each alert that
/// starts firing open an incident, for each that resolves restore it, with one outbox entry per channel in the same
/// transaction. Rules are evaluated per probe kind (every sample carries a `probe` label), so an HTTP report never
/// resolves an SNMP alert of the same device. A report's device uptime (SNMP `sysUpTime`) goes to the lane's
/// evaluator before its rules, so counters are not read across a reboot (`RuleEvaluator.observeUptime`).
///
/// A store write that fails is kept and retried before the next report is handled: an incident is never lost
/// because the disk was briefly unavailable.
actor AlertPipeline {
    /// Rule state of one probe kind: one evaluator per device (its counters' history and uptime), so that a
    /// report touches only its own device's state, and the alerts of all devices.
    private struct Lane {
        var evaluators: [DeviceID: RuleEvaluator] = [:]
        var tracker = AlertTracker()
    }

    private let rules: [AlertRule]
    private let store: any IncidentStore
    private let channelNames: [String]
    private let samples: SampleCache
    private let onOutboxWritten: @Sendable () -> Void
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var lanes: [ProbeKind: Lane] = [:]
    private var unrecorded: [AlertUpdate] = []
    /// Whether a ``recordPending()`` loop is running. The actor is reentrant at every store `await`, so a second
    /// report must not start a second loop: it only enqueues, and the running loop records in order.
    private var isRecording = false

    init(
        rules: [AlertRule],
        store: any IncidentStore,
        channelNames: [String],
        samples: SampleCache,
        onOutboxWritten: @escaping @Sendable () -> Void,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.rules = rules
        self.store = store
        self.channelNames = channelNames
        self.samples = samples
        self.onOutboxWritten = onOutboxWritten
        self.logger = logger
        self.now = now
    }

    /// Rebuilds firing alerts from the incidents left open by the previous run, so a still-firing alert does not
    /// open (and page) a second time. Open incidents of rules that no longer exist are restored.
    /// - Throws: `StoreError` when the store cannot be read.
    func restoreFromStore() async throws(StoreError) {
        let ruleNames = Set(rules.map(\.name))
        var restoredByKind: [ProbeKind: [Alert]] = [:]
        for incident in try await store.openIncidents() {
            guard ruleNames.contains(incident.rule), let device = incident.labels["device"] else {
                _ = try await store.restore(fingerprint: incident.fingerprint, at: now(), notify: outbox(.restored))
                onOutboxWritten()
                logger.warning(
                    "restored an open incident whose rule is no longer configured",
                    metadata: ["incident.id": "\(incident.id)", "rule.name": "\(incident.rule)"]
                )
                continue
            }
            let kind = ProbeKind(rawValue: incident.labels["probe"] ?? ProbeKind.snmp.rawValue)
            let alert = Alert(
                ruleName: incident.rule,
                device: DeviceID(device),
                labels: incident.labels,
                value: nil,
                state: .firing,
                activeSince: incident.detectedAt,
                firedAt: incident.detectedAt,
                severity: incident.severity,
                summary: incident.summary,
                description: incident.description
            )
            restoredByKind[kind, default: []].append(alert)
        }
        for (kind, alerts) in restoredByKind {
            lanes[kind, default: Lane()].tracker.restore(firing: alerts)
            logger.info("restored firing alerts", metadata: ["probe.kind": "\(kind)", "alerts": "\(alerts.count)"])
        }
    }

    /// Handles one probe report.
    func handle(_ report: ProbeReport) async {
        samples.replace(device: report.target.device, kind: report.kind, with: report.result.samples)
        await recordPending()
        let instant = now()
        // Moved out while updated (no suspension point until it is put back), so its storage is not copied.
        var lane = lanes.removeValue(forKey: report.kind) ?? Lane()
        var evaluator = lane.evaluators.removeValue(forKey: report.target.device) ?? RuleEvaluator()
        if let restart = evaluator.observeUptime(
            report.result.deviceUptime, of: report.target.device, at: instant)
        {
            logger.info(
                "device restarted; rates start over",
                metadata: [
                    "probe.target": "\(report.target.device)", "probe.kind": "\(report.kind)",
                    "device.restart": "\(restart)",
                ])
        }
        var updates: [AlertUpdate] = []
        let index = SampleIndex(report.result.samples)
        for rule in rules {
            let evaluation = evaluator.evaluate(rule, samples: index, at: instant)
            updates += lane.tracker.update(
                device: report.target.device, rule: rule, evaluation: evaluation, at: instant)
        }
        lane.evaluators[report.target.device] = evaluator
        lanes[report.kind] = lane
        unrecorded += updates
        await recordPending()
    }

    /// The alerts currently pending or firing, for the API.
    func activeAlerts() -> [Alert] {
        lanes.values.flatMap(\.tracker.activeAlerts).sorted { $0.key < $1.key }
    }

    /// Writes every unrecorded alert update to the store, in order; stops at the first failure and keeps the rest.
    private func recordPending() async {
        guard !isRecording else { return }
        isRecording = true
        defer { isRecording = false }
        var wroteOutbox = false
        while let update = unrecorded.first {
            do {
                wroteOutbox = try await record(update) || wroteOutbox
                unrecorded.removeFirst()
            } catch {
                logger.error(
                    "cannot record alert in the incident store; will retry",
                    metadata: ["rule.name": "\(update.alert.ruleName)", "error": "\(error)"]
                )
                break
            }
        }
        if wroteOutbox { onOutboxWritten() }
    }

    /// Records one update; returns whether outbox entries were written.
    private func record(_ update: AlertUpdate) async throws(StoreError) -> Bool {
        let alert = update.alert
        var logger = self.logger
        logger[metadataKey: "rule.name"] = "\(alert.ruleName)"
        logger[metadataKey: "probe.target"] = "\(alert.device)"
        switch update.transition {
        case .firing(let since):
            let draft = IncidentDraft(
                rule: alert.ruleName,
                severity: alert.severity,
                labels: alert.labels,
                summary: alert.summary,
                description: alert.description
            )
            let opening = try await store.open(draft, at: since, notify: outbox(.opened))
            logger[metadataKey: "incident.id"] = "\(opening.incident.id)"
            guard opening.isNew else {
                logger.info("alert firing; incident already open")
                return false
            }
            Counter(label: "vedetta_incidents_opened_total", dimensions: [("severity", alert.severity.rawValue)])
                .increment()
            logger.warning("incident opened", metadata: ["incident.summary": "\(alert.summary)"])
            return !channelNames.isEmpty
        case .resolved:
            guard
                let incident = try await store.restore(
                    fingerprint: IncidentFingerprint.make(rule: alert.ruleName, labels: alert.labels),
                    at: alert.resolvedAt ?? now(),
                    notify: outbox(.restored)
                )
            else {
                logger.info("alert resolved; no open incident")
                return false
            }
            Counter(label: "vedetta_incidents_restored_total", dimensions: [("severity", alert.severity.rawValue)])
                .increment()
            logger.notice(
                "incident restored",
                metadata: [
                    "incident.id": "\(incident.id)",
                    "incident.time_to_restore": "\(incident.timeToRestore?.compactDescription ?? "-")",
                ]
            )
            return !channelNames.isEmpty
        case .pending:
            return false
        }
    }

    private func outbox(_ event: IncidentEvent.Kind) -> [OutboxDraft] {
        channelNames.map { OutboxDraft(channel: $0, event: event) }
    }
}
