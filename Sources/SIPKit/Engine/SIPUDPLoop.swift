import Foundation
import SocketKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The thread that drives every SIP request over UDP of a ``SIPEngine``: one connected socket per request, `poll`
/// over all of them plus a self-pipe, and timers for retransmissions and deadlines. A server that never answers
/// costs only its own deadline.
///
/// Other threads talk to it only through ``submit(_:)``, ``cancel(_:)`` and ``stop()``; everything else is
/// touched only on the loop thread (hence `@unchecked Sendable`).
final class SIPUDPLoop: @unchecked Sendable {
    private enum Command {
        case start(SIPOperation)
        case cancel(UInt64)
        case stop
    }

    private enum TimerEvent {
        case retransmit(UInt64)
        case deadline(UInt64)
    }

    private let inbox = Mutex<[Command]>([])
    private let wakeup: SelfPipe?
    private var transactions: [UInt64: SIPTransaction] = [:]
    private var timers = TimerQueue<TimerEvent>()
    private var running = true

    /// Starts the loop's thread.
    init() {
        wakeup = SelfPipe()
        let thread = Thread { [self] in self.run() }
        thread.name = "vedetta-sip"
        thread.start()
    }

    /// Queues `operation`; its completion is resumed on the loop thread.
    func submit(_ operation: SIPOperation) { send(.start(operation)) }

    /// Drops the request `id` (its waiter was already resumed).
    func cancel(_ id: UInt64) { send(.cancel(id)) }

    /// Fails every request with ``SIPError/Code/cancelled`` and ends the thread.
    func stop() { send(.stop) }

    private func send(_ command: Command) {
        inbox.withLock { $0.append(command) }
        if let wakeup {
            wakeup.signal()
        } else if case .start(let operation) = command {
            operation.completion.resume(.failure(operation.failure(.other, "the SIP loop has no wake-up pipe")))
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
            fireTimers()
            wait()
        }
        for (_, transaction) in transactions {
            transaction.operation.completion.resume(
                .failure(transaction.operation.failure(.cancelled, "the SIP engine shut down")))
        }
        transactions.removeAll()
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let operation):
            switch SIPTransaction.start(operation) {
            case .failure(let error): operation.completion.resume(.failure(error))
            case .success(let transaction):
                transactions[operation.id] = transaction
                timers.schedule(.retransmit(operation.id), at: transaction.nextRetransmission)
                timers.schedule(.deadline(operation.id), at: operation.deadline)
            }
        case .cancel(let id): transactions[id] = nil
        case .stop: running = false
        }
    }

    private func finish(_ id: UInt64, _ result: Result<SIPReport, SIPError>) {
        guard let transaction = transactions.removeValue(forKey: id) else { return }
        transaction.operation.completion.resume(result)
    }

    private func fireTimers() {
        let now = LoopClock.monotonic()
        while let event = timers.popDue(at: now) {
            switch event {
            case .retransmit(let id):
                guard let transaction = transactions[id] else { continue }
                if let failure = transaction.retransmit() {
                    finish(id, .failure(failure))
                } else {
                    timers.schedule(.retransmit(id), at: transaction.nextRetransmission)
                }
            case .deadline(let id):
                guard let transaction = transactions[id] else { continue }
                finish(id, .failure(transaction.timedOut()))
            }
        }
    }

    private func wait() {
        var descriptors: [pollfd] = []
        var waiting: [SIPTransaction] = []
        descriptors.reserveCapacity(transactions.count + 1)
        if let wakeup { descriptors.append(pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)) }
        for transaction in transactions.values {
            descriptors.append(pollfd(fd: transaction.descriptor, events: Int16(POLLIN), revents: 0))
            waiting.append(transaction)
        }
        var timeout: Int32 = -1
        if let due = timers.nextDue {
            let now = LoopClock.monotonic()
            timeout = due <= now ? 0 : Int32(min((due - now + 999_999) / 1_000_000, 60_000))
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        guard ready > 0 else { return }
        let offset = wakeup == nil ? 0 : 1
        if offset == 1, descriptors[0].revents != 0 { wakeup?.drain() }
        for (index, transaction) in waiting.enumerated() where descriptors[index + offset].revents != 0 {
            if let result = transaction.receive() { finish(transaction.operation.id, result) }
        }
    }
}
