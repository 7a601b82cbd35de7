/// The text rules of RFC 5545 §3.1 and §3.3.11: escaping TEXT values and folding long content lines.
enum ICalendarText {
    /// The most octets a content line may have before its line break (RFC 5545 §3.1).
    static let maximumLineOctets = 75

    /// A TEXT value, escaped: backslash, semicolon and comma get a backslash, a line break (CRLF, LF or CR)
    /// becomes `\n`, and other control characters (forbidden in TEXT) are dropped; tabs stay.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r": escaped += "\\n"
            case "\n": if !previousWasCarriageReturn { escaped += "\\n" }
            case "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A content line folded to at most 75 octets per line: a CRLF and one space before each continuation.
    /// Lines break between Unicode scalars, never inside a UTF-8 sequence. The result has no final CRLF.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > maximumLineOctets else { return line }
        var folded = ""
        var octetsOnLine = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octetsOnLine + width > maximumLineOctets {
                folded += "\r\n "
                octetsOnLine = 1
            }
            folded.unicodeScalars.append(scalar)
            octetsOnLine += width
        }
        return folded
    }
}
