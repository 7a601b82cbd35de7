/// Why a program could not be run at all. A program that runs and fails is a ``CommandResult``, not an error.
public struct ExecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of problem.
    public enum Code: String, Sendable, Hashable {
        /// The program's path does not exist.
        case notFound = "not_found"
        /// The path exists but is not an executable file (or the account may not execute it).
        case notExecutable = "not_executable"
        /// The working directory does not exist or cannot be entered.
        case workingDirectory = "working_directory"
        /// The account to run as does not exist, or the caller may not switch to it.
        case user
        /// The system refused to start the process (out of processes, memory, descriptors).
        case spawnFailed = "spawn_failed"
    }

    /// The class of problem.
    public var code: Code
    /// A sentence naming the program and what is wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
