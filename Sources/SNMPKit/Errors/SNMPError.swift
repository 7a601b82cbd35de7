public import VedettaCore

/// Why an SNMP request failed, with the target, OID and SNMP error status that help fix it.
public struct SNMPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure. An open set: new codes are new static members.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name.
        public let rawValue: String

        /// Creates a code.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// No response after every retry. SNMPv1/v2c agents silently drop requests with a wrong community,
        /// so this is also what a wrong community looks like.
        public static let timeout = Code(rawValue: "timeout")
        /// The request could not be sent (no route, address family not supported, socket error).
        public static let sendFailed = Code(rawValue: "send_failed")
        /// The host name could not be resolved.
        public static let unreachable = Code(rawValue: "unreachable")
        /// The agent answered with a non-zero error-status (see ``SNMPError/errorStatus``).
        public static let protocolError = Code(rawValue: "protocol_error")
        /// The response could not be parsed, or its contents break the protocol.
        public static let malformedResponse = Code(rawValue: "malformed_response")
        /// A walk received an OID that is not after the previous one; the agent is broken.
        public static let nonIncreasingOID = Code(rawValue: "non_increasing_oid")
        /// A walk returned more variable bindings than the engine's safety limit.
        public static let walkLimitExceeded = Code(rawValue: "walk_limit_exceeded")
        /// The awaiting task was cancelled, or the engine shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The SNMPv3 agent refused the user: unknown user name, wrong authentication password or protocol
        /// (wrong digest), wrong privacy password or protocol (decryption error), or an unsupported security level.
        public static let authentication = Code(rawValue: "authentication")
        /// net-snmp could not open a session (bad address, no socket).
        public static let sessionFailed = Code(rawValue: "session_failed")

        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// The agent, as `host:port`.
    public var target: String
    /// The OID being requested or walked, when known.
    public var oid: OID?
    /// The response's error-status, for ``Code/protocolError``.
    public var errorStatus: SNMPErrorStatus?
    /// The response's error-index (1-based position of the failing variable binding), when non-zero.
    public var errorIndex: Int?
    /// Extra detail, such as net-snmp's own message.
    public var detail: String
    /// The SNMP version of the request, when known (``SNMPEngine`` sets it on every error it throws): the advice
    /// names communities for v1/v2c and the USM user and its access for v3.
    public var version: SNMPProtocolVersion?

    /// Creates an error.
    public init(
        _ code: Code,
        target: String,
        oid: OID? = nil,
        errorStatus: SNMPErrorStatus? = nil,
        errorIndex: Int? = nil,
        detail: String = "",
        version: SNMPProtocolVersion? = nil
    ) {
        self.version = version
        self.code = code
        self.target = target
        self.oid = oid
        self.errorStatus = errorStatus
        self.errorIndex = errorIndex
        self.detail = detail
    }

    /// A sentence naming the target, what failed and what to check.
    public var description: String {
        var subject = "SNMP request to \(target)"
        if let oid { subject += " for \(oid)" }
        let suffix = detail.isEmpty ? "" : " (\(detail))"
        switch code {
        case .timeout where version == .v3:
            return "\(subject) timed out\(suffix): check that the device is up, that UDP traffic to it is allowed, "
                + "and that SNMPv3 is enabled on it"
        case .timeout:
            return "\(subject) timed out\(suffix): check that the device is up, that UDP traffic to it is allowed, "
                + "and that the community and version are right (agents silently ignore a wrong community)"
        case .sendFailed:
            return "\(subject) could not be sent\(suffix): check the address and the routing to the device"
        case .unreachable:
            return "\(subject) failed: the host could not be resolved\(suffix); check the device address"
        case .protocolError:
            let status = errorStatus?.name ?? "an error"
            let index = errorIndex.map { " at variable \($0)" } ?? ""
            return "\(subject) was answered with \(status)\(index)\(suffix)" + advice(for: errorStatus)
        case .malformedResponse:
            return "\(subject) got a response that could not be decoded\(suffix)"
        case .nonIncreasingOID:
            return "\(subject) walked into an OID that does not increase\(suffix): the agent is broken; "
                + "try SNMPv1 or exclude this subtree from the profile"
        case .walkLimitExceeded:
            return "\(subject) returned too many values\(suffix): walk a smaller subtree"
        case .cancelled:
            return "\(subject) was cancelled\(suffix)"
        case .authentication:
            return "\(subject) was refused by the agent's user-based security\(suffix): check the SNMPv3 user name, "
                + "security level, protocols and passwords"
        case .sessionFailed:
            return "\(subject) could not start\(suffix): check the address (host:port) of the device"
        default:
            return "\(subject) failed with \(code)\(suffix)"
        }
    }

    private func advice(for status: SNMPErrorStatus?) -> String {
        switch status {
        case SNMPErrorStatus.tooBig: ": lower max_repetitions for this device"
        case SNMPErrorStatus.noSuchName: ": the device does not have this object"
        case SNMPErrorStatus.authorizationError, SNMPErrorStatus.noAccess:
            version == .v3
                ? ": check the access the agent gives this SNMPv3 user (its VACM group, view and security level)"
                : ": check the community and the agent's access configuration (view)"
        default: ""
        }
    }
}
