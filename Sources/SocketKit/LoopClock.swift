#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Nanosecond clocks of the event loops.
public enum LoopClock {
    /// `CLOCK_MONOTONIC` now: timers and deadlines.
    public static func monotonic() -> UInt64 { read(CLOCK_MONOTONIC) }
    /// `CLOCK_REALTIME` now: the clock of the kernel's receive timestamps.
    public static func realtime() -> UInt64 { read(CLOCK_REALTIME) }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// `duration` in nanoseconds, 0 when negative.
    public static func nanoseconds(_ duration: Duration) -> UInt64 {
        let parts = duration.components
        guard parts.seconds >= 0 else { return 0 }
        return UInt64(parts.seconds) * 1_000_000_000 + UInt64(parts.attoseconds / 1_000_000_000)
    }
}
