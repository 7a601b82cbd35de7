import Logging
import Synchronization
public import VedettaCore

extension ScheduledProbe {
    /// What tells one scheduled probe from another across configuration reloads: the device, the probe kind and
    /// the check's name (the `check` label), if it has one.
    public struct Key: Hashable, Sendable {
        /// The device.
        public var device: DeviceID
        /// The probe kind.
        public var kind: String
        /// The check's name, for a device with several checks of the kind.
        public var check: String?

        /// Creates a key.
        public init(device: DeviceID, kind: String, check: String?) {
            self.device = device
            self.kind = kind
            self.check = check
        }
    }

    /// The probe's identity across reloads.
    public var key: Key {
        Key(device: target.device, kind: probe.kind.rawValue, check: target.labels["check"])
    }
}

/// The probes a ``PollScheduler`` runs, by a number that stays the same while the probe stays configured, so that
/// its place in the agenda and its run in flight survive a reload that replaces the probe set.
struct ProbeTable {
    struct Entry {
        var scheduled: ScheduledProbe
        var runLogger: Logger
        /// Whether the probe has run since it was added (its second run settles on its steady phase).
        var hasRun = false
    }

    private(set) var entries: [Int: Entry] = [:]
    private var ids: [ScheduledProbe.Key: Int] = [:]
    private var nextID = 0

    /// What a replacement changed.
    struct Replacement {
        /// The numbers of the probes that are new.
        var added: [Int] = []
        /// How many probes were replaced in place (same key).
        var kept = 0
        /// How many probes are gone.
        var removed = 0
    }

    /// Replaces the probe set: a probe with the key of one already there takes its number (and so its due time);
    /// others get new numbers; the missing ones are dropped.
    mutating func replace(with probes: [ScheduledProbe], logger: Logger) -> Replacement {
        var replacement = Replacement()
        var next: [Int: Entry] = [:]
        var nextIDs: [ScheduledProbe.Key: Int] = [:]
        for scheduled in probes {
            let key = scheduled.key
            guard nextIDs[key] == nil else { continue }  // the configuration makes keys unique
            let runLogger = ProbeRunner.runLogger(for: scheduled, parent: logger)
            if let id = ids[key], let entry = entries[id] {
                next[id] = Entry(scheduled: scheduled, runLogger: runLogger, hasRun: entry.hasRun)
                nextIDs[key] = id
                replacement.kept += 1
            } else {
                next[nextID] = Entry(scheduled: scheduled, runLogger: runLogger)
                nextIDs[key] = nextID
                replacement.added.append(nextID)
                nextID += 1
            }
        }
        replacement.removed = entries.count - replacement.kept
        entries = next
        ids = nextIDs
        return replacement
    }

    /// Marks probe `id` as having run; returns whether it had before.
    mutating func markRun(_ id: Int) -> Bool {
        guard let entry = entries[id] else { return false }
        entries[id]?.hasRun = true
        return entry.hasRun
    }
}

/// The probe sets handed to a running scheduler, and the wake-up of its sleep when one arrives.
final class ProbeUpdates: Sendable {
    /// A probe set and, when it changes, the most runs in flight at once.
    struct Update {
        var probes: [ScheduledProbe]
        var maxConcurrentProbes: Int?
    }

    private struct State {
        var pending: Update?
        var waiter: CheckedContinuation<Void, Never>?
        /// The numbers of the probes configured now, so that a run that was in flight when its probe was removed is
        /// not reported.
        var live: Set<Int> = []
    }

    private let state = Mutex(State())

    /// Hands over a new probe set; the scheduler applies it at once.
    func post(_ update: Update) {
        let waiter = state.withLock { state in
            state.pending = update
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// The probe set posted since the last call, if any.
    func take() -> Update? {
        state.withLock { state in
            defer { state.pending = nil }
            return state.pending
        }
    }

    /// Records the numbers of the probes configured now.
    func setLive(_ ids: some Sequence<Int>) {
        let ids = Set(ids)
        state.withLock { $0.live = ids }
    }

    /// Whether probe `id` is configured now.
    func isLive(_ id: Int) -> Bool {
        state.withLock { $0.live.contains(id) }
    }

    /// Returns once a probe set is posted, or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.pending != nil || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
