import CNetSNMP
import Foundation
import Logging
import Synchronization
import VedettaCore

/// The one thread that calls net-snmp. net-snmp has no internal locking, so every session open, send, read,
/// timeout and close in the process happens here, driven by `select` over all sessions' sockets plus a wake-up
/// pipe. Requests are asynchronous and many are in flight at once, so a dead or slow agent only ever costs its
/// own timeout.
///
/// Other threads talk to the loop only through ``submit(_:)`` and ``cancel(_:)``, which queue a command under a
/// mutex and wake the thread. Everything else is touched only on the loop thread (hence `@unchecked Sendable`).
final class SNMPEventLoop: @unchecked Sendable {
    /// The process-wide loop, started on first use and kept for the life of the process (idle, it sleeps in
    /// `select` without a timeout).
    static let shared = SNMPEventLoop()

    /// The most sessions (sockets) open at once; further operations wait their turn in order.
    static let maximumActiveSessions = 512

    private enum Command {
        case start(SNMPOperation)
        case cancel(UInt64)
    }

    /// An operation being worked on: loop-thread only.
    private final class ActiveRequest {
        let operation: SNMPOperation
        let session: SNMPSession
        var exchange: SNMPExchange

        init(operation: SNMPOperation, session: SNMPSession, exchange: SNMPExchange) {
            self.operation = operation
            self.session = session
            self.exchange = exchange
        }
    }

    private let inbox = Mutex<[Command]>([])
    private let broken = Atomic<Bool>(false)
    private let wakeup: SNMPWakeup?
    private var active: [UInt64: ActiveRequest] = [:]
    private var waiting: [SNMPOperation] = []
    /// The SNMPv3 engine ID each peer had in its last session, so that a session with changed credentials can
    /// drop net-snmp's cached user for exactly that engine.
    private var engineIDs: [String: [UInt8]] = [:]

    private init() {
        self.wakeup = SNMPWakeup()
        let thread = Thread { [self] in self.run() }
        thread.name = "vedetta-snmp"
        thread.start()
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

    private func run() {
        SNMPLibrary.initialise()
        guard let descriptors = vedetta_snmp_fdset_create() else {
            broken.store(true, ordering: .releasing)
            failQueued()
            return
        }
        defer { vedetta_snmp_fdset_destroy(descriptors) }
        while true {
            processInbox()
            waitAndService(descriptors)
            advanceAll()
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
        do {
            let session = try SNMPSession(
                peer: operation.peer, settings: operation.settings, knownEngineID: engineIDs[operation.peer] ?? [])
            let exchange = SNMPExchange(
                kind: operation.kind, version: operation.settings.version, target: operation.settings.address)
            let request = ActiveRequest(operation: operation, session: session, exchange: exchange)
            active[operation.id] = request
            perform(exchange.start(), for: request)
        } catch {
            operation.logger.debug("SNMP session could not be opened", metadata: ["snmp.error": "\(error)"])
            operation.finish(.failure(error))
        }
    }

    private func waitAndService(_ descriptors: UnsafeMutablePointer<netsnmp_large_fd_set>) {
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
        let timeout = wait.map { Int64(min(max(0, $0.seconds * 1_000_000), 3_600_000_000)) } ?? -1
        let ready = vedetta_snmp_select(count, descriptors, timeout)
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
            perform(action(for: event, of: request), for: request)
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
                active.removeValue(forKey: operation.id)
                operation.finish(.failure(error))
            }
        case .finish(let varBinds):
            active.removeValue(forKey: operation.id)
            operation.finish(.success(varBinds))
        case .fail(let error):
            active.removeValue(forKey: operation.id)
            operation.logger.debug("SNMP request failed", metadata: ["snmp.error": "\(error)"])
            operation.finish(.failure(error))
        }
    }

    /// Fails every queued operation; used only when the loop could not start (out of memory).
    private func failQueued() {
        let commands = inbox.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        for case .start(let operation) in commands {
            operation.finish(
                .failure(
                    SNMPError(
                        .sessionFailed, target: operation.settings.address,
                        detail: "the SNMP event loop could not start (out of memory)")))
        }
    }
}
