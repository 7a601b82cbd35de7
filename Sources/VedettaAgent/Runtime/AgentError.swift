/// The agent could not start or stopped abnormally; the message says what and what to do.
public struct AgentError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
