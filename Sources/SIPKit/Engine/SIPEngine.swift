public import ServiceLifecycle
import SocketKit
import Synchronization
public import TCPKit

/// SIP OPTIONS "pings" (RFC 3261 §11) to many PBXs, SBCs and trunks at once: over UDP with RFC 3261
/// retransmissions, over TCP, or over TLS with the certificate checked.
///
/// UDP requests are driven by one dedicated thread (a ``SocketKit/SocketLoop`` running a ``SIPUDPDriver``); TCP and TLS requests go through the agent's
/// TCP engine (``TCPKit/ConnectEngine``), which sends the request and waits for the end of the response's headers.
/// A call queues the request and suspends until the final response, or the deadline.
public final class SIPEngine: Service, Sendable {
    private let udp = SocketLoop(name: "vedetta-sip", driver: SIPUDPDriver())
    private let tcp: ConnectEngine
    private let nextID = Atomic<UInt64>(1)
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an engine and starts its UDP thread.
    /// - Parameter tcp: The TCP engine for SIP over TCP and TLS (the agent's shared one).
    public init(tcp: ConnectEngine) {
        self.tcp = tcp
    }

    deinit {
        shutdown()
    }

    /// Serves requests until graceful shutdown, then shuts down.
    public func run() async throws {
        try? await gracefulShutdown()
        shutdown()
    }

    /// Fails every UDP request in progress with ``SIPError/Code/cancelled`` and refuses new ones. Idempotent.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        udp.stop()
    }

    /// Sends one OPTIONS request and waits for its final response.
    /// - Parameters:
    ///   - request: The URI, transport and timers.
    ///   - deadline: When the request fails with ``SIPError/Code/timeout`` if no final response came.
    /// - Throws: ``SIPError`` when there is no final response (any final response, 200 or 503, is a report).
    /// - Returns: The status code, reason, round-trip time and retransmissions.
    public func options(_ request: SIPOptionsRequest, deadline: ContinuousClock.Instant) async throws(SIPError)
        -> SIPReport
    {
        guard !isShutDown.load(ordering: .acquiring) else {
            throw SIPError(.cancelled, uri: request.uri.description, detail: "the SIP engine is shut down")
        }
        switch request.transport {
        case .udp: return try await overUDP(request, deadline: deadline)
        case .tcp, .tls: return try await overTCP(request, deadline: deadline)
        }
    }

    private func overUDP(_ request: SIPOptionsRequest, deadline: ContinuousClock.Instant) async throws(SIPError)
        -> SIPReport
    {
        let address = try await Self.address(of: request)
        let remaining = LoopClock.nanoseconds(ContinuousClock.now.duration(to: deadline))
        let operation = SIPOperation(
            id: nextID.add(1, ordering: .relaxed).oldValue, request: request, address: address,
            deadline: LoopClock.monotonic() + remaining)
        guard udp.isUsable else { throw operation.failure(.other, "the SIP loop has no wake-up pipe") }
        return try await udp.perform(
            .start(operation), completion: operation.completion, cancel: .cancel(operation.id),
            cancelled: .failure(operation.failure(.cancelled, "the task was cancelled"))
        ).get()
    }

    private func overTCP(_ request: SIPOptionsRequest, deadline: ContinuousClock.Instant) async throws(SIPError)
        -> SIPReport
    {
        let message = OptionsMessage()
        let host = request.uri.host
        // The local address is not known before connecting; RFC 3261 §18 lets the server answer on the
        // connection whatever `Via` says, and `rport` asks it to.
        let local = host.contains(":") ? "[::1]:5060" : "127.0.0.1:5060"
        let connect = ConnectRequest(
            host: host, port: request.uri.effectivePort, family: request.family,
            tls: request.transport == .tls ? request.tls : nil, send: message.bytes(for: request, local: local),
            expect: Array("\r\n\r\n".utf8))
        let uri = request.uri.description
        let report: ConnectReport
        do {
            report = try await tcp.check(connect, deadline: deadline)
        } catch {
            throw Self.sipError(error, uri: uri)
        }
        let received = report.received[...]
        guard let response = SIPResponse(received) else {
            throw SIPError(
                .malformedResponse, uri: uri,
                detail: "no SIP response; received instead: \"\(printableFirstLine(of: received, limit: 80))\"")
        }
        guard response.isFinal else {
            throw SIPError(
                .timeout, uri: uri, detail: "only a provisional response (\(response.statusCode)) came first")
        }
        return SIPReport(
            address: report.address, statusCode: response.statusCode, reason: response.reason,
            roundTrip: report.connect + (report.tlsHandshake ?? .zero) + (report.response ?? .zero),
            server: response.server)
    }

    private static func sipError(_ error: ConnectError, uri: String) -> SIPError {
        let code: SIPError.Code =
            switch error.code {
            case .timeout: .timeout
            case .refused, .unreachable: .unreachable
            case .unresolved: .unresolved
            case .certificate, .tlsHandshake: .tls
            case .cancelled: .cancelled
            case .unexpectedAnswer: .malformedResponse
            default: .other
            }
        return SIPError(code, uri: uri, detail: error.detail)
    }

    private static func address(of request: SIPOptionsRequest) async throws(SIPError) -> IPAddress {
        let uri = request.uri.description
        switch await IPAddress.lookUp(request.uri.host, family: request.family) {
        case .found(let address): return address
        case .cancelled: throw SIPError(.cancelled, uri: uri, detail: "the task was cancelled")
        case .notFound: throw SIPError(.unresolved, uri: uri, detail: "no address for \(request.uri.host)")
        }
    }
}
