import VedettaCore

extension SNMPValue {
    /// The type name as net-snmp's `snmpwalk` prints it before the value: `INTEGER`, `STRING`, `Hex-STRING`,
    /// `OID`, `IpAddress`, `Counter32`, `Gauge32`, `Timeticks`, `Counter64`, `OPAQUE`, `Opaque: Float`,
    /// `Opaque: Double`, `NULL`, or the exception's name (`noSuchObject`, `noSuchInstance`, `endOfMibView`).
    public var typeName: String {
        switch self {
        case .integer: "INTEGER"
        case .octetString(let bytes): SNMPValue.isPrintable(bytes) ? "STRING" : "Hex-STRING"
        case .objectIdentifier: "OID"
        case .ipAddress: "IpAddress"
        case .counter32: "Counter32"
        case .gauge32: "Gauge32"
        case .timeTicks: "Timeticks"
        case .counter64: "Counter64"
        case .opaque: "OPAQUE"
        case .float: "Opaque: Float"
        case .double: "Opaque: Double"
        case .null: "NULL"
        case .noSuchObject: "noSuchObject"
        case .noSuchInstance: "noSuchInstance"
        case .endOfMibView: "endOfMibView"
        }
    }

    /// The value the way `snmpbulkwalk -On` prints it after the type: strings quoted (`"eth0"`, with `"` and `\`
    /// escaped), binary strings as hex bytes (`00 12 79 62 F9 40`, on one line), OIDs with a leading dot,
    /// TimeTicks as `(233425120) 27 days, 0:24:11.20`, exceptions as net-snmp's sentence.
    public var displayValue: String {
        switch self {
        case .integer(let value): String(value)
        case .octetString(let bytes): SNMPValue.displayOctets(bytes)
        case .objectIdentifier(let oid): "." + oid.description
        case .ipAddress(let bytes): bytes.map(String.init).joined(separator: ".")
        case .counter32(let value), .gauge32(let value): String(value)
        case .timeTicks(let ticks): SNMPValue.displayTimeTicks(ticks)
        case .counter64(let value): String(value)
        case .opaque(let bytes): SNMPValue.hex(bytes)
        case .float(let value): SNMPValue.sixDecimals(Double(value))
        case .double(let value): SNMPValue.sixDecimals(value)
        case .null: "NULL"
        case .noSuchObject: "No Such Object available on this agent at this OID"
        case .noSuchInstance: "No Such Instance currently exists at this OID"
        case .endOfMibView: "No more variables left in this MIB View (It is past the end of the MIB tree)"
        }
    }

    /// The value for programs rather than eyes (`vedetta probe snmp --json`): like ``displayValue``, but a
    /// printable string is its text as is, without quotes or escapes.
    public var plainValue: String {
        if case .octetString(let bytes) = self, !bytes.isEmpty, SNMPValue.isPrintable(bytes) {
            return String(decoding: bytes, as: UTF8.self)
        }
        if case .octetString(let bytes) = self, bytes.isEmpty { return "" }
        return displayValue
    }

    /// Bytes as upper-case hex pairs separated by spaces: `00 12 79`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        var text = ""
        text.reserveCapacity(bytes.count * 3)
        for (position, byte) in bytes.enumerated() {
            if position > 0 { text.append(" ") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// net-snmp's rule for showing an octet string as text: every byte is `isprint` or `isspace` in the C locale.
    static func isPrintable(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { (0x20...0x7E).contains($0) || (0x09...0x0D).contains($0) }
    }

    private static func displayOctets(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "\"\"" }
        guard isPrintable(bytes) else { return hex(bytes) }
        var text = "\""
        for byte in bytes {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append("\\") }
            text.unicodeScalars.append(Unicode.Scalar(byte))
        }
        text.append("\"")
        return text
    }

    private static func displayTimeTicks(_ ticks: UInt32) -> String {
        let centiseconds = ticks % 100
        let totalSeconds = ticks / 100
        let days = totalSeconds / 86_400
        let hours = totalSeconds % 86_400 / 3600
        let minutes = totalSeconds % 3600 / 60
        let seconds = totalSeconds % 60
        let clock = "\(hours):\(twoDigits(minutes)):\(twoDigits(seconds)).\(twoDigits(centiseconds))"
        switch days {
        case 0: return "(\(ticks)) \(clock)"
        case 1: return "(\(ticks)) 1 day, \(clock)"
        default: return "(\(ticks)) \(days) days, \(clock)"
        }
    }

    private static func twoDigits(_ value: UInt32) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    /// `%f` formatting (six decimals) without Foundation.
    private static func sixDecimals(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let scaled = (abs(value) * 1_000_000).rounded()
        let whole = UInt64(scaled / 1_000_000)
        let fraction = UInt64(scaled.truncatingRemainder(dividingBy: 1_000_000))
        let fractionText = String(fraction)
        let padded = String(repeating: "0", count: max(0, 6 - fractionText.count)) + fractionText
        return (value < 0 ? "-" : "") + "\(whole).\(padded)"
    }
}
