extension RecurrenceRule {
    /// How many periods (days, weeks or months, in steps of `interval`) make a century: the longest run of
    /// periods without an occurrence that expansion walks through before it gives up.
    var periodsPerCentury: Int {
        let unitsPerCentury =
            switch frequency {
            case .daily: 36_525
            case .weekly: 5_218
            case .monthly: 1_200
            }
        return unitsPerCentury / interval + 1
    }

    /// Whether a day passes the `BYDAY` and `BYMONTHDAY` filters (how DAILY and WEEKLY rules use them; an
    /// ordinal, allowed only for MONTHLY, means the nth weekday of the day's month).
    func passesFilters(_ dayNumber: Int) -> Bool {
        let date = CivilCalendar.date(ofDayNumber: dayNumber)
        let length = CivilCalendar.daysInMonth(year: date.year, month: date.month)
        let weekday = CivilCalendar.weekday(ofDayNumber: dayNumber)
        return (byDay.isEmpty || byDay.contains { $0.matches(weekday, dayOfMonth: date.day, monthLength: length) })
            && (byMonthDay.isEmpty || byMonthDay.contains { Self.resolve($0, monthLength: length) == date.day })
    }

    /// Appends the days of a month on which a MONTHLY rule has occurrences, ascending.
    /// - Parameters:
    ///   - year: The year.
    ///   - month: The month.
    ///   - defaultDay: The start's day of the month, used when the rule has neither `BYMONTHDAY` nor `BYDAY`.
    ///   - days: Receives day numbers.
    func appendMonthlyDays(year: Int, month: Int, defaultDay: Int, to days: inout [Int]) {
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        let firstDay = CivilCalendar.dayNumber(year: year, month: month, day: 1)
        let firstWeekday = CivilCalendar.weekday(ofDayNumber: firstDay)
        if !byMonthDay.isEmpty {
            for entry in byMonthDay {
                let dayOfMonth = Self.resolve(entry, monthLength: length)
                guard (1...length).contains(dayOfMonth) else { continue }  // 31 in April: skipped, never moved
                let weekday = CivilCalendar.weekday(ofDayNumber: firstDay + dayOfMonth - 1)
                if byDay.isEmpty
                    || byDay.contains(where: { $0.matches(weekday, dayOfMonth: dayOfMonth, monthLength: length) })
                {
                    days.append(firstDay + dayOfMonth - 1)
                }
            }
        } else if !byDay.isEmpty {
            for rule in byDay {
                let firstMatch = 1 + (rule.weekday.rawValue - firstWeekday.rawValue + 7) % 7
                let lastMatch = firstMatch + 7 * ((length - firstMatch) / 7)
                switch rule.ordinal {
                case .none:
                    for dayOfMonth in stride(from: firstMatch, through: length, by: 7) {
                        days.append(firstDay + dayOfMonth - 1)
                    }
                case .some(let ordinal) where ordinal > 0:
                    let dayOfMonth = firstMatch + 7 * (ordinal - 1)
                    if dayOfMonth <= length { days.append(firstDay + dayOfMonth - 1) }
                case .some(let ordinal):
                    let dayOfMonth = lastMatch - 7 * (-ordinal - 1)
                    if dayOfMonth >= 1 { days.append(firstDay + dayOfMonth - 1) }
                }
            }
        } else if defaultDay <= length {
            days.append(firstDay + defaultDay - 1)
        }
        Self.sortRemovingRepeats(&days)
    }

    /// A `BYMONTHDAY` entry as a day of a month of `monthLength` days (-1 is the last); may fall outside the month.
    static func resolve(_ entry: Int, monthLength: Int) -> Int {
        entry > 0 ? entry : monthLength + 1 + entry
    }

    /// Sorts ascending and drops repeated values, in place.
    static func sortRemovingRepeats(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        values.sort()
        var kept = 1
        for index in 1..<values.count where values[index] != values[kept - 1] {
            values[kept] = values[index]
            kept += 1
        }
        values.removeLast(values.count - kept)
    }
}

extension RecurrenceRule.DayRule {
    /// Whether a day is this weekday and, with an ordinal, the nth (or nth-from-last) such weekday of its month.
    func matches(_ weekday: Weekday, dayOfMonth: Int, monthLength: Int) -> Bool {
        guard weekday == self.weekday else { return false }
        switch ordinal {
        case .none: return true
        case .some(let ordinal) where ordinal > 0: return (dayOfMonth - 1) / 7 + 1 == ordinal
        case .some(let ordinal): return (monthLength - dayOfMonth) / 7 + 1 == -ordinal
        }
    }
}
