package import VedettaCore

/// What the caller asked for.
package enum SNMPRequestKind: Sendable, Hashable {
    /// One GET of these instance OIDs.
    case get([OID])
    /// One GETNEXT of these OIDs.
    case getNext([OID])
    /// A walk of the subtree under `root` (GETBULK on v2c, GETNEXT on v1).
    case walk(root: OID, maxRepetitions: Int)
    /// A walk of several table columns side by side (see ``SNMPColumnWalk``), each column's storage sized for
    /// `expectedSizes` (per root, in order; none: grown as the rows come).
    case walkColumns(roots: [OID], maxRepetitions: Int, expectedSizes: [SNMPColumn.Size] = [])

    /// The OID to name in errors.
    var subject: OID? {
        switch self {
        case .get(let oids), .getNext(let oids): oids.first
        case .walk(let root, _): root
        case .walkColumns(let roots, _, _): roots.first
        }
    }
}

/// One PDU to send.
package struct SNMPPDURequest: Sendable, Hashable {
    /// The PDU type.
    package enum Command: Sendable, Hashable {
        case get
        case getNext
        case getBulk(maxRepetitions: Int)
    }

    /// The PDU type.
    package var command: Command
    /// The names asked for, each with a NULL value.
    var bindings: SNMPVarBindList

    init(command: Command, bindings: SNMPVarBindList) {
        self.command = command
        self.bindings = bindings
    }

    init(command: Command, oids: [OID]) {
        self.init(command: command, bindings: SNMPVarBindList(oids.map { SNMPVarBind(oid: $0, value: .null) }))
    }

    /// The names asked for.
    package var oids: [OID] { (0..<bindings.count).map { bindings.oid(at: $0) } }

    /// The first name asked for (the subject of errors).
    var firstOID: OID? { bindings.isEmpty ? nil : bindings.oid(at: 0) }
}

/// A decoded response PDU.
package struct SNMPResponse: Sendable, Hashable {
    /// The error-status field (0: no error).
    var errorStatus: Int
    /// The error-index field (1-based; 0: none).
    var errorIndex: Int
    /// The variable bindings, in order, stored flat.
    var bindings: SNMPVarBindList

    init(errorStatus: Int = 0, errorIndex: Int = 0, bindings: SNMPVarBindList) {
        self.errorStatus = errorStatus
        self.errorIndex = errorIndex
        self.bindings = bindings
    }

    init(errorStatus: Int = 0, errorIndex: Int = 0, varBinds: [SNMPVarBind]) {
        self.init(errorStatus: errorStatus, errorIndex: errorIndex, bindings: SNMPVarBindList(varBinds))
    }

    /// The variable bindings, in order.
    var varBinds: [SNMPVarBind] { bindings.varBinds }
}
