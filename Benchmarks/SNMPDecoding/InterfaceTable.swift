import SNMPKit
import VedettaCore

/// A router's interface table in memory, answering GETBULK requests the way snmpsim (pysnmp) does: at most
/// ``answerCap`` values an answer, in whole repetitions, each name followed to the next OID of the table (the end
/// of the table answered `endOfMibView`). Answers are SNMPv2c GetResponse datagrams.
struct InterfaceTable {
    /// The most values pysnmp puts in one GETBULK answer.
    static let answerCap = 64

    /// The walked columns, as the `if-mib` profile polls them.
    let columns: [OID]
    /// How many interfaces.
    let rows: Int
    /// Every instance of the table, in OID order.
    private let entries: [(oid: OID, value: SNMPValue)]

    init(rows: Int) {
        let ifEntry: [UInt32] = [1, 3, 6, 1, 2, 1, 2, 2, 1]
        let ifXEntry: [UInt32] = [1, 3, 6, 1, 2, 1, 31, 1, 1, 1]
        let ifTableColumns: [UInt32] = [2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 19, 20]
        let ifXTableColumns: [UInt32] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 18]
        columns = ifTableColumns.map { OID(ifEntry + [$0]) } + ifXTableColumns.map { OID(ifXEntry + [$0]) }
        self.rows = rows
        let indexes = (1...rows).map { UInt32($0) * 3 + 500 }
        var entries: [(oid: OID, value: SNMPValue)] = []
        for column in columns {
            let table = column.components[6]  // 2: ifTable, 31: ifXTable
            let number = column.components[column.components.count - 1]
            for (row, index) in indexes.enumerated() {
                let value = Self.value(table: table, column: number, row: UInt64(row))
                entries.append((OID(column.components + [index]), value))
            }
        }
        self.entries = entries.sorted { $0.oid < $1.oid }
    }

    /// A value as a Juniper MX960 answers for column `column` of `table` (2: ifTable, 31: ifXTable), row `row`.
    private static func value(table: UInt32, column: UInt32, row: UInt64) -> SNMPValue {
        let name = Array("xe-\(row / 24)/\(row % 24 / 8)/\(row % 8)".utf8)
        switch (table, column) {
        case (2, 2), (31, 1): return .octetString(name)
        case (31, 18):
            return .octetString(Array("to core-sw-milano-\(row % 7) port \(row) via patch panel A-\(row)".utf8))
        case (2, 3): return .integer(6)
        case (2, 4): return .integer(row % 5 == 0 ? 9_192 : 1_514)
        case (2, 5): return .gauge32(row % 3 == 0 ? 4_294_967_295 : 1_000_000_000)
        case (2, 6): return .octetString([0x00, 0x05, 0x86, 0x71, UInt8(row >> 8), UInt8(row & 0xFF)])
        case (2, 7): return .integer(1)
        case (2, 8): return .integer(row % 8 == 7 ? 2 : 1)
        case (2, 9): return .timeTicks(UInt32(row * 12_345 + 678))
        case (2, _): return .counter32(UInt32(truncatingIfNeeded: row * 7_919 + UInt64(column)))
        case (31, 15): return .gauge32(row % 3 == 0 ? 100_000 : 10_000)
        case (31, 6...13): return .counter64(row * 1_234_567_890_123 + UInt64(column) * 987_654_321)
        default: return .counter32(UInt32(truncatingIfNeeded: row * 104_729 + UInt64(column)))
        }
    }

    /// The answer to a GETBULK of `request`'s names.
    func answer(to request: SNMPPDURequest) -> [UInt8] {
        guard case .getBulk(let maxRepetitions) = request.command else { return [] }
        var names = request.oids
        let repetitions = max(1, min(maxRepetitions, Self.answerCap / max(1, names.count)))
        var bindings: [UInt8] = []
        for _ in 0..<repetitions {
            for place in names.indices {
                let next = firstEntry(after: names[place])
                let (oid, value) = next.map { entries[$0] } ?? (oid: names[place], value: SNMPValue.endOfMibView)
                names[place] = oid
                bindings += BER.sequence(BER.objectIdentifier(oid) + BER.value(value))
            }
        }
        let pdu = BER.integer(0) + BER.integer(0) + BER.integer(0) + BER.sequence(bindings)
        return BER.sequence(
            BER.integer(1) + BER.tagged(0x04, Array("router".utf8)) + BER.tagged(0xA2, pdu))
    }

    /// The place of the first entry whose OID follows `oid`, if there is one.
    private func firstEntry(after oid: OID) -> Int? {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].oid <= oid { low = middle + 1 } else { high = middle }
        }
        return low < entries.count ? low : nil
    }
}

/// The BER encodings an SNMP agent's answer needs, written by SNMPKit's own ``BERWriter``.
enum BER {
    /// `tag`, a definite length, then `content`.
    static func tagged(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        write(count: 1 + BERWriter.lengthFieldSize(content.count) + content.count) { writer in
            writer.header(tag, length: content.count)
            writer.bytes(content)
        }
    }

    static func sequence(_ content: [UInt8]) -> [UInt8] { tagged(0x30, content) }

    static func integer(_ value: Int64) -> [UInt8] {
        let size = BERWriter.integerSize(value)
        return write(count: 1 + BERWriter.lengthFieldSize(size) + size) { $0.integer(value) }
    }

    static func objectIdentifier(_ oid: OID) -> [UInt8] {
        oid.components.withUnsafeBufferPointer { arcs in
            let size = arcs.dropFirst(2).reduce(BERWriter.base128Size(BERWriter.firstSubidentifier(arcs))) {
                $0 + BERWriter.base128Size(UInt64($1))
            }
            return tagged(0x06, write(count: size) { $0.objectIdentifier(arcs) })
        }
    }

    static func value(_ value: SNMPValue) -> [UInt8] {
        switch value {
        case .integer(let number): integer(number)
        case .octetString(let bytes): tagged(0x04, bytes)
        case .counter32(let number): unsigned(UInt64(number), tag: 0x41)
        case .gauge32(let number): unsigned(UInt64(number), tag: 0x42)
        case .timeTicks(let number): unsigned(UInt64(number), tag: 0x43)
        case .counter64(let number): unsigned(number, tag: 0x46)
        default: [0x82, 0x00]  // endOfMibView
        }
    }

    /// An unsigned number under 2^63 (the table's are) with `tag`: encoded as the INTEGER of that value, whose
    /// content is the unsigned encoding (a leading zero byte where the top bit is set).
    private static func unsigned(_ value: UInt64, tag: UInt8) -> [UInt8] {
        guard let signed = Int64(exactly: value) else { fail("an unsigned value of 2^63 or more: \(value)") }
        var bytes = integer(signed)
        bytes[0] = tag
        return bytes
    }

    /// `count` bytes written by `body`.
    private static func write(count: Int, _ body: (inout BERWriter) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var writer = BERWriter(buffer)
            body(&writer)
            initialized = writer.count
        }
    }
}
