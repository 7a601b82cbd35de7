public import VedettaCore

/// The rows of one walked table column (or subtree): each value with its index, the sub-identifiers of its OID
/// after the column's OID (`ifDescr.3` → `[3]`). Stored flat (an `SNMPVarBindList` whose names are the indexes),
/// every index in one array, so that a walk of thousands of rows keeps three arrays instead of one per value.
public struct SNMPColumn: Sendable, Hashable {
    /// The column's OID: every row's OID is `root` followed by the row's index.
    public let root: OID
    /// The rows: each row's index as a name, and its value.
    private var rows = SNMPVarBindList(components: [], nameEnds: [], values: [])

    /// An empty column.
    public init(root: OID) {
        self.root = root
    }

    /// An empty column with room for `size`, and a sixteenth more (a table that grew a little since).
    public init(root: OID, reserving size: Size) {
        self.root = root
        let (rows, components) = (max(0, size.rows), max(0, size.indexComponents))
        self.rows = SNMPVarBindList(reservingCapacity: rows + rows / 16, components: components + components / 16)
    }

    /// How many rows a column has, and how many sub-identifiers its rows' indexes have in all: what a walk of the
    /// same column next time makes room for.
    public struct Size: Sendable, Hashable {
        /// How many rows.
        public var rows: Int
        /// How many sub-identifiers the rows' indexes have in all.
        public var indexComponents: Int

        /// A size of `rows` rows whose indexes have `indexComponents` sub-identifiers in all.
        public init(rows: Int, indexComponents: Int) {
            self.rows = rows
            self.indexComponents = indexComponents
        }
    }

    /// The column's size, for the next walk of it (``init(root:reserving:)``).
    public var size: Size { Size(rows: rows.count, indexComponents: rows.components.count) }

    /// The column of `varBinds` under `root`, in the given order; a binding outside `root`'s subtree is left out.
    public init(root: OID, varBinds: [SNMPVarBind]) {
        self.root = root
        for varBind in varBinds {
            guard let index = varBind.oid.suffix(after: root) else { continue }
            index.withUnsafeBufferPointer { rows.append(name: $0, value: varBind.value) }
        }
    }

    /// How many rows.
    public var count: Int { rows.count }

    /// Whether the column has no row.
    public var isEmpty: Bool { rows.isEmpty }

    /// The rows' values, in order.
    public var values: [SNMPValue] { rows.values }

    /// The index of row `row` (`0..<count`), a slice of the column's storage.
    public func index(at row: Int) -> ArraySlice<UInt32> {
        rows.components[rows.nameRange(at: row)]
    }

    /// The rows' indexes, in order, without the values. Two columns with equal indexes have the same rows in the
    /// same order (the columns of one table walked in one poll usually do): a row of one is then the row at the
    /// same place in the other.
    public var indexes: Indexes { Indexes(components: rows.components, nameEnds: rows.nameEnds) }

    /// The indexes of a column's rows, in order (``SNMPColumn/indexes``), stored flat as the column stores them.
    public struct Indexes: Sendable, Hashable {
        private let components: [UInt32]
        private let nameEnds: [Int]

        init(components: [UInt32], nameEnds: [Int]) {
            self.components = components
            self.nameEnds = nameEnds
        }

        /// How many rows.
        public var count: Int { nameEnds.count }

        /// The index of row `row` (`0..<count`).
        public func index(at row: Int) -> ArraySlice<UInt32> {
            components[SNMPVarBindList.nameRange(at: row, ends: nameEnds)]
        }
    }

    /// The full OID of row `row`.
    public func oid(at row: Int) -> OID {
        OID(root.components + index(at: row))
    }

    /// Every row as a variable binding, in order.
    public var varBinds: [SNMPVarBind] {
        values.indices.map { SNMPVarBind(oid: oid(at: $0), value: values[$0]) }
    }

    /// The OID of the last row, or ``root`` for an empty column: where a walk of the column goes on from.
    var lastOID: OID {
        isEmpty ? root : oid(at: count - 1)
    }

    /// The index of the last row (empty for an empty column): ``lastOID`` is ``root`` followed by it.
    var lastIndex: ArraySlice<UInt32> {
        isEmpty ? [] : index(at: count - 1)
    }

    /// Adds a row, if its index sorts after the last row's (any non-empty index follows an empty column, as any
    /// OID under the root follows the root). One mutating call, so the walk neither copies the column nor looks it
    /// up twice.
    /// - Returns: Whether the row was added (`false`: the agent answered out of order).
    mutating func appendInOrder(index: UnsafeBufferPointer<UInt32>, value: SNMPValue) -> Bool {
        guard follows(index) else { return false }
        rows.append(name: index, value: value)
        return true
    }

    /// Whether `index` sorts after the last row's index.
    private func follows(_ index: UnsafeBufferPointer<UInt32>) -> Bool {
        guard !isEmpty else { return !index.isEmpty }
        let last = rows.nameRange(at: count - 1)
        return rows.components.withUnsafeBufferPointer { all in
            for position in 0..<min(last.count, index.count) {
                let mine = all[last.lowerBound + position]
                if mine != index[position] { return mine < index[position] }
            }
            return last.count < index.count
        }
    }
}
