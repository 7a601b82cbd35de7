public import Foundation
public import VedettaCore

/// Tells from a device's uptime (SNMP `sysUpTime`) whether it restarted between two polls, so that counters
/// that fell back to zero are not mistaken for a wrap or read as a huge rate.
///
/// For each device the detector keeps the uptime and the wall-clock instant of the latest poll that reported one.
/// The device restarted when its uptime
/// - went backwards, or
/// - grew less than the wall time elapsed since the previous poll minus a tolerance of
///   `max(minimumTolerance, relativeTolerance × elapsed)`: it rebooted between the polls and has been up again
///   for longer than it had been before.
///
/// Polls without an uptime (a failed poll, a probe kind that has none) leave the previous observation in place, so
/// a device that was unreachable, rebooted and came back is still detected on its first answer.
///
/// An uptime that does not advance at all between two polls at least a second apart is **frozen** (a broken agent,
/// a simulator replaying a recording): that is no evidence of a restart, so it is treated as "no uptime
/// information" — the device is never declared restarted on it, and ``isFrozen(_:)`` says so until its uptime moves
/// again.
///
/// `sysUpTime` is a 32-bit count of hundredths of a second and wraps after about 497 days; the wrap looks like the
/// uptime going backwards, and costs one poll interval of rates, nothing more.
public struct DeviceRestartDetector: Sendable {
    /// What the detector saw when it decided that a device restarted.
    public struct Restart: Sendable, Hashable, CustomStringConvertible {
        /// The uptime reported by the previous poll.
        public var previousUptime: Duration
        /// The uptime reported by this poll.
        public var uptime: Duration
        /// The wall time between the two polls.
        public var elapsed: Duration

        /// Creates a restart record.
        public init(previousUptime: Duration, uptime: Duration, elapsed: Duration) {
            self.previousUptime = previousUptime
            self.uptime = uptime
            self.elapsed = elapsed
        }

        /// Whether the uptime went backwards, rather than growing too little.
        public var uptimeWentBackwards: Bool { uptime < previousUptime }

        /// `uptime 12s after 3h0m0s, 5m0s later`.
        public var description: String {
            "uptime \(uptime.compactDescription) after \(previousUptime.compactDescription), "
                + "\(elapsed.compactDescription) later"
        }
    }

    private struct Observation: Sendable {
        var uptime: Duration
        var instant: Date
    }

    /// The smallest shortfall of uptime growth against wall time that counts as a restart.
    public var minimumTolerance: Duration
    /// The shortfall, as a fraction of the elapsed wall time, that counts as a restart when larger than
    /// ``minimumTolerance``.
    public var relativeTolerance: Double
    private var previous: [DeviceID: Observation] = [:]
    private var frozen: Set<DeviceID> = []

    /// Creates a detector that has seen no device.
    /// - Parameters:
    ///   - minimumTolerance: The smallest shortfall of uptime growth against wall time that counts as a restart.
    ///   - relativeTolerance: The shortfall, as a fraction of the elapsed wall time, that counts as a restart.
    public init(minimumTolerance: Duration = .seconds(5), relativeTolerance: Double = 0.1) {
        self.minimumTolerance = minimumTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Records the uptime `device` reported at `instant` and says whether it restarted since the previous report.
    ///
    /// - Parameters:
    ///   - uptime: The device's uptime.
    ///   - device: The device.
    ///   - instant: When the device was polled.
    /// - Returns: The evidence when the device restarted since its previous poll; `nil` on its first poll or when
    ///   its uptime kept pace with the wall clock.
    public mutating func observe(uptime: Duration, of device: DeviceID, at instant: Date) -> Restart? {
        defer { previous[device] = Observation(uptime: uptime, instant: instant) }
        guard let last = previous[device] else { return nil }
        let elapsed = Duration.seconds(instant.timeIntervalSince(last.instant))
        if uptime == last.uptime, elapsed >= .seconds(1) {
            frozen.insert(device)
            return nil
        }
        frozen.remove(device)
        let restart = Restart(previousUptime: last.uptime, uptime: uptime, elapsed: elapsed)
        if uptime < last.uptime { return restart }
        let tolerance = max(minimumTolerance, elapsed * relativeTolerance)
        return uptime - last.uptime < elapsed - tolerance ? restart : nil
    }

    /// Whether `device`'s uptime stood still at its latest poll (so restarts cannot be told from it).
    /// - Parameter device: The device.
    public func isFrozen(_ device: DeviceID) -> Bool { frozen.contains(device) }

    /// Forgets what was seen of `device`, e.g. when it left the configuration.
    /// - Parameter device: The device.
    public mutating func forget(_ device: DeviceID) {
        previous[device] = nil
        frozen.remove(device)
    }
}
