/// A set of label name/value pairs that identifies a time series, as in Prometheus.
///
/// Labels are kept sorted by name, so two sets with the same pairs are equal and hash equally
/// whatever order they were built in. Names are unique: setting an existing name replaces its value.
///
/// A label set is the key of every per-series dictionary of the rule engine, looked up many times for each
/// sample, so its hash is computed once, when the labels change, and hashing a set costs one integer.
public struct LabelSet: Hashable, Sendable, Sequence, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    /// One label.
    public struct Label: Hashable, Sendable {
        /// The label name, e.g. `device`.
        public var name: String
        /// The label value, e.g. `core-switch`.
        public var value: String

        /// Creates a label.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The labels, sorted by name.
    public private(set) var labels: [Label] {
        didSet { digest = Self.digest(of: labels) }
    }
    /// The hash of ``labels``, kept up to date by every change.
    private var digest: Int

    /// Creates an empty label set.
    public init() {
        self.labels = []
        self.digest = Self.emptyDigest
    }

    /// Creates a label set of `labels` in any order; of several labels with one name, the last wins. The set is
    /// hashed once, so a series' labels gathered from several sources cost one hash, not one per label or merge.
    public init(labels: [Label]) {
        // Positions sorted by name, ties in order, so that the last of each name comes last and is kept.
        let ordered = labels.indices.sorted { (labels[$0].name, $0) < (labels[$1].name, $1) }
        var unique: [Label] = []
        unique.reserveCapacity(labels.count)
        for position in ordered {
            if let last = unique.last, last.name == labels[position].name {
                unique[unique.count - 1] = labels[position]
            } else {
                unique.append(labels[position])
            }
        }
        self.labels = unique
        self.digest = Self.digest(of: unique)
    }

    /// Creates a label set from a dictionary.
    public init(_ dictionary: [String: String]) {
        let labels = dictionary.map { Label(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        self.labels = labels
        self.digest = Self.digest(of: labels)
    }

    /// Two sets are equal when they have the same pairs.
    public static func == (lhs: LabelSet, rhs: LabelSet) -> Bool {
        lhs.digest == rhs.digest && lhs.labels == rhs.labels
    }

    /// A number computed from the labels when they change: equal sets have equal fingerprints, and different sets
    /// different ones but for a chance of 2⁻⁶⁴. Telling that a poll has the same series as the one before by their
    /// fingerprints costs one integer comparison per series instead of comparing every label.
    public var fingerprint: Int { digest }

    /// Hashes the precomputed digest.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    private static let emptyDigest = digest(of: [])

    private static func digest(of labels: [Label]) -> Int {
        var hasher = Hasher()
        hasher.combine(labels.count)
        for label in labels {
            hasher.combine(label.name)
            hasher.combine(label.value)
        }
        return hasher.finalize()
    }

    /// Creates a label set from a dictionary literal; a later duplicate name wins.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init()
        for (name, value) in elements { self[name] = value }
    }

    /// The value of the label `name`, or `nil`; setting `nil` removes the label.
    public subscript(name: String) -> String? {
        get {
            position(of: name).found.map { labels[$0].value }
        }
        set {
            let (index, found) = position(of: name)
            switch (found, newValue) {
            case (.some(let i), .some(let value)): labels[i].value = value
            case (.some(let i), .none): labels.remove(at: i)
            case (.none, .some(let value)): labels.insert(Label(name: name, value: value), at: index)
            case (.none, .none): break
            }
        }
    }

    /// Returns a copy with the labels of `other` added, replacing labels of the same name.
    public func merging(_ other: LabelSet) -> LabelSet {
        guard !other.labels.isEmpty else { return self }
        guard !labels.isEmpty else { return other }
        // Merged as two sorted lists, and hashed once.
        var merged: [Label] = []
        merged.reserveCapacity(labels.count + other.labels.count)
        var mine = labels[...]
        var theirs = other.labels[...]
        while let left = mine.first, let right = theirs.first {
            if left.name < right.name {
                merged.append(left)
                mine = mine.dropFirst()
            } else {
                merged.append(right)
                theirs = theirs.dropFirst()
                if left.name == right.name { mine = mine.dropFirst() }
            }
        }
        merged += mine
        merged += theirs
        var result = LabelSet()
        result.labels = merged
        return result
    }

    /// Returns a copy without the labels whose names are in `names`.
    public func removing(_ names: Set<String>) -> LabelSet {
        var result = self
        result.labels.removeAll { names.contains($0.name) }
        return result
    }

    /// Returns a copy with only the labels whose names are in `names`.
    public func keeping(_ names: Set<String>) -> LabelSet {
        var result = self
        result.labels.removeAll { !names.contains($0.name) }
        return result
    }

    /// The number of labels.
    public var count: Int { labels.count }

    /// Whether the set has no labels.
    public var isEmpty: Bool { labels.isEmpty }

    /// Iterates the labels in name order.
    public func makeIterator() -> IndexingIterator<[Label]> { labels.makeIterator() }

    /// The labels as a dictionary.
    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: labels.map { ($0.name, $0.value) })
    }

    /// The set in Prometheus notation: `{device="sw1",ifIndex="3"}`.
    public var description: String {
        guard !labels.isEmpty else { return "{}" }
        var bytes: [UInt8] = []
        appendPrometheusText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the set in Prometheus notation (as ``description``), as UTF-8, to `bytes`; nothing for an empty set.
    /// - Parameter bytes: The text being written.
    public func appendPrometheusText(to bytes: inout [UInt8]) {
        guard !labels.isEmpty else { return }
        bytes.append(UInt8(ascii: "{"))
        for (index, label) in labels.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: label.name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            PrometheusEscaping.appendLabelValue(label.value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private func position(of name: String) -> (index: Int, found: Int?) {
        var low = 0
        var high = labels.count
        while low < high {
            let mid = (low + high) / 2
            if labels[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return (low, low < labels.count && labels[low].name == name ? low : nil)
    }
}
