import Metrics
import Synchronization

/// The metric handlers every probe run updates, made once per kind and outcome: making a swift-metrics `Counter`
/// or `Timer` asks the metrics backend to look its series up, which on every run cost more than the increment.
final class ProbeRunMetrics: Sendable {
    /// The process-wide handlers.
    static let shared = ProbeRunMetrics()

    private struct Handlers {
        var runs: [String: Counter] = [:]
        var durations: [String: Timer] = [:]
    }

    private let handlers = Mutex(Handlers())

    /// `vedetta_probe_runs_total{kind, outcome}` and `vedetta_probe_duration_seconds{kind}`.
    func handlers(kind: String, outcome: String) -> (runs: Counter, durations: Timer) {
        handlers.withLock { handlers in
            let key = kind + "\u{0}" + outcome
            let runs =
                handlers.runs[key]
                ?? Counter(label: "vedetta_probe_runs_total", dimensions: [("kind", kind), ("outcome", outcome)])
            let durations =
                handlers.durations[kind]
                ?? Timer(label: "vedetta_probe_duration_seconds", dimensions: [("kind", kind)])
            handlers.runs[key] = runs
            handlers.durations[kind] = durations
            return (runs, durations)
        }
    }
}
