#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One ping run as the loop sees it: where, how, until when, and the waiter to resume once.
final class PingOperation: Sendable {
    let id: UInt64
    let host: String
    let address: PingAddress
    let settings: PingSettings
    /// The run's deadline on `CLOCK_MONOTONIC`, in nanoseconds.
    let deadline: UInt64
    let completion = ResumeOnce<Result<PingReport, PingError>>()

    init(id: UInt64, host: String, address: PingAddress, settings: PingSettings, deadline: UInt64) {
        self.id = id
        self.host = host
        self.address = address
        self.settings = settings
        self.deadline = deadline
    }
}

/// Nanosecond clocks of the loop.
enum PingClock {
    /// `CLOCK_MONOTONIC` now: timers and deadlines.
    static func monotonic() -> UInt64 { read(CLOCK_MONOTONIC) }
    /// `CLOCK_REALTIME` now: the clock of the kernel's receive timestamps.
    static func realtime() -> UInt64 { read(CLOCK_REALTIME) }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// `duration` in nanoseconds, 0 when negative.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let parts = duration.components
        guard parts.seconds >= 0 else { return 0 }
        return UInt64(parts.seconds) * 1_000_000_000 + UInt64(parts.attoseconds / 1_000_000_000)
    }
}
