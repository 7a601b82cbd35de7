/// Walks the local start times a rule produces, in order, one period (day, week or month) at a time.
///
/// It yields nothing before the start, and ignores `COUNT`, `UNTIL` and exceptions (``MaintenanceSchedule``
/// applies those). It stops after its last day (at most 9999-12-31), or after a century of periods without an
/// occurrence, so no rule can make it loop for ever. It keeps one small buffer of days, reused from period to
/// period.
struct RecurrenceIterator: IteratorProtocol {
    private let rule: RecurrenceRule
    private let start: LocalDateTime
    private let startDay: Int
    private let startMonday: Int
    private let startMonth: Int
    private let weeklyDays: [Weekday]
    private let daysPerWeeklyStep: Int
    private let lastDay: Int
    private var periodIndex: Int
    private var days: [Int] = []
    private var position = 0
    private var emptyPeriods = 0
    private var isFinished = false

    /// Starts at the period holding `dayNumber` (or at the start's period, if that is later).
    /// - Parameters:
    ///   - rule: The rule.
    ///   - start: The first occurrence; it sets the periods and the time of day.
    ///   - dayNumber: Where to begin: the period holding this day. Earlier periods are skipped arithmetically.
    ///   - lastDay: The last day to yield; at most 9999-12-31.
    init(
        rule: RecurrenceRule, start: LocalDateTime, fromDay dayNumber: Int,
        throughDay lastDay: Int = CivilCalendar.lastDayNumber
    ) {
        self.rule = rule
        self.lastDay = min(lastDay, CivilCalendar.lastDayNumber)
        self.start = start
        self.startDay = start.dayNumber
        self.startMonday = startDay - (start.weekday.rawValue - 1)
        self.startMonth = start.year * 12 + start.month - 1
        self.weeklyDays = rule.byDay.isEmpty ? [start.weekday] : Set(rule.byDay.map(\.weekday)).sorted()
        let (weeklyStep, overflow) = rule.interval.multipliedReportingOverflow(by: 7)
        self.daysPerWeeklyStep = overflow ? Int.max : weeklyStep
        self.periodIndex = 0
        self.periodIndex = max(0, periodIndex(holding: dayNumber))
    }

    /// The next local start, or `nil` when there is none (or the search gave up).
    mutating func next() -> LocalDateTime? {
        while !isFinished {
            if position < days.count {
                position += 1
                return start.onDay(days[position - 1])
            }
            loadNextPeriod()
        }
        return nil
    }

    private mutating func loadNextPeriod() {
        days.removeAll(keepingCapacity: true)
        position = 0
        guard appendDays(ofPeriod: periodIndex) else {
            isFinished = true
            return
        }
        periodIndex += 1
        days.removeAll { $0 < startDay || $0 > lastDay }
        if days.isEmpty {
            emptyPeriods += 1
            if emptyPeriods > rule.periodsPerCentury { isFinished = true }
        } else {
            emptyPeriods = 0
        }
    }

    /// The index of the period holding a day; negative before the start's period.
    private func periodIndex(holding dayNumber: Int) -> Int {
        switch rule.frequency {
        case .daily:
            return CivilCalendar.floorDivide(dayNumber - startDay, rule.interval)
        case .weekly:
            let monday = dayNumber - (CivilCalendar.weekday(ofDayNumber: dayNumber).rawValue - 1)
            return CivilCalendar.floorDivide(monday - startMonday, daysPerWeeklyStep)
        case .monthly:
            let date = CivilCalendar.date(ofDayNumber: dayNumber)
            return CivilCalendar.floorDivide(date.year * 12 + date.month - 1 - startMonth, rule.interval)
        }
    }

    /// Appends the days of period `index` on which the rule has occurrences.
    /// - Returns: `false` when the period begins after the last day.
    private mutating func appendDays(ofPeriod index: Int) -> Bool {
        switch rule.frequency {
        case .daily:
            guard let day = Self.offset(startDay, by: index, steps: rule.interval),
                day <= lastDay
            else { return false }
            if rule.passesFilters(day) { days.append(day) }
        case .weekly:
            guard let monday = Self.offset(startMonday, by: index, steps: daysPerWeeklyStep),
                monday <= lastDay
            else { return false }
            for weekday in weeklyDays {
                let day = monday + weekday.rawValue - 1
                if rule.byMonthDay.isEmpty || rule.passesFilters(day) { days.append(day) }
            }
        case .monthly:
            guard let month = Self.offset(startMonth, by: index, steps: rule.interval),
                CivilCalendar.dayNumber(year: month / 12, month: month % 12 + 1, day: 1) <= lastDay
            else { return false }
            rule.appendMonthlyDays(year: month / 12, month: month % 12 + 1, defaultDay: start.day, to: &days)
        }
        return true
    }

    /// `base + index * step`, or `nil` on overflow (far past year 9999 anyway).
    private static func offset(_ base: Int, by index: Int, steps step: Int) -> Int? {
        let (product, productOverflow) = index.multipliedReportingOverflow(by: step)
        let (sum, sumOverflow) = base.addingReportingOverflow(product)
        return productOverflow || sumOverflow ? nil : sum
    }
}
