/// Mean, median and 90th percentile of a set of durations (times to acknowledge or to restore), in seconds.
public struct DurationSummary: Sendable, Hashable, Codable {
    /// How many durations.
    public var count: Int
    /// The mean, in seconds.
    public var mean: Double
    /// The median, in seconds (the mean of the two middle values for an even count).
    public var median: Double
    /// The 90th percentile, in seconds: the smallest value at least 90 % of the values do not exceed
    /// (nearest rank).
    public var p90: Double

    /// The summary of `milliseconds`, or `nil` when there are none. Linear time: the median and percentile are
    /// selected, not sorted for (a year of incidents has a million of them).
    ///
    /// - Parameter milliseconds: The durations in milliseconds, in any order.
    public init?(milliseconds: [Int64]) {
        guard !milliseconds.isEmpty else { return nil }
        var values = milliseconds
        let count = values.count
        self.count = count
        self.mean = values.reduce(0.0) { $0 + Double($1) } / Double(count) / 1000
        let middle = count / 2
        let rank = max(0, min(count - 1, Int((0.9 * Double(count)).rounded(.up)) - 1))
        let (median, p90) = values.withUnsafeMutableBufferPointer { buffer -> (Double, Double) in
            let upperMiddle = Self.select(buffer, middle, in: 0..<count)
            let median: Double
            if count % 2 == 1 {
                median = Double(upperMiddle) / 1000
            } else {
                // After the selection every value before the middle is at most it: the largest of them is the other.
                let lowerMiddle = buffer[0..<middle].max() ?? upperMiddle
                median = (Double(lowerMiddle) + Double(upperMiddle)) / 2000
            }
            // Every value after the middle is at least it, so the percentile is among them.
            let p90 =
                rank >= middle
                ? Self.select(buffer, rank, in: middle..<count) : Self.select(buffer, rank, in: 0..<count)
            return (median, Double(p90) / 1000)
        }
        self.median = median
        self.p90 = p90
    }

    /// The `k`-th smallest value of `values` (from 0), when `range` holds it and every value before `range` is at
    /// most, and every value after it at least, the values in it; moves it to index `k` with smaller values before
    /// it and larger after, within `range`.
    private static func select(_ values: UnsafeMutableBufferPointer<Int64>, _ k: Int, in range: Range<Int>) -> Int64 {
        var low = range.lowerBound
        var high = range.upperBound - 1
        while low < high {
            // Median of three as the pivot keeps sorted and reversed input linear.
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while values[right] > pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if k <= right {
                high = right
            } else if k >= left {
                low = left
            } else {
                return values[k]
            }
        }
        return values[k]
    }

    /// The value of `statistic`, in seconds.
    ///
    /// - Parameter statistic: Which statistic.
    /// - Returns: Seconds.
    public func value(_ statistic: ReportTarget.Statistic) -> Double {
        switch statistic {
        case .mean: mean
        case .median: median
        case .p90: p90
        }
    }
}
