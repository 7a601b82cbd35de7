import Foundation
import VedettaCore

/// The recent samples of one series, oldest first, for the range functions (`avg_over_time(x[10m])` …).
///
/// It keeps what the longest window any rule reads the series with needs, and never more than
/// ``maximumPoints`` samples: 16 bytes each, so an hour at a 10-second interval is 5.6 KiB per series.
struct SeriesHistory: Sendable {
    /// One sample.
    struct Point: Sendable {
        var time: Date
        var value: Double
    }

    /// The most samples kept per series, whatever the window and interval.
    static let maximumPoints = 360

    /// The samples, oldest first.
    private(set) var points: [Point] = []
    /// The counter width of the latest sample, if it is a counter.
    private(set) var width: CounterWidth?
    /// The longest window any rule read this series with, in seconds.
    private(set) var longestWindow: TimeInterval = 0

    /// When the latest sample was taken.
    var latestTime: Date? { points.last?.time }

    /// Records a sample; a second call at the same instant (another rule reading the same poll) changes nothing.
    mutating func record(_ value: Double, width: CounterWidth?, at instant: Date, window: Duration) {
        longestWindow = max(longestWindow, window.seconds)
        self.width = width
        if let last = points.last, last.time >= instant { return }
        points.append(Point(time: instant, value: value))
        let cutoff = instant.addingTimeInterval(-longestWindow)
        let expired = points.firstIndex { $0.time > cutoff } ?? points.count
        let excess = max(expired, points.count - Self.maximumPoints)
        if excess > 0 { points.removeFirst(excess) }
    }

    /// The samples taken within `window` before `instant` (the sample at `instant` included), oldest first.
    func window(_ window: Duration, at instant: Date) -> ArraySlice<Point> {
        let cutoff = instant.addingTimeInterval(-window.seconds)
        let start = points.firstIndex { $0.time > cutoff } ?? points.count
        return points[start...]
    }
}
