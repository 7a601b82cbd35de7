import VedettaConfig
public import VedettaCore

/// Decodes a table row index (the OID suffix after a column OID) into labels, per the profile's index components
/// (RFC 2578 §7.7 encodings).
public enum SNMPIndexDecoder {
    /// The labels for `suffix`, or `nil` when the suffix is too short for the components. Sub-identifiers left
    /// over after the last component are ignored (some agents append `.0` to table instances).
    /// - Parameters:
    ///   - suffix: The sub-identifiers after the column OID.
    ///   - components: The profile's index components, in order.
    /// - Returns: One label per component.
    public static func labels(for suffix: ArraySlice<UInt32>, components: [SNMPIndexComponent]) -> LabelSet? {
        labelList(for: suffix, components: components).map { LabelSet(labels: $0) }
    }

    /// The labels of ``labels(for:components:)``, in the order of `components`, not yet made a set: a row's labels
    /// are gathered from several sources and hashed once.
    public static func labelList(for suffix: ArraySlice<UInt32>, components: [SNMPIndexComponent])
        -> [LabelSet.Label]?
    {
        var labels: [LabelSet.Label] = []
        labels.reserveCapacity(components.count)
        var rest = suffix
        for component in components {
            let value: String
            switch component.encoding {
            case .integer:
                guard let number = rest.popFirst() else { return nil }
                value = String(number)
            case .string:
                guard let length = rest.popFirst(), rest.count >= Int(length) else { return nil }
                let bytes = rest.prefix(Int(length))
                rest = rest.dropFirst(Int(length))
                guard bytes.allSatisfy({ $0 <= 255 }) else { return nil }
                value = SNMPLabelText.text(ofOctets: bytes.map { UInt8($0) })
            case .ipAddress:
                guard rest.count >= 4 else { return nil }
                let bytes = rest.prefix(4)
                rest = rest.dropFirst(4)
                value = bytes.map(String.init).joined(separator: ".")
            case .rest:
                value = rest.map(String.init).joined(separator: ".")
                rest = []
            }
            labels.append(LabelSet.Label(name: component.name, value: value))
        }
        return labels
    }
}
