public import VedettaConfig

/// The exec kind's configuration: reads `devices[].exec` sections.
public struct ExecCheckReader: CheckReader {
    static let keys = ["command", "timeout", "environment", "pass_environment", "working_directory", "user", "name"]

    /// `exec`.
    public let key = "exec"

    /// Creates the reader.
    public init() {}

    /// Reads one `exec:` section; see docs/probes/exec.md for the keys.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - profiles: Not used by exec checks.
    /// - Returns: The check's settings, or `nil` when a problem was reported.
    public func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)? {
        Self.read(reader)
    }

    /// The exec check, or `nil` when any setting is invalid (each problem reported).
    static func read(_ reader: NodeReader) -> ExecCheckConfiguration? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        var check = ExecCheckConfiguration(command: value(mapping.required("command").flatMap(readCommand)) ?? [])
        if let timeout = mapping.optional("timeout") {
            check.timeout = value(timeout.duration())
        }
        if let environment = mapping.optional("environment"), let pairs = value(readEnvironment(environment)) {
            check.environment = pairs
        }
        if let names = mapping.optional("pass_environment"), let list = value(readNames(names)) {
            check.passEnvironment = list
        }
        if let directory = mapping.optional("working_directory"),
            let path = value(absolutePath(directory, example: "/var/lib/vedetta"))
        {
            check.workingDirectory = path
        }
        if let user = mapping.optional("user"), let name = value(user.nonEmptyString()) {
            check.user = name
        }
        return valid ? check : nil
    }

    /// `[/path/to/plugin, arg, ...]`: a list whose first item is an absolute path; arguments may be empty strings.
    private static func readCommand(_ reader: NodeReader) -> [String]? {
        guard reader.isList else {
            reader.report(
                "command must be a list, the plugin's absolute path then its arguments, e.g. "
                    + "[/usr/lib/nagios/plugins/check_tcp, -H, 10.0.0.5, -p, \"5060\"]; it is never run through a shell"
            )
            return nil
        }
        guard let items = reader.list() else { return nil }
        guard let first = items.first else {
            reader.report("command must name the plugin to run")
            return nil
        }
        var command: [String] = []
        for item in items {
            guard let text = item.isNull ? "" : item.string() else { return nil }
            command.append(text)
        }
        guard absolutePath(first, example: "/usr/lib/nagios/plugins/check_tcp") != nil else { return nil }
        return command
    }

    private static func absolutePath(_ reader: NodeReader, example: String) -> String? {
        guard let path = reader.nonEmptyString() else { return nil }
        guard path.hasPrefix("/") else {
            reader.report("\"\(path)\" must be an absolute path, e.g. \(example)")
            return nil
        }
        return path
    }

    private static func readEnvironment(_ reader: NodeReader) -> [String: String]? {
        guard let pairs = reader.stringMap() else { return nil }
        var environment: [String: String] = [:]
        var valid = true
        for (name, value, keyReader) in pairs {
            guard isVariableName(name) else {
                keyReader.report(variableNameProblem(name))
                valid = false
                continue
            }
            environment[name] = value
        }
        return valid ? environment : nil
    }

    private static func readNames(_ reader: NodeReader) -> [String]? {
        guard let items = reader.stringList() else { return nil }
        var valid = true
        for (name, item) in items where !isVariableName(name) {
            item.report(variableNameProblem(name))
            valid = false
        }
        return valid ? items.map(\.value) : nil
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
    }

    private static func variableNameProblem(_ name: String) -> String {
        "invalid environment variable name \"\(name)\"; use letters, digits and _, not starting with a digit"
    }
}
