import Foundation
import Testing
import VedettaTestSupport

/// `/metrics` of the real `vedetta` binary polling real device recordings, read back by the real parsers a user's
/// tools use: `promtool check metrics` (Prometheus' own parser and linter) and `prometheus_client` (Python's).
/// A multi-line Cisco IOS `sysDescr` once broke every scrape; this test keeps it from happening again, for every
/// recording the tests use and for a recording of deliberately awkward strings.
@Suite("/metrics through real parsers", .serialized, .tags(.snmpsim))
struct MetricsExpositionTests {
    /// The lint findings that are expected of metrics named after MIB objects, as snmp_exporter's are: MIB names
    /// are camelCase and SNMP counters keep their MIB names (`ifHCInOctets`, not `if_hc_in_octets_total`), so
    /// dashboards and rules written for snmp_exporter work unchanged. Nothing else may be reported.
    private static let mibNamingFindings = [
        "metric names should be written in 'snake_case' not 'camelCase'",
        "label names should be written in 'snake_case' not 'camelCase'",
        "counter metrics should have \"_total\" suffix",
    ]

    /// Metric names that Vedetta itself makes up: these must pass every lint.
    private static func isVedettaOwn(_ name: String) -> Bool {
        name.hasPrefix("vedetta_") || name.hasPrefix("http_") || name.hasPrefix("probe_") || name == "up"
    }

    /// A device name for a recording: `network/switch/cisco-c3560` → `network-switch-cisco-c3560`.
    private static func deviceName(_ recording: String) -> String {
        recording.replacingOccurrences(of: "/", with: "-")
    }

    @Test("every recording's /metrics passes promtool and prometheus_client, and label values read back as documented")
    func realRecordingsParse() async throws {
        let extra = SNMPRecordings.vendorDevices.merging([
            SNMPRecordings.labelTextsName: SNMPRecordings.fixture(SNMPRecordings.labelTextsName)
        ]) { $1 }
        let sim = try await SNMPSimFixture(recordings: SNMPRecordings.realDevices, extraRecordings: extra)
        let recordings = sim.recordings
        let lab = try Self.makeLab(port: sim.port, recordings: recordings)
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)

        // Every device is polled once soon after start (the interval is an hour); wait for all of them.
        let devices = recordings.map(Self.deviceName)
        try await Ports.waitUntil(timeout: .seconds(300), "not every device answered:\n\(agent.output)") {
            devices.allSatisfy { (try? agent.metric("up", labels: ["device": $0])) == 1 }
        }
        let exposition = try agent.get("/metrics?all=1")
        let file = lab.directory.appendingPathComponent("metrics.prom")
        try exposition.write(to: file, atomically: true, encoding: .utf8)

        try Self.expectPromtoolAccepts(file)
        // The default page (the summary) and every device's own page pass too; each device's page is exactly its
        // part of the full dump.
        let dumped = Set(exposition.split(separator: "\n"))
        let summary = lab.directory.appendingPathComponent("summary.prom")
        try agent.get("/metrics").write(to: summary, atomically: true, encoding: .utf8)
        try Self.expectPromtoolAccepts(summary)
        for device in devices {
            let page = try agent.get("/metrics/devices/\(device)")
            let pageFile = lab.directory.appendingPathComponent("\(device).prom")
            try page.write(to: pageFile, atomically: true, encoding: .utf8)
            try Self.expectPromtoolAccepts(pageFile)
            let own = page.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(!own.isEmpty && own.allSatisfy { $0.contains("device=\"\(device)\"") }, "\(device)")
            #expect(own.allSatisfy { dumped.contains($0) }, "\(device)'s page is part of the full dump")
        }
        let parsed = try Self.parseWithPrometheusClient(file)
        for device in devices {
            #expect(parsed.value("up", ["device": device]) == 1, "\(device)")
        }
        #expect(parsed.samples.count > 5_000)

        // The Cisco IOS sysDescr reads back as the device's text with CR LF as LF and no trailing line break.
        let raw = try Self.recordedOctets(oid: "1.3.6.1.2.1.1.1.0", in: "network/switch/cisco-c3560")
        let expected = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(expected.contains("\n"))
        let c3560 = Self.deviceName("network/switch/cisco-c3560")
        #expect(parsed.labels("sysDescr", ["device": c3560])?["sysDescr"] == expected)

