public import VedettaCore

/// One variable binding of a response: an instance OID and its value.
public struct SNMPVarBind: Sendable, Hashable, CustomStringConvertible {
    /// The instance OID, e.g. `1.3.6.1.2.1.2.2.1.10.2`.
    public var oid: OID
    /// The value.
    public var value: SNMPValue

    /// Creates a variable binding.
    public init(oid: OID, value: SNMPValue) {
        self.oid = oid
        self.value = value
    }

    /// One line as `snmpbulkwalk -On` prints it: `.1.3.6.1.2.1.2.2.1.2.1 = STRING: "lo"`.
    public var description: String {
        switch value {
        case .null, .noSuchObject, .noSuchInstance, .endOfMibView:
            return ".\(oid) = \(value.displayValue)"
        case .octetString(let bytes) where bytes.isEmpty:
            return ".\(oid) = \"\""
        default:
            return ".\(oid) = \(value.typeName): \(value.displayValue)"
        }
    }
}
