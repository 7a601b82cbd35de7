/// A device's downtime interval, tagged with what it counts for: its rule, its group (in groupings by kind of
/// incident) and the targets whose availability it lowers.
struct DowntimeEntry: Sendable {
    var lower: Int64
    var upper: Int64
    /// The rule's index, or -1.
    var rule: Int32
    /// The group's index in groupings by rule, severity or category; -1 otherwise.
    var key: Int32
    /// Bit `t` is set when the interval counts against target `t`.
    var targets: UInt64
}

/// Unions each device's downtime intervals in one sweep, at once for the device as a whole, for each rule, each
/// group and each target (overlaps count once within each), and measures each merged interval within business
/// hours and per day.
struct DowntimeSweep: Sendable {
    /// The business hours of the period (empty without a calendar).
    let business: IntervalIndex
    /// The local days of the period (empty when days are not wanted).
    let days: IntervalIndex
    let ruleCount: Int
    let keyCount: Int
    let targetCount: Int
    /// From this many intervals on, two threads sweep.
    let parallelThreshold: Int

    /// A sweep measuring business hours `business` (sorted, disjoint) and days `days` (in order).
    init(
        business: [Range<Int64>], days: [Range<Int64>], ruleCount: Int, keyCount: Int, targetCount: Int,
        parallelThreshold: Int
    ) {
        self.parallelThreshold = parallelThreshold
        self.business = IntervalIndex(business)
        self.days = IntervalIndex(days)
        self.ruleCount = ruleCount
        self.keyCount = keyCount
        self.targetCount = targetCount
    }

    /// What the sweep measured, in milliseconds of device-time.
    struct Result: Sendable {
        var deviceTotal: [Int64]
        var deviceBusiness: [Int64]
        var rule: [Int64]
        var key: [Int64]
        var keyBusiness: [Int64]
        var target: [Int64]
        var targetBusiness: [Int64]
        var days: [Int64]

        /// Adds what another sweep (of other devices) measured.
        mutating func add(_ other: Result) {
            Self.add(&deviceTotal, other.deviceTotal)
            Self.add(&deviceBusiness, other.deviceBusiness)
            Self.add(&rule, other.rule)
            Self.add(&key, other.key)
            Self.add(&keyBusiness, other.keyBusiness)
            Self.add(&target, other.target)
            Self.add(&targetBusiness, other.targetBusiness)
            Self.add(&days, other.days)
        }

        private static func add(_ values: inout [Int64], _ others: [Int64]) {
            for index in values.indices where index < others.count { values[index] += others[index] }
        }
    }

    /// One track's merged interval in progress.
    private struct Track {
        var start: Int64 = 0
        var end: Int64 = 0
        var open = false
    }

    /// Sweeps every device's intervals (`entries[device]`); large sweeps run on two threads, each taking the
    /// devices that hold half of the intervals.
    func run(_ entries: [[DowntimeEntry]]) -> Result {
        let count = entries.reduce(0) { $0 + $1.count }
        guard count >= parallelThreshold, entries.count > 1 else { return run(entries, devices: entries.indices) }
        var middle = 0
        var seen = 0
        while middle < entries.count, seen < count / 2 {
            seen += entries[middle].count
            middle += 1
        }
        let split = middle
        var (result, later) = Parallel.both(
            { run(entries, devices: 0..<split) }, { run(entries, devices: split..<entries.count) })
        result.add(later)
        return result
    }

