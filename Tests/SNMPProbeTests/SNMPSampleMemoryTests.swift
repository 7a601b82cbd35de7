import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore

/// The sample builder with the memory of the previous poll gives exactly the samples it gives without, whatever
/// changed between the polls: rows, label texts, `info` values, label columns that went missing, the target's
/// labels.
@Suite("SNMPSampleBuilder with the previous poll's label sets")
struct SNMPSampleMemoryTests {
    static let descr = OID("1.3.6.1.2.1.2.2.1.2")!
    static let alias = OID("1.3.6.1.2.1.31.1.1.1.18")!
    static let octets = OID("1.3.6.1.2.1.31.1.1.1.6")!
    static let status = OID("1.3.6.1.2.1.2.2.1.8")!
    static let serial = OID("1.3.6.1.2.1.47.1.1.1.1.11")!

    let profile = SNMPProfile(
        name: "interfaces",
        tables: [
            SNMPTable(
                name: "interfaces",
                index: [SNMPIndexComponent(name: "ifIndex", encoding: .integer)],
                labels: [
                    SNMPColumnLabel(name: "ifDescr", oid: descr), SNMPColumnLabel(name: "ifAlias", oid: alias),
                ],
                metrics: [
                    SNMPColumnMetric(name: "ifHCInOctets", oid: octets, type: .counter),
                    SNMPColumnMetric(name: "ifOperStatus", oid: status, type: .gauge),
                    SNMPColumnMetric(name: "serial", oid: serial, type: .info),
                ])
        ],
        location: SourceLocation(file: "test.yaml", line: 1, column: 1))

    /// One poll of interfaces `rows`: each row's description, alias, counter, status and serial.
    struct Row {
        var index: UInt32
        var descr = "eth"
        var alias = ""
        var octets: UInt64 = 1_000
        var status: Int64 = 1
        var serial = "SN1"
    }

    func columns(_ rows: [Row], without missing: Set<OID> = [], sparse: Set<UInt32> = []) -> [OID: SNMPColumn] {
        var varBinds: [OID: [SNMPVarBind]] = [:]
        for row in rows {
            varBinds[Self.descr, default: []].append(
                SNMPVarBind(oid: Self.descr.appending(row.index), value: .octetString(Array(row.descr.utf8))))
            varBinds[Self.alias, default: []].append(
                SNMPVarBind(oid: Self.alias.appending(row.index), value: .octetString(Array(row.alias.utf8))))
            varBinds[Self.octets, default: []].append(
                SNMPVarBind(oid: Self.octets.appending(row.index), value: .counter64(row.octets)))
            // A sparse row has no status: that column's rows differ from the others'.
            if !sparse.contains(row.index) {
                varBinds[Self.status, default: []].append(
                    SNMPVarBind(oid: Self.status.appending(row.index), value: .integer(row.status)))
            }
            varBinds[Self.serial, default: []].append(
                SNMPVarBind(oid: Self.serial.appending(row.index), value: .octetString(Array(row.serial.utf8))))
        }
        return Dictionary(
            uniqueKeysWithValues: varBinds.filter { !missing.contains($0.key) }.map {
                ($0.key, SNMPColumn(root: $0.key, varBinds: $0.value))
            })
    }

    /// Builds each poll with the memory the previous one left, and without any, and expects the same samples.
    func expectSameAsWithout(_ polls: [(labels: LabelSet, columns: [OID: SNMPColumn])]) {
        var memory = SNMPSampleMemory()
        for (number, poll) in polls.enumerated() {
            let builder = SNMPSampleBuilder(baseLabels: poll.labels)
            let remembered = builder.samples(for: [profile], scalars: [:], columns: poll.columns, memory: &memory)
            let fresh = builder.samples(for: [profile], scalars: [:], columns: poll.columns)
            #expect(remembered == fresh, "poll \(number)")
            #expect(!fresh.isEmpty, "poll \(number)")
        }
    }

    let device: LabelSet = ["device": "sw1", "site": "hq"]

    @Test("polls that do not change, then values that do: the same samples as without memory")
    func unchanged() {
        let rows = [Row(index: 1), Row(index: 2, alias: "uplink"), Row(index: 3)]
        var later = rows
        later[1].octets = 5_000
        later[2].status = 2
        expectSameAsWithout([
            (device, columns(rows)), (device, columns(rows)), (device, columns(later)), (device, columns(later)),
        ])
    }

    @Test("a label text, an info value or the target's labels change")
    func labelsChange() {
        let rows = [Row(index: 1), Row(index: 2, alias: "uplink")]
        var renamed = rows
        renamed[1].alias = "uplink to Milano"
        var replaced = renamed
        replaced[0].serial = "SN2"
        expectSameAsWithout([
            (device, columns(rows)), (device, columns(renamed)), (device, columns(replaced)),
            (device.merging(["site": "milano"]), columns(replaced)), (device, columns(replaced)),
        ])
    }

    @Test("rows come and go, a label column goes missing, a column's rows differ from the others'")
    func rowsChange() {
        let rows = [Row(index: 1), Row(index: 2, alias: "uplink"), Row(index: 3)]
        let grown = rows + [Row(index: 7, descr: "new", serial: "SN7")]
        let shrunk = Array(grown.dropFirst())
        expectSameAsWithout([
            (device, columns(rows)), (device, columns(grown)), (device, columns(shrunk)),
            (device, columns(shrunk, without: [Self.alias])), (device, columns(shrunk)),
            (device, columns(shrunk, sparse: [3])), (device, columns(shrunk, sparse: [3])), (device, columns(shrunk)),
            (device, columns(shrunk, without: [Self.octets])), (device, columns(rows)),
        ])
    }

    @Test("a poll like the one before makes no label set; a changed alias remakes its table's rows")
    func labelSetsKept() {
        var memory = SNMPSampleMemory()
        let builder = SNMPSampleBuilder(baseLabels: device)
        let rows = [Row(index: 1, alias: "uplink"), Row(index: 2), Row(index: 3, serial: "SN3")]
        let first = builder.samples(for: [profile], scalars: [:], columns: columns(rows), memory: &memory)
        #expect(memory.labelSetsMade == 6)  // three rows, three info values
        var later = rows
        later[0].octets = 2_000
        let second = builder.samples(for: [profile], scalars: [:], columns: columns(later), memory: &memory)
        #expect(memory.labelSetsMade == 0)
        #expect(second.map(\.labels) == first.map(\.labels))
        later[2].serial = "SN4"
        _ = builder.samples(for: [profile], scalars: [:], columns: columns(later), memory: &memory)
        #expect(memory.labelSetsMade == 1)  // the changed info value only
        later[1].alias = "to Roma"
        _ = builder.samples(for: [profile], scalars: [:], columns: columns(later), memory: &memory)
        #expect(memory.labelSetsMade == 6)
    }
}
