import SNMPProbe
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// Checks a probe run against net-snmp's `snmpbulkwalk -v2c -On` (tables) and `snmpget -v2c -On` (scalars) of
/// the same agent: every value the tools print for a profile's metric OIDs has exactly one sample, with the same
/// (scaled) number or text, labelled with the decoded row index; and no metric has samples the tools did not print.
enum BulkWalkComparison {
    /// Every difference between `result` and what the tools print for the metrics of `profiles`.
    /// - Throws: When `snmpbulkwalk` or `snmpget` fails.
    static func mismatches(
        _ result: ProbeResult,
        profiles: [SNMPProfile],
        port: Int,
        community: String
    ) throws -> [String] {
        var problems: [String] = []
        for profile in profiles {
            for scalar in profile.scalars {
                let printed = try get(scalar.oid, port: port, community: community)
                problems += compare(
                    printed, name: scalar.name, type: scalar.type, scale: scalar.scale, column: nil, index: [],
                    result: result)
            }
            for table in profile.tables {
                for metric in table.metrics {
                    let printed = try walk(metric.oid, port: port, community: community)
                    problems += compare(
                        printed, name: metric.name, type: metric.type, scale: metric.scale, column: metric.oid,
                        index: table.index, result: result)
                }
            }
        }
        return problems
    }

    /// `snmpget -v2c -On` of one instance (a walk of a leaf that is the last object of the agent prints nothing).
    private static func get(_ oid: OID, port: Int, community: String) throws -> [SNMPCommandLine.PrintedVarBind] {
        let output = try SNMPCommandLine.run(
            "snmpget", ["-v2c", "-c", community, "-On", "-t", "5", "-r", "2", "127.0.0.1:\(port)", oid.description])
        guard output.status == 0 else {
            throw FixtureError("snmpget of \(oid) failed (\(output.status)): \(output.standardError)")
        }
        return SNMPCommandLine.parse(output.standardOutput).filter {
            !["noSuchObject", "noSuchInstance", "endOfMibView"].contains($0.type)
        }
    }

    private static func walk(_ oid: OID, port: Int, community: String) throws -> [SNMPCommandLine.PrintedVarBind] {
        try SNMPCommandLine.bulkWalk(port: port, community: community, oid: oid.description).filter {
            !["noSuchObject", "noSuchInstance", "endOfMibView"].contains($0.type)
        }
    }

    private static func compare(
        _ printed: [SNMPCommandLine.PrintedVarBind],
        name: String,
        type: SNMPMetricType,
        scale: Double,
        column: OID?,
        index: [SNMPIndexComponent],
        result: ProbeResult
    ) -> [String] {
        var problems: [String] = []
        let samples = result.samples.filter { $0.name == name }
        if samples.count != printed.count {
            problems.append("\(name): \(samples.count) samples, snmpbulkwalk printed \(printed.count) values")
        }
        for varBind in printed {
            var labels: [String: String] = [:]
            if let column {
                guard let oid = OID(varBind.oid), let suffix = oid.suffix(after: column),
                    let decoded = SNMPIndexDecoder.labels(for: suffix, components: index)
                else {
                    problems.append("\(name): cannot decode the index of \(varBind)")
                    continue
                }
                labels = decoded.dictionary
            }
            let matching = samples.filter { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value } }
            guard matching.count == 1, let sample = matching.first else {
                problems.append("\(name)\(labels): \(matching.count) samples for \(varBind)")
                continue
            }
            switch type {
            case .gauge, .counter:
                guard let number = number(varBind) else {
                    problems.append("\(name)\(labels): snmpbulkwalk printed no number: \(varBind)")
                    continue
                }
                if sample.value != number * scale {
                    problems.append("\(name)\(labels): sample \(sample.value), snmpbulkwalk \(varBind)")
                }
            case .info:
                if sample.value != 1 || (sample.labels[name] ?? "") != text(varBind) {
                    problems.append("\(name)\(labels): sample \(sample.labels), snmpbulkwalk \(varBind)")
                }
            }
        }
        return problems
    }

    /// The number net-snmp printed: `INTEGER: -1`, `Gauge32: 35`, `Counter64: 9876543210123`,
    /// `Timeticks: (98765400) 11 days, 10:20:54.00`.
    static func number(_ varBind: SNMPCommandLine.PrintedVarBind) -> Double? {
        var text = varBind.value
        if varBind.type == "Timeticks", let open = text.firstIndex(of: "("), let close = text.firstIndex(of: ")") {
            text = String(text[text.index(after: open)..<close])
        }
        return Double(text)
    }

    /// The text net-snmp printed, as the probe labels it: strings without their quotes, OIDs without the
    /// leading dot.
    static func text(_ varBind: SNMPCommandLine.PrintedVarBind) -> String {
        let value = varBind.value
        switch varBind.type {
        case "STRING" where value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\""):
            return String(value.dropFirst().dropLast())
        case "OID" where value.hasPrefix("."):
            return String(value.dropFirst())
        default:
            return value
        }
    }
}
