/// Sorted, disjoint intervals (business hours, local days) that answer "how much of them lies in this range" and
/// "which is the first one ending after this instant" in constant time: a sweep over a year of a large log asks a
/// few million times.
///
/// The answers come from running totals of the intervals' lengths and a table of the first interval ending after
/// the start of each bucket of time (an hour, or longer for very long periods).
struct IntervalIndex {
    /// The intervals, sorted and disjoint.
    let intervals: [Range<Int64>]
    /// `before[i]`: the total length of `intervals[0..<i]`.
    private let before: [Int64]
    private let origin: Int64
    private let bucket: Int64
    /// The first interval ending after the start of each bucket.
    private let firstOfBucket: [Int32]

    /// At most this many buckets.
    private static let maximumBuckets: Int64 = 100_000

    /// Indexes `intervals` (sorted, disjoint).
    init(_ intervals: [Range<Int64>]) {
        self.intervals = intervals
        var before: [Int64] = [0]
        before.reserveCapacity(intervals.count + 1)
        for interval in intervals { before.append((before.last ?? 0) + interval.count64) }
        self.before = before
        guard let first = intervals.first?.lowerBound, let last = intervals.last?.upperBound, first < last else {
            self.origin = 0
            self.bucket = 1
            self.firstOfBucket = []
            return
        }
        let bucket = max(3_600_000, (last - first) / Self.maximumBuckets + 1)
        var table: [Int32] = []
        table.reserveCapacity(Int((last - first) / bucket) + 1)
        var index = 0
        var start = first
        while start < last {
            while index < intervals.count, intervals[index].upperBound <= start { index += 1 }
            table.append(Int32(index))
            start += bucket
        }
        self.origin = first
        self.bucket = bucket
        self.firstOfBucket = table
    }

    var isEmpty: Bool { intervals.isEmpty }

    /// The index of the first interval whose end is after `instant` (`intervals.count` when none).
    func firstIndex(endingAfter instant: Int64) -> Int {
        guard !firstOfBucket.isEmpty else {
            return instant < (intervals.first?.upperBound ?? .min) ? 0 : intervals.count
        }
        var index: Int
        if instant < origin {
            index = 0
        } else {
            let slot = (instant - origin) / bucket
            index = slot < firstOfBucket.count ? Int(firstOfBucket[Int(slot)]) : intervals.count
        }
        while index < intervals.count, intervals[index].upperBound <= instant { index += 1 }
        return index
    }

    /// The length of the intervals before `instant`.
    func length(before instant: Int64) -> Int64 {
        let index = firstIndex(endingAfter: instant)
        var length = before[index]
        if index < intervals.count, instant > intervals[index].lowerBound {
            length += instant - intervals[index].lowerBound
        }
        return length
    }

    /// The length of the intervals inside `range`.
    func overlap(_ range: Range<Int64>) -> Int64 {
        guard !intervals.isEmpty, !range.isEmpty else { return 0 }
        return length(before: range.upperBound) - length(before: range.lowerBound)
    }
}
