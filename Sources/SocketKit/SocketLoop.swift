import Foundation
import Synchronization

#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// What runs on a ``SocketLoop``'s thread: the state of one protocol's sockets and timers, touched only there.
public protocol SocketLoopDriver: AnyObject, SendableMetatype {
    /// What other threads ask of the loop (start a request, drop one).
    associatedtype Command: Sendable

    /// Handles a command from ``SocketLoop/send(_:)``.
    func handle(_ command: Command)

    /// Fires every timer due at `now` (nanoseconds on `CLOCK_MONOTONIC`).
    func fireTimers(now: UInt64)

    /// The earliest timer still pending, when there is one.
    var nextDue: UInt64? { get }

    /// Appends the descriptors to wait on, with the events each waits for.
    func appendDescriptors(to descriptors: inout [pollfd])

    /// The descriptor appended at `index` (in the last ``appendDescriptors(to:)``) is ready with `events`.
    func descriptorReady(at index: Int, events: Int16)

    /// The loop is ending: fail every request still waiting, close every socket.
    func shutDown()
}

/// One thread driving sockets with `poll`: commands queued under a mutex and a self-pipe to wake it, timers from
/// the driver, readiness handed back to the driver. The ICMP, TCP and SIP kits each run their protocol as a
/// ``SocketLoopDriver`` on one of these, so a slow or silent host never holds up another.
public final class SocketLoop<Driver: SocketLoopDriver>: @unchecked Sendable {
    private enum Message {
        case command(Driver.Command)
        case stop
    }

    private let inbox = Mutex<[Message]>([])
    private let wakeup: SelfPipe?
    private let driver: Driver
    private var running = true

    /// Starts the thread.
    /// - Parameters:
    ///   - name: The thread's name, e.g. `vedetta-icmp` (what `top -H` and `/proc/PID/task/*/comm` show; at most
    ///     15 bytes, Linux's limit).
    ///   - driver: The protocol's state; from now on touched only on the loop thread.
    public init(name: String, driver: Driver) {
        self.driver = driver
        wakeup = SelfPipe()
        Thread.start(named: name) { [self] in self.run() }
    }

    /// Whether the loop can be woken; without its self-pipe (the system refused one) commands are never handled,
    /// and callers fail their requests at once.
    public var isUsable: Bool { wakeup != nil }

    /// Queues `command` for the loop thread.
    public func send(_ command: Driver.Command) {
        inbox.withLock { $0.append(.command(command)) }
        wakeup?.signal()
    }

    /// Sends `start` and waits for `completion`, which the driver resumes; when the task is cancelled first,
    /// resumes it with `cancelled` at once and sends `cancel` so the driver drops the work.
    public func perform<Value: Sendable>(
        _ start: Driver.Command, completion: ResumeOnce<Value>, cancel: Driver.Command, cancelled: Value
    ) async -> Value {
        await withTaskCancellationHandler {
            await completion.wait { self.send(start) }
        } onCancel: {
            if completion.resume(cancelled) { self.send(cancel) }
        }
    }

    /// Ends the thread after the commands queued so far; the driver's ``SocketLoopDriver/shutDown()`` runs last.
    public func stop() {
        inbox.withLock { $0.append(.stop) }
        wakeup?.signal()
    }

    private func run() {
        guard wakeup != nil else { return }
        while running {
            let messages = inbox.withLock { queued in
                defer { queued.removeAll(keepingCapacity: true) }
                return queued
            }
            for message in messages {
                switch message {
                case .command(let command): driver.handle(command)
                case .stop: running = false
                }
            }
            guard running else { break }
            driver.fireTimers(now: LoopClock.monotonic())
            wait()
        }
        driver.shutDown()
    }

    private func wait() {
        var descriptors: [pollfd] = []
        if let wakeup { descriptors.append(pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)) }
        driver.appendDescriptors(to: &descriptors)
        var timeout: Int32 = -1
        if let due = driver.nextDue {
            let now = LoopClock.monotonic()
            timeout = due <= now ? 0 : Int32(min((due - now + 999_999) / 1_000_000, 60_000))
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        guard ready > 0 else { return }
        if descriptors[0].revents != 0 { wakeup?.drain() }
        for index in 1..<descriptors.count where descriptors[index].revents != 0 {
            driver.descriptorReady(at: index - 1, events: descriptors[index].revents)
        }
    }
}
