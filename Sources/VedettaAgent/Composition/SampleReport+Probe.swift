import Foundation
import VedettaAlerting
import VedettaCore
import VedettaProbes

extension SampleReport {
    /// The alerting core's view of a probe report.
    init(_ report: ProbeReport) {
        let finished = Date()
        self.init(
            device: report.target.device,
            source: SampleReport.source(kind: report.kind.rawValue, check: report.target.labels["check"]),
            samples: report.result.samples,
            countersRestarted: report.result.countersRestarted,
            at: finished,
            startedAt: finished.addingTimeInterval(-report.duration.seconds)
        )
    }
}