        try Self.expectLabelTexts(parsed)
        try Self.expectOpenMetrics(agent, devices: devices, directory: lab.directory)
        #expect(agent.stop() == 0)
    }

    /// What Prometheus 2.42 sends: OpenMetrics first, the text format as a fallback.
    private static let prometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    /// Asked for OpenMetrics as Prometheus asks, every page answers in OpenMetrics that prometheus_client's strict
    /// parser accepts, with the same series as the text format: names are not changed (SNMP counters, which do not
    /// end in `_total`, are typed `unknown`), and the agent's own `_total` counters are counter families.
    private static func expectOpenMetrics(_ agent: AgentProcess, devices: [String], directory: URL) throws {
        for path in ["/metrics", "/metrics?all=1"] + devices.map({ "/metrics/devices/\($0)" }) {
            let (contentType, body) = try agent.get(path, accept: prometheusAccept)
            #expect(contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8", "\(path)")
            #expect(body.hasSuffix("\n# EOF\n"), "\(path)")
            let file = directory.appendingPathComponent("openmetrics.txt")
            try body.write(to: file, atomically: true, encoding: .utf8)
            let parsed = try parseOpenMetrics(file)
            guard path.hasPrefix("/metrics/devices/") else {
                if path.hasSuffix("all=1") {
                    #expect(parsed.type(of: "vedetta_probe_runs") == "counter")
                    #expect(parsed.type(of: "ifHCInOctets") == "unknown")
                    #expect(parsed.type(of: "up") == "gauge")
                    #expect(parsed.samples.contains { $0.name == "vedetta_probe_runs_total" })
                }
                continue
            }
            // A device's page changes only when the device is polled (hourly here): the series are the same lines.
            let text = try agent.get(path)
            func series(_ page: String) -> [Substring] { page.split(separator: "\n").filter { !$0.hasPrefix("#") } }
            #expect(series(body) == series(text), "\(path): OpenMetrics and text series differ")
            #expect(parsed.samples.count == series(text).count, "\(path)")
        }
        // curl and other clients that ask for nothing in particular get the text format.
        let plain = try agent.get("/metrics", accept: "*/*")
        #expect(plain.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(!plain.body.contains("# EOF"))
    }

    private static func parseOpenMetrics(_ file: URL) throws -> ParsedExposition {
        try parseWithPrometheusClient(file, options: ["--openmetrics"])
    }

    /// The documented rule (docs/probes/snmp.md, "Strings as labels"), as read back by prometheus_client.
    private static func expectLabelTexts(_ parsed: ParsedExposition) throws {
        let device = ["device": deviceName(SNMPRecordings.labelTextsName)]
        func text(_ name: String) -> String? { parsed.labels(name, device)?[name] }
        #expect(text("textCRLF") == "first line\nsecond \"quoted\" line")
        #expect(text("textBackslash") == #"C:\Program Files\vedetta \n is not a line break"#)
        #expect(text("textLatin1") == "0x43697474e0")
        #expect(text("textControl") == "0x61621b63")
        #expect(text("textLong") == String(repeating: "x", count: 1021) + "…")
        #expect(text("textTabNul") == "a\tb")
        #expect(text("textItalian") == "Sala server – piano 2, città")
        #expect(text("textEmpty") == "")
        #expect(text("textCR") == "a\nb")
        #expect(text("sysDescr") == "Vedetta label-text fixture\nSecond line of sysDescr")
        #expect(
            parsed.labels("quirkValue", device.merging(["quirkIndex": "1"]) { $1 })?["quirkDescr"]
                == "port \"A\"\nuplink")
        #expect(
            parsed.labels("quirkValue", device.merging(["quirkIndex": "2"]) { $1 })?["quirkDescr"] == #"back\slash"#)
        #expect(
            parsed.labels("quirkValue", device.merging(["quirkIndex": "3"]) { $1 })?["quirkDescr"]
                == "0xfffe2062696e617279")
        #expect(parsed.help["quirkValue"] == "HELP with a line break\nand a backslash \\ and \"quotes\"")
    }

    /// `promtool check metrics`: the text parses (exit status 1 and "error while linting" mean it does not), and
    /// every lint finding is a MIB-naming one on a MIB-named metric.
    private static func expectPromtoolAccepts(_ file: URL) throws {
        let promtool = try ToolRunner.run(
            "/usr/bin/promtool", ["check", "metrics"], input: file, timeout: .seconds(120))
        let findings = (promtool.standardOutput + promtool.standardError).split(separator: "\n").map(String.init)
        #expect(promtool.status == 0 || promtool.status == 3, "promtool exited \(promtool.status)")
        #expect(
            !findings.contains { $0.contains("error while linting") || $0.contains("parsing error") }, "\(findings)")
        for finding in findings {
            let metric = String(finding.prefix { $0 != " " })
            let problem = String(finding.dropFirst(metric.count + 1))
            #expect(Self.mibNamingFindings.contains(problem), "unexpected promtool finding: \(finding)")
            #expect(!Self.isVedettaOwn(metric), "Vedetta's own metric fails a lint: \(finding)")
        }
    }

    private static func parseWithPrometheusClient(_ file: URL, options: [String] = []) throws -> ParsedExposition {
        let python = RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/python").path
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/metrics/parse_exposition.py").path
        let result = try ToolRunner.run(python, [script] + options, input: file, timeout: .seconds(120))
        try #require(result.status == 0, "prometheus_client: \(result.standardError)")
        return try JSONDecoder().decode(ParsedExposition.self, from: Data(result.standardOutput.utf8))
    }

    /// The bytes of `oid` in a snmpsim-data recording, straight from the file (hex or text).
    private static func recordedOctets(oid: String, in recording: String) throws -> [UInt8] {
        let file = try SNMPSimFixture.locate(recording)
        let lines = try ToolRunner.run("/usr/bin/bzcat", ["-f", file.path], timeout: .seconds(60)).standardOutput
        let line = try #require(lines.split(separator: "\n").first { $0.hasPrefix(oid + "|") })
        let fields = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields[1] == "4x" else { return Array(fields[2].utf8) }
        var bytes: [UInt8] = []
        var hex = Substring(fields[2])
        while hex.count >= 2, let byte = UInt8(hex.prefix(2), radix: 16) {
            bytes.append(byte)
            hex = hex.dropFirst(2)
        }
        return bytes
    }

    /// A configuration with one device per recording (`profiles: auto`, an hour's interval), and a profiles
    /// directory with the shipped profiles plus the label-text test profile.
    private static func makeLab(port: Int, recordings: [String]) throws -> (directory: URL, config: URL, data: URL) {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-exposition")
        let probes = directory.appendingPathComponent("probes")
        try FileManager.default.createDirectory(at: probes, withIntermediateDirectories: true)
        let shipped = RepositoryPaths.root.appendingPathComponent("probes")
        for file in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where file.hasSuffix(".yaml") {
            try FileManager.default.copyItem(
                at: shipped.appendingPathComponent(file), to: probes.appendingPathComponent(file))
        }
        try FileManager.default.copyItem(
            at: RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/profiles/label-texts.yaml"),
            to: probes.appendingPathComponent("label-texts.yaml"))
        var yaml = """
            agent:
              default_interval: 1h
              default_timeout: 4m
              max_concurrent_probes: 2      # snmpsim answers one request at a time
            probes_dir: probes
            alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)
            devices:

            """
        for recording in recordings {
            yaml += """
                  - name: \(deviceName(recording))
                    snmp: {address: "127.0.0.1:\(port)", community: "\(recording)", retries: 2, profiles: auto}

                """
        }
        let config = directory.appendingPathComponent("vedetta.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        return (directory, config, directory.appendingPathComponent("data"))
    }
}

/// What `Tests/Fixtures/metrics/parse_exposition.py` read back.
private struct ParsedExposition: Decodable {
    struct Sample: Decodable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var families: Int
    var types: [String: String]
    var samples: [Sample]
    var help: [String: String]

    func type(of family: String) -> String? { types[family] }

    /// The first sample of `name` whose labels include `labels`.
    func sample(_ name: String, _ labels: [String: String]) -> Sample? {
        samples.first { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    func value(_ name: String, _ labels: [String: String]) -> Double? { sample(name, labels)?.value }

    func labels(_ name: String, _ labels: [String: String]) -> [String: String]? { sample(name, labels)?.labels }
}
