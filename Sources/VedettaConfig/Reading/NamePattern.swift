/// The name rules the configuration enforces, from Prometheus where the name ends up in `/metrics`.
public enum NamePattern {
    /// A metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    case metric
    /// A label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
    case label
    /// A device or profile name: letters, digits, `-`, `_`, `.` and `:`.
    case identifier

    /// Whether `name` follows the rule.
    public func matches(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        switch self {
        case .metric:
            return (Self.isStart(first) || first == ":")
                && name.unicodeScalars.allSatisfy { Self.isPart($0) || $0 == ":" }
        case .label:
            return Self.isStart(first) && name.unicodeScalars.allSatisfy(Self.isPart)
        case .identifier:
            return name.unicodeScalars.allSatisfy { Self.isPart($0) || "-.:".unicodeScalars.contains($0) }
        }
    }

    /// How the rule reads in a message.
    public var rule: String {
        switch self {
        case .metric: "names must match [a-zA-Z_:][a-zA-Z0-9_:]*"
        case .label: "names must match [a-zA-Z_][a-zA-Z0-9_]*"
        case .identifier: "use letters, digits, \"-\", \"_\", \".\" and \":\""
        }
    }

    private static func isStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_")
    }

    private static func isPart(_ scalar: Unicode.Scalar) -> Bool {
        isStart(scalar) || ("0"..."9").contains(scalar)
    }
}
