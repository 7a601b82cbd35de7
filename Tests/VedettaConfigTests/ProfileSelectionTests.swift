import Foundation
import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaNotify

@Suite("Profile match and automatic selection (Fixtures/match)")
struct ProfileSelectionTests {
    let configuration: VedettaConfiguration

    init() throws {
        configuration = try ConfigLoader.load(
            configFile: try FixturePaths.root + "/match/vedetta.yaml", plugins: BuiltinKinds.configuration)
    }

    private func oid(_ text: String) throws -> OID { try #require(OID(text)) }

    private func selection(_ device: String) throws -> SNMPProfileSelection {
        try #require(configuration.devices.first { $0.id.rawValue == device }?.snmp).profileSelection
    }

    @Test("match: any, match.sys_object_id and no match are read into the profile")
    func matchIsRead() throws {
        #expect(configuration.snmpProfiles["system"]?.match == .any)
        #expect(configuration.snmpProfiles["cisco"]?.match == .sysObjectID([try oid("1.3.6.1.4.1.9.1")]))
        #expect(
            configuration.snmpProfiles["hosts"]?.match
                == .sysObjectID([try oid("1.3.6.1.4.1.8072.3.2"), try oid("1.3.6.1.4.1.311.1.1.3")]))
        #expect(configuration.snmpProfiles["extra"]?.match == nil)
    }

    @Test("profiles omitted, null or auto select automatically; auto may stand next to names")
    func deviceSelections() throws {
        #expect(try selection("omitted") == .automatic)
        #expect(try selection("null-profiles") == .automatic)
        #expect(try selection("word") == .automatic)
        #expect(try selection("mixed") == SNMPProfileSelection(names: ["extra"], isAutomatic: true))
        #expect(try selection("named") == .named(["extra", "system"]))
        let named = try #require(configuration.devices.first { $0.id == "named" }?.snmp)
        #expect(named.profiles == ["extra", "system"])
    }

    @Test(
        "sysObjectID prefixes compare whole sub-identifiers",
        arguments: [
            ("1.3.6.1.4.1.9.1", true),
            ("1.3.6.1.4.1.9.1.1208", true),
            ("1.3.6.1.4.1.9.10", false),
            ("1.3.6.1.4.1.9", false),
            ("1.3.6.1.4.1.91.1", false),
        ]
    )
    func prefixMatching(sysObjectID: String, matches: Bool) throws {
        let match = SNMPProfileMatch.sysObjectID([try oid("1.3.6.1.4.1.9.1")])
        #expect(match.matches(try oid(sysObjectID)) == matches)
        #expect(SNMPProfileMatch.any.matches(try oid(sysObjectID)))
    }

