import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One connection being worked on by the ``ConnectDriver``: a small state machine from connecting through the TLS
/// handshake and the request bytes to the expected answer. Loop-thread only.
final class Connection {
    enum Phase: String {
        case connect, tls, send, response
    }

    /// What the connection waits for next.
    enum Wait {
        case readable, writable
    }

    let operation: ConnectOperation
    let descriptor: Int32
    private(set) var phase = Phase.connect
    private(set) var wait = Wait.writable
    private var session: TLSSession?
    private let started: UInt64
    private var connected: UInt64 = 0
    private var handshaken: UInt64?
    private var sent = 0
    private var received: [UInt8] = []
    private var notAfter: Double?

    /// Opens a non-blocking socket and starts connecting.
    /// - Returns: The connection, or the result when it is already over (refused at once, no route).
    static func start(_ operation: ConnectOperation) -> Result<Connection, ConnectError> {
        let domain = operation.address.family == .ipv4 ? AF_INET : AF_INET6
        #if canImport(Glibc)
            let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = SOCK_STREAM
        #endif
        let descriptor = socket(domain, type, 0)
        guard descriptor >= 0 else {
            return .failure(
                operation.failure(.other, phase: "connect", "no socket: \(String(cString: strerror(errno)))"))
        }
        let connection = Connection(operation: operation, descriptor: descriptor)
        let status = operation.address.withSocketAddress(port: operation.request.port) {
            connect(descriptor, $0, $1)
        }
        if status != 0 && errno != EINPROGRESS {
            let error = errno
            return .failure(connection.refusal(error))
        }
        return .success(connection)
    }

    private init(operation: ConnectOperation, descriptor: Int32) {
        self.operation = operation
        self.descriptor = descriptor
        self.started = LoopClock.monotonic()
    }

    deinit {
        session = nil  // close_notify before the socket closes
        close(descriptor)
    }

    /// What one step of the state machine decided.
    private enum Step {
        /// Go on with the next phase (or the same one) at once.
        case next
        /// Wait for the socket.
        case wait(Wait)
        /// The check is over.
        case finished(Result<ConnectReport, ConnectError>)
    }

    /// Moves on after the socket became ready (or the connect finished at once).
    /// - Returns: The result when the check is over, else `nil` (wait per ``wait``).
    func advance(contexts: (TLSSettings) -> TLSContext?) -> Result<ConnectReport, ConnectError>? {
        for _ in 0..<10_000 {
            let step: Step
            switch phase {
            case .connect: step = finishConnect(contexts: contexts)
            case .tls: step = continueHandshake()
            case .send: step = sendSome()
            case .response: step = readSome()
            }
            switch step {
            case .next: continue
            case .wait(let next):
                wait = next
                return nil
            case .finished(let result): return result
            }
        }
        return nil
    }

    /// The check's failure at the deadline.
    func timedOut() -> ConnectError {
        let what: String
        switch phase {
        case .connect: what = "no answer to the connection request"
        case .tls: what = "the TLS handshake did not finish"
        case .send: what = "could not send the request"
        case .response:
            what =
                received.isEmpty
                ? "nothing received"
                : "\"\(printableFirstLine(of: received, limit: 200))\" received, without what was expected"
        }
        return operation.failure(.timeout, phase: phase.rawValue, "timed out: \(what)", notAfter: notAfter)
    }

    private func finishConnect(contexts: (TLSSettings) -> TLSContext?) -> Step {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        if error == EINPROGRESS || error == EALREADY { return .wait(.writable) }
        guard error == 0 else { return .finished(.failure(refusal(error))) }
        connected = LoopClock.monotonic()
        guard let tls = operation.request.tls else {
            phase = .send
            return .next
        }
        let host = operation.request.host
        let isLiteral = IPAddress(numeric: host) != nil
        let name = tls.serverName ?? (isLiteral ? nil : host)
        guard let context = contexts(tls),
            let session = TLSSession(
                context: context, descriptor: descriptor, serverName: name, ipAddress: isLiteral ? host : nil)
        else {
            return .finished(.failure(operation.failure(.other, phase: "tls", "OpenSSL could not start a session")))
        }
        self.session = session
        phase = .tls
        return .next
    }