    /// Sweeps the intervals of `devices`.
    func run(_ entries: [[DowntimeEntry]], devices: Range<Int>) -> Result {
        var result = Result(
            deviceTotal: Array(repeating: 0, count: entries.count),
            deviceBusiness: Array(repeating: 0, count: entries.count),
            rule: Array(repeating: 0, count: ruleCount), key: Array(repeating: 0, count: keyCount),
            keyBusiness: Array(repeating: 0, count: keyCount), target: Array(repeating: 0, count: targetCount),
            targetBusiness: Array(repeating: 0, count: targetCount),
            days: Array(repeating: 0, count: days.intervals.count))
        var rules = Array(repeating: Track(), count: ruleCount)
        var keys = Array(repeating: Track(), count: keyCount)
        var targets = Array(repeating: Track(), count: targetCount)
        var touchedRules: [Int] = []
        var touchedKeys: [Int] = []
        var touchedTargets: [Int] = []
        for device in devices where !entries[device].isEmpty {
            var list = entries[device]
            if !Self.isSorted(list) { list.sort { $0.lower < $1.lower } }
            var total = Track()
            func closeTotal(_ range: Range<Int64>) {
                result.deviceTotal[device] += range.count64
                result.deviceBusiness[device] += business.overlap(range)
                addToDays(range, &result.days)
            }
            for entry in list {
                advance(&total, entry) { closeTotal($0) }
                if entry.rule >= 0 {
                    let index = Int(entry.rule)
                    if !rules[index].open { touchedRules.append(index) }
                    advance(&rules[index], entry) { result.rule[index] += $0.count64 }
                }
                if entry.key >= 0 {
                    let index = Int(entry.key)
                    if !keys[index].open { touchedKeys.append(index) }
                    advance(&keys[index], entry) { range in
                        result.key[index] += range.count64
                        result.keyBusiness[index] += business.overlap(range)
                    }
                }
                var bits = entry.targets
                while bits != 0 {
                    let index = bits.trailingZeroBitCount
                    bits &= bits - 1
                    if !targets[index].open { touchedTargets.append(index) }
                    advance(&targets[index], entry) { range in
                        result.target[index] += range.count64
                        result.targetBusiness[index] += business.overlap(range)
                    }
                }
            }
            if total.open { closeTotal(total.start..<total.end) }
            for index in touchedRules {
                result.rule[index] += rules[index].end - rules[index].start
                rules[index].open = false
            }
            for index in touchedKeys {
                let range = keys[index].start..<keys[index].end
                result.key[index] += range.count64
                result.keyBusiness[index] += business.overlap(range)
                keys[index].open = false
            }
            for index in touchedTargets {
                let range = targets[index].start..<targets[index].end
                result.target[index] += range.count64
                result.targetBusiness[index] += business.overlap(range)
                targets[index].open = false
            }
            touchedRules.removeAll(keepingCapacity: true)
            touchedKeys.removeAll(keepingCapacity: true)
            touchedTargets.removeAll(keepingCapacity: true)
        }
        return result
    }

    /// Extends `track` with `entry`, or closes its merged interval (handing it to `close`) and starts another.
    private func advance(_ track: inout Track, _ entry: DowntimeEntry, close: (Range<Int64>) -> Void) {
        if !track.open {
            track = Track(start: entry.lower, end: entry.upper, open: true)
        } else if entry.lower > track.end {
            close(track.start..<track.end)
            track.start = entry.lower
            track.end = entry.upper
        } else if entry.upper > track.end {
            track.end = entry.upper
        }
    }

    private static func isSorted(_ list: [DowntimeEntry]) -> Bool {
        var previous = Int64.min
        for entry in list {
            if entry.lower < previous { return false }
            previous = entry.lower
        }
        return true
    }

    private func addToDays(_ range: Range<Int64>, _ totals: inout [Int64]) {
        guard !days.isEmpty else { return }
        var index = days.firstIndex(endingAfter: range.lowerBound)
        while index < days.intervals.count, days.intervals[index].lowerBound < range.upperBound {
            let day = days.intervals[index]
            let lower = max(day.lowerBound, range.lowerBound)
            let upper = min(day.upperBound, range.upperBound)
            if lower < upper { totals[index] += upper - lower }
            index += 1
        }
    }
}

extension Range where Bound == Int64 {
    /// The length.
    var count64: Int64 { upperBound - lowerBound }
}
