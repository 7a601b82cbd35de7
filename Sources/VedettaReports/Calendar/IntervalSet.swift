/// Sets of time intervals as reports use them: half-open `[start, end)` in milliseconds since 1970 UTC, merged so
/// that overlaps count once.
public struct IntervalSet: Sendable, Hashable {
    /// The intervals, sorted, disjoint and non-adjacent.
    public private(set) var intervals: [Range<Int64>]

    /// The empty set.
    public init() {
        self.intervals = []
    }

    /// The union of `ranges`, which may overlap and come in any order; empty ranges are dropped.
    ///
    /// - Parameter ranges: The intervals.
    public init(_ ranges: [Range<Int64>]) {
        var merged: [Range<Int64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.intervals = merged
    }

    /// The total length covered.
    public var length: Int64 {
        intervals.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) }
    }
}
