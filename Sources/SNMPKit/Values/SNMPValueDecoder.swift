import CNetSNMP
import VedettaCore

/// Copies net-snmp's C variable list into Swift values. Runs on the event-loop thread, inside the response
/// callback, while the PDU is still alive.
enum SNMPValueDecoder {
    /// Decodes every variable binding of `pdu`, in order.
    static func varBinds(of pdu: UnsafeMutablePointer<netsnmp_pdu>) -> [SNMPVarBind] {
        // Counted first (at most 100,000, a guard against a looping list) so that the array is allocated once.
        var count = 0
        var counting = pdu.pointee.variables
        while let variable = counting, count < 100_000 {
            count += 1
            counting = variable.pointee.next_variable
        }
        var result: [SNMPVarBind] = []
        result.reserveCapacity(count)
        var cursor = pdu.pointee.variables
        for _ in 0..<count {
            guard let variable = cursor else { break }
            result.append(SNMPVarBind(oid: name(of: variable), value: value(of: variable)))
            cursor = variable.pointee.next_variable
        }
        return result
    }

    /// The instance OID of a variable.
    static func name(of variable: UnsafeMutablePointer<netsnmp_variable_list>) -> OID {
        guard let name = variable.pointee.name else { return OID([]) }
        return oid(name, count: variable.pointee.name_length)
    }

    /// The typed value of a variable.
    static func value(of variable: UnsafeMutablePointer<netsnmp_variable_list>) -> SNMPValue {
        let type = variable.pointee.type
        let length = variable.pointee.val_len
        switch type {
        case VEDETTA_ASN_INTEGER:
            return .integer(Int64(vedetta_snmp_var_integer(variable)))
        case VEDETTA_ASN_OCTET_STR, VEDETTA_ASN_BIT_STR, VEDETTA_ASN_NSAP:
            return .octetString(bytes(variable, length))
        case VEDETTA_ASN_OBJECT_ID:
            guard let objid = vedetta_snmp_var_objid(variable) else { return .objectIdentifier(OID([])) }
            return .objectIdentifier(oid(objid, count: length / MemoryLayout<oid>.stride))
        case VEDETTA_ASN_IPADDRESS:
            return .ipAddress(bytes(variable, length))
        case VEDETTA_ASN_COUNTER:
            return .counter32(truncated32(vedetta_snmp_var_integer(variable)))
        case VEDETTA_ASN_GAUGE, VEDETTA_ASN_UINTEGER:
            return .gauge32(truncated32(vedetta_snmp_var_integer(variable)))
        case VEDETTA_ASN_TIMETICKS:
            return .timeTicks(truncated32(vedetta_snmp_var_integer(variable)))
        case VEDETTA_ASN_COUNTER64, VEDETTA_ASN_OPAQUE_COUNTER64, VEDETTA_ASN_OPAQUE_U64:
            return .counter64(UInt64(vedetta_snmp_var_counter64(variable)))
        case VEDETTA_ASN_OPAQUE_I64:
            return .integer(Int64(bitPattern: UInt64(vedetta_snmp_var_counter64(variable))))
        case VEDETTA_ASN_OPAQUE_FLOAT:
            return .float(Float(vedetta_snmp_var_float(variable)))
        case VEDETTA_ASN_OPAQUE_DOUBLE:
            return .double(vedetta_snmp_var_float(variable))
        case VEDETTA_ASN_NULL:
            return .null
        case VEDETTA_SNMP_NOSUCHOBJECT:
            return .noSuchObject
        case VEDETTA_SNMP_NOSUCHINSTANCE:
            return .noSuchInstance
        case VEDETTA_SNMP_ENDOFMIBVIEW:
            return .endOfMibView
        default:
            return .opaque(bytes(variable, length))
        }
    }

    private static func oid(_ pointer: UnsafePointer<oid>, count: Int) -> OID {
        let buffer = UnsafeBufferPointer(start: pointer, count: min(count, Int(VEDETTA_MAX_OID_LEN)))
        return OID(buffer.map { UInt32(truncatingIfNeeded: $0) })
    }

    private static func oid(_ pointer: UnsafeMutablePointer<oid>, count: Int) -> OID {
        oid(UnsafePointer(pointer), count: count)
    }

    private static func bytes(_ variable: UnsafeMutablePointer<netsnmp_variable_list>, _ length: Int) -> [UInt8] {
        guard length > 0, let start = vedetta_snmp_var_bytes(variable) else { return [] }
        return Array(UnsafeBufferPointer(start: start, count: length))
    }

    private static func truncated32(_ value: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: value)
    }
}
