public import ServiceLifecycle
import SocketKit
import Synchronization

/// TCP checks to many hosts at once: connect, optionally a TLS handshake with its certificate checked, optionally
/// a few bytes sent and the answer matched (a banner such as `SSH-` or `220 `).
///
/// Every socket is driven by one dedicated thread (a ``SocketKit/SocketLoop`` running a ``ConnectDriver``); a call here queues a check and suspends until
/// it is over, by its deadline at the latest.
///
/// ```swift
/// let engine = ConnectEngine()
/// let report = try await engine.check(
///     ConnectRequest(host: "192.0.2.25", port: 25, expect: Array("220 ".utf8)), deadline: .now + .seconds(5))
/// ```
public final class ConnectEngine: Service, Sendable {
    private let loop = SocketLoop(name: "vedetta-tcp", driver: ConnectDriver())
    private let nextID = Atomic<UInt64>(1)
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an engine and starts its thread (idle, it sleeps in `poll`).
    public init() {}

    deinit {
        shutdown()
    }

    /// Serves checks until graceful shutdown, then shuts down.
    public func run() async throws {
        try? await gracefulShutdown()
        shutdown()
    }

    /// Fails every check in progress with ``ConnectError/Code/cancelled``, refuses new ones, closes every socket
    /// and ends the thread. Idempotent.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.stop()
    }

    /// Makes one check.
    /// - Parameters:
    ///   - request: The host, port, TLS, bytes to send and bytes to expect.
    ///   - deadline: When the check fails with ``ConnectError/Code/timeout`` if not over.
    /// - Throws: ``ConnectError`` saying what failed and in which phase.
    /// - Returns: The timings, what was received and the certificate's expiry.
    public func check(_ request: ConnectRequest, deadline: ContinuousClock.Instant) async throws(ConnectError)
        -> ConnectReport
    {
        let target = request.target
        guard !isShutDown.load(ordering: .acquiring) else {
            throw ConnectError(.cancelled, target: target, phase: "connect", detail: "the TCP engine is shut down")
        }
        let address = try await Self.address(of: request, target: target)
        let remaining = LoopClock.nanoseconds(ContinuousClock.now.duration(to: deadline))
        let operation = ConnectOperation(
            id: nextID.add(1, ordering: .relaxed).oldValue, request: request, address: address,
            deadline: LoopClock.monotonic() + remaining)
        guard loop.isUsable else {
            throw operation.failure(.other, phase: "connect", "the TCP loop has no wake-up pipe")
        }
        let cancelled = operation.failure(.cancelled, phase: "connect", "the task was cancelled")
        return try await loop.perform(
            .start(operation), completion: operation.completion, cancel: .cancel(operation.id),
            cancelled: .failure(cancelled)
        ).get()
    }

    private static func address(of request: ConnectRequest, target: String) async throws(ConnectError) -> IPAddress {
        switch await IPAddress.lookUp(request.host, family: request.family) {
        case .found(let address): return address
        case .cancelled:
            throw ConnectError(.cancelled, target: target, phase: "resolve", detail: "the task was cancelled")
        case .notFound:
            throw ConnectError(.unresolved, target: target, phase: "resolve", detail: "no address for \(request.host)")
        }
    }
}
