import CNetSNMP
import SocketKit
import VedettaCore

#if canImport(Glibc)
    import Glibc
#endif

/// An SNMPv1/v2c session that speaks the protocol itself: one non-blocking UDP socket to the agent, requests
/// encoded and responses decoded by ``SNMPMessage``, retries and timeouts kept here.
///
/// It behaves as net-snmp's sessions did: a request is resent with the same request id after each timeout until
/// the retries are spent, then times out; a datagram that is not a response to the outstanding request (garbage,
/// a cut datagram, a late answer to an earlier request) is dropped, so a device answering garbage times out like a
/// silent one. As with net-snmp, the socket is not connected: an answer is matched by its request id, whatever
/// address it comes from, so a multi-homed device that answers from another of its addresses is heard. Created,
/// used and closed on the loop thread.
final class SNMPCommunitySession: SNMPTransport {
    let mailbox = SNMPMailbox()
    var needsDiscovery: Bool { false }
    var engineID: [UInt8] { [] }

    private let descriptor: Int32
    private let address: IPAddress
    private let port: UInt16
    private let target: String
    private let version: SNMPProtocolVersion
    private let community: [UInt8]
    private var timeout: UInt64 = 1_000_000_000
    private var retries = 0
    /// The outstanding request: its datagram (resent as it is), deadline and retries left.
    private var outstanding: (datagram: [UInt8], deadline: UInt64, retriesLeft: Int)?
    private var nextRequestID: Int32
    /// The receive buffer, shared by every session of the loop thread: the largest UDP payload.
    nonisolated(unsafe) private static var buffer = [UInt8](repeating: 0, count: 65_536)

    /// Opens a socket for requests to `address`:`port` (see ``parse(_:)``).
    /// - Throws: ``SNMPError/Code/sessionFailed`` when the socket cannot be opened.
    init(address: IPAddress, port: UInt16, settings: SNMPTargetSettings) throws(SNMPError) {
        let family = address.family == .ipv4 ? AF_INET : AF_INET6
        let opened = socket(
            family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard opened >= 0 else {
            throw SNMPError(.sessionFailed, target: settings.address, detail: "socket: " + Self.systemError())
        }
        self.descriptor = opened
        self.address = address
        self.port = port
        self.target = settings.address
        self.version = settings.version
        self.community = Array(settings.community.reveal().utf8)
        self.nextRequestID = Int32.random(in: 1..<0x4000_0000)
    }

    deinit {
        close(descriptor)
    }

    func setTiming(timeout: Duration, retries: Int) {
        self.timeout = min(max(LoopClock.nanoseconds(timeout), 1_000_000), 3_600_000_000_000)
        self.retries = min(max(0, retries), 100)
    }

    func send(_ request: SNMPPDURequest) throws(SNMPError) {
        mailbox.event = nil
        let requestID = nextRequestID
        nextRequestID = nextRequestID == Int32.max ? 1 : nextRequestID + 1
        mailbox.expectedRequestID = requestID
        let datagram = SNMPMessage.encode(request, requestID: requestID, version: version, community: community)
        guard transmit(datagram) else {
            mailbox.expectedRequestID = 0
            throw SNMPError(.sendFailed, target: target, oid: request.firstOID, detail: Self.systemError())
        }
        outstanding = (datagram, LoopClock.monotonic() &+ timeout, retries)
    }

    /// Sends `datagram`; a full send buffer is not a failure (the retry sends it again, or the request times out).
    private func transmit(_ datagram: [UInt8]) -> Bool {
        let sent = datagram.withUnsafeBytes { bytes in
            address.withSocketAddress(port: port) { sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, $1) }
        }
        return sent >= 0 || errno == EAGAIN
    }

    func waitInfo(numberOfDescriptors: inout Int32, set: UnsafeMutablePointer<netsnmp_large_fd_set>) -> Duration? {
        guard let outstanding else { return nil }
        vedetta_snmp_fdset_add(descriptor, set)
        numberOfDescriptors = max(numberOfDescriptors, descriptor + 1)
        let now = LoopClock.monotonic()
        return .nanoseconds(outstanding.deadline > now ? Int64(outstanding.deadline - now) : 0)
    }

    func service(readable set: UnsafeMutablePointer<netsnmp_large_fd_set>) {
        if outstanding != nil, vedetta_snmp_fdset_contains(descriptor, set) != 0 { receive() }
        serviceTimeouts()
    }

    func serviceTimeouts() {
        guard let current = outstanding else { return }
        let now = LoopClock.monotonic()
        guard now >= current.deadline else { return }
        guard current.retriesLeft > 0 else {
            outstanding = nil
            mailbox.event = .timedOut
            return
        }
        outstanding = (current.datagram, now &+ timeout, current.retriesLeft - 1)
        if !transmit(current.datagram) {
            outstanding = nil
            mailbox.event = .sendFailed
        }
    }

    /// Reads the datagrams waiting until the response to the outstanding request, dropping anything else.
    private func receive() {
        for _ in 0..<64 {
            let received = Self.buffer.withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress, buffer.count, 0)
            }
            guard received >= 0 else { return }  // EAGAIN: nothing more
            guard outstanding != nil else { continue }
            let decoded = Self.buffer.withUnsafeBytes { buffer in
                try? SNMPMessage.decodeResponse(UnsafeRawBufferPointer(rebasing: buffer[0..<received]))
            }
            guard let decoded, decoded.requestID == mailbox.expectedRequestID else { continue }
            outstanding = nil
            mailbox.event = .response(decoded.response)
            return  // anything still queued is stale: read (and dropped) with the next response
        }
    }

    /// The address and port of a transport address made by ``SNMPAddressResolver`` (`udp:192.0.2.1:161`,
    /// `udp6:[2001:db8::1]:161`); `nil` for anything else, such as an IPv6 address with a zone, which is left to
    /// net-snmp.
    static func parse(_ peer: String) -> (IPAddress, UInt16)? {
        let body: Substring
        if peer.hasPrefix("udp6:[") {
            body = peer.dropFirst("udp6:[".count)
            guard let close = body.firstIndex(of: "]"), body[body.index(after: close)...].first == ":",
                let port = UInt16(body[body.index(close, offsetBy: 2)...]),
                let address = IPAddress(numeric: String(body[..<close]))
            else { return nil }
            return (address, port)
        }
        guard peer.hasPrefix("udp:") else { return nil }
        body = peer.dropFirst("udp:".count)
        guard let colon = body.lastIndex(of: ":"), let port = UInt16(body[body.index(after: colon)...]),
            let address = IPAddress(numeric: String(body[..<colon]))
        else { return nil }
        return (address, port)
    }

    private static func systemError() -> String {
        strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
    }
}
