import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a target's host into a numeric net-snmp transport address (`udp:192.0.2.1:161`, `udp6:[2001:db8::1]:161`).
///
/// Name resolution blocks, so it never runs on the event-loop thread (where it would delay every other device):
/// numeric addresses are converted directly, names are resolved on a global dispatch queue.
enum SNMPAddressResolver {
    /// The transport address for `settings`.
    /// - Throws: ``SNMPError/Code/unreachable`` when the name does not resolve.
    static func peer(for settings: SNMPTargetSettings) async throws(SNMPError) -> String {
        if let numeric = numericPeer(host: settings.host, port: settings.port) { return numeric }
        let host = settings.host
        let port = settings.port
        let cancelled = SNMPError(
            .cancelled, target: settings.address, detail: "the task was cancelled during name resolution")
        let unresolved = SNMPError(.unreachable, target: settings.address, detail: "no address for \(host)")
        let waiter = Waiter()
        let result: Result<String, SNMPError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard waiter.wait(continuation, orResume: .failure(cancelled)) else { return }
                DispatchQueue.global().async {
                    let resolved = resolve(host)
                    waiter.resume(resolved.map { .success(transport(address: $0, port: port)) } ?? .failure(unresolved))
                }
            }
        } onCancel: {
            waiter.cancel(with: .failure(cancelled))
        }
        return try result.get()
    }

    /// Resumes a resolution's continuation exactly once: with the answer, or at once on cancellation.
    private final class Waiter: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Result<String, SNMPError>, Never>?
            var isCancelled = false
        }

        private let state = Mutex(State())

        /// Stores `continuation`; if cancellation came first, resumes it with `early` and returns `false`.
        func wait(
            _ continuation: CheckedContinuation<Result<String, SNMPError>, Never>,
            orResume early: Result<String, SNMPError>
        ) -> Bool {
            let stored = state.withLock { state in
                guard !state.isCancelled else { return false }
                state.continuation = continuation
                return true
            }
            if !stored { continuation.resume(returning: early) }
            return stored
        }

        /// Resumes the waiting continuation, if it is still waiting.
        func resume(_ result: Result<String, SNMPError>) {
            state.withLock { $0.continuation.take() }?.resume(returning: result)
        }

        /// Marks the resolution cancelled and resumes the continuation with `result`.
        func cancel(with result: Result<String, SNMPError>) {
            state.withLock { state in
                state.isCancelled = true
                return state.continuation.take()
            }?.resume(returning: result)
        }
    }

    /// The transport address when `host` is already an IPv4 or IPv6 literal, else `nil`.
    static func numericPeer(host: String, port: Int) -> String? {
        var bytes = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, host, &bytes) == 1 { return "udp:\(host):\(port)" }
        if inet_pton(AF_INET6, host, &bytes) == 1 { return "udp6:[\(host)]:\(port)" }
        return nil
    }

    private static func transport(address: String, port: Int) -> String {
        address.contains(":") ? "udp6:[\(address)]:\(port)" : "udp:\(address):\(port)"
    }

    /// The first address of `host`, IPv4 preferred, in numeric form.
    private static func resolve(_ host: String) -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        #else
            hints.ai_socktype = SOCK_DGRAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var candidates: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor, candidates.count < 16 {
            if let text = numericText(entry.pointee) { candidates.append(text) }
            cursor = entry.pointee.ai_next
        }
        return candidates.first { !$0.contains(":") } ?? candidates.first
    }

    private static func numericText(_ entry: addrinfo) -> String? {
        guard let address = entry.ai_addr else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let status = getnameinfo(
            address, entry.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        guard status == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
