import Foundation
import SocketKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The thread that drives every TCP check of a ``ConnectEngine``: non-blocking sockets, `poll` over all of them
/// plus a self-pipe, each connection a small state machine (``Connection``), and one timer per check for its
/// deadline. A host that never answers costs only its own deadline.
///
/// Other threads talk to it only through ``submit(_:)``, ``cancel(_:)`` and ``stop()``; everything else is
/// touched only on the loop thread (hence `@unchecked Sendable`).
final class ConnectLoop: @unchecked Sendable {
    private enum Command {
        case start(ConnectOperation)
        case cancel(UInt64)
        case stop
    }

    private let inbox = Mutex<[Command]>([])
    private let wakeup: SelfPipe?
    private var connections: [UInt64: Connection] = [:]
    private var deadlines = TimerQueue<UInt64>()
    private var contexts: [TLSSettings: TLSContext] = [:]
    private var running = true

    /// Starts the loop's thread.
    init() {
        wakeup = SelfPipe()
        let thread = Thread { [self] in self.run() }
        thread.name = "vedetta-tcp"
        thread.start()
    }

    /// Queues `operation`; its completion is resumed on the loop thread.
    func submit(_ operation: ConnectOperation) { send(.start(operation)) }

    /// Drops the check `id` (its waiter was already resumed) and closes its socket.
    func cancel(_ id: UInt64) { send(.cancel(id)) }

    /// Fails every check with ``ConnectError/Code/cancelled``, closes every socket and ends the thread.
    func stop() { send(.stop) }

    private func send(_ command: Command) {
        inbox.withLock { $0.append(command) }
        if let wakeup {
            wakeup.signal()
        } else if case .start(let operation) = command {
            operation.completion.resume(
                .failure(operation.failure(.other, phase: "connect", "the TCP loop has no wake-up pipe")))
        }
    }

    private func run() {
        while running {
            let commands = inbox.withLock { queued in
                defer { queued.removeAll(keepingCapacity: true) }
                return queued
            }
            for command in commands { handle(command) }
            guard running else { break }
            expireDeadlines()
            wait()
        }
        for (_, connection) in connections {
            let operation = connection.operation
            operation.completion.resume(
                .failure(operation.failure(.cancelled, phase: "connect", "the TCP engine shut down")))
        }
        connections.removeAll()
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let operation): start(operation)
        case .cancel(let id): connections[id] = nil
        case .stop: running = false
        }
    }

    private func start(_ operation: ConnectOperation) {
        switch Connection.start(operation) {
        case .failure(let error):
            operation.completion.resume(.failure(error))
        case .success(let connection):
            connections[operation.id] = connection
            deadlines.schedule(operation.id, at: operation.deadline)
        }
    }

    private func context(for settings: TLSSettings) -> TLSContext? {
        if let context = contexts[settings] { return context }
        let context = TLSContext(settings)
        contexts[settings] = context
        return context
    }

    private func step(_ connection: Connection) {
        guard let result = connection.advance(contexts: context(for:)) else { return }
        connections[connection.operation.id] = nil
        connection.operation.completion.resume(result)
    }

    private func expireDeadlines() {
        let now = LoopClock.monotonic()
        while let id = deadlines.popDue(at: now) {
            guard let connection = connections.removeValue(forKey: id) else { continue }
            connection.operation.completion.resume(.failure(connection.timedOut()))
        }
    }

    private func wait() {
        var descriptors: [pollfd] = []
        var waiting: [Connection] = []
        descriptors.reserveCapacity(connections.count + 1)
        waiting.reserveCapacity(connections.count)
        if let wakeup { descriptors.append(pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)) }
        for connection in connections.values {
            let events = connection.wait == .readable ? POLLIN : POLLOUT
            descriptors.append(pollfd(fd: connection.descriptor, events: Int16(events), revents: 0))
            waiting.append(connection)
        }
        var timeout: Int32 = -1
        if let due = deadlines.nextDue {
            let now = LoopClock.monotonic()
            timeout = due <= now ? 0 : Int32(min((due - now + 999_999) / 1_000_000, 60_000))
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        guard ready > 0 else { return }
        let offset = wakeup == nil ? 0 : 1
        if offset == 1, descriptors[0].revents != 0 { wakeup?.drain() }
        for (index, connection) in waiting.enumerated() where descriptors[index + offset].revents != 0 {
            step(connection)
        }
    }
}
