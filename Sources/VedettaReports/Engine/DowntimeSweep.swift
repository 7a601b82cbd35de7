/// A device's downtime interval, tagged with what it counts for: its rule, its group (in groupings by kind of
/// incident) and the targets whose availability it lowers.
struct DowntimeEntry {
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
struct DowntimeSweep {
    /// The business hours of the period, sorted and disjoint (empty without a calendar).
    let business: [Range<Int64>]
    /// The local days of the period, in order (empty when days are not wanted).
    let days: [Range<Int64>]
    let ruleCount: Int
    let keyCount: Int
    let targetCount: Int

    /// What the sweep measured, in milliseconds of device-time.
    struct Result {
        var deviceTotal: [Int64]
        var deviceBusiness: [Int64]
        var rule: [Int64]
        var key: [Int64]
        var keyBusiness: [Int64]
        var target: [Int64]
        var targetBusiness: [Int64]
        var days: [Int64]
    }

    /// One track's merged interval in progress.
    private struct Track {
        var start: Int64 = 0
        var end: Int64 = 0
        var open = false
    }

    func run(_ entries: [[DowntimeEntry]]) -> Result {
        var result = Result(
            deviceTotal: Array(repeating: 0, count: entries.count),
            deviceBusiness: Array(repeating: 0, count: entries.count),
            rule: Array(repeating: 0, count: ruleCount), key: Array(repeating: 0, count: keyCount),
            keyBusiness: Array(repeating: 0, count: keyCount), target: Array(repeating: 0, count: targetCount),
            targetBusiness: Array(repeating: 0, count: targetCount), days: Array(repeating: 0, count: days.count))
        var rules = Array(repeating: Track(), count: ruleCount)
        var keys = Array(repeating: Track(), count: keyCount)
        var targets = Array(repeating: Track(), count: targetCount)
        var touchedRules: [Int] = []
        var touchedKeys: [Int] = []
        var touchedTargets: [Int] = []
        for device in entries.indices where !entries[device].isEmpty {
            var list = entries[device]
            if !Self.isSorted(list) { list.sort { $0.lower < $1.lower } }
            var total = Track()
            func closeTotal(_ range: Range<Int64>) {
                result.deviceTotal[device] += range.count64
                result.deviceBusiness[device] += overlap(range, business)
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
                        result.keyBusiness[index] += overlap(range, business)
                    }
                }
                var bits = entry.targets
                while bits != 0 {
                    let index = bits.trailingZeroBitCount
                    bits &= bits - 1
                    if !targets[index].open { touchedTargets.append(index) }
                    advance(&targets[index], entry) { range in
                        result.target[index] += range.count64
                        result.targetBusiness[index] += overlap(range, business)
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
                result.keyBusiness[index] += overlap(range, business)
                keys[index].open = false
            }
            for index in touchedTargets {
                let range = targets[index].start..<targets[index].end
                result.target[index] += range.count64
                result.targetBusiness[index] += overlap(range, business)
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

    /// The length of `range` inside the sorted, disjoint `ranges`.
    private func overlap(_ range: Range<Int64>, _ ranges: [Range<Int64>]) -> Int64 {
        guard !ranges.isEmpty else { return 0 }
        var index = Self.firstIndex(in: ranges, endingAfter: range.lowerBound)
        var total: Int64 = 0
        while index < ranges.count, ranges[index].lowerBound < range.upperBound {
            let lower = max(ranges[index].lowerBound, range.lowerBound)
            let upper = min(ranges[index].upperBound, range.upperBound)
            if lower < upper { total += upper - lower }
            index += 1
        }
        return total
    }

    private func addToDays(_ range: Range<Int64>, _ totals: inout [Int64]) {
        guard !days.isEmpty else { return }
        var index = Self.firstIndex(in: days, endingAfter: range.lowerBound)
        while index < days.count, days[index].lowerBound < range.upperBound {
            let lower = max(days[index].lowerBound, range.lowerBound)
            let upper = min(days[index].upperBound, range.upperBound)
            if lower < upper { totals[index] += upper - lower }
            index += 1
        }
    }

    /// The first index of sorted, disjoint `ranges` whose end is after `instant`.
    static func firstIndex(in ranges: [Range<Int64>], endingAfter instant: Int64) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Range where Bound == Int64 {
    /// The length.
    var count64: Int64 { upperBound - lowerBound }
}
