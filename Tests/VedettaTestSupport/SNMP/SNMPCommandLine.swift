import Foundation

/// Runs net-snmp's command-line tools (`snmpget`, `snmpbulkwalk`, ...) as the reference to compare SNMPKit with,
/// and to check that fixtures answer. MIB loading is off (`MIBS=`, `-m ""`), so output is numeric.
public enum SNMPCommandLine {
    /// One variable binding as a net-snmp tool printed it.
    public struct PrintedVarBind: Sendable, Hashable, CustomStringConvertible {
        /// The OID without a leading dot.
        public var oid: String
        /// The type as printed (`INTEGER`, `STRING`, `Hex-STRING`, `Timeticks`, ...; `STRING` for `""`,
        /// `NULL`, or `noSuchObject` / `noSuchInstance` / `endOfMibView` for the exceptions).
        public var type: String
        /// The value as printed, with its line breaks.
        public var value: String

        /// Creates a printed varbind.
        public init(oid: String, type: String, value: String) {
            self.oid = oid
            self.type = type
            self.value = value
        }

        /// `oid = type: value`.
        public var description: String { "\(oid) = \(type): \(value)" }
    }

    /// Runs `/usr/bin/<tool>` with `arguments` and no MIBs, killing it after `timeout`.
    /// - Throws: `FixtureError` when the tool is missing or cannot start.
    public static func run(_ tool: String, _ arguments: [String], timeout: Duration = .seconds(60)) throws
        -> ToolRunner.Output
    {
        let executable = try RepositoryPaths.executable(
            tool, candidates: ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"])
        return try ToolRunner.run(
            executable, ["-m", ""] + arguments, environment: ["MIBS": "", "MIBDIRS": ""], timeout: timeout)
    }

    /// Walks `oid` with `snmpbulkwalk -v2c -On -Cr<repetitions>` and parses what it prints.
    /// - Throws: `FixtureError` when the tool fails.
    public static func bulkWalk(
        port: Int,
        community: String,
        oid: String,
        repetitions: Int = 25,
        host: String = "127.0.0.1"
    ) throws -> [PrintedVarBind] {
        let output = try run(
            "snmpbulkwalk",
            ["-v2c", "-c", community, "-On", "-Cr\(repetitions)", "-t", "5", "-r", "2", "\(host):\(port)", oid])
        guard output.status == 0 else {
            throw FixtureError("snmpbulkwalk of \(oid) failed (\(output.status)): \(output.standardError)")
        }
        return parse(output.standardOutput)
    }

    /// Walks `oid` with `snmpbulkwalk -v3 <securityArguments> -On -Cr<repetitions>` and parses what it prints;
    /// `securityArguments` are net-snmp's flags such as `["-u", "alice", "-l", "authPriv", "-a", "SHA", ...]`.
    /// - Throws: `FixtureError` when the tool fails.
    public static func bulkWalkV3(
        port: Int,
        securityArguments: [String],
        oid: String,
        repetitions: Int = 25,
        host: String = "127.0.0.1"
    ) throws -> [PrintedVarBind] {
        let output = try run(
            "snmpbulkwalk",
            ["-v3"] + securityArguments + ["-On", "-Cr\(repetitions)", "-t", "5", "-r", "2", "\(host):\(port)", oid])
        guard output.status == 0 else {
            throw FixtureError("snmpbulkwalk -v3 of \(oid) failed (\(output.status)): \(output.standardError)")
        }
        return parse(output.standardOutput)
    }

    /// Whether an agent on `host:port` answers a GETNEXT with `community` within `timeout`.
    public static func answers(port: Int, community: String, version: String = "2c", host: String = "127.0.0.1")
        -> Bool
    {
        let arguments = ["-v\(version)", "-c", community, "-On", "-t", "0.5", "-r", "0", "\(host):\(port)", "1.3.6.1"]
        guard let output = try? run("snmpgetnext", arguments, timeout: .seconds(10)) else { return false }
        return output.status == 0 && output.standardOutput.hasPrefix(".")
    }

    /// Parses `-On` output: one varbind per line starting with `.`, continuation lines belong to the value.
    public static func parse(_ text: String) -> [PrintedVarBind] {
        var result: [PrintedVarBind] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("."), let separator = line.range(of: " = ") {
                let oid = String(line[line.index(after: line.startIndex)..<separator.lowerBound])
                let (type, value) = typeAndValue(String(line[separator.upperBound...]))
                result.append(PrintedVarBind(oid: oid, type: type, value: value))
            } else if !line.isEmpty, !result.isEmpty {
                result[result.count - 1].value += "\n" + line
            }
        }
        return result
    }

    private static func typeAndValue(_ text: String) -> (String, String) {
        if text == "\"\"" { return ("STRING", "\"\"") }
        if text == "NULL" { return ("NULL", "NULL") }
        if text.hasPrefix("No Such Object") { return ("noSuchObject", text) }
        if text.hasPrefix("No Such Instance") { return ("noSuchInstance", text) }
        if text.hasPrefix("No more variables") { return ("endOfMibView", text) }
        guard let colon = text.range(of: ": ") else { return ("", text) }
        var type = String(text[..<colon.lowerBound])
        var value = String(text[colon.upperBound...])
        if type == "Opaque", let inner = value.range(of: ": ") {
            type += ": " + value[..<inner.lowerBound]
            value = String(value[inner.upperBound...])
        }
        return (type, value)
    }

    /// Collapses runs of whitespace (including the line breaks net-snmp puts in long hex strings) to one space
    /// and trims the ends, so printed and computed values compare equal.
    public static func normalized(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
