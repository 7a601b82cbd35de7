// Sample building: the CPU the SNMP probe spends turning one poll's walked columns into samples, the way a
// router's `if-mib` poll looks (91 interfaces, 3 label columns, 24 metric columns, 1 `info` column), with the
// label sets of the poll before (`SNMPSampleMemory`), as the agent polls.
//
// Usage: .build/release/sample-building [POLLS] [ROUNDS] [label]   (defaults 2,000 and 7)
// Prints the thread CPU time per poll of each round, then the fastest; counters move every poll.
import Foundation
import Glibc
import SNMPKit
import SNMPProbe
import VedettaConfig
import VedettaCore
import VedettaProbes

let polls = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2_000 : 2_000
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 7 : 7
// With `label`, each poll's samples also get the `probe` label the way the probe runner gives it.
let labelling = CommandLine.arguments.count > 3 && CommandLine.arguments[3] == "label"
let rows: [UInt32] = Array(1...91).map { UInt32($0) * 3 + 500 }

let ifTable = OID([1, 3, 6, 1, 2, 1, 2, 2, 1])
let ifXTable = OID([1, 3, 6, 1, 2, 1, 31, 1, 1, 1])
let labelColumns: [(String, OID)] = [
    ("ifDescr", ifTable.appending(2)), ("ifName", ifXTable.appending(1)), ("ifAlias", ifXTable.appending(18)),
]
let metrics: [SNMPColumnMetric] = {
    var metrics: [SNMPColumnMetric] = []
    for (place, column) in [3, 4, 5, 7, 8, 13, 14, 19, 20].enumerated() {
        metrics.append(
            SNMPColumnMetric(
                name: "ifGauge\(place)Value", oid: ifTable.appending(UInt32(column)), type: .gauge, help: "A gauge."))
    }
    for column in [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15] {
        metrics.append(
            SNMPColumnMetric(
                name: "ifHCCounter\(column)Octets", oid: ifXTable.appending(UInt32(column)), type: .counter,
                help: "A counter."))
    }
    metrics.append(
        SNMPColumnMetric(name: "ifHighSpeed", oid: ifXTable.appending(15), type: .gauge, help: "Speed."))
    metrics.append(SNMPColumnMetric(name: "ifPhysAddress", oid: ifTable.appending(6), type: .info, help: "Address."))
    return metrics
}()
let profile = SNMPProfile(
    name: "if-mib",
    tables: [
        SNMPTable(
            name: "interfaces", index: [SNMPIndexComponent(name: "ifIndex", encoding: .integer)],
            labels: labelColumns.map { SNMPColumnLabel(name: $0.0, oid: $0.1) }, metrics: metrics)
    ],
    location: SourceLocation(file: "bench.yaml", line: 1, column: 1))

/// The columns of poll `poll`: label texts and `info` values the same every poll, counters moving.
func columns(poll: Int) -> [OID: SNMPColumn] {
    var result: [OID: SNMPColumn] = [:]
    for (name, oid) in labelColumns {
        result[oid] = SNMPColumn(
            root: oid,
            varBinds: rows.map {
                SNMPVarBind(oid: oid.appending($0), value: .octetString(Array("\(name) xe-0/0/\($0) uplink".utf8)))
            })
    }
    for metric in metrics {
        result[metric.oid] = SNMPColumn(
            root: metric.oid,
            varBinds: rows.map { row in
                let value: SNMPValue =
                    switch metric.type {
                    case .counter: .counter64(UInt64(poll) * 1_000 + UInt64(row))
                    case .gauge: .integer(Int64(row))
                    case .info: .octetString([0, 5, 0x86, 0x71, UInt8(row & 0xFF), 1])
                    }
                return SNMPVarBind(oid: metric.oid.appending(row), value: value)
            })
    }
    return result
}

func threadCPU() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let builder = SNMPSampleBuilder(baseLabels: ["device": "router", "site": "milano", "probe": "snmp"])
let inputs = (0..<4).map { columns(poll: $0) }
var memory = SNMPSampleMemory()
var count = 0
var best = Double.infinity
for round in 1...rounds {
    let start = threadCPU()
    for poll in 0..<polls {
        var samples = builder.samples(
            for: [profile], scalars: [:], columns: inputs[poll % inputs.count], memory: &memory)
        if labelling { ProbeRunner.label(&samples, probe: "snmp") }
        count &+= samples.count
    }
    let perPoll = (threadCPU() - start) / Double(polls)
    best = min(best, perPoll)
    print("round \(round): \(String(format: "%.1f", perPoll * 1e6)) µs per poll")
}
print("samples per poll: \(count / (polls * rounds)); fastest round: \(String(format: "%.1f", best * 1e6)) µs per poll")
