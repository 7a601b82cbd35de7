import CurlKit
import VedettaProbes

extension HTTPProbe {
    /// The probe failure for a transfer that produced no HTTP response.
    static func failure(for error: CurlError) -> ProbeFailure {
        let code: ProbeFailure.Code
        switch error.code {
        case .timeout, .cancelled: code = .timeout  // the scheduler cancels a probe at its deadline
        case .couldNotResolve, .couldNotConnect: code = .unreachable
        case .tls: code = .authentication
        case .invalidResponse: code = .malformedResponse
        default: code = .other
        }
        return ProbeFailure(code, error.description)
    }
}
