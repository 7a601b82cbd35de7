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

    /// The summary of `milliseconds`, or `nil` when there are none.
    ///
    /// - Parameter milliseconds: The durations in milliseconds, in any order.
    public init?(milliseconds: [Int64]) {
        guard !milliseconds.isEmpty else { return nil }
        let sorted = milliseconds.sorted()
        let count = sorted.count
        self.count = count
        self.mean = sorted.reduce(0.0) { $0 + Double($1) } / Double(count) / 1000
        self.median =
            count % 2 == 1
            ? Double(sorted[count / 2]) / 1000 : (Double(sorted[count / 2 - 1]) + Double(sorted[count / 2])) / 2000
        let rank = Int((0.9 * Double(count)).rounded(.up))
        self.p90 = Double(sorted[max(0, min(count - 1, rank - 1))]) / 1000
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
