import CNetSNMP
import Foundation
import Logging
import SocketKit
import Synchronization
import VedettaCore

/// The thread that polls: every session open, send, read, timeout and close of the poller happens here
/// (SNMPv1/v2c sessions are ``SNMPCommunitySession``s, SNMPv3 ones net-snmp's ``SNMPSession``s), driven by `select`
/// over all sessions' sockets plus a wake-up pipe, under the library lock (``SNMPLibrary/exclusively(_:)``) that it
/// shares with the trap receiver and lets go only while it waits. Requests are asynchronous and many are in flight
/// at once, so a dead or slow agent only ever costs its own timeout; that includes SNMPv3 engine discovery, which is
/// sent and awaited like any request.
///
/// Sessions are kept between operations in a ``SNMPSessionPool``: a device polled every minute reuses one socket
/// and, on SNMPv3, its discovered engine and localized keys.
///
/// Other threads talk to the loop only through ``submit(_:)``, ``cancel(_:)`` and ``release(owner:)``, which queue
/// a command under a mutex and wake the thread. Everything else is touched only on the loop thread (hence
/// `@unchecked Sendable`).
///
/// There is one loop per process: net-snmp keeps process-wide state (the USM user table, the session list)
/// without locks, so the loop and the trap receiver take turns through the library lock. What belongs to an
/// ``SNMPEngine`` is kept per engine: its sessions serve only its operations and are closed when it shuts down, so
/// nothing of one engine (a test, an agent) leaks into another.
final class SNMPEventLoop: @unchecked Sendable {
    /// The process's loop, started on first use and kept for the life of the process (idle, it sleeps in
    /// `select` without a timeout).
    static let shared = SNMPEventLoop()

    /// The most sessions (sockets) open at once; further operations wait their turn in order.
    static let maximumActiveSessions = 512

    private enum Command {
        case start(SNMPOperation)
        case cancel(UInt64)
        case release(owner: UInt64)
        case countSessions(owner: UInt64, reply: CheckedContinuation<Int, Never>)
    }

    /// An operation being worked on: loop-thread only.
    private final class ActiveRequest {
        let operation: SNMPOperation
        let session: any SNMPTransport
        let key: SNMPSessionPool.Key
        var exchange: SNMPExchange
        /// Whether the outstanding request is the SNMPv3 engine discovery rather than the exchange's.
        var isDiscovering = false

        init(operation: SNMPOperation, session: any SNMPTransport, key: SNMPSessionPool.Key, exchange: SNMPExchange) {
            self.operation = operation
            self.session = session
            self.key = key
            self.exchange = exchange
        }
    }

    private let inbox = Mutex<[Command]>([])
    private let broken = Atomic<Bool>(false)
    private let wakeup: SelfPipe?
    private var active: [UInt64: ActiveRequest] = [:]
    private var waiting: [SNMPOperation] = []
    private let pool = SNMPSessionPool()
    /// The SNMPv3 engine ID each peer had in its last session, so that a session with changed credentials can
    /// drop net-snmp's cached user for exactly that engine.
    private var engineIDs: [String: [UInt8]] = [:]
    /// Whose keys net-snmp's user entry holds for each SNMPv3 peer: a pooled session of other credentials must
    /// reinstall its own before its next request.
    private var installedCredentials: [String: SNMPSessionPool.Key] = [:]

    /// The loop's descriptor set, made and destroyed under the library lock.
    private struct Descriptors: @unchecked Sendable {
        let set: UnsafeMutablePointer<netsnmp_large_fd_set>
        init?(_ set: UnsafeMutablePointer<netsnmp_large_fd_set>?) {
            guard let set else { return nil }
            self.set = set
        }
    }

    private init() {
        self.wakeup = SelfPipe()
        Thread.start(named: "vedetta-snmp") { [self] in self.run() }
    }

    /// Queues `operation` to be started on the loop thread.
    func submit(_ operation: SNMPOperation) {
        inbox.withLock { $0.append(.start(operation)) }
        wakeup?.signal()
        if broken.load(ordering: .acquiring) { failQueued() }
    }

    /// Asks the loop to drop the operation `id` and close its session (its caller has already been resumed).
    func cancel(_ id: UInt64) {
        inbox.withLock { $0.append(.cancel(id)) }
        wakeup?.signal()
    }

    /// The sessions the engine `owner` holds open: in use by its requests, or kept idle for its next ones.
    func sessionCount(owner: UInt64) async -> Int {
        await withCheckedContinuation { continuation in
            inbox.withLock { $0.append(.countSessions(owner: owner, reply: continuation)) }
            wakeup?.signal()
            if broken.load(ordering: .acquiring) { failQueued() }
        }
    }

    /// Asks the loop to close every idle session of the engine `owner`, which shut down.
    func release(owner: UInt64) {
        inbox.withLock { $0.append(.release(owner: owner)) }
        wakeup?.signal()
    }

