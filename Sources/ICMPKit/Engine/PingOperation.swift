import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One ping run as the loop sees it: where, how, until when, and the waiter to resume once.
final class PingOperation: Sendable {
    let id: UInt64
    let host: String
    let address: IPAddress
    let settings: PingSettings
    /// The run's deadline on `CLOCK_MONOTONIC`, in nanoseconds.
    let deadline: UInt64
    let completion = ResumeOnce<Result<PingReport, PingError>>()

    init(id: UInt64, host: String, address: IPAddress, settings: PingSettings, deadline: UInt64) {
        self.id = id
        self.host = host
        self.address = address
        self.settings = settings
        self.deadline = deadline
    }
}
