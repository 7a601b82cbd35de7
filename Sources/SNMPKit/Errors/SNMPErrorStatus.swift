/// The `error-status` field of an SNMP response (RFC 3416), e.g. `noSuchName` or `tooBig`.
public struct SNMPErrorStatus: Hashable, Sendable, CustomStringConvertible {
    /// The numeric status as sent on the wire.
    public let rawValue: Int

    /// Creates a status from its wire value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The response is too big for one message; lower `max_repetitions`.
    public static let tooBig = SNMPErrorStatus(rawValue: 1)
    /// SNMPv1: the OID does not exist (or, in a GETNEXT, the walk reached the end of the MIB).
    public static let noSuchName = SNMPErrorStatus(rawValue: 2)
    /// The agent failed for a reason it does not say.
    public static let genErr = SNMPErrorStatus(rawValue: 5)
    /// The object is not accessible with this community.
    public static let noAccess = SNMPErrorStatus(rawValue: 6)
    /// The community or view does not allow the request.
    public static let authorizationError = SNMPErrorStatus(rawValue: 16)

    private static let names = [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
        "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable",
        "commitFailed", "undoFailed", "authorizationError", "notWritable", "inconsistentName",
    ]

    /// The RFC 3416 name, e.g. `noSuchName`, or `error-status N` for values outside the standard.
    public var name: String {
        Self.names.indices.contains(rawValue) ? Self.names[rawValue] : "error-status \(rawValue)"
    }

    /// The name.
    public var description: String { name }
}
