public import Logging
public import ServiceLifecycle
import SocketKit
import Synchronization

/// ICMP and ICMPv6 echo ("ping") to many hosts at once, through one socket per address family.
///
/// Every request and reply goes through one dedicated thread (a ``SocketKit/SocketLoop`` running a ``PingDriver``); a call here queues a run and suspends
/// until its last request is answered or given up. A host that never answers costs only its own timeout. The
/// engine opens an unprivileged ICMP datagram socket when the process's group is in `net.ipv4.ping_group_range`,
/// else a raw socket when it has `CAP_NET_RAW`, on the first run of each family.
///
/// ```swift
/// let engine = PingEngine(logger: logger)
/// let report = try await engine.ping("192.0.2.10", settings: PingSettings(packets: 3), deadline: .now + .seconds(5))
/// print(report.lossRatio, report.average ?? .zero)
/// ```
public final class PingEngine: Service, Sendable {
    private let loop: SocketLoop<PingDriver>
    private let nextID = Atomic<UInt64>(1)
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an engine and starts its thread (idle, it sleeps in `poll`).
    /// - Parameter logger: Says which kind of socket each family got.
    public init(logger: Logger) {
        loop = SocketLoop(name: "vedetta-icmp", driver: PingDriver(logger: logger))
    }

    deinit {
        shutdown()
    }

    /// Serves runs until graceful shutdown, then shuts down.
    public func run() async throws {
        try? await gracefulShutdown()
        shutdown()
    }

    /// Fails every run in progress with ``PingError/Code/cancelled``, refuses new ones, closes the sockets and
    /// ends the thread. Idempotent.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.stop()
    }

    /// Pings `host`: sends `settings.packets` echo requests `settings.interval` apart, each waiting
    /// `settings.timeout` for its reply, and returns when every one is answered or given up, by `deadline` at the
    /// latest (requests not sent by then are counted as ``PingReport/unsent``).
    /// - Parameters:
    ///   - host: An IPv4 or IPv6 literal, or a name resolved through the system resolver.
    ///   - settings: How many requests, how far apart, how long each waits, payload size, family of a name.
    ///   - deadline: When the run ends whatever happens.
    /// - Throws: ``PingError`` when the name does not resolve, no ICMP socket may be opened, or the task was
    ///   cancelled. Lost requests are not errors.
    public func ping(
        _ host: String, settings: PingSettings, deadline: ContinuousClock.Instant
    ) async throws(PingError) -> PingReport {
        guard !isShutDown.load(ordering: .acquiring) else {
            throw PingError(.cancelled, host: host, detail: "the ICMP engine is shut down")
        }
        let address = try await Self.address(of: host, family: settings.family)
        let remaining = LoopClock.nanoseconds(ContinuousClock.now.duration(to: deadline))
        let operation = PingOperation(
            id: nextID.add(1, ordering: .relaxed).oldValue, host: host, address: address, settings: settings,
            deadline: LoopClock.monotonic() + remaining)
        guard loop.isUsable else {
            throw PingError(.notPermitted, host: host, detail: "the ICMP loop has no wake-up pipe")
        }
        let cancelled = PingError(.cancelled, host: host, detail: "the task was cancelled")
        return try await loop.perform(
            .start(operation), completion: operation.completion, cancel: .cancel(operation.id),
            cancelled: .failure(cancelled)
        ).get()
    }

    /// The address to ping: `host` itself when it is a literal (of `family`, when given), else the first address
    /// the system resolver gives (IPv4 first), resolved off the caller's thread.
    static func address(of host: String, family: IPFamily?) async throws(PingError) -> IPAddress {
        switch await IPAddress.lookUp(host, family: family) {
        case .found(let address): return address
        case .cancelled:
            throw PingError(.cancelled, host: host, detail: "the task was cancelled during name resolution")
        case .notFound:
            let kind = family.map { " \($0.rawValue)" } ?? ""
            throw PingError(.unresolved, host: host, detail: "no\(kind) address")
        }
    }
}