    private func run() {
        guard let descriptors = SNMPLibrary.exclusively({ Descriptors(vedetta_snmp_fdset_create()) }) else {
            broken.store(true, ordering: .releasing)
            failQueued()
            return
        }
        defer { SNMPLibrary.exclusively { vedetta_snmp_fdset_destroy(descriptors.set) } }
        // net-snmp is called only under the library lock, which is let go while the loop waits in `select`.
        while true {
            let wait = SNMPLibrary.exclusively {
                processInbox()
                return prepareWait(descriptors.set)
            }
            let ready = vedetta_snmp_select(wait.count, descriptors.set, wait.timeout)
            SNMPLibrary.exclusively {
                service(descriptors.set, ready: ready)
                advanceAll()
                pool.closeExpired()
            }
        }
    }

    private func processInbox() {
        let commands = inbox.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for command in commands {
            switch command {
            case .start(let operation): waiting.append(operation)
            case .cancel(let id):
                active.removeValue(forKey: id)
                waiting.removeAll { $0.id == id }
            case .release(let owner):
                pool.closeAll(owner: owner)
            case .countSessions(let owner, let reply):
                reply.resume(
                    returning: pool.idleCount(owner: owner) + active.values.filter { $0.key.owner == owner }.count)
            }
        }
        startWaiting()
    }

    private func startWaiting() {
        var started = 0
        while started < waiting.count, active.count < Self.maximumActiveSessions {
            start(waiting[started])
            started += 1
        }
        waiting.removeFirst(started)
    }

    private func start(_ operation: SNMPOperation) {
        guard !operation.isFinished else { return }
        let settings = operation.settings
        let key = SNMPSessionPool.Key(owner: operation.owner, peer: operation.peer, settings: settings)
        do {
            let session: any SNMPTransport
            if let idle = pool.checkOut(key) {
                session = idle
                if let v3 = idle as? SNMPSession, !v3.needsDiscovery, installedCredentials[operation.peer] != key {
                    v3.reinstallUser()
                    installedCredentials[operation.peer] = key
                }
            } else if settings.version != .v3, let (address, port) = SNMPCommunitySession.parse(operation.peer) {
                session = try SNMPCommunitySession(address: address, port: port, settings: settings)
            } else {
                let library = try SNMPSession(
                    peer: operation.peer, settings: settings, knownEngineID: engineIDs[operation.peer] ?? [])
                if settings.version == .v3, !library.needsDiscovery { installedCredentials[operation.peer] = key }
                session = library
            }
            session.setTiming(timeout: settings.timeout, retries: settings.retries)
            let exchange = SNMPExchange(kind: operation.kind, version: settings.version, target: settings.address)
            let request = ActiveRequest(operation: operation, session: session, key: key, exchange: exchange)
            active[operation.id] = request
            if session.needsDiscovery {
                discoverEngine(for: request)
            } else {
                perform(request.exchange.start(), for: request)
            }
        } catch {
            operation.logger.debug("SNMP session could not be opened", metadata: ["snmp.error": "\(error)"])
            operation.finish(.failure(error))
        }
    }

    /// Sends the SNMPv3 engine discovery request for `request`; its exchange starts when the report arrives.
    private func discoverEngine(for request: ActiveRequest) {
        guard let v3 = request.session as? SNMPSession else { return }  // v1/v2c sessions never need discovery
        do {
            try v3.sendEngineProbe()
            request.isDiscovering = true
        } catch {
            finish(request, with: .failure(error))
        }
    }

    /// What to do after the answer to the discovery request: start the exchange, or fail.
    private func discoveryAction(for event: SNMPMailbox.Event, of request: ActiveRequest) -> SNMPExchange.Action {
        request.isDiscovering = false
        if let v3 = request.session as? SNMPSession, v3.completeDiscovery() {
            installedCredentials[request.key.peer] = request.key
            return request.exchange.start()
        }
        let settings = request.operation.settings
        if event == .timedOut {
            return action(for: event, of: request)
        }
        return .fail(
            SNMPError(
                .sessionFailed, target: settings.address, oid: request.operation.kind.subject,
                detail: "the agent did not reveal its SNMPv3 engine ID"))
    }

    /// Fills `descriptors` with the wake-up pipe and every active session's socket.
    /// - Returns: The descriptor count for `select` and how long it may wait (microseconds, -1: no limit).
    private func prepareWait(_ descriptors: UnsafeMutablePointer<netsnmp_large_fd_set>) -> (
        count: Int32, timeout: Int64
    ) {
        vedetta_snmp_fdset_zero(descriptors)
        var count: Int32 = 0
        var wait: Duration?
        if let wakeup {
            vedetta_snmp_fdset_add(wakeup.readDescriptor, descriptors)
            count = wakeup.readDescriptor + 1
        } else {
            wait = .milliseconds(10)  // no wake-up pipe: poll the inbox
        }
        for request in active.values {
            if let due = request.session.waitInfo(numberOfDescriptors: &count, set: descriptors) {
                wait = min(wait ?? due, due)
            }
        }
        return (count, wait.map { Int64(min(max(0, $0.seconds * 1_000_000), 3_600_000_000)) } ?? -1)
    }

