import VedettaCore

/// Variable bindings stored flat: every name's sub-identifiers one after the other in one array, so that a response,
/// a request or a walked column keeps a few arrays instead of one per value. A column walk reads a response's names
/// in place; ``varBinds`` makes the values of a GET or a plain walk. ``SNMPColumn`` keeps its rows in one, each
/// row's index as its name.
struct SNMPVarBindList: Sendable, Hashable {
    /// The sub-identifiers of every name, in order.
    private(set) var components: [UInt32]
    /// Where each name ends in ``components`` (the next one starts there).
    private(set) var nameEnds: [Int]
    /// The values, in order.
    private(set) var values: [SNMPValue]

    /// A list of the given names and values (`nameEnds` and `values` of the same length, the ends increasing).
    init(components: [UInt32], nameEnds: [Int], values: [SNMPValue]) {
        self.components = components
        self.nameEnds = nameEnds
        self.values = values
    }

    /// An empty list with room for `count` bindings of `components` sub-identifiers in all.
    init(reservingCapacity count: Int, components: Int) {
        self.components = []
        self.components.reserveCapacity(components)
        nameEnds = []
        nameEnds.reserveCapacity(count)
        values = []
        values.reserveCapacity(count)
    }

    /// The list of `varBinds`.
    init(_ varBinds: [SNMPVarBind]) {
        self.init(
            reservingCapacity: varBinds.count, components: varBinds.reduce(0) { $0 + $1.oid.components.count })
        for varBind in varBinds { append(name: varBind.oid, [], value: varBind.value) }
    }

    /// Appends a binding named `prefix` followed by `suffix`.
    mutating func append(name prefix: OID, _ suffix: ArraySlice<UInt32>, value: SNMPValue) {
        components.append(contentsOf: prefix.components)
        components.append(contentsOf: suffix)
        nameEnds.append(components.count)
        values.append(value)
    }

    /// Appends a binding named `name` (e.g. read in place from a response).
    mutating func append(name: UnsafeBufferPointer<UInt32>, value: SNMPValue) {
        components.append(contentsOf: name)
        nameEnds.append(components.count)
        values.append(value)
    }

    /// How many variable bindings.
    var count: Int { values.count }

    /// Whether there are none.
    var isEmpty: Bool { values.isEmpty }

    /// Where the name of binding `position` lies in ``components``.
    func nameRange(at position: Int) -> Range<Int> {
        Self.nameRange(at: position, ends: nameEnds)
    }

    /// Where name `position` lies among names that end at `ends` (each starts where the one before ends).
    static func nameRange(at position: Int, ends: [Int]) -> Range<Int> {
        (position == 0 ? 0 : ends[position - 1])..<ends[position]
    }

    /// The name of binding `position`.
    func oid(at position: Int) -> OID {
        OID(Array(components[nameRange(at: position)]))
    }

    /// Every binding as a ``SNMPVarBind``.
    var varBinds: [SNMPVarBind] {
        values.indices.map { SNMPVarBind(oid: oid(at: $0), value: values[$0]) }
    }
}
