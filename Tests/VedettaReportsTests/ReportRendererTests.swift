import Foundation
import Testing
import VedettaCore
import VedettaIncidents

@testable import VedettaReports

@Suite("ReportRenderer: text, CSV, JSON and HTML in English and Italian")
struct ReportRendererTests {
    private typealias F = ReportFixture
    private let generated = F.local("2026-03-30 07:00")

    private var report: KPIReport {
        ReportBuilder(
            settings: F.settings(targets: [
                ReportTarget(
                    name: "PBX <core>", match: ["role": "pbx"], goal: .availability(atLeast: 99.9, hours: .business)),
                ReportTarget(name: "MTTA", goal: .timeToAcknowledge(atMost: .seconds(600), statistic: .p90)),
            ])
        ).build(F.request(.site), spans: IncidentSpanTable(F.spans))
    }

    @Test("durations for people, with thousands grouped in long totals")
    func durations() {
        #expect(ReportLanguage.english.duration(45) == "45 s")
        #expect(ReportLanguage.english.duration(3900) == "1 h 05 min")
        #expect(ReportLanguage.english.duration(2_477_930_400) == "28,679 d 18 h")
        #expect(ReportLanguage.italian.duration(2_477_930_400) == "28.679 g 18 h")
        #expect(ReportLanguage.italian.duration(nil) == "–")
    }

    @Test("text: the period in words, one row per group and the total, targets with their verdict")
    func text() {
        let english = ReportRenderer.render(report, format: .text, language: .english, generatedAt: generated)
        #expect(english.contains("Incident report: 23 March 2026 – 29 March 2026"))
        #expect(english.contains("Compared with: 16 March 2026 – 22 March 2026"))
        #expect(english.split(separator: "\n").contains { $0.hasPrefix("milano ") && $0.contains("99.251%") })
        #expect(english.split(separator: "\n").contains { $0.hasPrefix("Total ") })
        #expect(english.contains("MISSED"))
        #expect(english.contains("1 h 10 min"))  // milano's MTTR: 4,200 s

        let italian = ReportRenderer.render(report, format: .text, language: .italian, generatedAt: generated)
        #expect(italian.contains("Rapporto incidenti: 23 marzo 2026 – 29 marzo 2026"))
        #expect(italian.contains("99,251%"))
        #expect(italian.contains("lun–sab 08:00-21:00 (Europe/Rome); festivi: 03-25"))
        #expect(italian.contains("gravità ≥ critica"))
        #expect(italian.contains("MANCATO"))
        #expect(italian.contains("Sede"))
    }

    @Test("CSV: a header, one row per group and the total; Italian uses semicolons and decimal commas")
    func csv() {
        let english = ReportRenderer.render(report, format: .csv, language: .english, generatedAt: generated)
        #expect(english.hasPrefix("\u{FEFF}Site,Devices,Incidents"))
        let rows = english.dropFirst().split(separator: "\r\n")
        #expect(rows.count == 4)
        #expect(rows[1].hasPrefix("milano,2,4,0,5.00,5.00,5.00,70.00,60.00,90.00,150.00,0.00,99.2515,98.4615,"))
        #expect(rows[3].hasPrefix("Total,4,6,1,"))
        let italian = ReportRenderer.render(report, format: .csv, language: .italian, generatedAt: generated)
        #expect(
            italian.dropFirst().split(separator: "\r\n")[1].hasPrefix(
                "milano;2;4;0;5,00;5,00;5,00;70,00;60,00;90,00;150,00;0,00;99,2515;"))
    }

    @Test("JSON: the documented keys, readable back")
    func json() throws {
        let text = ReportRenderer.render(report, format: .json, language: .italian, generatedAt: generated)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["grouping"] as? String == "site")
        #expect(object["time_zone"] as? String == "Europe/Rome")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.first?["key"] as? String == "milano")
        #expect(groups.first?["downtime_seconds"] as? Double == 9000)
        let restore = try #require(groups.first?["time_to_restore"] as? [String: Any])
        #expect(restore["p90"] as? Double == 5400)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(KPIReport.self, from: Data(text.utf8))
        #expect(decoded.groups == report.groups)
        #expect(decoded.targets == report.targets)
    }

    @Test("HTML: self-contained (no script, no external resource), escaped, with the three charts")
    func html() {
        let html = ReportRenderer.render(report, format: .html, language: .english, generatedAt: generated)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(html.contains("PBX &lt;core&gt;"))
        #expect(!html.contains("PBX <core>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("@page { size: A4"))
        let italian = ReportRenderer.render(report, format: .html, language: .italian, generatedAt: generated)
        #expect(italian.contains("<html lang=\"it\">"))
        #expect(italian.contains("Disponibilità in orario di servizio"))
    }
}
