public import VedettaCore

/// One problem in a configuration file, with the place it was found.
///
/// `description` reads like a compiler diagnostic, so editors and terminals can jump to it:
///
/// ```
/// vedetta.yaml:12:18: error: unknown key "comunity" in devices[0].snmp; expected one of address, ...
/// ```
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: the file as opened, with 1-based line and column.
    public var location: SourceLocation
    /// The key path of the offending value inside its file, e.g. `devices[2].snmp.version`; empty for the whole file.
    public var path: String
    /// What is wrong and, where possible, what to write instead.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - location: Where the problem is.
    ///   - path: The key path of the offending value.
    ///   - message: What is wrong.
    public init(location: SourceLocation, path: String, message: String) {
        self.location = location
        self.path = path
        self.message = message
    }

    /// `file:line:column: error: message`.
    public var description: String { "\(location): error: \(message)" }
}
