import SNMPKit
import VedettaProbes

extension ProbeFailure.Code {
    /// The probe failure reason of an SNMP error: the one mapping of the SNMP probe, for polls and for the
    /// `sysObjectID` detection alike.
    ///
    /// | SNMP error | Reason |
    /// |---|---|
    /// | timeout, cancelled (the deadline) | `timeout` |
    /// | send failed, unreachable, session failed | `unreachable` |
    /// | USM refusal, or `authorizationError` | `authentication` |
    /// | another error-status, a malformed or looping answer, too many values | `malformed_response` |
    /// | anything else | `other` |
    /// - Parameter error: What SNMPKit reported.
    init(snmp error: SNMPError) {
        switch error.code {
        case .timeout, .cancelled: self = .timeout
        case .sendFailed, .unreachable, .sessionFailed: self = .unreachable
        case .authentication: self = .authentication
        case .protocolError where error.errorStatus == .authorizationError: self = .authentication
        case .protocolError, .malformedResponse, .nonIncreasingOID, .walkLimitExceeded: self = .malformedResponse
        default: self = .other
        }
    }
}
