import Foundation
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaReports

@Suite("incidents: and reports: in vedetta.yaml")
struct ReportsConfigTests {
    @Test("without the sections: the default categories, no retention, English, no business hours")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vedetta.yaml", "agent: {time_zone: Europe/Rome}\n")
        let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        #expect(configuration.incidents == IncidentPolicy())
        #expect(configuration.incidents.categories.contains("carrier/line"))
        #expect(configuration.reports.language == .english)
        #expect(configuration.reports.timeZone.identifier == "Europe/Rome")
        #expect(configuration.reports.downtimeSeverity == .critical)
        #expect(configuration.reports.businessHours == nil)
        #expect(configuration.reports.outputDirectory == configuration.agent.dataDirectory + "/reports")
    }

    @Test("every field read: day ranges in English and Italian, holidays, targets, schedules")
    func everything() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml",
            """
            incidents:
              categories: [guasto hardware, linea operatore]
              retention: 3y
            reports:
              language: it
              time_zone: Europe/London
              downtime_severity: warning
              business_hours:
                time_zone: Europe/Rome
                days:
                  lun-ven: "08:00-21:00"
                  sat: ["08:00-13:00", "14:00-18:00"]
                holidays: [01-01, 2027-03-29]
              targets:
                - {name: PBX, match: {role: pbx}, availability: 99.9, hours: business}
                - {name: MTTR, severity: critical, mttr: 30m, statistic: p90}
                - {name: MTTA, mtta: 5m}
              schedules:
                - {name: weekly, every: week, at: "07:30", group_by: role, formats: [html, csv]}
                - {name: monthly, every: month, language: en}
              output_dir: out/reports
            """)
        let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        #expect(configuration.incidents.categories == ["guasto hardware", "linea operatore"])
        #expect(configuration.incidents.retention == .seconds(3 * 365 * 86_400))
        let reports = configuration.reports
        #expect(reports.language == .italian)
        #expect(reports.timeZone.identifier == "Europe/London")
        #expect(reports.downtimeSeverity == .warning)
        let business = try #require(reports.businessHours)
        #expect(business.timeZone.identifier == "Europe/Rome")
        #expect(business.hours[.friday]?.map(\.description) == ["08:00-21:00"])
        #expect(business.hours[.saturday]?.map(\.description) == ["08:00-13:00", "14:00-18:00"])
        #expect(business.hours[.sunday] == nil)
        #expect(business.holidays == [.yearly(month: 1, day: 1), .date(year: 2027, month: 3, day: 29)])
        #expect(
            reports.targets == [
                ReportTarget(name: "PBX", match: ["role": "pbx"], goal: .availability(atLeast: 99.9, hours: .business)),
                ReportTarget(
                    name: "MTTR", minimumSeverity: .critical,
                    goal: .timeToRestore(atMost: .seconds(1800), statistic: .p90)),
                ReportTarget(name: "MTTA", goal: .timeToAcknowledge(atMost: .seconds(300), statistic: .mean)),
            ])
        #expect(
            reports.schedules == [
                ReportSchedule(
                    name: "weekly", every: .week, minuteOfDay: 450, grouping: .role, formats: [.html, .csv]),
                ReportSchedule(name: "monthly", every: .month, language: .english),
            ])
        #expect(
            reports.outputDirectory == URL(fileURLWithPath: directory.path + "/out/reports").standardizedFileURL.path)
    }
}
