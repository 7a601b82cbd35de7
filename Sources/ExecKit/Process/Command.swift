/// A program to run: its path, its arguments (never through a shell), the whole of its environment, and how it is
/// bounded.
public struct Command: Sendable, Hashable {
    /// The program's absolute path.
    public var executable: String
    /// The arguments after the program's name (`argv[1...]`).
    public var arguments: [String]
    /// The program's whole environment: nothing of the caller's is passed on unless it is here.
    public var environment: [String: String]
    /// The directory to run in; `nil` runs in the caller's.
    public var workingDirectory: String?
    /// The account to run as (a user name or a numeric uid), when the caller is root; `nil` runs as the caller.
    public var user: String?
    /// The most bytes of standard output kept; what comes after is read and dropped, so the program never blocks
    /// on a full pipe.
    public var outputLimit: Int
    /// The most bytes of standard error kept.
    public var errorLimit: Int

    /// Creates a command.
    /// - Parameters:
    ///   - executable: The program's absolute path.
    ///   - arguments: The arguments after the program's name.
    ///   - environment: The program's whole environment.
    ///   - workingDirectory: The directory to run in, or `nil` for the caller's.
    ///   - user: The account to run as (name or uid), or `nil` for the caller's.
    ///   - outputLimit: The most bytes of standard output kept (default 64 KiB).
    ///   - errorLimit: The most bytes of standard error kept (default 4 KiB).
    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        user: String? = nil,
        outputLimit: Int = 64 * 1024,
        errorLimit: Int = 4 * 1024
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
        self.outputLimit = outputLimit
        self.errorLimit = errorLimit
    }

    /// The program's file name, e.g. `check_tcp`.
    public var name: String {
        executable.split(separator: "/").last.map(String.init) ?? executable
    }
}
