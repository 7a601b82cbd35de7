public import CurlKit
public import VedettaProbes

extension HTTPProbe {
    /// The probe failure for a transfer that produced no HTTP response: the reason an HTTP check reports (and
    /// `vedetta probe http` prints) for each class of transport error.
    /// - Parameter error: What curl reported.
    /// - Returns: The failure, with curl's description as its message.
    public static func failure(for error: CurlError) -> ProbeFailure {
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
