package import VedettaCore

/// The pure protocol logic of one caller request: which PDU to send first, and what to do with each response
/// (send the next PDU of a walk, finish with the collected variable bindings, or fail). No I/O, so it is tested
/// without an agent.
package struct SNMPExchange: Sendable {
    /// What the engine does next.
    package enum Action: Sendable, Equatable {
        /// Send this PDU and feed the response back into ``SNMPExchange/receive(_:)``.
        case send(SNMPPDURequest)
        /// Done: resume the caller with these variable bindings.
        case finish([SNMPVarBind])
        /// Done with a column walk: resume the caller with one column per root, in the order of the roots.
        case finishColumns([SNMPColumn])
        /// Done: resume the caller with this error.
        case fail(SNMPError)
    }

    /// The most variable bindings one walk may return before it is stopped as runaway.
    package static let defaultWalkLimit = 500_000
    /// The largest GETBULK max-repetitions sent, whatever the caller asks for.
    static let maximumRepetitions = 1000
    /// The most columns asked for in one GETBULK of a column walk. Agents cap a GETBULK response at a number of
    /// values and answer whole repetitions only: net-snmp's snmpd at 100 (`maxGetbulkResponses`), pysnmp (and so
    /// snmpsim) at 64. A request for R columns gets `cap / R` rows of each (rounded down): 27 columns get 81 values
    /// of snmpd's 100 and 54 of snmpsim's 64, 16 columns 96 and 64. Agents that cap by message size (Cisco IOS's
    /// `snmp-server packetsize`) fill the message either way. Fewer values per response means more requests, and a
    /// request (a send, a wait, a wake-up) costs the poller as much as decoding some fifty values.
    static let maximumColumnsPerBulkRequest = 16
    /// The caps on the values of one GETBULK answer of the agents whose cap is a count: pysnmp's (and so
    /// snmpsim's) 64 and net-snmp's 100. An answer shorter than asked shows the cap only to within the columns
    /// asked for (whole repetitions: the cap is at least the values returned and less than that plus the columns);
    /// one of these in that range is taken to be the cap.
    static let knownAnswerCaps = [64, 100]
    /// The most columns asked for in one SNMPv1 GETNEXT of a column walk, which gets one value of each.
    static let maximumColumnsPerNextRequest = 32

    private let kind: SNMPRequestKind
    private let version: SNMPProtocolVersion
    private let target: String
    private let walkLimit: Int
    private var maxRepetitions: Int
    private var lastOID: OID
    private var collected: [SNMPVarBind] = []
    private var columnWalk: SNMPColumnWalk?
    /// The columns asked for in the column-walk request last sent.
    private var requestedColumns: [Int] = []
    /// The most values the agent answers a GETBULK of this walk with, once an answer showed it (see
    /// ``columnsPerBulkRequest(pending:answerCap:)``).
    private var answerCap: Int?

    /// Creates the exchange for `kind` against `target` (`host:port`, for errors).
    package init(
        kind: SNMPRequestKind, version: SNMPProtocolVersion, target: String, walkLimit: Int = defaultWalkLimit
    ) {
        self.kind = kind
        self.version = version
        self.target = target
        self.walkLimit = walkLimit
        switch kind {
        case .walk(let root, let maxRepetitions):
            self.maxRepetitions = min(max(1, maxRepetitions), Self.maximumRepetitions)
            self.lastOID = root
        case .walkColumns(let roots, let maxRepetitions, let expectedSizes):
            self.maxRepetitions = min(max(1, maxRepetitions), Self.maximumRepetitions)
            self.lastOID = roots.first ?? OID([])
            self.columnWalk = SNMPColumnWalk(roots: roots, limit: walkLimit, expectedSizes: expectedSizes)
        case .get, .getNext:
            self.maxRepetitions = 1
            self.lastOID = OID([])
        }
    }

    /// The first action: a PDU to send (or the empty result of an empty request).
    package mutating func start() -> Action {
        switch kind {
        case .get(let oids):
            oids.isEmpty ? .finish([]) : .send(SNMPPDURequest(command: .get, oids: oids))
        case .getNext(let oids):
            oids.isEmpty ? .finish([]) : .send(SNMPPDURequest(command: .getNext, oids: oids))
        case .walk:
            .send(nextWalkRequest())
        case .walkColumns:
            startColumns()
        }
    }

    /// Handles a response to the PDU last sent.
    package mutating func receive(_ response: SNMPResponse) -> Action {
        switch kind {
        case .get(let oids), .getNext(let oids):
            return receiveSingle(response, requested: oids)
        case .walk(let root, _):
            return receiveWalk(response, root: root)
        case .walkColumns:
            return receiveColumns(response)
        }
    }

    private mutating func receiveColumns(_ response: SNMPResponse) -> Action {
        // Moved out while it is updated, so that its arrays are not shared (and copied on every append).
        guard var walk = columnWalk else { return .finishColumns([]) }
        columnWalk = nil
        defer { columnWalk = walk }
        if response.errorStatus != 0 {
            let status = SNMPErrorStatus(rawValue: response.errorStatus)
            let position = response.errorIndex - 1
            if version == .v1, status == .noSuchName, requestedColumns.indices.contains(position) {
                walk.finish(column: requestedColumns[position])  // v1: that column reached the end of the MIB
                return nextColumnsAction(&walk)
            }
            if status == .tooBig, maxRepetitions > 1 {
                maxRepetitions = max(1, maxRepetitions / 2)
                return nextColumnsAction(&walk)
            }
            return .fail(protocolError(response, requested: walk.requestOIDs(for: requestedColumns)))
        }
        noteAnswerCap(returned: response.bindings.count)
        switch walk.receive(response.bindings, for: requestedColumns) {
        case .nonIncreasing(let root, let oid, let previous):
            return .fail(
                SNMPError(.nonIncreasingOID, target: target, oid: root, detail: "\(oid) came after \(previous)"))
        case .limitExceeded(let root):
            return .fail(
                SNMPError(.walkLimitExceeded, target: target, oid: root, detail: "more than \(walkLimit) values"))
        case nil:
            return nextColumnsAction(&walk)
        }
    }

    private mutating func startColumns() -> Action {
        guard var walk = columnWalk else { return .finishColumns([]) }
        columnWalk = nil
        defer { columnWalk = walk }
        return nextColumnsAction(&walk)
    }

    /// The next request of a column walk, or the result when every column has ended.
    private mutating func nextColumnsAction(_ walk: inout SNMPColumnWalk) -> Action {
        requestedColumns = walk.pendingColumns(
            atMost: version == .v1
                ? Self.maximumColumnsPerNextRequest
                : Self.columnsPerBulkRequest(pending: walk.pendingCount, answerCap: answerCap))
        guard !requestedColumns.isEmpty else { return .finishColumns(walk.columns) }
        let bindings = walk.requestBindings(for: requestedColumns)
        switch version {
        case .v1: return .send(SNMPPDURequest(command: .getNext, bindings: bindings))
        case .v2c, .v3:
            return .send(SNMPPDURequest(command: .getBulk(maxRepetitions: maxRepetitions), bindings: bindings))
        }
    }

    /// Learns the agent's cap from a GETBULK answer of the column walk with fewer values than asked for, but at
    /// least one whole repetition (an answer cut within a repetition is capped by its size, which the next values'
    /// lengths change).
    private mutating func noteAnswerCap(returned: Int) {
        guard version != .v1, answerCap == nil, returned >= requestedColumns.count,
            returned < requestedColumns.count * maxRepetitions
        else { return }
        answerCap = Self.knownAnswerCaps.first { $0 >= returned && $0 < returned + requestedColumns.count } ?? returned
    }

    /// How many columns to ask for in one GETBULK of a column walk with `pending` columns left: the most
    /// (``maximumColumnsPerBulkRequest``) while at least that many are left or the agent's cap is not known; for the
    /// last columns, the count whose whole repetitions fill the cap best, when it fills it by a tenth more. The
    /// router's 27 interface columns against snmpsim's 64 values go as 16, 8 and 3 columns (64, 64 and 63 values an
    /// answer) instead of 16 and 11 (64 and 55).
    static func columnsPerBulkRequest(pending: Int, answerCap: Int?) -> Int {
        guard let answerCap, answerCap > 0, pending > 0, pending < maximumColumnsPerBulkRequest else {
            return maximumColumnsPerBulkRequest
        }
        // Fewer columns leave the others for a group of their own, with a last answer of its own: worth it only
        // for a tenth more values an answer than all of them at once.
        var best = pending
        for count in stride(from: pending, through: 1, by: -1)
        where count * (answerCap / count) > best * (answerCap / best) {
            best = count
        }
        return 10 * best * (answerCap / best) >= 11 * pending * (answerCap / pending) ? best : pending
    }

    private func receiveSingle(_ response: SNMPResponse, requested: [OID]) -> Action {
        if response.errorStatus != 0 {
            return .fail(protocolError(response, requested: requested))
        }
        guard response.bindings.count == requested.count else {
            return .fail(
                SNMPError(
                    .malformedResponse, target: target, oid: requested.first,
                    detail: "asked for \(requested.count) values, got \(response.bindings.count)"))
        }
        return .finish(response.varBinds)
    }

    private mutating func receiveWalk(_ response: SNMPResponse, root: OID) -> Action {
        if response.errorStatus != 0 {
            let status = SNMPErrorStatus(rawValue: response.errorStatus)
            if version == .v1, status == .noSuchName { return .finish(collected) }  // v1: end of the MIB
            if status == .tooBig, maxRepetitions > 1 {
                maxRepetitions = max(1, maxRepetitions / 2)
                return .send(nextWalkRequest())
            }
            return .fail(protocolError(response, requested: [lastOID]))
        }
        if response.bindings.isEmpty { return .finish(collected) }
        for varBind in response.varBinds {
            if varBind.value.isException || !varBind.oid.hasPrefix(root) { return .finish(collected) }
            guard lastOID < varBind.oid else {
                return .fail(
                    SNMPError(
                        .nonIncreasingOID, target: target, oid: root,
                        detail: "\(varBind.oid) came after \(lastOID)"))
            }
            collected.append(varBind)
            lastOID = varBind.oid
            if collected.count > walkLimit {
                return .fail(
                    SNMPError(.walkLimitExceeded, target: target, oid: root, detail: "more than \(walkLimit) values"))
            }
        }
        return .send(nextWalkRequest())
    }

    private func nextWalkRequest() -> SNMPPDURequest {
        switch version {
        case .v1: SNMPPDURequest(command: .getNext, oids: [lastOID])
        case .v2c, .v3: SNMPPDURequest(command: .getBulk(maxRepetitions: maxRepetitions), oids: [lastOID])
        }
    }

    private func protocolError(_ response: SNMPResponse, requested: [OID]) -> SNMPError {
        let index = response.errorIndex
        let oid = requested.indices.contains(index - 1) ? requested[index - 1] : requested.first
        return SNMPError(
            .protocolError, target: target, oid: oid, errorStatus: SNMPErrorStatus(rawValue: response.errorStatus),
            errorIndex: index > 0 ? index : nil)
    }
}
