import CCurl
import Foundation
import Logging
import SocketKit
import Synchronization

/// The engine thread: one `curl_multi` handle driving every transfer in flight.
///
/// Other threads talk to it only through ``inbox`` (a mutex) and `curl_multi_wakeup`; the multi handle,
/// ``active`` and the transfers in it belong to the loop thread. Wake-ups happen under the mutex while the
/// state is not `.stopped`, and the loop frees the multi handle only after setting `.stopped`, so no
/// wake-up can reach a freed handle.
final class MultiLoop: @unchecked Sendable {
    private enum State { case running, stopping, stopped }

    private struct Inbox {
        var state: State
        var nextID: UInt64 = 0
        var pending: [EasyTransfer] = []
        var cancelled: [UInt64] = []
        /// Whether the loop has been woken since it last emptied the inbox: one wake-up serves a whole batch.
        var woken = false
    }

    private let multi: UnsafeMutableRawPointer?
    private let inbox: Mutex<Inbox>
    private let logger: Logger
    /// Whether the loop thread has ended, and who waits for it to.
    private let exit = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    /// Transfers added to the multi handle, by easy handle; loop thread only.
    private var active: [UnsafeMutableRawPointer: EasyTransfer] = [:]
    /// Easy handles of active transfers, by transfer ID; loop thread only.
    private var handles: [UInt64: UnsafeMutableRawPointer] = [:]

    /// Creates the multi handle and starts the loop thread; without a handle, every request fails.
    init(logger: Logger) {
        self.logger = logger
        let multi = CurlGlobal.isInitialized ? curl_multi_init() : nil
        self.multi = multi
        self.inbox = Mutex(Inbox(state: multi == nil ? .stopped : .running))
        guard multi != nil else {
            logger.info("curl engine could not start", metadata: ["curl.error": "curl_multi_init failed"])
            exit.withLock { $0.done = true }
            return
        }
        Thread.start(named: "vedetta-curl") { [self] in run() }
    }

    /// A new transfer identifier.
    func makeID() -> UInt64 {
        inbox.withLock { inbox in
            inbox.nextID += 1
            return inbox.nextID
        }
    }

    /// Hands `transfer` to the loop, or completes it at once when the calling task is already cancelled or the
    /// loop has stopped. Must be called from the awaiting task, so `Task.isCancelled` is its flag.
    func submit(_ transfer: EasyTransfer) {
        let refusal: String? = inbox.withLock { inbox in
            guard inbox.state == .running else { return "the HTTP engine has shut down" }
            guard !Task.isCancelled else { return "the task was cancelled" }
            inbox.pending.append(transfer)
            wakeUp(&inbox)
            return nil
        }
        if let refusal { transfer.complete(.failure(.cancelled(transfer.request, reason: refusal))) }
    }

    /// Asks the loop to remove transfer `id` and resume it with a cancellation error, if it is still running.
    func cancel(_ id: UInt64) {
        inbox.withLock { inbox in
            guard inbox.state == .running else { return }
            inbox.cancelled.append(id)
            wakeUp(&inbox)
        }
    }

    /// Asks the loop to stop, failing every transfer in flight; returns at once (it never blocks the caller's
    /// thread, a cooperative one included). ``stopped()`` waits for the thread to end.
    func shutdown() {
        inbox.withLock { inbox in
            guard inbox.state == .running else { return }
            inbox.state = .stopping
            wakeUp(&inbox)
        }
    }

    /// Returns once the loop thread has ended (after ``shutdown()``), without blocking a thread meanwhile.
    func stopped() async {
        await withCheckedContinuation { continuation in
            let done = exit.withLock { exit in
                if !exit.done { exit.waiters.append(continuation) }
                return exit.done
            }
            if done { continuation.resume() }
        }
    }

    /// Wakes the loop unless it is already woken and has not yet emptied the inbox. Call with the inbox locked and
    /// the state not `.stopped`.
    private func wakeUp(_ inbox: inout Inbox) {
        guard !inbox.woken else { return }
        inbox.woken = true
        if let multi { _ = curl_multi_wakeup(multi) }
    }

    private func run() {
        guard let multi else { return }
        logger.debug("curl engine started")
        while true {
            let (pending, cancelled, stopping) = inbox.withLock { inbox in
                defer { (inbox.pending, inbox.cancelled, inbox.woken) = ([], [], false) }
                return (inbox.pending, inbox.cancelled, inbox.state != .running)
            }
            for transfer in pending { add(transfer, to: multi) }
            for id in cancelled { remove(id, from: multi, reason: "the task was cancelled") }
            if stopping { break }
            var running: Int32 = 0
            let code = curl_multi_perform(multi, &running)
            if code != CURLM_OK {
                logger.debug("curl_multi_perform failed", metadata: ["curl.code": "\(code.rawValue)"])
            }
            collectCompleted(from: multi)
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for id in Array(handles.keys) { remove(id, from: multi, reason: "the HTTP engine has shut down") }
        inbox.withLock { $0.state = .stopped }
        curl_multi_cleanup(multi)
        logger.debug("curl engine stopped")
        let waiters = exit.withLock { exit in
            exit.done = true
            defer { exit.waiters = [] }
            return exit.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func add(_ transfer: EasyTransfer, to multi: UnsafeMutableRawPointer) {
        let code = curl_multi_add_handle(multi, transfer.handle)
        guard code == CURLM_OK else {
            let detail = "curl_multi_add_handle: " + String(cString: curl_multi_strerror(code))
            let request = transfer.request
            transfer.complete(.failure(CurlError(.other, method: request.method, url: request.url, detail: detail)))
            return
        }
        active[transfer.handle] = transfer
        handles[transfer.id] = transfer.handle
    }

    private func remove(_ id: UInt64, from multi: UnsafeMutableRawPointer, reason: String) {
        guard let handle = handles.removeValue(forKey: id), let transfer = active.removeValue(forKey: handle) else {
            return  // already finished
        }
        _ = curl_multi_remove_handle(multi, handle)
        transfer.logger.debug("HTTP transfer cancelled", metadata: ["http.url": "\(transfer.request.url)"])
        transfer.complete(.failure(.cancelled(transfer.request, reason: reason)))
    }

    private func collectCompleted(from multi: UnsafeMutableRawPointer) {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard vedetta_curl_msg_is_done(message) != 0, let handle = vedetta_curl_msg_easy_handle(message) else {
                continue
            }
            let result = vedetta_curl_msg_result(message)
            guard let transfer = active.removeValue(forKey: handle) else { continue }
            handles.removeValue(forKey: transfer.id)
            _ = curl_multi_remove_handle(multi, handle)
            transfer.complete(transfer.finish(result))
        }
    }
}
