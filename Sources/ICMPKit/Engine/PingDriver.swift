import Logging
import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The echo requests of a ``PingEngine`` as they run on its ``SocketKit/SocketLoop`` thread: one socket per
/// address family serves all targets, and timers say when to send the next request of a run and when a reply has
/// been waited for in vain.
///
/// Requests are told apart by their sequence number (16 bits, shared by all targets, never two in flight at
/// once), and a reply counts only when its source address and the request's random token match too. Round-trip
/// times are the kernel's receive timestamp less the time just before `sendto`, so a busy loop does not inflate
/// them; a reply the kernel received after the request's timeout is lost, as it would be for `fping`.
///
/// Touched only on the loop thread.
final class PingDriver: SocketLoopDriver {
    enum Command: Sendable {
        case start(PingOperation)
        case cancel(UInt64)
    }

    /// An operation being worked on.
    private struct Active {
        let operation: PingOperation
        let socket: ICMPSocket
        let start: UInt64
        var roundTrips: [Duration?] = []
        var waiting = 0
        var nextPacket = 0
        var unsent = 0
        var sendError: String?

        var isSettled: Bool { nextPacket >= operation.settings.packets && waiting == 0 }
    }

    /// A request sent and not yet answered or expired.
    private struct InFlight {
        let operation: UInt64
        let index: Int
        let token: UInt64
        let address: IPAddress
        let sentMonotonic: UInt64
        let sentRealtime: UInt64
        let timeout: UInt64
    }

    private let logger: Logger
    private let identifier = UInt16.random(in: 1...UInt16.max)
    private var nextSequence = UInt16.random(in: 0...UInt16.max)
    private var sockets: [IPFamily: ICMPSocket] = [:]
    private var active: [UInt64: Active] = [:]
    private var inFlight: [UInt16: InFlight] = [:]
    /// What the loop's timers say.
    private enum TimerEvent: Equatable {
        /// Send the next request of an operation.
        case send(operation: UInt64)
        /// A request's wait for its reply is over.
        case expire(sequence: UInt16, token: UInt64)
    }

