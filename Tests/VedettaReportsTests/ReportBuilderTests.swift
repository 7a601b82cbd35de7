import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaReports

/// Every figure below is computed by hand from the incidents of ``ReportFixture``.
@Suite("ReportBuilder: figures against hand-computed expectations")
struct ReportBuilderTests {
    private typealias F = ReportFixture

    private func near(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < tolerance
    }

    private func build(_ grouping: ReportGrouping, targets: [ReportTarget] = []) -> KPIReport {
        ReportBuilder(settings: F.settings(targets: targets)).build(
            F.request(grouping), spans: IncidentSpanTable(F.spans))
    }

    @Test("the business calendar skips the holiday and Sunday and keeps 08:00–21:00 across the DST change")
    func businessCalendar() throws {
        let from = Int64(F.from.timeIntervalSince1970 * 1000)
        let to = Int64(F.to.timeIntervalSince1970 * 1000)
        let set = F.business.intervals(from: from, to: to)
        #expect(set.intervals.count == 5)
        #expect(Double(set.length) / 1000 == F.businessSeconds)
        // Monday 30 March (after DST) still starts at 08:00 local: 06:00 UTC.
        let nextMonday = F.business.intervals(
            from: Int64(F.local("2026-03-30 00:00").timeIntervalSince1970 * 1000),
            to: Int64(F.local("2026-03-31 00:00").timeIntervalSince1970 * 1000))
        let monday = try #require(nextMonday.intervals.first)
        #expect(monday.lowerBound == Int64(F.local("2026-03-30 08:00").timeIntervalSince1970 * 1000))
        #expect(monday.upperBound - monday.lowerBound == Int64(13 * 3_600_000))
    }

    @Test("by site: incidents, MTTA, MTTR mean/median/p90, downtime, planned time, availability 24×7 and in hours")
    func bySite() throws {
        let report = build(.site)
        #expect(report.groups.map(\.key) == ["milano", "roma"])
        let milano = report.groups[0]
        #expect(milano.devices == 2)
        #expect(milano.incidents == 4)
        #expect(milano.plannedIncidents == 0)
        #expect(milano.timeToAcknowledge?.mean == 300)
        let restore = try #require(milano.timeToRestore)
        #expect(restore.count == 3)
        #expect(restore.mean == 4200)
        #expect(restore.median == 3600)
        #expect(restore.p90 == 5400)
        #expect(milano.downtimeSeconds == 9000)
        #expect(near(milano.availability, 100 * (1 - 9000 / (2 * F.periodSeconds))))
        #expect(near(milano.businessAvailability, 100 * (1 - 7200 / (2 * F.businessSeconds))))

        let roma = report.groups[1]
        #expect(roma.incidents == 2)
        #expect(roma.plannedIncidents == 1)
        #expect(roma.timeToAcknowledge == nil)
        #expect(roma.timeToRestore?.mean == 25200)
        #expect(roma.timeToRestore?.p90 == 46800)
        #expect(roma.downtimeSeconds == 100_800)
        #expect(roma.plannedDowntimeSeconds == 1800)
        #expect(near(roma.availability, 100 * (1 - 100_800 / (2 * F.periodSeconds))))
        #expect(near(roma.businessAvailability, 100 * (1 - 9000 / (2 * F.businessSeconds))))
        // Previous period: only D began in it, and it was restored after that period ended.
        #expect(roma.previous?.incidents == 1)
        #expect(roma.previous?.meanTimeToRestore == nil)
        #expect(near(roma.previous?.availability, 100 * (1 - 3600 / (2 * F.periodSeconds))))

        #expect(report.total.devices == 4)
        #expect(report.total.incidents == 6)
        #expect(report.total.downtimeSeconds == 109_800)
        #expect(near(report.total.availability, 100 * (1 - 109_800 / (4 * F.periodSeconds))))
    }

    @Test("targets: met, missed, and measured over their own devices and severities")
    func targets() throws {
        let report = build(
            .site,
            targets: [
                ReportTarget(name: "PBX", match: ["role": "pbx"], goal: .availability(atLeast: 99.9, hours: .business)),
                ReportTarget(
                    name: "MTTR critical", minimumSeverity: .critical,
                    goal: .timeToRestore(atMost: .seconds(7200), statistic: .mean)),
                ReportTarget(name: "MTTA", goal: .timeToAcknowledge(atMost: .seconds(600), statistic: .mean)),
            ])
        let pbx = report.targets[0]
        #expect(pbx.figure == "business_availability")
        #expect(pbx.devices == 2)
        #expect(near(pbx.value, 100 * (1 - 10_800 / (2 * F.businessSeconds))))
        #expect(pbx.met == false)
        let mttr = report.targets[1]
        #expect(mttr.value == 14_850)
        #expect(mttr.met == false)
        #expect(mttr.statistic == "mean")
        let mtta = report.targets[2]
        #expect(mtta.value == 300)
        #expect(mtta.met == true)
        #expect(mtta.previousValue == nil)
    }

    @Test("by category: kinds of incident are measured against every device; uncategorized is its own row")
    func byCategory() {
        let report = build(.category)
        #expect(report.groups.map(\.key) == ["power", nil])
        let power = report.groups[0]
        #expect(power.devices == 4)
        #expect(power.incidents == 1)
        #expect(power.downtimeSeconds == 93_600)
        #expect(near(power.availability, 100 * (1 - 93_600 / (4 * F.periodSeconds))))
    }

    @Test("a manual incident for a site counts against each of its devices; grouped by device")
    func byDevice() {
        let report = build(.device)
        let byName = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.key ?? "-", $0) })
        #expect(byName["pbx-rm"]?.downtimeSeconds == 50_400)
        #expect(byName["sw-rm"]?.downtimeSeconds == 50_400)
        #expect(byName["sw-mi"]?.downtimeSeconds == 0)
        #expect(byName["sw-mi"]?.incidents == 1)
        #expect(byName["pbx-rm"]?.incidents == 1)
    }

    @Test("top devices and rules by downtime, downtime per local day across the DST change, MTTR per week")
    func charts() {
        let report = build(.site)
        #expect(report.topDevices.map(\.name) == ["pbx-rm", "sw-rm", "pbx-mi"])
        #expect(report.topDevices.map(\.downtimeSeconds) == [50_400, 50_400, 9000])
        #expect(report.topRules.map(\.name) == ["manual", "PBXDown", "DeviceUnreachable"])
        #expect(report.topRules.map(\.downtimeSeconds) == [93_600, 9000, 7200])
        #expect(report.days.map(\.date) == (23...29).map { "2026-03-\($0)" })
        #expect(report.days.map(\.downtimeSeconds) == [3600, 7200, 0, 3600, 0, 28_800, 66_600])
        #expect(report.weeks.count == 1)
        #expect(report.weeks.first?.start == "2026-03-23")
        #expect(report.weeks.first?.incidents == 6)
        #expect(report.weeks.first?.meanTimeToRestore == 12_600)
    }

    @Test("a severity filter leaves the other incidents out entirely")
    func severityFilter() {
        let report = ReportBuilder(settings: F.settings()).build(
            F.request(.site, severities: [.warning]), spans: IncidentSpanTable(F.spans))
        #expect(report.total.incidents == 1)
        #expect(report.total.downtimeSeconds == 0)
        #expect(report.severities == ["warning"])
    }
}
