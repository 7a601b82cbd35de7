import Foundation
public import Logging
import Metrics
public import VedettaCore
public import VedettaIncidents

/// The record stage: writes each ``RecordAction`` to the incident log, the incident change and its
/// notifications in one transaction.
public struct Recorder: Sendable {
    /// The incident log.
    public let log: any IncidentLog
    private let logger: Logger

    /// Creates the stage.
    /// - Parameters:
    ///   - log: The incident log to write.
    ///   - logger: Logs each incident change, with `rule.name`, `probe.target` and `incident.id`.
    public init(log: any IncidentLog, logger: Logger) {
        self.log = log
        self.logger = logger
    }

    /// Writes `action`.
    /// - Parameter action: What to write.
    /// - Returns: Whether notifications were queued (so the dispatcher should look).
    /// - Throws: ``StoreError`` when the log cannot be written; the action can be retried as it is.
    public func record(_ action: RecordAction) async throws(StoreError) -> Bool {
        switch action {
        case .open(let draft, let at, let notify, let escalation, let muted):
            var logger = self.logger(for: draft.rule, device: draft.labels["device"])
            let opening = try await log.open(draft, at: at, notify: notify, escalation: escalation)
            logger[metadataKey: "incident.id"] = "\(opening.incident.id)"
            guard opening.isNew else {
                logger.info("alert firing; incident already open")
                return false
            }
            if let muted {
                try await log.recordMute(fingerprint: draft.fingerprint, at: at, reason: muted.detail)
            }
            Counter(label: "vedetta_incidents_opened_total", dimensions: [("severity", draft.severity.rawValue)])
                .increment()
            logger.warning(
                "incident opened",
                metadata: ["incident.summary": "\(draft.summary)", "incident.muted": "\(muted?.description ?? "no")"])
            return !notify.isEmpty || escalation != nil
        case .restore(let fingerprint, let at, let notify):
            guard let incident = try await log.restore(fingerprint: fingerprint, at: at, notify: notify) else {
                logger.info("alert resolved; no open incident", metadata: ["incident.fingerprint": "\(fingerprint)"])
                return false
            }
            Counter(label: "vedetta_incidents_restored_total", dimensions: [("severity", incident.severity.rawValue)])
                .increment()
            self.logger(for: incident.rule, device: incident.device?.rawValue).notice(
                "incident restored",
                metadata: [
                    "incident.id": "\(incident.id)",
                    "incident.time_to_restore": "\(incident.timeToRestore?.compactDescription ?? "-")",
                ]
            )
            // A restoration also tells everyone an escalation paged, whom only the store knows.
            return true
        case .pageLate(let fingerprint, let at, let notify, let escalation, let detail):
            guard
                let incident = try await log.notifyOpenIncident(
                    fingerprint: fingerprint, at: at, notify: notify, detail: detail, escalation: escalation)
            else { return false }
            self.logger(for: incident.rule, device: incident.device?.rawValue).warning(
                "muted incident pages now", metadata: ["incident.id": "\(incident.id)", "detail": "\(detail)"])
            return !notify.isEmpty || escalation != nil
        case .note(let fingerprint, let at, let event, let detail, let notify):
            guard
                let incident = try await log.recordEvent(
                    fingerprint: fingerprint, at: at, kind: event, detail: detail, notify: notify)
            else { return false }
            self.logger(for: incident.rule, device: incident.device?.rawValue).notice(
                "incident \(event)", metadata: ["incident.id": "\(incident.id)", "detail": "\(detail)"])
            return true
        case .remute(let fingerprint, let at, let reason):
            try await log.recordMute(fingerprint: fingerprint, at: at, reason: reason.detail)
            logger.info(
                "muted incident still muted",
                metadata: ["incident.fingerprint": "\(fingerprint)", "reason": "\(reason)"])
            return false
        }
    }

    private func logger(for rule: String, device: String?) -> Logger {
        var logger = self.logger
        logger[metadataKey: "rule.name"] = "\(rule)"
        logger[metadataKey: "probe.target"] = "\(device ?? "-")"
        return logger
    }
}
