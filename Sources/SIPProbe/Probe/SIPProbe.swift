public import Logging
public import SIPKit
public import VedettaCore
public import VedettaProbes

/// Sends SIP OPTIONS to a PBX, SBC or trunk through the agent's shared ``SIPKit/SIPEngine`` and reads the final
/// response.
///
/// Samples: `sip_up` (1 when the status is an expected one), `sip_status_code` and `sip_rtt_seconds` (from the
/// first transmission to the final response), and over UDP `sip_retransmissions`. With no final response, only
/// `sip_up` 0. The run is up when the status is expected; an unexpected status is down with
/// `unexpected_response`, silence with `timeout`, nothing listening with `unreachable`, garbage with
/// `malformed_response`.
public struct SIPProbe: Probe {
    /// The check.
    public let check: SIPCheckConfiguration
    private let engine: SIPEngine

    /// Always ``VedettaProbes/ProbeKind/sip``.
    public var kind: ProbeKind { .sip }
    /// `true`: the engine ends every request by its deadline.
    public var finishesByDeadline: Bool { true }

    /// Creates the probe.
    public init(check: SIPCheckConfiguration, engine: SIPEngine) {
        self.check = check
        self.engine = engine
    }

    /// Sends the request once.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the request fails with `timeout`.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: The outcome and the samples.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let labels = target.labels
        let report: SIPReport
        do {
            report = try await engine.options(check.request, deadline: deadline)
        } catch {
            logger.debug("SIP OPTIONS failed", metadata: ["error": "\(error)"])
            return ProbeResult(outcome: .failure(Self.failure(error)), samples: [up(false, labels: labels)])
        }
        let accepted = check.accepts(report.statusCode)
        var samples = [
            up(accepted, labels: labels),
            Sample(
                name: "sip_status_code", labels: labels, value: Double(report.statusCode),
                help: "Status code of the final response to SIP OPTIONS"),
            Sample(
                name: "sip_rtt_seconds", labels: labels, value: report.roundTrip.seconds,
                help: "From the first transmission of SIP OPTIONS to its final response"),
        ]
        if check.request.transport == .udp {
            samples.append(
                Sample(
                    name: "sip_retransmissions", labels: labels, value: Double(report.retransmissions),
                    help: "Retransmissions of SIP OPTIONS over UDP before the final response"))
        }
        guard accepted else {
            let expected =
                check.expectedStatus.isEmpty ? "a 2xx" : check.expectedStatus.map(String.init).joined(separator: ", ")
            let message =
                "\(check.request.uri) answered \(report.statusCode) \(report.reason) (expected \(expected))"
            return ProbeResult(outcome: .failure(ProbeFailure(.unexpectedResponse, message)), samples: samples)
        }
        return ProbeResult(outcome: .success, samples: samples, phases: [.total: report.roundTrip])
    }

    /// The probe failure for an engine error.
    static func failure(_ error: SIPError) -> ProbeFailure {
        let code: ProbeFailure.Code =
            switch error.code {
            case .timeout, .cancelled: .timeout
            case .unreachable, .unresolved: .unreachable
            case .malformedResponse: .malformedResponse
            case .tls: .authentication
            default: .other
            }
        return ProbeFailure(code, error.description)
    }

    private func up(_ up: Bool, labels: LabelSet) -> Sample {
        Sample(
            name: "sip_up", labels: labels, value: up ? 1 : 0,
            help: "1 if the final response to SIP OPTIONS had an expected status, else 0")
    }
}

extension ProbeKind {
    /// SIP OPTIONS.
    public static let sip = ProbeKind(rawValue: "sip")
}
