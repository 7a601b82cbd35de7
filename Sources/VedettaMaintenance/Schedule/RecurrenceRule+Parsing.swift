public import Foundation

extension RecurrenceRule {
    /// The parts ``parse(_:in:)`` understands, in canonical order.
    static let supportedParts = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"]

    /// Parses an RRULE value such as `FREQ=WEEKLY;BYDAY=SU` or `RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=12`.
    ///
    /// Parts may come in any order; names and values are case-insensitive. `UNTIL` may be UTC
    /// (`20270101T000000Z`), local (`20270101T000000`, read in `zone` by ``LocalDateTime/instant(in:)``) or a
    /// date (`20270101`, meaning the end of that local day: occurrences starting on that date still happen).
    /// - Parameters:
    ///   - text: The rule, with or without a leading `RRULE:`.
    ///   - zone: The window's zone, for a local or date `UNTIL`.
    /// - Returns: The rule.
    /// - Throws: ``ScheduleError`` (field `rrule`) naming the part and what is wrong with it.
    public static func parse(_ text: String, in zone: TimeZone) throws(ScheduleError) -> RecurrenceRule {
        var body = Substring(text.trimmingWhitespace)
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst("RRULE:".count) }
        let parts = try namedParts(of: body)
        guard let frequencyText = parts["FREQ"] else { throw .rule("FREQ is required") }
        guard let frequency = Frequency(rawValue: frequencyText) else {
            throw .rule("FREQ: \"\(frequencyText)\" is not supported (use DAILY, WEEKLY or MONTHLY)")
        }
        if let weekStart = parts["WKST"], weekStart != Weekday.monday.code {
            throw .rule("WKST: \"\(weekStart)\" is not supported (weeks start on Monday: leave WKST out or write MO)")
        }
        var interval = 1
        if let intervalText = parts["INTERVAL"] {
            guard let value = wholeNumber(intervalText), value >= 1 else {
                throw .rule("INTERVAL must be a whole number of at least 1")
            }
            interval = value
        }
        let byDay = try parts["BYDAY"].map { text throws(ScheduleError) in try parseDayRules(text) } ?? []
        let byMonthDay = try parts["BYMONTHDAY"].map { text throws(ScheduleError) in try parseMonthDays(text) } ?? []
        return try RecurrenceRule(
            frequency: frequency, interval: interval, byDay: byDay, byMonthDay: byMonthDay,
            end: parseEnd(count: parts["COUNT"], until: parts["UNTIL"], in: zone))
    }

    /// The `NAME=VALUE` parts, names and values upper-cased; empty parts (a trailing `;`) are ignored.
    private static func namedParts(of body: Substring) throws(ScheduleError) -> [String: String] {
        var parts: [String: String] = [:]
        for part in body.split(separator: ";", omittingEmptySubsequences: true) {
            let piece = String(part).trimmingWhitespace
            if piece.isEmpty { continue }
            guard let equals = piece.firstIndex(of: "=") else {
                throw .rule("\"\(piece)\" is not a NAME=VALUE part (e.g. FREQ=WEEKLY)")
            }
            let name = String(piece[..<equals]).trimmingWhitespace.uppercased()
            let value = String(piece[piece.index(after: equals)...]).trimmingWhitespace.uppercased()
            guard supportedParts.contains(name) || name == "WKST" else {
                throw .rule("unknown part \"\(name)\" (supported: \(supportedParts.joined(separator: ", ")))")
            }
            guard parts[name] == nil else { throw .rule("\(name) is given twice") }
            parts[name] = value
        }
        return parts
    }

    /// The end of a `BYDAY` message: what a weekday entry may be.
    private static let notAWeekday =
        "is not a weekday (use MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1SU or -1FR)"

    /// `MO,1SU,-1FR`.
    private static func parseDayRules(_ text: String) throws(ScheduleError) -> [DayRule] {
        var rules: [DayRule] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = String(item).trimmingWhitespace
            guard entry.count >= 2, let weekday = Weekday(code: String(entry.suffix(2))) else {
                throw .rule("BYDAY: \"\(entry)\" \(notAWeekday)")
            }
            let ordinalText = String(entry.dropLast(2))
            if ordinalText.isEmpty {
                rules.append(DayRule(weekday: weekday))
                continue
            }
            guard let ordinal = signedWholeNumber(ordinalText) else {
                throw .rule("BYDAY: \"\(entry)\" \(notAWeekday)")
            }
            guard (1...5).contains(abs(ordinal)) else {
                throw .rule("BYDAY: \"\(entry)\" has an ordinal outside 1…5 and -5…-1 (the nth weekday of a month)")
            }
            rules.append(DayRule(ordinal: ordinal, weekday: weekday))
        }
        return rules
    }

    /// `1,15,-1`.
    private static func parseMonthDays(_ text: String) throws(ScheduleError) -> [Int] {
        var days: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = String(item).trimmingWhitespace
            guard let day = signedWholeNumber(entry), day != 0, abs(day) <= 31 else {
                throw .rule("BYMONTHDAY: \"\(entry)\" \(notADayOfTheMonth)")
            }
            days.append(day)
        }
        return days
    }

    /// `COUNT=n` or `UNTIL=…`, at most one of them.
    private static func parseEnd(count: String?, until: String?, in zone: TimeZone) throws(ScheduleError) -> End {
        switch (count, until) {
        case (nil, nil):
            return .never
        case (.some, .some):
            throw .rule("COUNT and UNTIL cannot both be given")
        case (.some(let countText), nil):
            guard let value = wholeNumber(countText), value >= 1 else {
                throw .rule("COUNT must be a whole number of at least 1")
            }
            return .count(value)
        case (nil, .some(let untilText)):
            guard let instant = parseUntil(untilText, in: zone) else {
                throw .rule(
                    "UNTIL: \"\(untilText)\" is not a date-time (use 20270101T000000Z in UTC, 20270101T000000 in "
                        + "the window's zone, or the date 20270101)")
            }
            return .until(instant)
        }
    }

    /// `yyyyMMddTHHmmssZ` (UTC), `yyyyMMddTHHmmss` (in `zone`) or `yyyyMMdd` (the last second of that local day).
    private static func parseUntil(_ text: String, in zone: TimeZone) -> Date? {
        if text.count == 8 {
            guard let date = LocalDateTime.parseCompactDate(Array(text.utf8)),
                let endOfDay = LocalDateTime(
                    year: date.year, month: date.month, day: date.day, hour: 23, minute: 59,
                    second: 59)
            else { return nil }
            return endOfDay.instant(in: zone)
        }
        if text.hasSuffix("Z") {
            guard text.count == 16, let utc = LocalDateTime.parse(String(text.dropLast())) else { return nil }
            return utc.instant(in: .gmt)
        }
        guard text.count == 15, let local = LocalDateTime.parse(text) else { return nil }
        return local.instant(in: zone)
    }

    /// Digits only (no sign), as RFC 5545 writes `INTERVAL` and `COUNT`.
    private static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }

    /// Digits with an optional leading `+` or `-`.
    private static func signedWholeNumber(_ text: String) -> Int? {
        if text.hasPrefix("-") { return wholeNumber(String(text.dropFirst())).map { -$0 } }
        if text.hasPrefix("+") { return wholeNumber(String(text.dropFirst())) }
        return wholeNumber(text)
    }
}
