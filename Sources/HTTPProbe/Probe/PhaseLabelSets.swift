import Synchronization
import VedettaCore
import VedettaProbes

/// The label sets of a probe's per-phase samples: the target's labels plus `phase`, one set per phase.
///
/// A target's labels change only with the configuration, so the sets are made when the labels differ from the last
/// ones seen and reused on every other run: a check does not copy and hash the labels once per phase.
final class PhaseLabelSets: Sendable {
    private let phases: [ProbePhase]
    private let latest = Mutex<(labels: LabelSet, sets: [LabelSet])?>(nil)

    /// Creates the cache for `phases`, in the order their sets are returned.
    init(phases: [ProbePhase]) {
        self.phases = phases
    }

    /// `labels` with `phase` set to each phase, in the order given at creation.
    func labelSets(for labels: LabelSet) -> [LabelSet] {
        if let cached = latest.withLock({ $0 }), cached.labels == labels { return cached.sets }
        let sets = phases.map { phase in
            var phaseLabels = labels
            phaseLabels["phase"] = phase.rawValue
            return phaseLabels
        }
        latest.withLock { $0 = (labels, sets) }
        return sets
    }
}
