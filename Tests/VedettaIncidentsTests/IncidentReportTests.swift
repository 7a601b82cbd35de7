import Foundation
import Testing
import VedettaCore
import VedettaIncidents

@Suite("IncidentReport")
struct IncidentReportTests {
    /// The period: one day from midnight UTC, 2023-11-15.
    private let from = Date(timeIntervalSince1970: 1_700_006_400)
    private var to: Date { from + 86_400 }

    private func incident(
        _ id: Int64,
        device: String?,
        detected: Double,
        acknowledged: Double? = nil,
        restored: Double? = nil
    ) -> Incident {
        Incident(
            id: id,
            fingerprint: "f\(id)",
            rule: "DeviceUnreachable",
            severity: .critical,
            labels: device.map { ["device": $0] } ?? LabelSet(),
            detectedAt: from + detected,
            acknowledgedAt: acknowledged.map { from + $0 },
            restoredAt: restored.map { from + $0 }
        )
    }

    /// sw1: three incidents, two of them overlapping; ups1: one carried over from yesterday and one still open.
    private var timeline: [Incident] {
        [
            // sw1 down 01:00–01:30, acknowledged after 10 min.
            incident(1, device: "sw1", detected: 3600, acknowledged: 4200, restored: 5400),
            // sw1 down 02:00–03:00, acknowledged after 2 min; overlaps the next one.
            incident(2, device: "sw1", detected: 7200, acknowledged: 7320, restored: 10_800),
            // sw1 02:30–03:30: only 30 more minutes of downtime.
            incident(3, device: "sw1", detected: 9000, restored: 12_600),
            // ups1 from yesterday 23:00 to 00:45: 45 min in the period, not counted as detected in it.
            incident(4, device: "ups1", detected: -3600, restored: 2700),
            // ups1 down from 23:00 today, still open: 1 hour to the end of the period.
            incident(5, device: "ups1", detected: 82_800),
            // No device label: ignored.
            incident(6, device: nil, detected: 100, restored: 200),
            // Tomorrow: outside the period.
            incident(7, device: "sw1", detected: 90_000, restored: 90_600),
        ]
    }

    @Test("sw1: count, MTTR, MTTA, merged downtime and availability")
    func figures_forSwitch() {
        let report = IncidentReport(incidents: timeline, from: from, to: to)
        let sw1 = report.figures(for: "sw1")
        #expect(sw1.incidentCount == 3)
        // Restore times 30, 60 and 60 minutes.
        #expect(sw1.meanTimeToRestore == .seconds(3000))
        // Acknowledge times 10 and 2 minutes; incident 3 was never acknowledged.
        #expect(sw1.meanTimeToAcknowledge == .seconds(360))
        // 30 min + (02:00–03:30 = 90 min).
        #expect(sw1.downtime == .seconds(7200))
        #expect(abs(sw1.availability - 100 * (1 - 7200.0 / 86_400)) < 1e-9)
    }

    @Test("ups1: an incident from before the period counts as downtime only; an open one runs to the end")
    func figures_forUPS() {
        let report = IncidentReport(incidents: timeline, from: from, to: to)
        let ups1 = report.figures(for: "ups1")
        #expect(ups1.incidentCount == 1)
        #expect(ups1.meanTimeToRestore == nil)
        #expect(ups1.meanTimeToAcknowledge == nil)
        #expect(ups1.downtime == .seconds(2700 + 3600))
        #expect(abs(ups1.availability - 100 * (1 - 6300.0 / 86_400)) < 1e-9)
    }

    @Test("devices without incidents are fully available; unlabelled incidents are left out")
    func figures_forQuietDevice() {
        let report = IncidentReport(incidents: timeline, from: from, to: to)
        #expect(Set(report.devices.keys) == ["sw1", "ups1"])
        #expect(report.figures(for: "router9") == IncidentReport.Figures())
        #expect(report.figures(for: "router9").availability == 100)
    }

    @Test("a restoration after the end of the period is not known yet")
    func figures_useOnlyWhatWasKnownAtTheEnd() {
        let late = incident(1, device: "sw1", detected: 86_000, acknowledged: 86_500, restored: 87_000)
        let figures = IncidentReport(incidents: [late], from: from, to: to).figures(for: "sw1")
        #expect(figures.incidentCount == 1)
        #expect(figures.meanTimeToRestore == nil)
        #expect(figures.meanTimeToAcknowledge == nil)
        #expect(figures.downtime == .seconds(400))
    }

    @Test("an empty or reversed period gives no figures")
    func init_emptyPeriod() {
        #expect(IncidentReport(incidents: timeline, from: from, to: from).devices.isEmpty)
        #expect(IncidentReport(incidents: timeline, from: to, to: from).devices.isEmpty)
    }
}
