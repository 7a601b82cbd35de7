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
    private var lastOIDs: [OID]
    private var finished: [Bool]
    /// The columns not finished yet, in order (what ``pendingColumns(atMost:)`` hands out).
    private var pending: [Int]
    private var collected: [[SNMPVarBind]]
    private var total = 0
    private let limit: Int

    /// Starts a walk of `roots` (none a prefix of another), stopping at `limit` values in all.
    init(roots: [OID], limit: Int) {
        self.roots = roots
        self.lastOIDs = roots
        self.finished = Array(repeating: false, count: roots.count)
        self.pending = Array(roots.indices)
        self.collected = Array(repeating: [], count: roots.count)
        self.limit = limit
    }

    /// The indexes of the columns still being walked, at most `count` of them, in order.
    func pendingColumns(atMost count: Int) -> [Int] {
        Array(pending.prefix(count))
    }

    /// The OIDs to ask the successors of, for `columns`.
    func requestOIDs(for columns: [Int]) -> [OID] {
        columns.map { lastOIDs[$0] }
    }

    /// Every value collected: one array per column in the caller's order, each in OID order. Handed over
    /// without copying: the caller takes the arrays the walk appended to.
    var columns: [[SNMPVarBind]] { collected }

    /// Marks `column` as ended (e.g. SNMPv1 `noSuchName` at its position).
    mutating func finish(column: Int) {
        finished[column] = true
        pending.removeAll { $0 == column }
    }

    /// Takes in the values of a response to a request for `columns`.
    /// - Returns: A problem that stops the walk, or `nil`.
    mutating func receive(_ values: [SNMPVarBind], for columns: [Int]) -> Problem? {
        guard !columns.isEmpty else { return nil }
        defer { pending.removeAll { finished[$0] } }
        if values.isEmpty {
            for column in columns { finished[column] = true }  // nothing more to say: stop rather than loop
            return nil
        }
        var position = 0
        for varBind in values {
            let column = columns[position]
            position = position + 1 == columns.count ? 0 : position + 1
            guard !finished[column] else { continue }
            if varBind.value.isException || !varBind.oid.hasPrefix(roots[column]) {
                finished[column] = true
                continue
            }
            guard lastOIDs[column] < varBind.oid else {
                return .nonIncreasing(root: roots[column], oid: varBind.oid, previous: lastOIDs[column])
            }
            collected[column].append(varBind)
            lastOIDs[column] = varBind.oid
            total += 1
            if total > limit { return .limitExceeded(root: roots[column]) }
        }
        return nil
    }
}
