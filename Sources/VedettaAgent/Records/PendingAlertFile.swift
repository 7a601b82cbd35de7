import Foundation
import Logging
import VedettaAlerting
import VedettaCore
import VedettaRules

/// The pending alerts a stopping agent leaves for the next start, in `pending-alerts.json` in the data directory,
/// so that a restart does not start every `for:` again (as Prometheus keeps `for` across restarts in
/// `ALERTS_FOR_STATE`).
///
/// The agent writes the file after a graceful stop (SIGTERM, SIGINT), when nothing is evaluated any more, and takes
/// it at its next start: it reads it, removes it, and hands its alerts to the pipeline, unless it was written more
/// than ``outageTolerance`` ago (the conditions may have changed meanwhile: every `for` then starts again, as
/// without the file). A crash leaves no file: the alerts pending at the crash start their `for` again.
struct PendingAlertFile {
    /// The longest stop after which saved pending alerts are still taken (Prometheus's
    /// `--rules.alert.for-outage-tolerance` default).
    static let outageTolerance: Duration = .seconds(3600)

    /// The file's path.
    let path: URL

    /// The file in `dataDirectory`.
    init(dataDirectory: String) {
        path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("pending-alerts.json")
    }

    /// Writes `alerts` (an empty list removes the file) atomically.
    /// - Throws: The file system's error.
    func save(_ alerts: [PendingAlert], at instant: Date) throws {
        guard !alerts.isEmpty else {
            if FileManager.default.fileExists(atPath: path.path) { try FileManager.default.removeItem(at: path) }
            return
        }
        let contents = Contents(version: Contents.currentVersion, savedAt: instant, alerts: alerts.map(Record.init))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601Milliseconds
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(contents).write(to: path, options: .atomic)
    }

    /// What the file holds, and the file removed: its alerts when it was written at most ``outageTolerance``
    /// before `instant`, otherwise none. A file that cannot be read is logged (naming it and what is wrong) and
    /// removed; nothing else depends on it.
    func take(at instant: Date, logger: Logger) -> [PendingAlert] {
        guard let data = FileManager.default.contents(atPath: path.path) else { return [] }
        defer { try? FileManager.default.removeItem(at: path) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601Milliseconds
        let contents: Contents
        do {
            contents = try decoder.decode(Contents.self, from: data)
        } catch {
            return ignored("the file cannot be read", metadata: ["error": "\(error)"], logger: logger)
        }
        guard contents.version == Contents.currentVersion else {
            return ignored(
                "the file is of an unknown version",
                metadata: ["version": "\(contents.version)", "known_version": "\(Contents.currentVersion)"],
                logger: logger)
        }
        let stopped = instant.timeIntervalSince(contents.savedAt)
        guard stopped <= Self.outageTolerance.seconds else {
            return ignored(
                "the agent was stopped too long", level: .info,
                metadata: [
                    "saved_at": "\(contents.savedAt.iso8601Milliseconds)",
                    "tolerance": "\(Self.outageTolerance.compactDescription)",
                ],
                logger: logger)
        }
        return contents.alerts.map(\.pendingAlert)
    }

    /// Logs that the file's alerts are not taken, and why (`reason`, with the file's path and `metadata`).
    /// - Returns: No alerts.
    private func ignored(
        _ reason: String, level: Logger.Level = .warning, metadata: Logger.Metadata, logger: Logger
    ) -> [PendingAlert] {
        logger.log(
            level: level, "ignoring the saved pending alerts: \(reason); their for: starts again",
            metadata: metadata.merging(["file": "\(path.path)"]) { own, _ in own })
        return []
    }

    private struct Contents: Codable {
        static let currentVersion = 1
        var version: Int
        var savedAt: Date
        var alerts: [Record]

        enum CodingKeys: String, CodingKey {
            case version
            case savedAt = "saved_at"
            case alerts
        }
    }

    /// One alert as the file writes it.
    private struct Record: Codable {
        var source: String
        var rule: String
        var device: String
        var labels: [String: String]
        var activeSince: Date
        var value: Double?
        var severity: Severity
        var summary: String
        var description: String

        enum CodingKeys: String, CodingKey {
            case source, rule, device, labels, value, severity, summary, description
            case activeSince = "active_since"
        }

        init(_ pending: PendingAlert) {
            let alert = pending.alert
            source = pending.source
            rule = alert.ruleName
            device = alert.device.rawValue
            labels = alert.labels.dictionary
            activeSince = alert.activeSince
            value = alert.value.flatMap { $0.isFinite ? $0 : nil }
            severity = alert.severity
            summary = alert.summary
            description = alert.description
        }

        var pendingAlert: PendingAlert {
            PendingAlert(
                source: source,
                alert: Alert(
                    ruleName: rule, device: DeviceID(device), labels: LabelSet(labels), value: value, state: .pending,
                    activeSince: activeSince, severity: severity, summary: summary, description: description))
        }
    }
}
