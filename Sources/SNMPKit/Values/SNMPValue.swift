public import VedettaCore

/// The value of one SNMP variable binding, as decoded from the wire.
///
/// The cases follow the SMIv2 base types plus the three SNMPv2 exceptions that an agent returns instead of a
/// value. Opaque-wrapped floats and doubles (used by UCD-SNMP's `laLoadFloat`) are decoded, as net-snmp does.
public enum SNMPValue: Sendable, Hashable {
    /// INTEGER / Integer32 (also enumerations such as ifOperStatus).
    case integer(Int64)
    /// OCTET STRING: text (DisplayString) or binary (MAC addresses, DateAndTime).
    case octetString([UInt8])
    /// OBJECT IDENTIFIER.
    case objectIdentifier(OID)
    /// IpAddress: always four bytes, network order.
    case ipAddress([UInt8])
    /// Counter32: wraps at 2^32.
    case counter32(UInt32)
    /// Gauge32 / Unsigned32.
    case gauge32(UInt32)
    /// TimeTicks: hundredths of a second.
    case timeTicks(UInt32)
    /// Counter64: wraps at 2^64 (SNMPv2c only).
    case counter64(UInt64)
    /// Opaque: arbitrary BER-encoded bytes that net-snmp could not decode further.
    case opaque([UInt8])
    /// An Opaque-wrapped single-precision float.
    case float(Float)
    /// An Opaque-wrapped double-precision float.
    case double(Double)
    /// NULL (the value in a request, or an agent that has nothing to say).
    case null
    /// SNMPv2 exception: the agent does not implement this object.
    case noSuchObject
    /// SNMPv2 exception: the object exists but has no such instance.
    case noSuchInstance
    /// SNMPv2 exception: the walk ran past the end of the agent's MIB view.
    case endOfMibView

    /// Whether the value is one of the SNMPv2 exceptions (`noSuchObject`, `noSuchInstance`, `endOfMibView`).
    public var isException: Bool {
        switch self {
        case .noSuchObject, .noSuchInstance, .endOfMibView: true
        default: false
        }
    }

    /// The value as a number: integers, counters, gauges, TimeTicks (in ticks) and floats; an octet string only
    /// when it is printable text holding a decimal number (some agents report `"12.5"` as a string).
    /// `nil` for everything else.
    public var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .counter32(let value), .gauge32(let value), .timeTicks(let value): Double(value)
        case .counter64(let value): Double(value)
        case .float(let value): Double(value)
        case .double(let value): value
        case .octetString:
            textValue.flatMap { Double($0.trimmingSpaces()) }
        default: nil
        }
    }

    /// The value as text when it is an octet string holding printable UTF-8 (tabs and line breaks allowed;
    /// trailing NUL bytes, which some agents append, are dropped). `nil` for binary strings and other types.
    public var textValue: String? {
        guard case .octetString(var bytes) = self else { return nil }
        while bytes.last == 0 { bytes.removeLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t", "\n", "\r": continue
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return nil }
            }
        }
        return text
    }
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
