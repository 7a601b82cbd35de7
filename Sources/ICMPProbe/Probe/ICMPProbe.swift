public import ICMPKit
public import Logging
public import VedettaCore
public import VedettaProbes

/// Pings a host: `packets` echo requests `interval` apart through the agent's shared ``ICMPKit/PingEngine``.
///
/// Samples: `icmp_packets_sent`, `icmp_packets_received`, `icmp_packet_loss_ratio` (0–1), and, when at least one
/// reply came, `icmp_rtt_seconds{stat="min"|"avg"|"max"|"stddev"}`. The run is a success (`up` 1) when any request
/// was answered; with none answered it fails with `timeout`, or `unreachable` when the system refused to send
/// ("Network is unreachable") or the name does not resolve.
public struct ICMPProbe: Probe {
    /// The host and how it is pinged.
    public let check: ICMPCheckConfiguration
    private let engine: PingEngine

    /// Always ``VedettaProbes/ProbeKind/icmp``.
    public var kind: ProbeKind { .icmp }
    /// `true`: the engine gives up every request by the deadline.
    public var finishesByDeadline: Bool { true }

    /// Creates the probe.
    public init(check: ICMPCheckConfiguration, engine: PingEngine) {
        self.check = check
        self.engine = engine
    }

    /// Pings the host once.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the run ends; requests not sent by then are not counted.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: Up when any request was answered, and the samples.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let report: PingReport
        do {
            report = try await engine.ping(check.host, settings: check.ping, deadline: deadline)
        } catch {
            logger.debug("ping failed", metadata: ["error": "\(error)"])
            let code: ProbeFailure.Code =
                switch error.code {
                case .unresolved: .unreachable
                case .notPermitted: .notPermitted
                case .cancelled: .timeout
                default: .other
                }
            return ProbeResult(outcome: .failure(ProbeFailure(code, error.description)))
        }
        return ProbeResult(
            outcome: Self.outcome(report, host: check.host), samples: Self.samples(report, labels: target.labels))
    }

    /// Up when a reply came; else why not.
    static func outcome(_ report: PingReport, host: String) -> ProbeOutcome {
        guard report.received == 0 else { return .success }
        let destination = host == report.address ? host : "\(host) (\(report.address))"
        if let sendError = report.sendError {
            return .failure(ProbeFailure(.unreachable, "\(destination): \(sendError)"))
        }
        return .failure(
            ProbeFailure(.timeout, "no reply from \(destination) to \(report.sent) echo request(s)"))
    }

    /// The samples of one run, all carrying `labels`.
    static func samples(_ report: PingReport, labels: LabelSet) -> [Sample] {
        var samples = [
            Sample(
                name: "icmp_packets_sent", labels: labels, value: Double(report.sent),
                help: "ICMP echo requests sent in the last run"),
            Sample(
                name: "icmp_packets_received", labels: labels, value: Double(report.received),
                help: "ICMP echo replies received in time in the last run"),
            Sample(
                name: "icmp_packet_loss_ratio", labels: labels, value: report.lossRatio,
                help: "Share of the echo requests of the last run that got no reply in time (0 to 1)"),
        ]
        let statistics: [(String, Duration?)] = [
            ("min", report.minimum), ("avg", report.average), ("max", report.maximum),
            ("stddev", report.standardDeviation),
        ]
        for (stat, duration) in statistics {
            guard let duration else { continue }
            var statLabels = labels
            statLabels["stat"] = stat
            samples.append(
                Sample(
                    name: "icmp_rtt_seconds", labels: statLabels, value: duration.seconds,
                    help: "Round-trip time of the echo replies of the last run"))
        }
        return samples
    }
}

extension ProbeFailure.Code {
    /// The agent may not open an ICMP socket: neither in `net.ipv4.ping_group_range` nor with `CAP_NET_RAW`.
    public static let notPermitted = ProbeFailure.Code(rawValue: "not_permitted")
}

extension ProbeKind {
    /// ICMP and ICMPv6 echo.
    public static let icmp = ProbeKind(rawValue: "icmp")
}
