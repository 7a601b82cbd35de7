public import Foundation
public import Logging
import Synchronization
public import VedettaCore

/// Watches one device's `sysUpTime` across polls and says when its counters started over (a reboot), so that no
/// rate is computed across a restart; shared by every ``SNMPProbe`` built for the device.
///
/// A restart is logged at info once per restart. An uptime that stands still (see ``DeviceRestartDetector``) is
/// logged once when it starts to, not on every poll, and never counts as a restart.
public final class DeviceUptimeWatch: Sendable {
    private let detector = Mutex(DeviceRestartDetector())

    /// Creates a watch that has seen nothing.
    public init() {}

    /// Records the uptime the device reported in a poll.
    /// - Parameters:
    ///   - uptime: `sysUpTime.0`, or `nil` when the poll has none (which changes nothing).
    ///   - device: The device.
    ///   - instant: When the poll took place.
    ///   - logger: Logs a restart, and an uptime that stopped advancing.
    /// - Returns: Whether the device restarted since its previous poll with an uptime.
    public func countersRestarted(
        uptime: Duration?,
        of device: DeviceID,
        at instant: Date,
        logger: Logger
    ) -> Bool {
        guard let uptime else { return false }
        let (restart, frozeNow) = detector.withLock { detector -> (DeviceRestartDetector.Restart?, Bool) in
            let wasFrozen = detector.isFrozen(device)
            let restart = detector.observe(uptime: uptime, of: device, at: instant)
            return (restart, !wasFrozen && detector.isFrozen(device))
        }
        if frozeNow {
            logger.info(
                "device uptime does not advance; restarts cannot be told from it",
                metadata: ["device.uptime": "\(uptime.compactDescription)"])
        }
        guard let restart else { return false }
        logger.info("device restarted; rates start over", metadata: ["device.restart": "\(restart)"])
        return true
    }
}
