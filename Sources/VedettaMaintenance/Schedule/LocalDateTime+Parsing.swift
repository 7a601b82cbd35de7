extension LocalDateTime {
    /// Parses a date-time as people and calendars write it.
    ///
    /// Accepted forms: `2026-12-05T22:00`, `2026-12-05T22:00:30`, `2026-12-05 22:00` (a space for the `T`), and
    /// the iCalendar form `20261205T220000`. No zone or offset suffix: the zone is given separately.
    /// - Parameter text: The text to parse; surrounding whitespace is ignored.
    /// - Returns: The date-time, or `nil` when the text has another shape or names no real date and time
    ///   (`2026-02-30T10:00`, `2026-12-05T24:00`).
    public static func parse(_ text: String) -> LocalDateTime? {
        let bytes = Array(text.trimmingWhitespace.utf8)
        switch bytes.count {
        case 15: return parseCompact(bytes)
        case 16, 19: return parseExtended(bytes)
        default: return nil
        }
    }

    /// `yyyy-MM-ddTHH:mm` or `yyyy-MM-ddTHH:mm:ss` (`T`, `t` or a space between date and time).
    private static func parseExtended(_ bytes: [UInt8]) -> LocalDateTime? {
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), isDateTimeSeparator(bytes[10]),
            bytes[13] == UInt8(ascii: ":")
        else { return nil }
        var second = 0
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let parsed = number(bytes, at: 17, digits: 2) else { return nil }
            second = parsed
        }
        guard let year = number(bytes, at: 0, digits: 4), let month = number(bytes, at: 5, digits: 2),
            let day = number(bytes, at: 8, digits: 2), let hour = number(bytes, at: 11, digits: 2),
            let minute = number(bytes, at: 14, digits: 2)
        else { return nil }
        return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `yyyyMMddTHHmmss`.
    private static func parseCompact(_ bytes: [UInt8]) -> LocalDateTime? {
        guard bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t"),
            let date = parseCompactDate(Array(bytes[0..<8])),
            let hour = number(bytes, at: 9, digits: 2), let minute = number(bytes, at: 11, digits: 2),
            let second = number(bytes, at: 13, digits: 2)
        else { return nil }
        return LocalDateTime(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
    }

    /// `yyyyMMdd` (the iCalendar DATE form), as midnight.
    static func parseCompactDate(_ bytes: [UInt8]) -> LocalDateTime? {
        guard bytes.count == 8, let year = number(bytes, at: 0, digits: 4), let month = number(bytes, at: 4, digits: 2),
            let day = number(bytes, at: 6, digits: 2)
        else { return nil }
        return LocalDateTime(year: year, month: month, day: day)
    }

    private static func isDateTimeSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") || byte == UInt8(ascii: " ")
    }

    /// The decimal number in `digits` ASCII digits at `offset`, or `nil` when one of them is not a digit.
    private static func number(_ bytes: [UInt8], at offset: Int, digits: Int) -> Int? {
        var value = 0
        for byte in bytes[offset..<offset + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
