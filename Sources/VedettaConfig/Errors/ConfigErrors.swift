/// Every problem found while loading a configuration, sorted by file, line and column.
///
/// Loading does not stop at the first problem: a user fixing a configuration sees all of them at once.
/// `description` prints one ``ConfigError`` per line, like a compiler.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by location (stable for problems at the same place).
    public var errors: [ConfigError]

    /// Creates the error list, sorting `errors` by location.
    ///
    /// - Parameter errors: The problems, in any order.
    public init(_ errors: [ConfigError]) {
        self.errors = errors.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }

    /// One `file:line:column: error: message` line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
