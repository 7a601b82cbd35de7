import SNMPKit
import VedettaProbes

extension ProbeFailure {
    /// The failure of a probe whose `sysObjectID.0` detection failed with `error`: the same codes as a poll
    /// (`timeout`, `unreachable`, `authentication`, `malformed_response`).
    init(detection error: SNMPError) {
        let message = "detecting the device model (sysObjectID.0) failed: \(error)"
        switch error.code {
        case .timeout, .cancelled: self.init(.timeout, message)
        case .sendFailed, .unreachable, .sessionFailed: self.init(.unreachable, message)
        case .authentication: self.init(.authentication, message)
        case .protocolError where error.errorStatus == .authorizationError: self.init(.authentication, message)
        case .protocolError, .malformedResponse: self.init(.malformedResponse, message)
        default: self.init(.other, message)
        }
    }
}