    /// Reads what `select` found readable (`ready` descriptors) and handles the sessions' timeouts.
    private func service(_ descriptors: UnsafeMutablePointer<netsnmp_large_fd_set>, ready: Int32) {
        if ready < 0 {
            vedetta_snmp_fdset_zero(descriptors)  // EINTR or worse: handle timeouts only
            if errno != EINTR { usleep(1000) }
        } else if ready > 0, let wakeup, vedetta_snmp_fdset_contains(wakeup.readDescriptor, descriptors) != 0 {
            wakeup.drain()
        }
        for request in active.values {
            if ready > 0 {
                request.session.service(readable: descriptors)
            } else {
                request.session.serviceTimeouts()
            }
        }
    }

    private func advanceAll() {
        for (id, request) in active {
            if request.operation.isFinished {
                active.removeValue(forKey: id)  // cancelled or shut down meanwhile
                continue
            }
            guard let event = request.session.mailbox.event else { continue }
            request.session.mailbox.event = nil
            if request.isDiscovering {
                perform(discoveryAction(for: event, of: request), for: request)
            } else {
                perform(action(for: event, of: request), for: request)
            }
        }
        startWaiting()
    }

    private func action(for event: SNMPMailbox.Event, of request: ActiveRequest) -> SNMPExchange.Action {
        let settings = request.operation.settings
        let subject = request.operation.kind.subject
        switch event {
        case .response(let response):
            return request.exchange.receive(response)
        case .timedOut:
            let attempts = max(0, settings.retries) + 1
            return .fail(
                SNMPError(
                    .timeout, target: settings.address, oid: subject,
                    detail: "no response to \(attempts) attempt\(attempts == 1 ? "" : "s") of "
                        + settings.timeout.compactDescription))
        case .sendFailed:
            return .fail(SNMPError(.sendFailed, target: settings.address, oid: subject))
        case .securityError:
            return .fail(
                SNMPError(
                    .authentication, target: settings.address, oid: subject,
                    detail: "the response failed the security check"))
        case .report(let type):
            let detail = SNMPSession.message(libraryErrno: type, systemErrno: 0)
            let code: SNMPError.Code = SNMPSession.isAuthenticationFailure(type) ? .authentication : .protocolError
            return .fail(SNMPError(code, target: settings.address, oid: subject, detail: detail))
        }
    }

    private func perform(_ action: SNMPExchange.Action, for request: ActiveRequest) {
        let operation = request.operation
        if operation.settings.version == .v3 {
            let engineID = request.session.engineID
            if !engineID.isEmpty, engineIDs.count < 100_000 || engineIDs[operation.peer] != nil {
                engineIDs[operation.peer] = engineID
            }
        }
        switch action {
        case .send(let pdu):
            do {
                try request.session.send(pdu)
            } catch {
                finish(request, with: .failure(error))
            }
        case .finish(let varBinds):
            finish(request, with: .success(.varBinds(varBinds)))
        case .finishColumns(let columns):
            finish(request, with: .success(.columns(columns)))
        case .fail(let error):
            operation.logger.debug("SNMP request failed", metadata: ["snmp.error": "\(error)"])
            finish(request, with: .failure(error))
        }
    }

    /// Ends `request`: resumes its caller and keeps its session for the next request to the same agent, unless
    /// the session may be unusable (a send failure) or its credentials were refused (they may change).
    private func finish(_ request: ActiveRequest, with outcome: Result<SNMPOperation.Output, SNMPError>) {
        active.removeValue(forKey: request.operation.id)
        request.operation.finish(outcome)
        switch outcome {
        case .success:
            pool.checkIn(request.session, key: request.key)
        case .failure(let error):
            switch error.code {
            case .timeout, .protocolError, .malformedResponse, .nonIncreasingOID, .walkLimitExceeded:
                if !request.session.needsDiscovery || error.code != .timeout {
                    pool.checkIn(request.session, key: request.key)
                }
            case .authentication:
                pool.closeAll(peer: request.key.peer)
            default:
                break  // released here: deinit closes it
            }
        }
    }

    /// Fails every queued operation; used only when the loop could not start (out of memory).
    private func failQueued() {
        let commands = inbox.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        for case .countSessions(_, let reply) in commands { reply.resume(returning: 0) }
        for case .start(let operation) in commands {
            operation.finish(
                .failure(
                    SNMPError(
                        .sessionFailed, target: operation.settings.address,
                        detail: "the SNMP event loop could not start (out of memory)")))
        }
    }
}
