import Foundation
import Testing
import VedettaCore
import VedettaTestSupport

/// The incident log as the team's record, on a real agent: people write notes, categories, tickets and manual
/// incidents through the API and the CLI (another process on the same database); reports read them back in four
/// formats, the CSV through Python's csv module and the HTML through a real headless Chromium; scheduled reports
/// are made once per period across restarts; old incidents are purged.
@Suite("Incident records and reports, end to end", .serialized)
struct IncidentRecordsEndToEndTests {
    /// Three devices (two in Milan, one in Rome) on a loopback port where nothing answers, no alert rules (only
    /// people open incidents here), Italian reports with business hours and two targets.
    private struct Lab {
        let directory: URL
        let configFile: URL
        let dataDirectory: URL

        init(extra: String = "") throws {
            directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-records")
            configFile = directory.appendingPathComponent("vedetta.yaml")
            dataDirectory = directory.appendingPathComponent("data")
            let alerts = directory.appendingPathComponent("alerts")
            try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
            try "rules: []\n".write(to: alerts.appendingPathComponent("none.yaml"), atomically: true, encoding: .utf8)
            let port = try Ports.freePort()
            func device(_ name: String, site: String, role: String) -> String {
                """
                  - name: \(name)
                    labels: {site: \(site), role: \(role)}
                    interval: 60s
                    snmp: {address: 127.0.0.1:\(port), retries: 0, profiles: [system]}

                """
            }
            try
                ("""
            probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
            alerts_dir: alerts
            devices:

            """ + device("pbx-milano", site: "milano", role: "pbx")
                + device("sw-milano", site: "milano", role: "switch")
                + device("pbx-roma", site: "roma", role: "pbx") + """
                    reports:
                      language: it
                      business_hours:
                        days: {lun-sab: "08:00-21:00"}
                      targets:
                        - {name: Disponibilità PBX, match: {role: pbx}, availability: 99.9}
                        - {name: MTTR, mttr: 4h}

                    """ + extra).write(to: configFile, atomically: true, encoding: .utf8)
        }

        func vedetta(_ arguments: [String]) throws -> ToolRunner.Output {
            try ToolRunner.vedetta(arguments + ["--config", configFile.path])
        }
    }

    private static func iso(_ date: Date) -> String { date.iso8601Milliseconds }

