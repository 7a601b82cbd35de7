import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SIP requests over UDP of a ``SIPEngine`` as they run on its ``SocketKit/SocketLoop`` thread: one
/// connected socket per request (``SIPTransaction``), and timers for retransmissions and deadlines. Touched only
/// on the loop thread.
final class SIPUDPDriver: SocketLoopDriver {
    enum Command: Sendable {
        case start(SIPOperation)
        case cancel(UInt64)
    }

    private enum TimerEvent {
        case retransmit(UInt64)
        case deadline(UInt64)
    }

    private var transactions: [UInt64: SIPTransaction] = [:]
    private var timers = TimerQueue<TimerEvent>()
    private var waiting: [SIPTransaction] = []

    func handle(_ command: Command) {
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
        }
    }

    var nextDue: UInt64? { timers.nextDue }

    func fireTimers(now: UInt64) {
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

    func appendDescriptors(to descriptors: inout [pollfd]) {
        waiting = Array(transactions.values)
        for transaction in waiting {
            descriptors.append(pollfd(fd: transaction.descriptor, events: Int16(POLLIN), revents: 0))
        }
    }

    func descriptorReady(at index: Int, events: Int16) {
        let transaction = waiting[index]
        guard transactions[transaction.operation.id] === transaction, let result = transaction.receive() else {
            return
        }
        finish(transaction.operation.id, result)
    }

    func shutDown() {
        for (_, transaction) in transactions {
            transaction.operation.completion.resume(
                .failure(transaction.operation.failure(.cancelled, "the SIP engine shut down")))
        }
        transactions.removeAll()
        waiting.removeAll()
    }

    private func finish(_ id: UInt64, _ result: Result<SIPReport, SIPError>) {
        guard let transaction = transactions.removeValue(forKey: id) else { return }
        transaction.operation.completion.resume(result)
    }
}
