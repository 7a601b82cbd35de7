/// How a program ended.
public enum Termination: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it (not one sent by the runner).
    case signalled(Int32)
    /// It was still running at its deadline, and the runner killed its process group.
    case timedOut

    /// `exit status 2`, `killed by signal 11 (SIGSEGV)`, `timed out`.
    public var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signalled(let signal): "killed by signal \(signal)\(SignalName.of(signal).map { " (\($0))" } ?? "")"
        case .timedOut: "timed out"
        }
    }
}

/// What one run of a program produced.
public struct CommandResult: Sendable, Hashable {
    /// How it ended.
    public var termination: Termination
    /// Its standard output, at most ``Command/outputLimit`` bytes.
    public var standardOutput: [UInt8]
    /// Whether standard output went on past the limit.
    public var outputTruncated: Bool
    /// Its standard error, at most ``Command/errorLimit`` bytes.
    public var standardError: [UInt8]
    /// From the start of the spawn to the program's end (or its kill).
    public var duration: Duration

    /// Creates a result.
    public init(
        termination: Termination,
        standardOutput: [UInt8] = [],
        outputTruncated: Bool = false,
        standardError: [UInt8] = [],
        duration: Duration = .zero
    ) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.outputTruncated = outputTruncated
        self.standardError = standardError
        self.duration = duration
    }

    /// Standard output as text (invalid UTF-8 replaced).
    public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    /// Standard error as text (invalid UTF-8 replaced).
    public var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// Names of the signals a program is most often killed by.
enum SignalName {
    static func of(_ signal: Int32) -> String? {
        let names: [Int32: String] = [
            1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL",
            11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
        ]
        return names[signal]
    }
}
