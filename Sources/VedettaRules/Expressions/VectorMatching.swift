/// How the series of two vectors are paired by a binary operator: PromQL's `on(...)`, `ignoring(...)`,
/// `group_left(...)` and `group_right(...)`.
///
/// By default two series match when all their labels are equal (one-to-one). `on(l1, l2)` matches on those labels
/// only, `ignoring(l1)` on all but those. `group_left(extra)` lets many series on the left match one on the right,
/// copying the right side's `extra` labels onto the result; `group_right` is the mirror image.
public struct VectorMatching: Sendable, Hashable {
    /// Which labels pair two series.
    public enum Labels: Sendable, Hashable {
        /// All labels except these (`ignoring(...)`; no labels for the default, all labels).
        case ignoring([String])
        /// Only these labels (`on(...)`; `on()` matches everything with everything).
        case on([String])
    }

    /// How many series of one side may match one series of the other.
    public enum Cardinality: Sendable, Hashable {
        /// Each series matches at most one on the other side.
        case oneToOne
        /// `group_left(include)`: many on the left, one on the right; `include` labels come from the right.
        case manyToOne(include: [String])
        /// `group_right(include)`: one on the left, many on the right; `include` labels come from the left.
        case oneToMany(include: [String])
    }

    /// Which labels pair two series.
    public var labels: Labels
    /// How many series may match one.
    public var cardinality: Cardinality

    /// Creates a matching.
    public init(labels: Labels = .ignoring([]), cardinality: Cardinality = .oneToOne) {
        self.labels = labels
        self.cardinality = cardinality
    }

    /// All labels, one-to-one: what a binary operator without modifiers does.
    public static let `default` = VectorMatching()

    /// The labels copied from the "one" side by `group_left`/`group_right`.
    var include: [String] {
        switch cardinality {
        case .oneToOne: []
        case .manyToOne(let include), .oneToMany(let include): include
        }
    }

    /// The modifiers as written after the operator: ` on(device) group_left(ifSpeed)`, or `""` for the default.
    var description: String {
        var text = ""
        switch labels {
        case .ignoring(let names) where names.isEmpty: break
        case .ignoring(let names): text += " ignoring(" + names.joined(separator: ", ") + ")"
        case .on(let names): text += " on(" + names.joined(separator: ", ") + ")"
        }
        switch cardinality {
        case .oneToOne: break
        case .manyToOne(let include): text += " group_left" + Self.list(include)
        case .oneToMany(let include): text += " group_right" + Self.list(include)
        }
        return text
    }

    /// `(a, b)`, or nothing for no labels.
    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "" : "(" + names.joined(separator: ", ") + ")"
    }
}
