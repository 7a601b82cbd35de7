import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore

@Suite("SNMPSampleBuilder")
struct SNMPSampleBuilderTests {
    let builder = SNMPSampleBuilder(baseLabels: ["device": "sw1", "site": "hq"])
    let location = SourceLocation(file: "test.yaml", line: 1, column: 1)

    @Test("a gauge scalar is scaled, a counter keeps its kind, an info value becomes a label")
    func scalars() {
        let uptime = SNMPScalarMetric(name: "sysUpTime", oid: OID("1.3.6.1.2.1.1.3.0")!, type: .gauge, scale: 0.01)
        let lineBads = SNMPScalarMetric(name: "upsInputLineBads", oid: OID("1.3.6.1.2.1.33.1.3.1.0")!, type: .counter)
        let name = SNMPScalarMetric(name: "sysName", oid: OID("1.3.6.1.2.1.1.5.0")!, type: .info, help: "Name.")
        let profile = SNMPProfile(name: "p", scalars: [uptime, lineBads, name], location: location)
        let samples = builder.samples(
            for: profile,
            scalars: [
                uptime.oid: .timeTicks(233_425_120), lineBads.oid: .counter32(7),
                name.oid: .octetString(Array("core-1".utf8)),
            ],
            columns: [:])
        #expect(
            samples == [
                Sample(name: "sysUpTime", labels: builder.baseLabels, value: 233_425_120 * 0.01, kind: .gauge),
                Sample(
                    name: "upsInputLineBads", labels: builder.baseLabels, value: 7, kind: .counter,
                    counterWidth: .bits32),
                Sample(
                    name: "sysName", labels: builder.baseLabels.merging(["sysName": "core-1"]), value: 1, kind: .gauge,
                    help: "Name."),
            ])
    }

    @Test("several profiles give one array, profile after profile, each as alone")
    func severalProfiles() {
        let uptime = SNMPScalarMetric(name: "sysUpTime", oid: OID("1.3.6.1.2.1.1.3.0")!, type: .gauge, scale: 0.01)
        let name = SNMPScalarMetric(name: "sysName", oid: OID("1.3.6.1.2.1.1.5.0")!, type: .info)
        let status = OID("1.3.6.1.2.1.2.2.1.8")!
        let interfaces = SNMPTable(
            name: "interfaces", index: [SNMPIndexComponent(name: "ifIndex", encoding: .integer)], labels: [],
            metrics: [SNMPColumnMetric(name: "ifOperStatus", oid: status, type: .gauge)])
        let first = SNMPProfile(name: "system", scalars: [uptime, name], location: location)
        let second = SNMPProfile(name: "if", tables: [interfaces], location: location)
        let scalars: [OID: SNMPValue] = [uptime.oid: .timeTicks(100), name.oid: .octetString(Array("core-1".utf8))]
        let columns = Self.columns([
            status: [
                SNMPVarBind(oid: status.appending(1), value: .integer(1)),
                SNMPVarBind(oid: status.appending(2), value: .integer(2)),
            ]
        ])
        let together = builder.samples(for: [second, first], scalars: scalars, columns: columns)
        let apart =
            builder.samples(for: second, scalars: scalars, columns: columns)
            + builder.samples(for: first, scalars: scalars, columns: columns)
        #expect(together == apart)
        #expect(together.map(\.name) == ["ifOperStatus", "ifOperStatus", "sysUpTime", "sysName"])
        #expect(builder.samples(for: [], scalars: scalars, columns: columns).isEmpty)
    }

    @Test("missing scalars and values that do not fit the type are skipped")
    func skipped() {
        let gauge = SNMPScalarMetric(name: "g", oid: OID("1.3.6.1.9.1.0")!, type: .gauge)
        let info = SNMPScalarMetric(name: "i", oid: OID("1.3.6.1.9.2.0")!, type: .info)
        let absent = SNMPScalarMetric(name: "a", oid: OID("1.3.6.1.9.3.0")!, type: .gauge)
        let profile = SNMPProfile(name: "p", scalars: [gauge, info, absent], location: location)
        let samples = builder.samples(
            for: profile, scalars: [gauge.oid: .octetString(Array("n/a".utf8)), info.oid: .noSuchObject], columns: [:])
        #expect(samples.isEmpty)
    }

    @Test("table rows get target, index and label-column labels; empty label values are left out")
    func table() {
        let descr = OID("1.3.6.1.2.1.2.2.1.2")!
        let alias = OID("1.3.6.1.2.1.31.1.1.1.18")!
        let octets = OID("1.3.6.1.2.1.31.1.1.1.6")!
        let status = OID("1.3.6.1.2.1.2.2.1.8")!
        let table = SNMPTable(
            name: "interfaces",
            index: [SNMPIndexComponent(name: "ifIndex", encoding: .integer)],
            labels: [SNMPColumnLabel(name: "ifDescr", oid: descr), SNMPColumnLabel(name: "ifAlias", oid: alias)],
            metrics: [
                SNMPColumnMetric(name: "ifHCInOctets", oid: octets, type: .counter),
                SNMPColumnMetric(name: "ifOperStatus", oid: status, type: .gauge),
            ])
        let columns = Self.columns([
            descr: [
                SNMPVarBind(oid: descr.appending(1), value: .octetString(Array("lo".utf8))),
                SNMPVarBind(oid: descr.appending(2), value: .octetString(Array("eth0".utf8))),
            ],
            alias: [
                SNMPVarBind(oid: alias.appending(1), value: .octetString([])),
                SNMPVarBind(oid: alias.appending(2), value: .octetString(Array("uplink".utf8))),
            ],
            octets: [SNMPVarBind(oid: octets.appending(2), value: .counter64(24_167_091_249))],
            status: [
                SNMPVarBind(oid: status.appending(1), value: .integer(1)),
                SNMPVarBind(oid: status.appending(2), value: .integer(2)),
            ],
        ])
        let samples = builder.samples(for: table, columns: columns)
        let base = builder.baseLabels
        #expect(
            samples == [
                Sample(
                    name: "ifHCInOctets",
                    labels: base.merging(["ifIndex": "2", "ifDescr": "eth0", "ifAlias": "uplink"]),
                    value: 24_167_091_249, kind: .counter, counterWidth: .bits64),
                Sample(name: "ifOperStatus", labels: base.merging(["ifIndex": "1", "ifDescr": "lo"]), value: 1),
                Sample(
                    name: "ifOperStatus",
                    labels: base.merging(["ifIndex": "2", "ifDescr": "eth0", "ifAlias": "uplink"]),
                    value: 2),
            ])
    }

    @Test("an info column labels the row with its text, OIDs dotted")
    func infoColumn() {
        let type = OID("1.3.6.1.2.1.25.2.3.1.2")!
        let table = SNMPTable(
            name: "storage", index: [SNMPIndexComponent(name: "hrStorageIndex", encoding: .integer)],
            metrics: [SNMPColumnMetric(name: "hrStorageType", oid: type, type: .info)])
        let samples = builder.samples(
            for: table,
            columns: Self.columns([
                type: [SNMPVarBind(oid: type.appending(31), value: .objectIdentifier(OID("1.3.6.1.2.1.25.2.1.4")!))]
            ]))
        #expect(
            samples == [
                Sample(
                    name: "hrStorageType",
                    labels: builder.baseLabels.merging([
                        "hrStorageIndex": "31", "hrStorageType": "1.3.6.1.2.1.25.2.1.4",
                    ]),
                    value: 1)
            ])
    }

    /// Walked columns holding `varBinds` under each root.
    private static func columns(_ varBinds: [OID: [SNMPVarBind]]) -> [OID: SNMPColumn] {
        Dictionary(uniqueKeysWithValues: varBinds.map { ($0.key, SNMPColumn(root: $0.key, varBinds: $0.value)) })
    }
}