    private func send(_ agent: AgentProcess, _ method: String, _ path: String, _ body: String? = nil) throws
        -> (status: Int, json: [String: Any])
    {
        let answer = try agent.json(method, path, body: body)
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:]
        return (answer.status, object)
    }

    @Test("people write the record over the API and the CLI; reports read it back in text, JSON, CSV and HTML")
    func recordAndReport() async throws {
        let lab = try Lab()
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        defer { _ = agent.stop() }
        let now = Date()
        let lineDown = now - 26 * 3600

        // A carrier line of the Milan site degraded yesterday for two and a half hours, reported by phone.
        let opened = try send(
            agent, "POST", "/api/v1/incidents",
            #"{"summary": "Milano: linea operatore degradata", "labels": {"site": "milano"}, "by": "giulia", "at": ""#
                + Self.iso(lineDown) + #""}"#)
        #expect(opened.status == 201)
        let id = try #require((opened.json["id"] as? NSNumber)?.int64Value)
        #expect(opened.json["origin"] as? String == "manual")
        #expect(opened.json["opened_by"] as? String == "giulia")
        let patched = try send(
            agent, "PATCH", "/api/v1/incidents/\(id)",
            #"{"category": "Carrier/Line", "ticket": "TIM-4411", "by": "marco"}"#)
        #expect(patched.status == 200)
        #expect(patched.json["category"] as? String == "carrier/line", "the configured spelling is kept")
        #expect(
            try send(agent, "POST", "/api/v1/incidents/\(id)/notes", #"{"text": "tecnico in arrivo", "by": "marco"}"#)
                .status == 201)
        #expect(try send(agent, "POST", "/api/v1/incidents/\(id)/ack", #"{"by": "marco"}"#).status == 200)
        let secondAck = try send(agent, "POST", "/api/v1/incidents/\(id)/ack", #"{"by": "anna"}"#)
        #expect(secondAck.status == 409)
        #expect((secondAck.json["error"] as? String)?.contains("already acknowledged by marco") == true)
        let restored = try send(
            agent, "POST", "/api/v1/incidents/\(id)/restore",
            #"{"by": "marco", "at": ""# + Self.iso(lineDown + 9000) + #""}"#)
        #expect(restored.status == 200)
        #expect(restored.json["time_to_restore_seconds"] as? Double == 9000)

        // Refusals name what is wrong.
        let unknownField = try send(
            agent, "POST", "/api/v1/incidents", #"{"summary": "x", "by": "g", "sevrity": "info"}"#)
        #expect(unknownField.status == 400)
        #expect(unknownField.json["field"] as? String == "sevrity")
        let unknownCategory = try send(agent, "PATCH", "/api/v1/incidents/\(id)", #"{"category": "meteo", "by": "g"}"#)
        #expect(unknownCategory.status == 400)
        #expect((unknownCategory.json["error"] as? String)?.contains("carrier/line") == true)
        let halfEmpty = try send(
            agent, "PATCH", "/api/v1/incidents/\(id)", #"{"category": "power", "ticket": " ", "by": "g"}"#)
        #expect(halfEmpty.status == 400)
        #expect(halfEmpty.json["field"] as? String == "ticket")
        #expect(try send(agent, "POST", "/api/v1/incidents/999/notes", #"{"text": "x", "by": "g"}"#).status == 404)
        #expect(try send(agent, "POST", "/api/v1/incidents/\(id)/restore", #"{"by": "g"}"#).status == 409)

        // The Rome PBX, reported with the CLI from another process: down 40 minutes, 20 hours ago.
        let cliOpen = try lab.vedetta([
            "incidents", "open", "--device", "pbx-roma", "--summary", "PBX Roma non risponde", "--at",
            Self.iso(now - 20 * 3600), "--category", "hardware", "--by", "anna",
        ])
        try #require(cliOpen.status == 0, "\(cliOpen.standardError)")
        let romaID = id + 1
        let cliRestore = try lab.vedetta([
            "incidents", "restore", "\(romaID)", "--at", Self.iso(now - 20 * 3600 + 2400), "--by", "anna",
        ])
        try #require(cliRestore.status == 0, "\(cliRestore.standardError)")
        let badCategory = try lab.vedetta(["incidents", "categorize", "\(romaID)", "meteo", "--by", "anna"])
        #expect(badCategory.status == 1)
        #expect(badCategory.standardError.contains("unknown category \"meteo\""))
        let shown = try lab.vedetta(["incidents", "show", "\(id)", "--json"])
        let incident = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        #expect(incident["category"] as? String == "carrier/line", "the refused PATCH changed nothing")
        let timeline = try #require(incident["timeline"] as? [[String: Any]])
        // In the order things happened: the restoration was backdated to when service came back.
        #expect(
            timeline.map { $0["kind"] as? String } == [
                "opened", "restored", "categorized", "ticket", "note", "acknowledged",
            ])
        #expect(timeline.map { $0["by"] as? String } == ["giulia", "marco", "marco", "marco", "marco", "marco"])

        // The report of the last two days, through the API and the CLI.
        let from = Self.iso(now - 2 * 86_400)
        let to = Self.iso(now)
        let report =
            try JSONSerialization.jsonObject(
                with: Data(try agent.get("/api/v1/reports?from=\(from)&to=\(to)&group_by=site").utf8)) as? [String: Any]
        let groups = try #require(report?["groups"] as? [[String: Any]])
        #expect(groups.map { $0["key"] as? String } == ["milano", "roma"])
        let milano = groups[0]
        #expect(milano["devices"] as? Int == 2)
        #expect(milano["incidents"] as? Int == 1)
        #expect(milano["downtime_seconds"] as? Double == 18_000.0, "the site's outage counts against both devices")
        let availability = try #require(milano["availability"] as? Double)
        #expect(abs(availability - 100 * (1 - 18_000.0 / (2 * 2 * 86_400))) < 1e-6)
        #expect((groups[1]["time_to_restore"] as? [String: Any])?["mean"] as? Double == 2400)
        let targets = try #require(report?["targets"] as? [[String: Any]])
        #expect(targets.map { $0["met"] as? Bool } == [false, true])

        let cliJSON = try lab.vedetta(["report", "--from", from, "--to", to, "--format", "json"])
        try #require(cliJSON.status == 0, "\(cliJSON.standardError)")
        let cliReport = try JSONSerialization.jsonObject(with: Data(cliJSON.standardOutput.utf8)) as? [String: Any]
        #expect(NSDictionary(dictionary: ["g": cliReport?["groups"] ?? []]) == NSDictionary(dictionary: ["g": groups]))

        let text = try lab.vedetta(["report", "--from", from, "--to", to])
        #expect(text.standardOutput.contains("Rapporto incidenti"))
        #expect(text.standardOutput.contains("MANCATO"))

        // CSV, read back by Python's csv module as a spreadsheet would (Italian: semicolons, decimal commas).
        let csvFile = lab.directory.appendingPathComponent("report.csv")
        let csv = try lab.vedetta(["report", "--from", from, "--to", to, "--format", "csv", "--output", csvFile.path])
        try #require(csv.status == 0, "\(csv.standardError)")
        let parsed = try ToolRunner.run(
            "/usr/bin/env",
            [
                "python3", RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/reports/read_csv.py").path,
                csvFile.path, ";",
            ])
        try #require(parsed.status == 0, "\(parsed.standardError)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.standardOutput.utf8)) as? [[String]])
        #expect(rows.count == 4)
        #expect(rows[0].first == "Sede")
        #expect(rows[1].prefix(4) == ["milano", "2", "1", "0"])
        #expect(rows[1][7] == "150,00", "MTTR in minutes with a decimal comma")
        #expect(rows[3].first == "Totale")

        // HTML, rendered to PNG by a real headless Chromium: it must load nothing and log no error.
        let htmlFile = lab.directory.appendingPathComponent("report.html")
        let html = try lab.vedetta([
            "report", "--from", from, "--to", to, "--format", "html", "--output", htmlFile.path,
        ])
        try #require(html.status == 0, "\(html.standardError)")
        let png = lab.directory.appendingPathComponent("report.png")
        let chromium = try RepositoryPaths.executable("chromium", candidates: ["/usr/bin/chromium"])
        let rendered = try ToolRunner.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--window-size=794,1123", "--screenshot=\(png.path)", htmlFile.absoluteString,
            ],
            environment: ["HOME": lab.directory.path], timeout: .seconds(60))
        try #require(rendered.status == 0, "chromium failed: \(rendered.standardError)")
        let consoleErrors = rendered.standardError.split(separator: "\n").filter {
            $0.contains("CONSOLE") || $0.contains("Failed to load resource") || $0.contains("net::ERR")
        }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(image.count > 20_000, "a page with content, not a blank one")
    }

    @Test("scheduled reports are made once per period across restarts; old incidents are purged at start")
    func schedulesAndRetention() async throws {
        let lab = try Lab(extra: "incidents:\n  retention: 62d\n")
        // Add a weekly schedule (due at Monday 00:00, so last week's report is due at once) to `reports:`.
        var config = try String(contentsOf: lab.configFile, encoding: .utf8)
        config = config.replacingOccurrences(
            of: "reports:\n",
            with:
                "reports:\n  output_dir: out\n  schedules:\n    - {name: settimanale, every: week, at: \"00:00\", formats: [html, csv]}\n"
        )
        try config.write(to: lab.configFile, atomically: true, encoding: .utf8)
        let output = lab.directory.appendingPathComponent("out")

        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        defer { _ = agent.stop() }
        // Reports are written atomically, through a hidden temporary file: wait for the report to be counted as
        // made, then read the visible files (a listing taken mid-write holds the temporary one).
        func reportFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter { !$0.hasPrefix(".") }
                .sorted()
        }
        try await Ports.waitUntil(timeout: .seconds(30), "no scheduled report in \(output.path):\n\(agent.output)") {
            (try? agent.metric("vedetta_reports_made_total", labels: ["schedule": "settimanale"])) == 1
                && reportFiles().count == 2
        }
        let files = reportFiles()
        #expect(files.allSatisfy { $0.hasPrefix("settimanale-") })
        #expect(Set(files.map { ($0 as NSString).pathExtension }) == ["csv", "html"])
        #expect(try agent.metric("vedetta_reports_made_total", labels: ["schedule": "settimanale"]) == 1)

        // An outage of 100 days ago, recorded now: older than the retention.
        let old = Date() - 100 * 86_400
        let opened = try lab.vedetta([
            "incidents", "open", "--device", "pbx-roma", "--summary", "vecchio", "--at", Self.iso(old), "--by", "anna",
        ])
        try #require(opened.status == 0, "\(opened.standardError)")
        let restored = try lab.vedetta(["incidents", "restore", "1", "--at", Self.iso(old + 600), "--by", "anna"])
        try #require(restored.status == 0, "\(restored.standardError)")
        #expect(try send(agent, "POST", "/api/v1/incidents/1/notes", #"{"text": "x", "by": "a"}"#).status == 201)

        // Restarted: the week's report is on record, so it is not made again; the old incident goes.
        for file in files { try FileManager.default.removeItem(at: output.appendingPathComponent(file)) }
        _ = agent.stop()
        try await agent.start()
        try await Ports.waitUntil(timeout: .seconds(30), "the old incident was not purged:\n\(agent.output)") {
            ((try? send(agent, "POST", "/api/v1/incidents/1/notes", #"{"text": "x", "by": "a"}"#))?.status) == 404
        }
        #expect(try agent.metric("vedetta_incidents_purged_total") == 1)
        #expect(reportFiles().isEmpty)
        #expect(!agent.output.contains("scheduled report made"))
    }
}
