import VedettaCore

/// The pure protocol logic of one caller request: which PDU to send first, and what to do with each response
/// (send the next PDU of a walk, finish with the collected variable bindings, or fail). No I/O, so it is tested
/// without an agent.
struct SNMPExchange: Sendable {
    /// What the engine does next.
    enum Action: Sendable, Equatable {
        /// Send this PDU and feed the response back into ``SNMPExchange/receive(_:)``.
        case send(SNMPPDURequest)
        /// Done: resume the caller with these variable bindings.
        case finish([SNMPVarBind])
        /// Done: resume the caller with this error.
        case fail(SNMPError)
    }

    /// The most variable bindings one walk may return before it is stopped as runaway.
    static let defaultWalkLimit = 500_000
    /// The largest GETBULK max-repetitions sent, whatever the caller asks for.
    static let maximumRepetitions = 1000

    private let kind: SNMPRequestKind
    private let version: SNMPProtocolVersion
    private let target: String
    private let walkLimit: Int
    private var maxRepetitions: Int
    private var lastOID: OID
    private var collected: [SNMPVarBind] = []

    /// Creates the exchange for `kind` against `target` (`host:port`, for errors).
    init(kind: SNMPRequestKind, version: SNMPProtocolVersion, target: String, walkLimit: Int = defaultWalkLimit) {
        self.kind = kind
        self.version = version
        self.target = target
        self.walkLimit = walkLimit
        switch kind {
        case .walk(let root, let maxRepetitions):
            self.maxRepetitions = min(max(1, maxRepetitions), Self.maximumRepetitions)
            self.lastOID = root
        case .get, .getNext:
            self.maxRepetitions = 1
            self.lastOID = OID([])
        }
    }

    /// The first action: always a PDU to send (or a failure for an empty request).
    func start() -> Action {
        switch kind {
        case .get(let oids):
            oids.isEmpty ? .finish([]) : .send(SNMPPDURequest(command: .get, oids: oids))
        case .getNext(let oids):
            oids.isEmpty ? .finish([]) : .send(SNMPPDURequest(command: .getNext, oids: oids))
        case .walk:
            .send(nextWalkRequest())
        }
    }

    /// Handles a response to the PDU last sent.
    mutating func receive(_ response: SNMPResponse) -> Action {
        switch kind {
        case .get(let oids), .getNext(let oids):
            return receiveSingle(response, requested: oids)
        case .walk(let root, _):
            return receiveWalk(response, root: root)
        }
    }

    private func receiveSingle(_ response: SNMPResponse, requested: [OID]) -> Action {
        if response.errorStatus != 0 {
            return .fail(protocolError(response, requested: requested))
        }
        guard response.varBinds.count == requested.count else {
            return .fail(
                SNMPError(
                    .malformedResponse, target: target, oid: requested.first,
                    detail: "asked for \(requested.count) values, got \(response.varBinds.count)"))
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
        if response.varBinds.isEmpty { return .finish(collected) }
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
