public import SNMPKit
import VedettaCore

/// What an SNMP value looks like as a label value (label columns, `info` metrics and string table indexes).
///
/// OCTET STRINGs carry anything from a clean interface name to a multi-line Cisco `sysDescr` to a MAC address,
/// so the rule is fixed and documented (docs/probes/snmp.md, "Strings as labels"):
///
/// 1. Trailing NUL bytes are dropped (agents written in C often send them).
/// 2. Valid UTF-8 made of printable characters, tabs and line breaks is **text**: CR LF and lone CR become LF,
///    and white space at the start and the end (line breaks included) is trimmed. Inner line breaks stay; the
///    exposition escapes them as `\n`.
/// 3. Anything else (invalid UTF-8, such as Latin-1 text, or other control characters) is **hex**: `0x` and two
///    lower-case digits per byte, like snmp_exporter and like net-snmp's `Hex-STRING`.
/// 4. A value longer than ``maximumBytes`` bytes of UTF-8 is cut at a character boundary and ends with `…`, so one
///    odd object cannot bloat every scrape.
///
/// Other types: OIDs dotted, IpAddress dotted quad, numbers in decimal, Opaque in hex; NULL and the SNMPv2
/// exceptions have no label text.
public enum SNMPLabelText {
    /// The most UTF-8 bytes of a label value made from an SNMP value: a whole DisplayString (255 characters),
    /// even in hex, fits.
    public static let maximumBytes = 1024

    /// The label text of `value`, or `nil` for NULL and the exceptions.
    /// - Parameter value: A value from the device.
    /// - Returns: The label text, following the rules above.
    public static func text(of value: SNMPValue) -> String? {
        switch value {
        case .octetString(let bytes): text(ofOctets: bytes)
        case .objectIdentifier(let oid): oid.description
        case .ipAddress(let bytes): bytes.map(String.init).joined(separator: ".")
        case .integer(let number): String(number)
        case .counter32(let number), .gauge32(let number), .timeTicks(let number): String(number)
        case .counter64(let number): String(number)
        case .float(let number): String(number)
        case .double(let number): String(number)
        case .opaque(let bytes): limited(hex(bytes))
        case .null, .noSuchObject, .noSuchInstance, .endOfMibView: nil
        }
    }

    /// The label text of the bytes of an OCTET STRING.
    /// - Parameter bytes: The string's bytes as the device sent them.
    /// - Returns: Normalised text, or `0x…` hex when the bytes are not text.
    public static func text(ofOctets bytes: [UInt8]) -> String {
        if let plain = plainASCII(bytes) { return plain }
        guard let text = SNMPValue.octetString(bytes).textValue else { return limited(hex(bytes)) }
        return limited(normalisedText(text))
    }

    /// The common case, taken as it is: printable ASCII without a space at either end, short enough (what the
    /// rules above would give unchanged). `nil` for anything else.
    private static func plainASCII(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20, bytes.count <= maximumBytes
        else { return nil }
        for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `0x` followed by two lower-case hex digits per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var result = "0x"
        result.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return result
    }

    /// CR LF and CR as LF; white space trimmed at both ends.
    private static func normalisedText(_ text: String) -> String {
        text.normalizingLineBreaks().trimmingWhitespace()
    }

    /// `text` cut to at most ``maximumBytes`` UTF-8 bytes at a character boundary, ending with `…` when cut.
    private static func limited(_ text: String) -> String {
        guard text.utf8.count > maximumBytes else { return text }
        let ellipsis = "…"
        let budget = maximumBytes - ellipsis.utf8.count
        var kept = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            guard used + size <= budget else { break }
            kept.append(character)
            used += size
        }
        return kept + ellipsis
    }
}
