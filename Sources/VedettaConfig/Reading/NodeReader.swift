public import VedettaCore
public import Yams

/// A YAML node with its key path and file, and typed accessors that report problems instead of throwing.
///
/// Every accessor returns `nil` after recording a ``ConfigError`` at the node, so a reader can go on and find
/// the next problem.
public struct NodeReader {
    /// The node read.
    public let node: Node
    /// Its key path, e.g. `devices[0].snmp.version`; empty for a file's root.
    public let path: String
    /// The file it is in.
    let file: SourceFile
    /// Where problems go.
    let diagnostics: Diagnostics

    /// Where the node starts.
    public var location: SourceLocation { file.location(node.mark) }

    /// The path for messages: the key path, or "the top level" for a root.
    public var displayPath: String { path.isEmpty ? "the top level" : path }

    /// A reader for a child reached through `key`.
    public func child(_ node: Node, key: String) -> NodeReader {
        NodeReader(node: node, path: childPath(key), file: file, diagnostics: diagnostics)
    }

    /// The key path of `key` inside this node.
    public func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A reader for item `index` of a list.
    public func item(_ node: Node, index: Int) -> NodeReader {
        NodeReader(node: node, path: "\(path)[\(index)]", file: file, diagnostics: diagnostics)
    }

    /// Records a problem at this node.
    public func report(_ message: String) {
        diagnostics.report(message, at: location, path: path)
    }

    /// Records a problem at `location`, under this node's path.
    public func report(_ message: String, at location: SourceLocation) {
        diagnostics.report(message, at: location, path: path)
    }

    /// Whether the node is a YAML null (`~`, `null` or nothing), which counts as "not given".
    public var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The scalar's text when the node is a single value, else `nil` (nothing reported): for fields that accept
    /// either a keyword or a list or mapping.
    public var scalarText: String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    /// Whether the node is a list.
    public var isList: Bool { node.sequence != nil }

    /// Whether the node is a mapping.
    public var isMapping: Bool { node.mapping != nil }

    /// How the node reads in a message: `"text"`, `a list` or `a mapping`.
    public var kindDescription: String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// The scalar node, or `nil` (reported) for a list or mapping.
    public func scalar() -> Node.Scalar? {
        guard case .scalar(let scalar) = node else {
            report("expected a single value for \(displayPath), got \(kindDescription)")
            return nil
        }
        return scalar
    }

    /// The scalar text as written (`no` stays `"no"`; numbers keep their spelling).
    public func string() -> String? { scalar()?.string }

    /// The scalar text, rejecting an empty string.
    public func nonEmptyString() -> String? {
        guard let text = string() else { return nil }
        guard !text.isEmpty else {
            report("\(displayPath) must not be empty")
            return nil
        }
        return text
    }

    /// A decimal integer not below `minimum`.
    public func int(minimum: Int? = nil) -> Int? {
        guard let text = string() else { return nil }
        guard let value = Int(text.filter { $0 != "_" }) else {
            report("expected an integer for \(displayPath), got \"\(text)\"")
            return nil
        }
        if let minimum, value < minimum {
            report(
                minimum == 0
                    ? "\(displayPath) must not be negative, got \(value)"
                    : "\(displayPath) must be at least \(minimum), got \(value)")
            return nil
        }
        return value
    }

    /// A finite number.
    public func double() -> Double? {
        guard let text = string() else { return nil }
        guard let value = Double(text), value.isFinite else {
            report("expected a number for \(displayPath), got \"\(text)\"")
            return nil
        }
        return value
    }

    /// `true` or `false` (YAML 1.1 spellings `yes`/`no`/`on`/`off` are accepted too).
    public func bool() -> Bool? {
        guard let text = string() else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("expected true or false for \(displayPath), got \"\(text)\"")
            return nil
        }
    }

    /// A duration such as `30s` or `1m30s`; zero is rejected unless `allowZero`.
    public func duration(allowZero: Bool = false) -> Duration? {
        guard let text = string() else { return nil }
        guard let value = Duration.parse(text) else {
            report("invalid duration \"\(text)\"; use e.g. 30s, 5m, 1h")
            return nil
        }
        if !allowZero, value == .zero {
            report("\(displayPath) must be greater than zero")
            return nil
        }
        return value
    }

    /// A dotted numeric OID.
    public func oid() -> OID? {
        guard let text = string() else { return nil }
        guard let value = OID(text), value.components.count >= 2 else {
            report("invalid OID \"\(text)\"; use dotted numbers such as 1.3.6.1.2.1.1.3.0")
            return nil
        }
        return value
    }

    /// One of the raw values of `T`; `what` names the value in the message (`SNMP version`).
    public func choice<T: RawRepresentable & CaseIterable>(_ what: String, of type: T.Type = T.self) -> T?
    where T.RawValue == String {
        guard let text = string() else { return nil }
        guard let value = T(rawValue: text) else {
            report("invalid \(what) \"\(text)\"; use \(Self.alternatives(T.allCases.map(\.rawValue)))")
            return nil
        }
        return value
    }

    /// `a`, `a or b`, `a, b or c`.
    public static func alternatives(_ values: [String]) -> String {
        guard values.count > 1, let last = values.last else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + last
    }
}

extension NodeReader {
    /// A non-empty string following `pattern`; `what` names it in the message (`metric name`).
    public func name(_ pattern: NamePattern, what: String) -> String? {
        guard let text = nonEmptyString() else { return nil }
        guard pattern.matches(text) else {
            report("invalid \(what) \"\(text)\"; \(pattern.rule)")
            return nil
        }
        return text
    }
}
