import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaReports

/// One UTC day of incidents on two devices, by device: overlaps, an incident from the day before, one still open,
/// one without a device, one after the period, and a restoration after the period's end.
@Suite("ReportBuilder: the edges of a period")
struct ReportEdgeTests {
    /// The period: one day from midnight UTC, 2023-11-15.
    private let from = Date(timeIntervalSince1970: 1_700_006_400)
    private var to: Date { from + 86_400 }

    private func span(
        _ id: Int64, device: String?, detected: Double, acknowledged: Double? = nil, restored: Double? = nil
    ) -> IncidentSpan {
        IncidentSpan(
            id: id, rule: "DeviceUnreachable", severity: .critical,
            labels: device.map { ["device": $0] } ?? LabelSet(), detectedAt: from + detected,
            acknowledgedAt: acknowledged.map { from + $0 }, restoredAt: restored.map { from + $0 })
    }

    private var spans: [IncidentSpan] {
        [
            span(1, device: "sw1", detected: 3600, acknowledged: 4200, restored: 5400),
            span(2, device: "sw1", detected: 7200, acknowledged: 7320, restored: 10_800),
            span(3, device: "sw1", detected: 9000, restored: 12_600),
            span(4, device: "ups1", detected: -3600, restored: 2700),
            span(5, device: "ups1", detected: 82_800),
            span(6, device: nil, detected: 100, restored: 200),
            span(7, device: "sw1", detected: 90_000, restored: 90_600),
        ]
    }

    private func report(_ spans: [IncidentSpan], devices: [String] = ["sw1", "ups1", "router9"]) -> KPIReport {
        ReportBuilder(settings: ReportSettings(timeZone: .gmt)).build(
            ReportRequest(
                from: from, to: to, grouping: .device,
                devices: devices.map { ReportRequest.Device(id: DeviceID($0), labels: LabelSet()) }),
            spans: IncidentSpanTable(spans))
    }

    private func group(_ report: KPIReport, _ key: String?) -> KPIReport.Group? {
        report.groups.first { $0.key == key }
    }

    @Test("overlapping incidents count once; MTTR and MTTA of the incidents that began in the period")
    func overlaps() throws {
        let sw1 = try #require(group(report(spans), "sw1"))
        #expect(sw1.incidents == 3)
        #expect(sw1.timeToRestore?.mean == 3000)
        #expect(sw1.timeToAcknowledge?.mean == 360)
        #expect(sw1.downtimeSeconds == 7200)
        let expected: Double = 100 * (1 - 7200.0 / 86_400)
        #expect(sw1.availability == expected)
    }

    @Test("an incident from before the period counts as downtime only; an open one runs to the end")
    func edges() throws {
        let ups1 = try #require(group(report(spans), "ups1"))
        #expect(ups1.incidents == 1)
        #expect(ups1.timeToRestore == nil)
        #expect(ups1.downtimeSeconds == 2700 + 3600)
    }

    @Test("a device without incidents is fully available; an incident without a device affects none")
    func quietDevice() throws {
        let built = report(spans)
        let router = try #require(group(built, "router9"))
        #expect(router.availability == 100)
        #expect(router.incidents == 0)
        let unlabelled = try #require(group(built, nil))
        #expect(unlabelled.incidents == 1)
        #expect(unlabelled.devices == 0)
        #expect(unlabelled.availability == nil)
    }

    @Test("a restoration or acknowledgement after the end of the period is not known yet")
    func onlyWhatWasKnown() throws {
        let late = span(1, device: "sw1", detected: 86_000, acknowledged: 86_500, restored: 87_000)
        let sw1 = try #require(group(report([late]), "sw1"))
        #expect(sw1.incidents == 1)
        #expect(sw1.timeToRestore == nil)
        #expect(sw1.timeToAcknowledge == nil)
        #expect(sw1.downtimeSeconds == 400)
    }
}
