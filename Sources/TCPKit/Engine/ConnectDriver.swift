import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The TCP checks of a ``ConnectEngine`` as they run on its ``SocketKit/SocketLoop`` thread: non-blocking
/// sockets, each connection a small state machine (``Connection``), one timer per check for its deadline, and
/// the TLS contexts shared by checks with the same settings. Touched only on the loop thread.
final class ConnectDriver: SocketLoopDriver {
    enum Command: Sendable {
        case start(ConnectOperation)
        case cancel(UInt64)
    }

    private var connections: [UInt64: Connection] = [:]
    private var deadlines = TimerQueue<UInt64>()
    private var contexts: [TLSSettings: TLSContext] = [:]
    private var waiting: [Connection] = []

    func handle(_ command: Command) {
        switch command {
        case .start(let operation): start(operation)
        case .cancel(let id): connections[id] = nil
        }
    }

    var nextDue: UInt64? { deadlines.nextDue }

    func fireTimers(now: UInt64) {
        while let id = deadlines.popDue(at: now) {
            guard let connection = connections.removeValue(forKey: id) else { continue }
            connection.operation.completion.resume(.failure(connection.timedOut()))
        }
    }

    func appendDescriptors(to descriptors: inout [pollfd]) {
        waiting = Array(connections.values)
        for connection in waiting {
            let events = connection.wait == .readable ? POLLIN : POLLOUT
            descriptors.append(pollfd(fd: connection.descriptor, events: Int16(events), revents: 0))
        }
    }

    func descriptorReady(at index: Int, events: Int16) {
        let connection = waiting[index]
        guard connections[connection.operation.id] === connection,
            let result = connection.advance(contexts: context(for:))
        else { return }
        connections[connection.operation.id] = nil
        connection.operation.completion.resume(result)
    }

    func shutDown() {
        for (_, connection) in connections {
            let operation = connection.operation
            operation.completion.resume(
                .failure(operation.failure(.cancelled, phase: "connect", "the TCP engine shut down")))
        }
        connections.removeAll()
        waiting.removeAll()
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
}
