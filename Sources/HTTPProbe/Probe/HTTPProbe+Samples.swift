import CurlKit
import VedettaCore
import VedettaProbes

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension HTTPProbe {
    /// The samples for one response, all carrying the target's labels.
    func samples(
        _ response: HTTPResponse, phases: [ProbePhase: Duration], bodyMatched: Bool?, json: JSONCheck? = nil,
        labels: LabelSet
    ) -> [Sample] {
        var samples: [Sample] = []
        samples.reserveCapacity(Self.phaseOrder.count + 6)
        samples.append(
            Sample(
                name: "http_status_code", labels: labels, value: Double(response.status),
                help: "HTTP status code of the final response"))
        samples.append(
            Sample(
                name: "http_response_size_bytes", labels: labels, value: Double(response.body.count),
                help: "Body bytes received (at most the body limit)"))
        samples.append(
            Sample(
                name: "http_redirects", labels: labels, value: Double(response.redirectCount),
                help: "Redirects followed"))
        let phaseLabels = phaseLabelSets.labelSets(for: labels)
        for (position, phase) in Self.phaseOrder.enumerated() {
            guard let duration = phases[phase] else { continue }
            samples.append(
                Sample(
                    name: "http_duration_seconds", labels: phaseLabels[position], value: duration.seconds,
                    help: "Duration of each phase of the HTTP request"))
        }
        if let bodyMatched {
            samples.append(
                Sample(
                    name: "http_body_matched", labels: labels, value: bodyMatched ? 1 : 0,
                    help: "1 if the body contains the expected text, else 0"))
        }
        if let notAfter = response.tlsCertificateNotAfter {
            samples.append(
                Sample(
                    name: "http_tls_certificate_expiry_timestamp_seconds", labels: labels,
                    value: notAfter.timeIntervalSince1970,
                    help: "When the server's TLS certificate expires, in Unix seconds"))
            samples.append(
                Sample(
                    name: "http_tls_certificate_valid_seconds", labels: labels,
                    value: notAfter.timeIntervalSinceNow,
                    help: "Seconds until the server's TLS certificate expires (negative once it has)"))
        }
        if let json { samples += json.samples(labels: labels) }
        return samples
    }

    /// The phases in the order their samples are listed (by name).
    static let phaseOrder: [ProbePhase] = [.connect, .firstByte, .resolve, .tls, .total, .transfer]

    /// The probe phases for curl's timings.
    static func phases(_ timings: HTTPTimings) -> [ProbePhase: Duration] {
        [
            .resolve: timings.resolve, .connect: timings.connect, .tls: timings.tls,
            .firstByte: timings.firstByte, .transfer: timings.transfer, .total: timings.total,
        ]
    }
}
