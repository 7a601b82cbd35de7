import Foundation
import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One OPTIONS request over UDP as the loop works on it: a connected UDP socket (so the kernel delivers only the
/// server's datagrams, and an ICMP port unreachable shows as `ECONNREFUSED`), RFC 3261's non-INVITE client
/// transaction timers (Timer E: retransmit after T1, doubling up to T2; after a provisional response, every T2),
/// and the deadline in place of Timer F. Loop-thread only.
final class SIPTransaction {
    let operation: SIPOperation
    let descriptor: Int32
    let message = OptionsMessage()
    private let packet: [UInt8]
    private let started: UInt64
    private(set) var retransmissions = 0
    private var interval: UInt64
    private var provisional = false
    private var garbage: String?

    /// Opens the socket, sends the first transmission.
    /// - Returns: The transaction, or the failure when the system refused at once.
    static func start(_ operation: SIPOperation) -> Result<SIPTransaction, SIPError> {
        let domain = operation.address.family == .ipv4 ? AF_INET : AF_INET6
        #if canImport(Glibc)
            let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = SOCK_DGRAM
        #endif
        let descriptor = socket(domain, type, 0)
        guard descriptor >= 0 else {
            return .failure(operation.failure(.other, "no socket: \(String(cString: strerror(errno)))"))
        }
        let connected = operation.address.withSocketAddress(port: operation.request.uri.effectivePort) {
            connect(descriptor, $0, $1)
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            return .failure(operation.failure(.unreachable, reason))
        }
        let transaction = SIPTransaction(operation: operation, descriptor: descriptor)
        if let failure = transaction.transmit() { return .failure(failure) }
        return .success(transaction)
    }

    private init(operation: SIPOperation, descriptor: Int32) {
        self.operation = operation
        self.descriptor = descriptor
        self.started = LoopClock.monotonic()
        self.interval = LoopClock.nanoseconds(operation.request.t1)
        self.packet = message.bytes(for: operation.request, local: Self.localAddress(descriptor))
    }

    deinit {
        close(descriptor)
    }

    /// When the next retransmission is due.
    var nextRetransmission: UInt64 { LoopClock.monotonic() + interval }

    /// Sends the request again and doubles the interval up to T2 (RFC 3261 Timer E).
    /// - Returns: The failure when the socket refuses (nothing listens).
    func retransmit() -> SIPError? {
        retransmissions += 1
        let t2 = LoopClock.nanoseconds(operation.request.t2)
        interval = provisional ? t2 : min(interval * 2, t2)
        return transmit()
    }

    private func transmit() -> SIPError? {
        let sent = packet.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent < 0 else { return nil }
        let error = errno
        if error == EAGAIN || error == EWOULDBLOCK || error == ENOBUFS { return nil }  // the retransmission covers it
        return refusal(error)
    }

    /// Reads every datagram waiting.
    /// - Returns: The report once a final response came, the failure when the socket says nothing listens, else
    ///   `nil`.
    func receive() -> Result<SIPReport, SIPError>? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                let error = errno
                if error == EAGAIN || error == EWOULDBLOCK { return nil }
                return .failure(refusal(error))
            }
            guard let response = SIPResponse(buffer[0..<count]) else {
                garbage = garbage ?? printableFirstLine(of: buffer[0..<count], limit: 80)
                continue
            }
            guard response.answers(message) else { continue }
            guard response.isFinal else {
                provisional = true
                interval = LoopClock.nanoseconds(operation.request.t2)
                continue
            }
            return .success(
                SIPReport(
                    address: operation.address.description, statusCode: response.statusCode,
                    reason: response.reason, roundTrip: .nanoseconds(Int64(LoopClock.monotonic() - started)),
                    retransmissions: retransmissions, server: response.server))
        }
        return nil
    }

    /// The failure at the deadline: silence, a provisional response only, or garbage.
    func timedOut() -> SIPError {
        let sent = retransmissions + 1
        if let garbage {
            return operation.failure(
                .malformedResponse, "no SIP response to \(sent) transmission(s); received instead: \"\(garbage)\"")
        }
        if provisional {
            return operation.failure(.timeout, "only a provisional response, no final one, to \(sent) transmission(s)")
        }
        return operation.failure(.timeout, "no response to \(sent) transmission(s) over UDP")
    }

    private func refusal(_ error: Int32) -> SIPError {
        if error == ECONNREFUSED {
            return operation.failure(.unreachable, "nothing listens on the port (ICMP port unreachable)")
        }
        return operation.failure(.unreachable, String(cString: strerror(error)))
    }

    /// `host:port` the kernel chose for the connected socket, IPv6 in brackets.
    private static func localAddress(_ descriptor: Int32) -> String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return "127.0.0.1:5060" }
        return withUnsafePointer(to: &storage) { pointer -> String in
            let raw = UnsafeRawPointer(pointer)
            guard let address = IPAddress(raw) else { return "127.0.0.1:5060" }
            let port: UInt16 =
                address.family == .ipv4
                ? UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
                : UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
            return address.family == .ipv4 ? "\(address):\(port)" : "[\(address)]:\(port)"
        }
    }
}

/// One OPTIONS request handed to the loop: what, where, until when, and the waiter to resume once.
final class SIPOperation: Sendable {
    let id: UInt64
    let request: SIPOptionsRequest
    let address: IPAddress
    /// The deadline on `CLOCK_MONOTONIC`, in nanoseconds.
    let deadline: UInt64
    let completion = ResumeOnce<Result<SIPReport, SIPError>>()

    init(id: UInt64, request: SIPOptionsRequest, address: IPAddress, deadline: UInt64) {
        self.id = id
        self.request = request
        self.address = address
        self.deadline = deadline
    }

    /// A failure of this request.
    func failure(_ code: SIPError.Code, _ detail: String) -> SIPError {
        SIPError(code, uri: request.uri.description, detail: detail)
    }
}