    private var timers = TimerQueue<TimerEvent>()
    private var polled: [ICMPSocket] = []
    private let packet = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 8)
    private let received = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 8)
    private let control = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 8)

    /// A driver logging which socket each family gets to `logger`.
    init(logger: Logger) {
        self.logger = logger
    }

    deinit {
        packet.deallocate()
        received.deallocate()
        control.deallocate()
    }

    func shutDown() {
        for (_, entry) in active {
            entry.operation.completion.resume(
                .failure(PingError(.cancelled, host: entry.operation.host, detail: "the ICMP engine shut down")))
        }
        active.removeAll()
        polled.removeAll()
        sockets.removeAll()
    }

    func handle(_ command: Command) {
        switch command {
        case .start(let operation): start(operation)
        case .cancel(let id): active[id] = nil
        }
    }

    private func start(_ operation: PingOperation) {
        let socket: ICMPSocket
        do {
            socket = try openSocket(operation.address.family)
        } catch {
            var refused = error
            refused.host = operation.host
            operation.completion.resume(.failure(refused))
            return
        }
        let now = LoopClock.monotonic()
        active[operation.id] = Active(operation: operation, socket: socket, start: now)
        sendNext(operation.id, now: now)
    }

    private func openSocket(_ family: IPFamily) throws(PingError) -> ICMPSocket {
        if let socket = sockets[family] { return socket }
        let socket = try ICMPSocket.open(family)
        sockets[family] = socket
        logger.info(
            "ICMP socket opened",
            metadata: ["icmp.family": "\(family.rawValue)", "icmp.socket": "\(socket.kind.rawValue)"])
        return socket
    }

    var nextDue: UInt64? { timers.nextDue }

    func fireTimers(now: UInt64) {
        while let event = timers.popDue(at: now) {
            switch event {
            case .send(let id): sendNext(id, now: now)
            case .expire(let sequence, let token): expire(sequence, token: token)
            }
        }
    }

    /// Sends the operation's next request, schedules its expiry and the request after it.
    private func sendNext(_ id: UInt64, now: UInt64) {
        guard var entry = active[id] else { return }
        let operation = entry.operation
        let settings = operation.settings
        guard now < operation.deadline else {
            entry.unsent += settings.packets - entry.nextPacket
            entry.nextPacket = settings.packets
            return settle(entry)
        }
        guard let sequence = freeSequence() else {
            active[id] = entry
            return timers.schedule(.send(operation: id), at: now + 1_000_000)
        }
        let token = UInt64.random(in: 1...UInt64.max)
        let length = EchoPacket.writeRequest(
            into: packet, family: operation.address.family, identifier: identifier, sequence: sequence, token: token,
            payloadSize: settings.payloadSize)
        let sentRealtime = LoopClock.realtime()
        let sentMonotonic = LoopClock.monotonic()
        let status = entry.socket.send(UnsafeRawBufferPointer(rebasing: packet[0..<length]), to: operation.address)
        if status == EAGAIN || status == ENOBUFS || status == EWOULDBLOCK {
            active[id] = entry  // the socket buffer is full: try again in a millisecond
            return timers.schedule(.send(operation: id), at: sentMonotonic + 1_000_000)
        }
        let index = entry.nextPacket
        entry.nextPacket += 1
        entry.roundTrips.append(nil)
        if status == 0 {
            let timeout = LoopClock.nanoseconds(settings.timeout)
            inFlight[sequence] = InFlight(
                operation: id, index: index, token: token, address: operation.address, sentMonotonic: sentMonotonic,
                sentRealtime: sentRealtime, timeout: timeout)
            entry.waiting += 1
            timers.schedule(
                .expire(sequence: sequence, token: token), at: min(sentMonotonic + timeout, operation.deadline))
        } else {
            entry.sendError = String(cString: strerror(status))
        }
        if entry.nextPacket < settings.packets {
            let due = entry.start + UInt64(entry.nextPacket) * LoopClock.nanoseconds(settings.interval)
            if due < operation.deadline {
                timers.schedule(.send(operation: id), at: due)
            } else {
                entry.unsent += settings.packets - entry.nextPacket
                entry.nextPacket = settings.packets
            }
        }
        settle(entry)
    }

    /// A sequence number with no request in flight, when one is left.
    private func freeSequence() -> UInt16? {
        for _ in 0...UInt16.max {
            nextSequence &+= 1
            if inFlight[nextSequence] == nil { return nextSequence }
        }
        return nil
    }

    private func expire(_ sequence: UInt16, token: UInt64) {
        guard let request = inFlight[sequence], request.token == token else { return }
        inFlight[sequence] = nil
        guard var entry = active[request.operation] else { return }
        entry.waiting -= 1
        settle(entry)
    }

    /// Stores `entry`, or finishes its operation when every request is answered, expired or unsent.
    private func settle(_ entry: Active) {
        let id = entry.operation.id
        guard entry.isSettled else {
            active[id] = entry
            return
        }
        active[id] = nil
        entry.operation.completion.resume(
            .success(
                PingReport(
                    address: entry.operation.address.description, roundTrips: entry.roundTrips, unsent: entry.unsent,
                    sendError: entry.sendError, socketKind: entry.socket.kind)))
    }

    func appendDescriptors(to descriptors: inout [pollfd]) {
        polled = IPFamily.allCases.compactMap { sockets[$0] }
        for socket in polled { descriptors.append(pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)) }
    }

    func descriptorReady(at index: Int, events: Int16) {
        readReplies(polled[index])
    }

    private func readReplies(_ socket: ICMPSocket) {
        var reads = 0
        while reads < 4096, let datagram = socket.receive(into: received, control: control) {
            reads += 1
            let bytes = UnsafeRawBufferPointer(rebasing: received[0..<datagram.length])
            guard
                let reply = EchoPacket.readReply(
                    bytes, family: socket.family, includesIPHeader: socket.includesIPHeader),
                let request = inFlight[reply.sequence], request.token == reply.token,
                request.address == datagram.source, socket.kind == .datagram || reply.identifier == identifier
            else { continue }
            inFlight[reply.sequence] = nil
            let roundTrip = roundTripNanoseconds(request, receivedAt: datagram.receivedAt)
            guard var entry = active[request.operation] else { continue }
            entry.waiting -= 1
            if roundTrip <= request.timeout {
                entry.roundTrips[request.index] = .nanoseconds(Int64(roundTrip))
            }
            settle(entry)
        }
    }

    private func roundTripNanoseconds(_ request: InFlight, receivedAt: UInt64?) -> UInt64 {
        if let receivedAt, receivedAt >= request.sentRealtime {
            return receivedAt - request.sentRealtime
        }
        let now = LoopClock.monotonic()
        return now >= request.sentMonotonic ? now - request.sentMonotonic : 0
    }
}
