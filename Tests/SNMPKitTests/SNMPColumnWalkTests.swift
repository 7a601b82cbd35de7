import Testing
import VedettaCore

@testable import SNMPKit

@Suite("Column walks: several table columns side by side")
struct SNMPColumnWalkTests {
    let descr = OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 2])
    let type = OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 3])
    let mtu = OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 4])

    private func bind(_ column: OID, _ row: UInt32, _ value: Int64 = 1) -> SNMPVarBind {
        SNMPVarBind(oid: OID(column.components + [row]), value: .integer(value))
    }

    @Test("one GETBULK asks for every column; rows are spread over the columns in order")
    func interleavedRows() {
        var exchange = SNMPExchange(
            kind: .walkColumns(roots: [descr, type], maxRepetitions: 2), version: .v2c, target: "t:161")
        #expect(exchange.start() == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 2), oids: [descr, type])))
        let rows = [bind(descr, 1), bind(type, 1), bind(descr, 2), bind(type, 2)]
        #expect(
            exchange.receive(SNMPResponse(varBinds: rows))
                == .send(
                    SNMPPDURequest(
                        command: .getBulk(maxRepetitions: 2),
                        oids: [OID(descr.components + [2]), OID(type.components + [2])])))
        // Row 3 exists only in ifDescr: ifType's successor is already ifMtu, and ifDescr's next is ifType.1.
        let last = [bind(descr, 3), bind(mtu, 1), bind(type, 1), bind(mtu, 2)]
        #expect(
            exchange.receive(SNMPResponse(varBinds: last))
                == .finishColumns([
                    SNMPColumn(root: descr, varBinds: [bind(descr, 1), bind(descr, 2), bind(descr, 3)]),
                    SNMPColumn(root: type, varBinds: [bind(type, 1), bind(type, 2)]),
                ]))
    }

    @Test("a short response leaves the columns it did not reach to the next request")
    func shortResponse() {
        var exchange = SNMPExchange(
            kind: .walkColumns(roots: [descr, type], maxRepetitions: 5), version: .v2c, target: "t:161")
        _ = exchange.start()
        #expect(
            exchange.receive(SNMPResponse(varBinds: [bind(descr, 1)]))
                == .send(
                    SNMPPDURequest(command: .getBulk(maxRepetitions: 5), oids: [OID(descr.components + [1]), type])))
    }

    @Test("a column answered out of order fails the walk instead of looping")
    func nonIncreasing() {
        var exchange = SNMPExchange(
            kind: .walkColumns(roots: [descr, type], maxRepetitions: 1), version: .v2c, target: "t:161")
        _ = exchange.start()
        _ = exchange.receive(SNMPResponse(varBinds: [bind(descr, 4), bind(type, 4)]))
        guard case .fail(let error) = exchange.receive(SNMPResponse(varBinds: [bind(descr, 5), bind(type, 3)])) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .nonIncreasingOID)
        #expect(error.oid == type)
    }

    @Test("SNMPv1: GETNEXT of every column; noSuchName ends the column at error-index")
    func v1() {
        var exchange = SNMPExchange(
            kind: .walkColumns(roots: [descr, type], maxRepetitions: 25), version: .v1, target: "t:161")
        #expect(exchange.start() == .send(SNMPPDURequest(command: .getNext, oids: [descr, type])))
        _ = exchange.receive(SNMPResponse(varBinds: [bind(descr, 1), bind(type, 1)]))
        let action = exchange.receive(SNMPResponse(errorStatus: 2, errorIndex: 2, varBinds: []))
        #expect(action == .send(SNMPPDURequest(command: .getNext, oids: [OID(descr.components + [1])])))
        #expect(
            exchange.receive(SNMPResponse(varBinds: [bind(mtu, 1)]))
                == .finishColumns([
                    SNMPColumn(root: descr, varBinds: [bind(descr, 1)]),
                    SNMPColumn(root: type, varBinds: [bind(type, 1)]),
                ]))
    }

    @Test("tooBig halves max-repetitions and asks again")
    func tooBig() {
        var exchange = SNMPExchange(
            kind: .walkColumns(roots: [descr, type], maxRepetitions: 8), version: .v2c, target: "t:161")
        _ = exchange.start()
        #expect(
            exchange.receive(SNMPResponse(errorStatus: 1, varBinds: []))
                == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 4), oids: [descr, type])))
    }

    @Test("a GETBULK asks for at most 16 columns, a GETNEXT (SNMPv1) for at most 32; the rest wait their turn")
    func manyColumns() {
        let roots = (1...40).map { OID([1, 3, 6, 1, 4, 1, 99, UInt32($0)]) }
        let beyond = { (count: Int) in
            (0..<count).map { _ in SNMPVarBind(oid: OID([1, 3, 6, 1, 4, 1, 100]), value: .integer(0)) }
        }
        var bulk = SNMPExchange(kind: .walkColumns(roots: roots, maxRepetitions: 1), version: .v2c, target: "t")
        #expect(bulk.start() == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 1), oids: Array(roots[0..<16]))))
        #expect(
            bulk.receive(SNMPResponse(varBinds: beyond(16)))
                == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 1), oids: Array(roots[16..<32]))))
        #expect(
            bulk.receive(SNMPResponse(varBinds: beyond(16)))
                == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 1), oids: Array(roots[32...]))))
        var next = SNMPExchange(kind: .walkColumns(roots: roots, maxRepetitions: 1), version: .v1, target: "t")
        #expect(next.start() == .send(SNMPPDURequest(command: .getNext, oids: Array(roots[0..<32]))))
        #expect(
            next.receive(SNMPResponse(varBinds: beyond(32)))
                == .send(SNMPPDURequest(command: .getNext, oids: Array(roots[32...]))))
    }
}
