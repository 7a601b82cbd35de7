/// An SNMP object identifier such as `1.3.6.1.2.1.1.3.0`.
public struct OID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numeric sub-identifiers.
    public var components: [UInt32]

    /// Creates an OID from its sub-identifiers.
    public init(_ components: [UInt32]) {
        self.components = components
    }

    /// Parses dotted notation; a leading dot is allowed (`.1.3.6.1`). Returns `nil` for anything else.
    public init?(_ text: String) {
        var body = Substring(text)
        if body.first == "." { body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        var parts: [UInt32] = []
        for part in body.split(separator: ".", omittingEmptySubsequences: false) {
            guard let value = UInt32(part) else { return nil }
            parts.append(value)
        }
        self.components = parts
    }

    /// Whether `self` lies in the subtree rooted at `prefix` (an OID is in its own subtree).
    public func hasPrefix(_ prefix: OID) -> Bool {
        components.withUnsafeBufferPointer { prefix.isPrefix(of: $0) }
    }

    /// Whether the OID of sub-identifiers `other` is `self` or lies in its subtree (for OIDs read in place, e.g.
    /// from a decoded response).
    public func isPrefix(of other: UnsafeBufferPointer<UInt32>) -> Bool {
        guard other.count >= components.count else { return false }
        return components.withUnsafeBufferPointer { mine in
            for index in mine.indices where mine[index] != other[index] { return false }
            return true
        }
    }

    /// The sub-identifiers after `prefix`, or `nil` when `self` is not under `prefix`.
    public func suffix(after prefix: OID) -> ArraySlice<UInt32>? {
        hasPrefix(prefix) ? components[prefix.components.count...] : nil
    }

    /// Returns `self` with `more` sub-identifiers appended.
    public func appending(_ more: UInt32...) -> OID { OID(components + more) }

    /// Dotted notation without a leading dot.
    public var description: String { components.map(String.init).joined(separator: ".") }

    /// Lexicographic order of sub-identifiers, the order of an SNMP walk.
    public static func < (lhs: OID, rhs: OID) -> Bool {
        lhs.components.withUnsafeBufferPointer { left in
            rhs.components.withUnsafeBufferPointer { right in
                for index in 0..<min(left.count, right.count) where left[index] != right[index] {
                    return left[index] < right[index]
                }
                return left.count < right.count
            }
        }
    }
}