    private func continueHandshake() -> Step {
        guard let session else { return .finished(.failure(operation.failure(.other, phase: "tls", "no session"))) }
        switch session.handshake() {
        case .done:
            handshaken = LoopClock.monotonic()
            notAfter = session.certificateNotAfter
            if operation.request.tls?.verify == true, let problem = session.certificateProblem {
                return .finished(
                    .failure(
                        operation.failure(
                            .certificate, phase: "tls", "certificate not trusted: \(problem)", notAfter: notAfter)))
            }
            phase = .send
            return .next
        case .wantRead: return .wait(.readable)
        case .wantWrite: return .wait(.writable)
        case .closed:
            return .finished(
                .failure(
                    operation.failure(
                        .tlsHandshake, phase: "tls", "the server closed the connection during the TLS handshake")))
        case .failed(let reason):
            return .finished(
                .failure(operation.failure(.tlsHandshake, phase: "tls", "TLS handshake failed: \(reason)")))
        }
    }

    private func sendSome() -> Step {
        guard let bytes = operation.request.send, sent < bytes.count else {
            guard operation.request.expect != nil else { return .finished(.success(report())) }
            phase = .response
            return .next
        }
        if let session {
            var written = 0
            switch session.write(bytes, from: sent, written: &written) {
            case .done:
                sent += written
                return .next
            case .wantRead: return .wait(.readable)
            case .wantWrite: return .wait(.writable)
            case .closed:
                return .finished(
                    .failure(operation.failure(.unexpectedAnswer, phase: "send", "the server closed the connection")))
            case .failed(let reason): return .finished(.failure(operation.failure(.other, phase: "send", reason)))
            }
        }
        let offset = sent
        let count = bytes.withUnsafeBytes { raw in
            send(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
        }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wait(.writable) }
            return .finished(
                .failure(operation.failure(.unexpectedAnswer, phase: "send", String(cString: strerror(errno)))))
        }
        sent += count
        return .next
    }

    private func readSome() -> Step {
        var chunk = [UInt8](repeating: 0, count: ConnectRequest.readLimit - received.count)
        var count = 0
        if let session {
            let progress = chunk.withUnsafeMutableBytes { session.read(into: $0, count: &count) }
            switch progress {
            case .done: break
            case .wantRead: return .wait(.readable)
            case .wantWrite: return .wait(.writable)
            case .closed: return .finished(.failure(closedWithout()))
            case .failed(let reason): return .finished(.failure(operation.failure(.other, phase: "response", reason)))
            }
        } else {
            count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { return .wait(.readable) }
                return .finished(
                    .failure(operation.failure(.unexpectedAnswer, phase: "response", String(cString: strerror(errno)))))
            }
            if count == 0 { return .finished(.failure(closedWithout())) }
        }
        received += chunk.prefix(count)
        if let expect = operation.request.expect, Self.contains(received, expect) {
            return .finished(.success(report()))
        }
        if received.count >= ConnectRequest.readLimit {
            return .finished(
                .failure(
                    operation.failure(
                        .unexpectedAnswer, phase: "response",
                        "\(received.count) bytes received without what was expected; first line: "
                            + "\"\(printableFirstLine(of: received, limit: 200))\"")))
        }
        return .next
    }

    private func closedWithout() -> ConnectError {
        let what =
            received.isEmpty ? "before sending anything" : "after \"\(printableFirstLine(of: received, limit: 200))\""
        return operation.failure(
            .unexpectedAnswer, phase: "response", "the server closed the connection \(what), without what was expected")
    }

    private func refusal(_ error: Int32) -> ConnectError {
        let text = String(cString: strerror(error))
        switch error {
        case ECONNREFUSED: return operation.failure(.refused, phase: "connect", "connection refused")
        case EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: return operation.failure(.unreachable, phase: "connect", text)
        case ETIMEDOUT:
            return operation.failure(.timeout, phase: "connect", "timed out: no answer to the connection request")
        default: return operation.failure(.unreachable, phase: "connect", text)
        }
    }

    private func report() -> ConnectReport {
        let now = LoopClock.monotonic()
        let ready = handshaken ?? connected
        return ConnectReport(
            address: operation.address.description,
            connect: .nanoseconds(Int64(connected - started)),
            tlsHandshake: handshaken.map { .nanoseconds(Int64($0 - connected)) },
            response: operation.request.expect == nil ? nil : .nanoseconds(Int64(now - ready)),
            received: received,
            certificateNotAfter: notAfter,
            tlsVersion: session?.version)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
