import Testing
import VedettaCore

@testable import SNMPKit

@Suite("Walked columns and response bindings stored flat")
struct SNMPColumnTests {
    let root = OID([1, 3, 6, 1, 2, 1, 4, 20, 1, 1])  // ipAdEntAddr: an index of four sub-identifiers

    private func bind(_ index: [UInt32], _ value: SNMPValue = .integer(1)) -> SNMPVarBind {
        SNMPVarBind(oid: OID(root.components + index), value: value)
    }

    @Test("rows keep their index, value and full OID; bindings outside the root are left out")
    func rows() {
        let varBinds = [
            bind([10, 0, 0, 1], .ipAddress([10, 0, 0, 1])), bind([127, 0, 0, 1], .ipAddress([127, 0, 0, 1])),
            bind([192, 168, 1, 254, 7], .octetString(Array("x".utf8))),
        ]
        let outside = SNMPVarBind(oid: OID([1, 3, 6, 1, 2, 1, 4, 20, 1, 2, 5]), value: .integer(5))
        let column = SNMPColumn(root: root, varBinds: varBinds + [outside])
        #expect(column.count == 3)
        #expect(column.index(at: 0) == [10, 0, 0, 1])
        #expect(column.index(at: 2) == [192, 168, 1, 254, 7])
        #expect(column.oid(at: 1) == OID(root.components + [127, 0, 0, 1]))
        #expect(column.values[1] == .ipAddress([127, 0, 0, 1]))
        #expect(column.varBinds == varBinds)
        #expect(column.lastOID == varBinds[2].oid)
        #expect(SNMPColumn(root: root).lastOID == root)
    }

    @Test("two columns have equal indexes when their rows are the same, whatever their values")
    func indexes() {
        let rows = [bind([10, 0, 0, 1]), bind([127, 0, 0, 1], .octetString([1])), bind([192, 168, 1, 254, 7])]
        let column = SNMPColumn(root: root, varBinds: rows)
        let other = SNMPColumn(
            root: OID([1, 3, 6, 1, 2, 1, 4, 20, 1, 2]),
            varBinds: rows.map {
                SNMPVarBind(oid: OID([1, 3, 6, 1, 2, 1, 4, 20, 1, 2] + $0.oid.components.dropFirst(10)), value: .null)
            })
        #expect(column.indexes == other.indexes)
        #expect(column.indexes.count == 3)
        #expect(column.indexes.index(at: 2) == [192, 168, 1, 254, 7])
        #expect(column.indexes != SNMPColumn(root: root, varBinds: Array(rows.dropLast())).indexes)
        // The same sub-identifiers cut into rows differently are other rows.
        let recut = SNMPColumn(
            root: root, varBinds: [bind([10, 0, 0]), bind([1, 127, 0, 0, 1]), bind([192, 168, 1, 254, 7])])
        #expect(column.indexes != recut.indexes)
    }

    @Test("a row is added only after the last one in OID order, and never the root itself first")
    func order() {
        let empty = SNMPColumn(root: root)
        let column = SNMPColumn(root: root, varBinds: [bind([10, 0, 0, 1])])
        func accepts(_ column: SNMPColumn, _ index: [UInt32]) -> Bool {
            var column = column
            let before = column.count
            let added = index.withUnsafeBufferPointer { column.appendInOrder(index: $0, value: .null) }
            #expect(column.count == before + (added ? 1 : 0))
            return added
        }
        #expect(accepts(empty, [0]))
        #expect(!accepts(empty, []))
        #expect(accepts(column, [10, 0, 0, 2]))
        #expect(accepts(column, [10, 0, 0, 1, 0]))
        #expect(accepts(column, [11]))
        #expect(!accepts(column, [10, 0, 0, 1]))
        #expect(!accepts(column, [10, 0, 0]))
        #expect(!accepts(column, [9, 255, 255, 255]))
        var growing = SNMPColumn(root: root)
        for index: [UInt32] in [[1], [1, 5], [2], [2, 0, 1]] {
            let added = index.withUnsafeBufferPointer { growing.appendInOrder(index: $0, value: .integer(1)) }
            #expect(added)
        }
        #expect(!([UInt32]([2, 0, 0]).withUnsafeBufferPointer { growing.appendInOrder(index: $0, value: .null) }))
        #expect(growing.count == 4)
        #expect(growing.index(at: 3) == [2, 0, 1])
    }

    @Test("a response's bindings are the same after a round trip through the flat list")
    func bindingList() {
        let varBinds = [
            bind([1, 2, 3, 4]), SNMPVarBind(oid: OID([1, 3]), value: .null),
            SNMPVarBind(oid: OID([]), value: .endOfMibView), bind([5, 6, 7, 8], .counter64(1 << 40)),
        ]
        let list = SNMPVarBindList(varBinds)
        #expect(list.count == 4)
        #expect(list.nameRange(at: 2).isEmpty)
        #expect(list.oid(at: 3) == varBinds[3].oid)
        #expect(list.varBinds == varBinds)
        #expect(SNMPVarBindList([]).isEmpty)
    }
}
