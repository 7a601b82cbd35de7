import VedettaCore

/// What the caller asked for.
enum SNMPRequestKind: Sendable, Hashable {
    /// One GET of these instance OIDs.
    case get([OID])
    /// One GETNEXT of these OIDs.
    case getNext([OID])
    /// A walk of the subtree under `root` (GETBULK on v2c, GETNEXT on v1).
    case walk(root: OID, maxRepetitions: Int)
    /// A walk of several table columns side by side (see ``SNMPColumnWalk``).
    case walkColumns(roots: [OID], maxRepetitions: Int)

    /// The OID to name in errors.
    var subject: OID? {
        switch self {
        case .get(let oids), .getNext(let oids): oids.first
        case .walk(let root, _): root
        case .walkColumns(let roots, _): roots.first
        }
    }
}

/// One PDU to send.
struct SNMPPDURequest: Sendable, Hashable {
    /// The PDU type.
    enum Command: Sendable, Hashable {
        case get
        case getNext
        case getBulk(maxRepetitions: Int)
    }

    /// The PDU type.
    var command: Command
    /// The OIDs, each sent with a NULL value.
    var oids: [OID]
}

/// A decoded response PDU.
struct SNMPResponse: Sendable, Hashable {
    /// The error-status field (0: no error).
    var errorStatus: Int
    /// The error-index field (1-based; 0: none).
    var errorIndex: Int
    /// The variable bindings, in order.
    var varBinds: [SNMPVarBind]

    init(errorStatus: Int = 0, errorIndex: Int = 0, varBinds: [SNMPVarBind]) {
        self.errorStatus = errorStatus
        self.errorIndex = errorIndex
        self.varBinds = varBinds
    }
}
