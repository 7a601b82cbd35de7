public import Logging
public import TCPKit
public import VedettaCore
public import VedettaProbes

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Connects to a TCP port through the agent's shared ``TCPKit/ConnectEngine``: port open or closed, connect time,
/// optionally a TLS handshake with the certificate's expiry, optionally a banner or answer matched.
///
/// Samples: `tcp_connect_seconds`; with TLS `tcp_tls_handshake_seconds` and
/// `tcp_tls_certificate_expiry_timestamp_seconds` and `tcp_tls_certificate_valid_seconds` (also when the certificate
/// is not trusted); with `expect`
/// `tcp_response_seconds` and `tcp_expect_matched` (1 or 0). `up` is 1 when every step succeeded.
public struct TCPProbe: Probe {
    /// The check.
    public let check: TCPCheckConfiguration
    private let engine: ConnectEngine

    /// Always ``VedettaProbes/ProbeKind/tcp``.
    public var kind: ProbeKind { .tcp }
    /// `true`: the engine ends every check by its deadline.
    public var finishesByDeadline: Bool { true }

    /// Creates the probe.
    public init(check: TCPCheckConfiguration, engine: ConnectEngine) {
        self.check = check
        self.engine = engine
    }

    /// Makes the check once.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the check fails with `timeout`.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: The outcome and the samples.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let labels = target.labels
        do {
            let report = try await engine.check(check.request, deadline: deadline)
            var phases: [ProbePhase: Duration] = [.connect: report.connect]
            if let handshake = report.tlsHandshake { phases[.tls] = handshake }
            if let response = report.response { phases[.firstByte] = response }
            return ProbeResult(outcome: .success, samples: samples(report, labels: labels), phases: phases)
        } catch {
            logger.debug("TCP check failed", metadata: ["error": "\(error)", "tcp.phase": "\(error.phase)"])
            var samples: [Sample] = []
            if check.request.expect != nil, error.code == .unexpectedAnswer || error.phase == "response" {
                samples.append(matched(false, labels: labels))
            }
            if let notAfter = error.certificateNotAfter { samples += expiry(notAfter, labels: labels) }
            return ProbeResult(outcome: .failure(Self.failure(error)), samples: samples)
        }
    }

    /// The probe failure for an engine error.
    static func failure(_ error: ConnectError) -> ProbeFailure {
        let code: ProbeFailure.Code =
            switch error.code {
            case .timeout, .cancelled: .timeout
            case .refused, .unreachable, .unresolved: .unreachable
            case .certificate: .authentication
            case .tlsHandshake: .malformedResponse
            case .unexpectedAnswer: .unexpectedResponse
            default: .other
            }
        return ProbeFailure(code, error.description)
    }

    private func samples(_ report: ConnectReport, labels: LabelSet) -> [Sample] {
        var samples = [
            Sample(
                name: "tcp_connect_seconds", labels: labels, value: report.connect.seconds,
                help: "Time to establish the TCP connection")
        ]
        if let handshake = report.tlsHandshake {
            samples.append(
                Sample(
                    name: "tcp_tls_handshake_seconds", labels: labels, value: handshake.seconds,
                    help: "Time of the TLS handshake after connecting"))
        }
        if let notAfter = report.certificateNotAfter { samples += expiry(notAfter, labels: labels) }
        if let response = report.response {
            samples.append(
                Sample(
                    name: "tcp_response_seconds", labels: labels, value: response.seconds,
                    help: "Time from the connection being ready to the expected answer"))
            samples.append(matched(true, labels: labels))
        }
        return samples
    }

    private func matched(_ matched: Bool, labels: LabelSet) -> Sample {
        Sample(
            name: "tcp_expect_matched", labels: labels, value: matched ? 1 : 0,
            help: "1 if the answer contained the expected text, else 0")
    }

    private func expiry(_ notAfter: Double, labels: LabelSet) -> [Sample] {
        [
            Sample(
                name: "tcp_tls_certificate_expiry_timestamp_seconds", labels: labels, value: notAfter,
                help: "When the server's TLS certificate expires, in Unix seconds"),
            Sample(
                name: "tcp_tls_certificate_valid_seconds", labels: labels,
                value: notAfter - Date().timeIntervalSince1970,
                help: "Seconds the server's TLS certificate was still valid for at the check (negative: expired)"),
        ]
    }
}

extension ProbeKind {
    /// TCP connect, optional TLS and banner.
    public static let tcp = ProbeKind(rawValue: "tcp")
}
