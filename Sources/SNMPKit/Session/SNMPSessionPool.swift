import VedettaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Idle sessions kept open between requests, so that a device polled every minute reuses one socket
/// (and, for SNMPv3, its discovered engine and localized keys) instead of opening a session per walk.
///
/// A session is keyed by everything that is fixed when it is opened: the peer, the version and the
/// credentials. Timeouts and retries are set on each request, so they are not part of the key. Sessions idle
/// for longer than ``idleLifetime`` are closed, and at most ``capacity`` are kept in all. Loop-thread only.
final class SNMPSessionPool {
    /// What a session is opened with; a request reuses only a session opened with exactly the same.
    struct Key: Hashable {
        /// The engine whose operations the session serves: engines never share sessions, and an engine that
        /// shuts down closes its own.
        var owner: UInt64
        /// The net-snmp transport address.
        var peer: String
        /// The protocol version.
        var version: SNMPProtocolVersion
        /// The community (v1/v2c).
        var community: Secret
        /// The SNMPv3 user (v3).
        var security: SNMPv3Security?

        init(owner: UInt64, peer: String, settings: SNMPTargetSettings) {
            self.owner = owner
            self.peer = peer
            self.version = settings.version
            self.community = settings.version == .v3 ? Secret("") : settings.community
            self.security = settings.version == .v3 ? settings.security : nil
        }
    }

    private struct Idle {
        var session: any SNMPTransport
        var since: ContinuousClock.Instant
    }

    /// How long an unused session stays open: longer than the usual polling intervals, so that each poll finds
    /// the session of the previous one.
    let idleLifetime: Duration
    /// The most idle sessions kept (each holds a socket).
    let capacity: Int
    private var idle: [Key: [Idle]] = [:]
    private var count = 0
    private var lastSweep = ContinuousClock.now
    /// No idle session is older than this: a sweep before it has nothing to close, and skips the walk over every
    /// idle session (thousands, once a second).
    private var oldestIdleSince: ContinuousClock.Instant?

    init(idleLifetime: Duration = .seconds(330), capacity: Int = SNMPSessionPool.defaultCapacity) {
        self.idleLifetime = idleLifetime
        self.capacity = capacity
    }

    /// The open-files limit less 2,048 descriptors for everything else (HTTP, curl, the store, plugins), from 256
    /// to 65,536: with `LimitNOFILE=65536` every device of a 60,000-device agent keeps its socket, and with the
    /// shell's usual 1,024 the pool still works, opening a session per poll for the devices it cannot keep.
    static var defaultCapacity: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 4096 }
        let open = Int(clamping: limit.rlim_cur)  // RLIM_INFINITY clamps to Int.max
        return min(max(open - 2048, 256), 65_536)
    }

    /// The number of idle sessions.
    var idleCount: Int { count }

    /// The number of idle sessions of the engine `owner`.
    func idleCount(owner: UInt64) -> Int {
        idle.filter { $0.key.owner == owner }.reduce(0) { $0 + $1.value.count }
    }

    /// Takes the most recently used idle session for `key`, if any.
    func checkOut(_ key: Key) -> (any SNMPTransport)? {
        guard var sessions = idle[key], let last = sessions.popLast() else { return nil }
        idle[key] = sessions.isEmpty ? nil : sessions
        count -= 1
        return last.session
    }

    /// Keeps `session` for the next request with `key`; closes it instead when the pool is full.
    func checkIn(_ session: any SNMPTransport, key: Key, now: ContinuousClock.Instant = .now) {
        guard count < capacity else { return }  // released here: deinit closes it
        idle[key, default: []].append(Idle(session: session, since: now))
        count += 1
        oldestIdleSince = min(oldestIdleSince ?? now, now)
    }

    /// Closes the sessions idle for longer than ``idleLifetime``; does the work at most once a second.
    func closeExpired(now: ContinuousClock.Instant = .now) {
        guard now - lastSweep >= .seconds(1) else { return }
        lastSweep = now
        let cutoff = now - idleLifetime
        guard let oldest = oldestIdleSince, oldest <= cutoff else { return }
        var stillOldest: ContinuousClock.Instant?
        for key in Array(idle.keys) {
            guard let sessions = idle[key] else { continue }
            let kept = sessions.filter { $0.since > cutoff }
            if let first = kept.map(\.since).min() { stillOldest = min(stillOldest ?? first, first) }
            guard kept.count != sessions.count else { continue }
            count -= sessions.count - kept.count
            idle[key] = kept.isEmpty ? nil : kept
        }
        oldestIdleSince = stillOldest
    }

    /// Closes every idle session of the engine `owner` (it shut down).
    func closeAll(owner: UInt64) {
        for key in idle.keys where key.owner == owner {
            count -= idle[key]?.count ?? 0
            idle[key] = nil
        }
    }

    /// Closes every idle session with this peer (e.g. after it failed authentication).
    func closeAll(peer: String) {
        for key in idle.keys where key.peer == peer {
            count -= idle[key]?.count ?? 0
            idle[key] = nil
        }
    }
}
