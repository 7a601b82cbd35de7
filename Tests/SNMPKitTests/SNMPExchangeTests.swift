import Testing
import VedettaCore

@testable import SNMPKit

@Suite("SNMPExchange walk and request logic")
struct SNMPExchangeTests {
    let root = OID([1, 3, 6, 1, 2, 1, 2, 2])

    private func bind(_ suffix: UInt32..., value: SNMPValue = .integer(1)) -> SNMPVarBind {
        SNMPVarBind(oid: OID(root.components + suffix), value: value)
    }

    @Test("a v2c walk sends GETBULK from the root, then from the last OID, and stops outside the subtree")
    func bulkWalk() {
        var exchange = SNMPExchange(kind: .walk(root: root, maxRepetitions: 2), version: .v2c, target: "t:161")
        #expect(exchange.start() == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 2), oids: [root])))
        let first = [bind(1, 1, 1), bind(1, 1, 2)]
        #expect(
            exchange.receive(SNMPResponse(varBinds: first))
                == .send(
                    SNMPPDURequest(command: .getBulk(maxRepetitions: 2), oids: [OID(root.components + [1, 1, 2])])))
        let outside = SNMPVarBind(oid: OID([1, 3, 6, 1, 2, 1, 2, 3]), value: .integer(9))
        #expect(exchange.receive(SNMPResponse(varBinds: [bind(1, 2, 1), outside])) == .finish(first + [bind(1, 2, 1)]))
    }

    @Test("a v1 walk uses GETNEXT and ends at noSuchName")
    func v1Walk() {
        var exchange = SNMPExchange(kind: .walk(root: root, maxRepetitions: 25), version: .v1, target: "t:161")
        #expect(exchange.start() == .send(SNMPPDURequest(command: .getNext, oids: [root])))
        _ = exchange.receive(SNMPResponse(varBinds: [bind(1, 1, 1)]))
        #expect(
            exchange.receive(SNMPResponse(errorStatus: 2, errorIndex: 1, varBinds: [bind(1, 1, 1)]))
                == .finish([bind(1, 1, 1)]))
    }

    @Test("endOfMibView ends a walk")
    func endOfMibView() {
        var exchange = SNMPExchange(kind: .walk(root: root, maxRepetitions: 5), version: .v2c, target: "t:161")
        _ = exchange.start()
        let action = exchange.receive(SNMPResponse(varBinds: [bind(1, 1, 1), bind(1, 1, 2, value: .endOfMibView)]))
        #expect(action == .finish([bind(1, 1, 1)]))
    }

    @Test("an OID that does not increase fails the walk instead of looping")
    func nonIncreasing() {
        var exchange = SNMPExchange(kind: .walk(root: root, maxRepetitions: 5), version: .v2c, target: "t:161")
        _ = exchange.start()
        _ = exchange.receive(SNMPResponse(varBinds: [bind(1, 1, 5)]))
        guard case .fail(let error) = exchange.receive(SNMPResponse(varBinds: [bind(1, 1, 5)])) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .nonIncreasingOID)
        #expect(error.oid == root)
    }

    @Test("the root itself returned by the agent counts as not increasing")
    func rootReturned() {
        var exchange = SNMPExchange(kind: .walk(root: root, maxRepetitions: 5), version: .v2c, target: "t:161")
        _ = exchange.start()
        guard case .fail(let error) = exchange.receive(SNMPResponse(varBinds: [SNMPVarBind(oid: root, value: .null)]))
        else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .nonIncreasingOID)
    }

    @Test("tooBig halves max-repetitions and resends from the same OID")
    func tooBig() {
        var exchange = SNMPExchange(kind: .walk(root: root, maxRepetitions: 40), version: .v2c, target: "t:161")
        _ = exchange.start()
        #expect(
            exchange.receive(SNMPResponse(errorStatus: 1, errorIndex: 0, varBinds: []))
                == .send(SNMPPDURequest(command: .getBulk(maxRepetitions: 20), oids: [root])))
    }

    @Test("a walk stops at its limit")
    func limit() {
        var exchange = SNMPExchange(
            kind: .walk(root: root, maxRepetitions: 5), version: .v2c, target: "t:161", walkLimit: 2)
        _ = exchange.start()
        guard case .fail(let error) = exchange.receive(SNMPResponse(varBinds: [bind(1), bind(2), bind(3)])) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .walkLimitExceeded)
    }

    @Test("a GET error names the OID at error-index")
    func getError() {
        let oids = [OID([1, 3, 6, 1, 2, 1, 1, 3, 0]), OID([1, 3, 6, 1, 2, 1, 1, 99, 0])]
        var exchange = SNMPExchange(kind: .get(oids), version: .v1, target: "t:161")
        #expect(exchange.start() == .send(SNMPPDURequest(command: .get, oids: oids)))
        guard case .fail(let error) = exchange.receive(SNMPResponse(errorStatus: 2, errorIndex: 2, varBinds: [])) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .protocolError)
        #expect(error.errorStatus == .noSuchName)
        #expect(error.oid == oids[1])
        #expect(error.errorIndex == 2)
    }

    @Test("a GET answered with the wrong number of values is malformed")
    func getCountMismatch() {
        let oids = [OID([1, 3, 6, 1, 2, 1, 1, 3, 0]), OID([1, 3, 6, 1, 2, 1, 1, 5, 0])]
        var exchange = SNMPExchange(kind: .get(oids), version: .v2c, target: "t:161")
        _ = exchange.start()
        guard case .fail(let error) = exchange.receive(SNMPResponse(varBinds: [bind(1)])) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .malformedResponse)
    }

    @Test(
        "a column walk asks for 16 columns, then sizes its last GETBULKs to fill the agent's cap",
        arguments: [
            // (pending columns, cap known, columns asked for)
            (27, nil, 16), (27, 64, 16), (16, 64, 16), (11, 64, 8), (3, 64, 3), (10, 100, 10), (11, 100, 11),
            (5, 100, 5), (11, 12, 11), (7, 12, 6), (1, 64, 1),
        ] as [(Int, Int?, Int)])
    func columnsPerBulkRequest(pending: Int, cap: Int?, expected: Int) {
        #expect(SNMPExchange.columnsPerBulkRequest(pending: pending, answerCap: cap) == expected)
    }
}
