import VedettaCore

/// The state of a walk of several table columns side by side: each GETBULK (GETNEXT on SNMPv1) asks for the next
/// rows of every column not finished yet, so a table costs about `rows × columns / values-per-response` requests
/// instead of a walk per column. Pure: no I/O.
///
/// A GETBULK response lists repetitions in order, each with one value per requested column: value `i` belongs to
/// the `i mod n`-th requested column. A column ends at the first value outside its subtree or an exception
/// (`endOfMibView`); later values for it in the same response are ignored. A value that does not come after the
/// column's previous one fails the walk (an agent looping or answering out of order).
struct SNMPColumnWalk: Sendable {
    /// Why the walk cannot go on.
    enum Problem: Sendable, Equatable {
        /// Column `root` got `oid` after `previous`.
        case nonIncreasing(root: OID, oid: OID, previous: OID)
        /// More than the walk limit of values in all.
        case limitExceeded(root: OID)
    }

    /// The columns, in the caller's order.
    let roots: [OID]
    private var finished: [Bool]
    /// The columns not finished yet, in order (what ``pendingColumns(atMost:)`` hands out).
    private var pending: [Int]
    private var collected: [SNMPColumn]
    private var total = 0
    private let limit: Int

    /// Starts a walk of `roots` (none a prefix of another), stopping at `limit` values in all.
    /// - Parameter expectedSizes: Per root, in order, the size to make room for (the previous walk's, so that a
    ///   column of hundreds of rows is not copied over and over as it grows); ignored unless there is one per root.
    init(roots: [OID], limit: Int, expectedSizes: [SNMPColumn.Size] = []) {
        self.roots = roots
        self.finished = Array(repeating: false, count: roots.count)
        self.pending = Array(roots.indices)
        self.collected =
            expectedSizes.count == roots.count
            ? zip(roots, expectedSizes).map { SNMPColumn(root: $0, reserving: $1) }
            : roots.map { SNMPColumn(root: $0) }
        self.limit = limit
    }

    /// How many columns are still being walked.
    var pendingCount: Int { pending.count }

    /// The indexes of the columns still being walked, at most `count` of them, in order.
    func pendingColumns(atMost count: Int) -> [Int] {
        Array(pending.prefix(count))
    }

    /// The OIDs to ask the successors of, for `columns`: each column's last OID, or its root.
    func requestOIDs(for columns: [Int]) -> [OID] {
        columns.map { collected[$0].lastOID }
    }

    /// The bindings of the request for `columns`: ``requestOIDs(for:)`` with NULL values, written into one list.
    func requestBindings(for columns: [Int]) -> SNMPVarBindList {
        var bindings = SNMPVarBindList(
            reservingCapacity: columns.count,
            components: columns.reduce(0) { $0 + roots[$1].components.count + collected[$1].lastIndex.count })
        for column in columns {
            bindings.append(name: roots[column], collected[column].lastIndex, value: .null)
        }
        return bindings
    }

    /// Every value collected: one column per root, in the caller's order, each in OID order. Handed over
    /// without copying: the caller takes the columns the walk appended to.
    var columns: [SNMPColumn] { collected }

    /// Marks `column` as ended (e.g. SNMPv1 `noSuchName` at its position).
    mutating func finish(column: Int) {
        finished[column] = true
        pending.removeAll { $0 == column }
    }

    /// Takes in the values of a response to a request for `columns`. The names are read where the response
    /// holds them; only each row's index is copied, into its column.
    /// - Returns: A problem that stops the walk, or `nil`.
    mutating func receive(_ bindings: SNMPVarBindList, for columns: [Int]) -> Problem? {
        guard !columns.isEmpty else { return nil }
        defer { pending.removeAll { finished[$0] } }
        if bindings.isEmpty {
            for column in columns { finished[column] = true }  // nothing more to say: stop rather than loop
            return nil
        }
        return bindings.components.withUnsafeBufferPointer { names in
            var position = 0
            for row in 0..<bindings.count {
                let column = columns[position]
                position = position + 1 == columns.count ? 0 : position + 1
                guard !finished[column] else { continue }
                let value = bindings.values[row]
                let name = UnsafeBufferPointer(rebasing: names[bindings.nameRange(at: row)])
                guard !value.isException, roots[column].isPrefix(of: name) else {
                    finished[column] = true
                    continue
                }
                let index = UnsafeBufferPointer(rebasing: name[roots[column].components.count...])
                guard collected[column].appendInOrder(index: index, value: value) else {
                    return .nonIncreasing(
                        root: roots[column], oid: OID(Array(name)), previous: collected[column].lastOID)
                }
                total += 1
                if total > limit { return .limitExceeded(root: roots[column]) }
            }
            return nil
        }
    }
}
