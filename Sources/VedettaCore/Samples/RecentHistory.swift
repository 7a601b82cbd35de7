public import Foundation
import Synchronization

/// The last hours of every series the probes report, coarse and bounded: what the console's charts and
/// `GET /api/v1/devices/{name}/history` show.
///
/// Time is cut into steps (``Settings/step``, 5 minutes by default) and ``Settings/keep`` of them are kept (6 hours).
/// A step holds, for a gauge, the mean of the values polled in it and, for a counter, its mean rate per second over
/// the step (the increase since the last poll before the step, over the time since then); a decrease of a counter,
/// or a device that restarted, starts the rate over. Values are kept as 32-bit floats: enough for a chart, not for
/// accounting.
///
/// Memory is bounded: at most ``Settings/maximumSeries`` series over all devices (a series a device stops reporting
/// leaves once its last value is older than `keep`); samples of series beyond the limit are not recorded and are
/// counted (``droppedSamples``). Each device has its own lock, so recording one device's poll never waits for a
/// page reading another's.
///
/// The rule engine keeps its own, finer history, only of the series its range functions read.
public final class RecentHistory: Sendable {
    /// How much is kept.
    public struct Settings: Sendable, Equatable {
        /// How far back the history goes (`agent.history.keep`, default 6 hours).
        public var keep: Duration
        /// The length of one point (`agent.history.step`, default 5 minutes).
        public var step: Duration
        /// The most series kept over all devices (`agent.history.max_series`, default 50,000; 0 keeps none).
        public var maximumSeries: Int

        /// The most points one series has.
        public static let maximumPoints = 2000

        /// Creates settings.
        public init(keep: Duration = .seconds(6 * 3600), step: Duration = .seconds(300), maximumSeries: Int = 50_000) {
            self.keep = keep
            self.step = step
            self.maximumSeries = maximumSeries
        }

        /// Points per series: `keep` over `step`, between 1 and ``maximumPoints``.
        public var points: Int { min(Self.maximumPoints, max(1, Int((keep / step).rounded(.up)))) }
    }

    /// The settings this history keeps by.
    public let settings: Settings
    private let devices = Mutex<[DeviceID: DeviceHistory]>([:])
    /// The devices configured since the latest reload (`nil` before any): a poll of any other is not recorded.
    /// Read and written under `devices`' lock.
    private let configured = Mutex<Set<DeviceID>?>(nil)
    private let kept = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)

    /// Creates an empty history.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Series kept now, over all devices.
    public var seriesCount: Int { kept.load(ordering: .relaxed) }
    /// Samples not recorded since the start because ``Settings/maximumSeries`` series were kept already.
    public var droppedSamples: Int { dropped.load(ordering: .relaxed) }

    /// Records one poll of `device` by `source` (a probe kind, or kind and check name).
    /// - Parameters:
    ///   - samples: Every sample of the poll.
    ///   - countersRestarted: Whether the device's counters started over since its previous poll.
    ///   - instant: When the poll finished.
    public func record(
        device: DeviceID, source: String, samples: [Sample], countersRestarted: Bool = false, at instant: Date
    ) {
        guard settings.maximumSeries > 0, !samples.isEmpty else { return }
        let history = devices.withLock { devices -> DeviceHistory? in
            if let history = devices[device] { return history }
            if let configured = configured.withLock({ $0 }), !configured.contains(device) { return nil }
            let history = DeviceHistory()
            devices[device] = history
            return history
        }
        guard let history else { return }  // a device removed by a reload
        let step = settings.step / .seconds(1)
        let bucket = Int64((instant.timeIntervalSince1970 / step).rounded(.down))
        history.tables.withLock { tables in
            tables[source, default: HistoryTable(points: settings.points)].record(
                samples, bucket: bucket, seconds: instant.timeIntervalSince1970, restarted: countersRestarted,
                admit: admitSeries, release: releaseSeries)
        }
    }

    /// Drops the history of every device not in `devices` (devices removed by a configuration reload), gives their
    /// series' places back, and refuses their polls from now on.
    public func forget(devicesOtherThan devices: Set<DeviceID>) {
        let gone = self.devices.withLock { histories in
            configured.withLock { $0 = devices }
            let gone = histories.filter { !devices.contains($0.key) }
            for device in gone.keys { histories.removeValue(forKey: device) }
            return gone.values
        }
        let series = gone.reduce(0) { total, history in
            total + history.tables.withLock { $0.values.reduce(0) { $0 + $1.seriesCount } }
        }
        if series > 0 { releaseSeries(series) }
    }

    /// Takes a place for a new series, or counts a dropped sample when every place is taken.
    private func admitSeries() -> Bool {
        let (_, now) = kept.add(1, ordering: .relaxed)
        guard now > settings.maximumSeries else { return true }
        kept.subtract(1, ordering: .relaxed)
        dropped.add(1, ordering: .relaxed)
        return false
    }

    /// Gives back the places of `count` series that left.
    private func releaseSeries(_ count: Int) {
        kept.subtract(count, ordering: .relaxed)
    }

    /// The history of the series of `device` whose key `matching` accepts (every series by default), source by
    /// source in the order of their names, a source's series in no particular order; empty for a device never
    /// polled. Each series has a point per step that holds a value, oldest first; only the series asked for are
    /// read.
    public func series(of device: DeviceID, matching: (SeriesKey) -> Bool = { _ in true }) -> [SeriesHistory] {
        guard let history = devices.withLock({ $0[device] }) else { return [] }
        let tables = history.tables.withLock { $0 }
        let step = settings.step / .seconds(1)
        return tables.keys.sorted().flatMap { source in tables[source]?.series(step: step, matching: matching) ?? [] }
    }
}

/// The recent points of one series.
public struct SeriesHistory: Sendable, Equatable {
    /// One step's value.
    public struct Point: Sendable, Equatable {
        /// The start of the step.
        public var time: Date
        /// The mean of a gauge, or the mean rate per second of a counter, over the step.
        public var value: Double

        /// Creates a point.
        public init(time: Date, value: Double) {
            self.time = time
            self.value = value
        }
    }

    /// The series' name and labels.
    public var key: SeriesKey
    /// Gauge, or counter (whose points are rates per second).
    public var kind: SampleKind
    /// The points, oldest first; steps without a value have no point.
    public var points: [Point]

    /// Creates a series' history.
    public init(key: SeriesKey, kind: SampleKind, points: [Point]) {
        self.key = key
        self.kind = kind
        self.points = points
    }
}

/// One device's tables, by source, behind the device's own lock.
private final class DeviceHistory: Sendable {
    let tables = Mutex<[String: HistoryTable]>([:])
}