    @Test("automatic selection: generic profiles first, then the matching ones, then the names given")
    func selectionOrder() throws {
        let profiles = configuration.snmpProfiles
        let cisco = try oid("1.3.6.1.4.1.9.1.1208")
        #expect(SNMPProfileSelection.automatic.profileNames(in: profiles, sysObjectID: cisco) == ["system", "cisco"])
        #expect(
            SNMPProfileSelection.automatic.profileNames(in: profiles, sysObjectID: try oid("1.3.6.1.4.1.8072.3.2.10"))
                == ["system", "hosts"])
        #expect(
            SNMPProfileSelection.automatic.profileNames(in: profiles, sysObjectID: try oid("1.3.6.1.4.1.9.10"))
                == ["system"])
        #expect(SNMPProfileSelection.automatic.profileNames(in: profiles, sysObjectID: nil) == ["system"])
        let mixed = try selection("mixed")
        #expect(mixed.profileNames(in: profiles, sysObjectID: cisco) == ["system", "cisco", "extra"])
        #expect(try selection("named").profileNames(in: profiles, sysObjectID: cisco) == ["extra", "system"])
        #expect(mixed.profiles(in: profiles, sysObjectID: nil).map(\.name) == ["system", "extra"])
    }

    @Test("the shipped profiles match the devices they are written for")
    func shippedMatches() throws {
        let profiles = try ConfigLoader.loadProfiles(
            configFile: "/nonexistent/vedetta.yaml",
            overrides: ConfigOverrides(probesDirectory: FixturePaths.repositoryRoot + "/probes"),
            plugins: BuiltinKinds.configuration
        ).profiles(of: SNMPProfile.self)
        func selected(_ sysObjectID: String) throws -> Set<String> {
            Set(SNMPProfileSelection.automatic.profileNames(in: profiles, sysObjectID: try oid(sysObjectID)))
        }
        let generic: Set<String> = ["system", "if-mib"]
        #expect(try selected("1.3.6.1.4.1.8072.3.2.10").isSuperset(of: generic.union(["host-resources"])))
        #expect(try selected("1.3.6.1.4.1.311.1.1.3.1.2").contains("host-resources"))
        #expect(try selected("1.3.6.1.4.1.705.1").contains("ups-mib"))
        #expect(try selected("1.3.6.1.4.1.534.1").contains("ups-mib"))
        #expect(try selected("1.3.6.1.2.1.33").contains("ups-mib"))
        #expect(try selected("1.3.6.1.4.1.318.1.3.27").contains("apc-ups"))
        #expect(try selected("1.3.6.1.4.1.318.1.3.2.12").contains("apc-ups"))
        #expect(try !selected("1.3.6.1.4.1.318.1.3.4.6").contains("apc-ups"), "a rack PDU is not a UPS")
        let unknown = try selected("1.3.6.1.4.1.99999.1")
        #expect(unknown.isSuperset(of: generic))
        #expect(unknown.allSatisfy { profiles[$0]?.match == .any })
    }

    @Test("loadProfiles reads the config's probes_dir, or probes/ beside it, or the override")
    func loadProfilesOnly() throws {
        let fromConfig = try ConfigLoader.loadProfiles(
            configFile: try FixturePaths.goodConfig, plugins: BuiltinKinds.configuration
        )
        .profiles(of: SNMPProfile.self)
        #expect(fromConfig.keys.sorted() == ["if-mib", "system"])
        let directory = try TemporaryDirectory()
        try directory.write("probes/only.yaml", "name: only\nmatch: any\nscalars: [{name: x, oid: 1.3.6, type: gauge}]")
        let beside = try ConfigLoader.loadProfiles(
            configFile: directory.path + "/vedetta.yaml", plugins: BuiltinKinds.configuration
        )
        .profiles(of: SNMPProfile.self)
        #expect(beside.keys.sorted() == ["only"])
        #expect(beside["only"]?.match == .any)
        try directory.write("vedetta.yaml", "probes_dir: elsewhere\n")
        try directory.write("elsewhere/moved.yaml", "name: moved\nscalars: [{name: x, oid: 1.3.6, type: gauge}]")
        let moved = try ConfigLoader.loadProfiles(
            configFile: directory.path + "/vedetta.yaml", plugins: BuiltinKinds.configuration
        )
        .profiles(of: SNMPProfile.self)
        #expect(moved.keys.sorted() == ["moved"])
        let empty = try ConfigLoader.loadProfiles(
            configFile: directory.path + "/missing/vedetta.yaml", plugins: BuiltinKinds.configuration
        )
        .profiles(of: SNMPProfile.self)
        #expect(empty.isEmpty)
    }
}

@Suite("match and auto errors name file, line and column")
struct ProfileSelectionErrorTests {
    @Test("every bad match in Fixtures/bad/probes-bad-match is reported")
    func badMatch() throws {
        let directory = try FixturePaths.badDirectory
        let lines = try FixturePaths.errorLines(loading: directory + "/profile-match.yaml", relativeTo: directory)
        #expect(
            lines == [
                "probes-bad-match/a-oid.yaml:3:36: error: invalid OID \"1.3.6.x\"; "
                    + "use dotted numbers such as 1.3.6.1.2.1.1.3.0",
                "probes-bad-match/b-key.yaml:3:3: error: unknown key \"sys_objectid\" in match; "
                    + "expected one of sys_object_id",
                "probes-bad-match/b-key.yaml:3:3: error: missing required key \"sys_object_id\" in match",
                "probes-bad-match/c-empty.yaml:2:24: error: match.sys_object_id must list at least one OID prefix",
                "probes-bad-match/d-word.yaml:2:8: error: invalid match \"all\"; use any, or a mapping with "
                    + "sys_object_id (a list of OID prefixes)",
                "probes-bad-match/e-twice.yaml:5:7: error: OID prefix 1.3.6.1.4.1.9 is listed twice",
                "probes-bad-match/f-auto.yaml:1:7: error: profile name \"auto\" is reserved: devices write "
                    + "profiles: auto for automatic selection",
                "probes-bad-match/g-list.yaml:2:8: error: expected a mapping for match, got a list",
                "probes-bad-match/h-bare.yaml:3:18: error: expected a list for match.sys_object_id, "
                    + "got \"1.3.6.1.4.1.9\"",
            ])
    }

    @Test("bad profiles values of devices are reported at the value or item")
    func badAuto() throws {
        let directory = try FixturePaths.badDirectory
        let lines = try FixturePaths.errorLines(loading: directory + "/device-auto.yaml", relativeTo: directory)
        #expect(
            lines == [
                "device-auto.yaml:3:42: error: invalid devices[0].snmp.profiles \"automatic\"; use auto, "
                    + "or a list of profile names (e.g. [automatic])",
                "device-auto.yaml:5:57: error: auto is listed twice",
                "device-auto.yaml:7:49: error: unknown profile \"nope\"; known: system",
                "device-auto.yaml:9:42: error: devices[3].snmp.profiles must list at least one profile; "
                    + "write auto (or leave profiles out) to select them by the device's sysObjectID",
            ])
    }
}
