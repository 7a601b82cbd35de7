import Foundation
import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaNotify
import VedettaRules

@Suite("ConfigLoader defaults, overrides and YAML details")
struct ConfigLoaderDefaultsTests {
    @Test("an empty file is a valid configuration with every agent default")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vedetta.yaml", "# nothing yet\n")
        let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        let agent = configuration.agent
        #expect(agent.dataDirectory == URL(fileURLWithPath: directory.path + "/data").standardizedFileURL.path)
        #expect(agent.listenHost == "127.0.0.1")
        #expect(agent.listenPort == 9470)
        #expect(agent.defaultInterval == .seconds(60))
        #expect(agent.defaultTimeout == .seconds(5))
        #expect(agent.maxConcurrentProbes == 256)
        #expect(agent.timeZone.identifier == "Europe/Rome")
        #expect(
            agent.history == RecentHistory.Settings(keep: .seconds(21_600), step: .seconds(300), maximumSeries: 50_000)
        )
        #expect(agent.history.points == 72)
        #expect(configuration.devices.isEmpty)
        #expect(configuration.files == [path])
        // The embedded SQLite store in the data directory.
        #expect(configuration.store?.kind == "sqlite")
        #expect(configuration.store?.settings.location == agent.dataDirectory + "/vedetta.sqlite")
        #expect(
            ConfigLoader.summary(of: configuration, plugins: BuiltinKinds.configuration)
                == "0 devices, 0 profiles, 0 rules, 0 channels, 0 maintenance windows")
    }

    @Test("agent.history sets the charts' span, step and series limit")
    func history() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml", "agent: {history: {keep: 24h, step: 10m, max_series: 0}}\n")
        let history = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration).agent.history
        #expect(history == RecentHistory.Settings(keep: .seconds(86_400), step: .seconds(600), maximumSeries: 0))
        #expect(history.points == 144)
    }

    @Test("overrides replace the file's values; their paths resolve against the current directory")
    func overrides() throws {
        let directory = try TemporaryDirectory()
        try directory.write("elsewhere/p.yaml", "name: p\nscalars: [{name: x, oid: 1.3.6.1.2.1.1.3.0, type: gauge}]\n")
        try directory.write("rules/r.yaml", "rules: [{alert: A, expr: x == 1}]\n")
        let path = try directory.write(
            "vedetta.yaml",
            """
            agent: {data_dir: data, listen: 127.0.0.1:1}
            devices: [{name: d, snmp: {address: 127.0.0.1, profiles: [p]}}]
            """
        )
        let overrides = ConfigOverrides(
            dataDirectory: directory.path + "/other-data",
            listen: "[::]:9999",
            probesDirectory: directory.path + "/elsewhere",
            alertsDirectory: directory.path + "/rules"
        )
        let configuration = try ConfigLoader.load(
            configFile: path, overrides: overrides, plugins: BuiltinKinds.configuration)
        #expect(configuration.agent.dataDirectory.hasSuffix("/other-data"))
        #expect(configuration.agent.listenHost == "::")
        #expect(configuration.agent.listenPort == 9999)
        #expect(configuration.snmpProfiles.keys.sorted() == ["p"])
        #expect(configuration.rules.map(\.name) == ["A"])
    }

    @Test("a bad override is reported against the command line")
    func badOverride() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vedetta.yaml", "{}\n")
        let overrides = ConfigOverrides(listen: "nowhere", probesDirectory: directory.path + "/missing")
        #expect(throws: ConfigErrors.self) {
            try ConfigLoader.load(configFile: path, overrides: overrides, plugins: BuiltinKinds.configuration)
        }
        do {
            _ = try ConfigLoader.load(configFile: path, overrides: overrides, plugins: BuiltinKinds.configuration)
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "<command line>:1:1: error: probes_dir \"\(directory.path)/missing\" is not a readable directory",
                    "<command line>:1:1: error: invalid listen address \"nowhere\"; use host:port or [IPv6]:port",
                ]
            )
        }
    }

    @Test("a missing root file is one error at its first line")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let lines = try FixturePaths.errorLines(loading: directory.path + "/nope.yaml", relativeTo: directory.path)
        #expect(lines == ["nope.yaml:1:1: error: no such file"])
    }

    @Test("anchors, aliases and merge keys share settings between devices")
    func mergeKeys() throws {
        let directory = try TemporaryDirectory()
        try directory.write("probes/p.yaml", "name: p\nscalars: [{name: x, oid: 1.3.6.1.2.1.1.3.0, type: gauge}]\n")
        let path = try directory.write(
            "vedetta.yaml",
            """
            devices:
              - name: a
                snmp: &snmp {address: 10.0.0.1, community: c, profiles: [p]}
              - name: b
                snmp:
                  <<: *snmp
                  address: 10.0.0.2
            """
        )
        let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        #expect(configuration.devices.map { $0.snmp?.host } == ["10.0.0.1", "10.0.0.2"])
        #expect(configuration.devices.map { $0.snmp?.community.reveal() } == ["c", "c"])
    }

    @Test("values are read as written: `no` stays a string and numbers keep their spelling")
    func scalarsAsWritten() throws {
        let directory = try TemporaryDirectory()
        try directory.write("probes/p.yaml", "name: p\nscalars: [{name: x, oid: 1.3.6.1.2.1.1.3.0, type: gauge}]\n")
        let path = try directory.write(
            "vedetta.yaml",
            "devices: [{name: no, labels: {site: 010}, snmp: {address: h, community: 0123, profiles: [p]}}]\n"
        )
        let device = try #require(
            try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration).devices.first)
        #expect(device.id == "no")
        #expect(device.labels["site"] == "010")
        #expect(device.snmp?.community.reveal() == "0123")
    }
}
