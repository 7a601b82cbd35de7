import Foundation
import Testing
import VedettaTestSupport

/// The inventory of real device recordings (a Cisco switch, a Juniper router, an Eaton UPS, a Linux server)
/// served by snmpsim, polled by the real agent, read back with `vedetta inventory` and the API, and checked against
/// `snmpget` of the same objects.
@Suite("Device inventory, end to end", .serialized, .tags(.snmpsim))
struct InventoryEndToEndTests {
    private static let recordings = [
        "network/switch/cisco-c3560", "network/router/juniper-mx960-13-3r9-13", "UPS/eaton-93e-80",
        "recorded/linux-full-walk",
    ]

    private static func deviceName(_ recording: String) -> String {
        recording.split(separator: "/").last.map(String.init) ?? recording
    }

    /// `snmpget -Oqv` of one object, without the quotes net-snmp puts around strings.
    private static func snmpget(_ port: Int, _ community: String, _ oid: String) throws -> String {
        let output = try SNMPCommandLine.run(
            "snmpget", ["-v2c", "-c", community, "-Oqv", "-On", "-t", "5", "-r", "2", "127.0.0.1:\(port)", oid])
        try #require(output.status == 0, "snmpget \(oid): \(output.standardError)")
        var value = output.standardOutput
        if value.hasSuffix("\n") { value.removeLast() }
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    private static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
    }

    /// The chassis serial number as ENTITY-MIB gives it: the class-3 entity contained in nothing.
    private static func chassisSerial(_ port: Int, _ community: String) throws -> String? {
        let classes = try SNMPCommandLine.bulkWalk(port: port, community: community, oid: "1.3.6.1.2.1.47.1.1.1.1.5")
        let chassis = classes.filter { $0.value == "3" }.compactMap {
            $0.oid.split(separator: ".").last.map(String.init)
        }
        for index in chassis {
            let parent = try snmpget(port, community, "1.3.6.1.2.1.47.1.1.1.1.4.\(index)")
            if parent == "0" { return try snmpget(port, community, "1.3.6.1.2.1.47.1.1.1.1.11.\(index)") }
        }
        return try chassis.first.map { try snmpget(port, community, "1.3.6.1.2.1.47.1.1.1.1.11.\($0)") }
    }

    @Test("every device's identity, serial and model match snmpget; CLI and API agree")
    func realRecordings() async throws {
        let sim = try await SNMPSimFixture(recordings: Self.recordings)
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-inventory")
        var yaml = """
            agent:
              default_interval: 1h
              default_timeout: 4m
              max_concurrent_probes: 2
            probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
            alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)
            devices:

            """
        for recording in Self.recordings {
            yaml += """
                  - name: \(Self.deviceName(recording))
                    labels: {site: lab}
                    snmp: {address: "127.0.0.1:\(sim.port)", community: "\(recording)", retries: 2}

                """
        }
        let config = directory.appendingPathComponent("vedetta.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))
        defer { _ = agent.stop() }

        func listing() throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(try agent.get("/api/v1/inventory").utf8))
            return (object as? [String: Any])?["devices"] as? [[String: Any]] ?? []
        }
        try await Ports.waitUntil(
            timeout: .seconds(300),
            "not every device was inventoried: \((try? agent.get("/api/v1/inventory")) ?? "")\n\(agent.output.suffix(3000))"
        ) {
            ((try? listing()) ?? []).filter { $0["inventory"] is [String: Any] }.count == Self.recordings.count
        }
        let entries = Dictionary(uniqueKeysWithValues: try listing().map { ($0["device"] as? String ?? "", $0) })
        for recording in Self.recordings {
            let name = Self.deviceName(recording)
            let entry = try #require(entries[name])
            let inventory = try #require(entry["inventory"] as? [String: Any])
            #expect(entry["address"] as? String == "127.0.0.1:\(sim.port)")
            #expect(entry["profiles"] as? [String] == ["auto"])
            // Compared word by word: a Cisco sysDescr has CR LF line breaks, which snmpget prints as they are.
            let sysDescr = Self.words(try Self.snmpget(sim.port, recording, "1.3.6.1.2.1.1.1.0"))
            #expect(Self.words(inventory["sys_descr"] as? String ?? "") == sysDescr, "\(name) sysDescr")
            let oid = try Self.snmpget(sim.port, recording, "1.3.6.1.2.1.1.2.0")
            #expect(inventory["sys_object_id"] as? String == (oid.hasPrefix(".") ? String(oid.dropFirst()) : oid))
            #expect(inventory["last_poll"] != nil)
        }
        // The Cisco switch: the chassis of ENTITY-MIB. The Juniper router (no ENTITY-MIB serials): jnxBoxSerialNo.
        let cisco = try #require(entries["cisco-c3560"]?["inventory"] as? [String: Any])
        let chassisSerial = try #require(try Self.chassisSerial(sim.port, "network/switch/cisco-c3560"))
        #expect(cisco["serial_number"] as? String == chassisSerial)
        #expect(!((cisco["components"] as? [Any]) ?? []).isEmpty)
        #expect(cisco["vendor"] as? String == "Cisco")
        let juniper = try #require(entries["juniper-mx960-13-3r9-13"]?["inventory"] as? [String: Any])
        let boxSerial = try Self.snmpget(sim.port, "network/router/juniper-mx960-13-3r9-13", "1.3.6.1.4.1.2636.3.1.3.0")
        #expect(juniper["serial_number"] as? String == boxSerial)
        #expect(juniper["vendor"] as? String == "Juniper")
        // The Eaton UPS: UPS-MIB's manufacturer and model.
        let ups = try #require(entries["eaton-93e-80"]?["inventory"] as? [String: Any])
        #expect(ups["vendor"] as? String == (try Self.snmpget(sim.port, "UPS/eaton-93e-80", "1.3.6.1.2.1.33.1.1.1.0")))
        #expect(ups["model"] as? String == (try Self.snmpget(sim.port, "UPS/eaton-93e-80", "1.3.6.1.2.1.33.1.1.2.0")))
        let linux = try #require(entries["linux-full-walk"]?["inventory"] as? [String: Any])
        #expect((linux["vendor"] as? String)?.contains("net-snmp") == true)

        // The CLI reads the same from the database, also with the agent stopped.
        _ = agent.stop()
        let csv = try ToolRunner.vedetta(["inventory", "--config", config.path, "--format", "csv"])
        try #require(csv.status == 0, "\(csv.standardError)")
        let rows = csv.standardOutput.split(separator: "\r\n")
        #expect(rows.first?.hasPrefix("device,labels,address,profiles,vendor,model,serial_number") == true)
        #expect(rows.count == 1 + Self.recordings.count)
        let serial = try #require(cisco["serial_number"] as? String)
        #expect(rows.contains { $0.hasPrefix("cisco-c3560,site=lab,") && $0.contains(serial) })
        let detail = try ToolRunner.vedetta(["inventory", "--config", config.path, "--device", "cisco-c3560"])
        #expect(detail.status == 0)
        #expect(detail.standardOutput.contains("serial:       \(serial)"))
        #expect(detail.standardOutput.contains("changes:      none"))

        // Restarted with every device silent (snmpsim stopped): the API and the console's devices list still show
        // each device's inventory, which the agent reads from the store once at start and keeps.
        sim.stop()
        try await agent.start()
        let restarted = Dictionary(uniqueKeysWithValues: try listing().map { ($0["device"] as? String ?? "", $0) })
        let kept = try #require(restarted["cisco-c3560"]?["inventory"] as? [String: Any])
        #expect(kept["serial_number"] as? String == serial)
        let model = [cisco["vendor"] as? String, cisco["model"] as? String].compactMap { $0 }.joined(separator: " ")
        let page = try agent.get("/console/devices?lang=en")
        #expect(page.contains("<td>\(model)</td>"), "the devices list shows the stored model \(model)")
    }
}
