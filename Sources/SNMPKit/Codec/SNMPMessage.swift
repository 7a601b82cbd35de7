import VedettaCore

/// SNMPv1 and SNMPv2c messages on the wire (RFC 1157, RFC 3416): the requests the poller sends and the responses
/// it reads, encoded and decoded here without net-snmp, so that a response goes from the datagram straight into
/// Swift values. SNMPv3 messages (USM security) still go through net-snmp.
package enum SNMPMessage {
    /// The most sub-identifiers in an OID (net-snmp's `MAX_OID_LEN`).
    static let maximumOIDLength = 128

    private enum Tag {
        static let integer: UInt8 = 0x02
        static let bitString: UInt8 = 0x03
        static let octetString: UInt8 = 0x04
        static let null: UInt8 = 0x05
        static let objectIdentifier: UInt8 = 0x06
        static let sequence: UInt8 = 0x30
        static let ipAddress: UInt8 = 0x40
        static let counter32: UInt8 = 0x41
        static let gauge32: UInt8 = 0x42
        static let timeTicks: UInt8 = 0x43
        static let opaque: UInt8 = 0x44
        static let nsap: UInt8 = 0x45
        static let counter64: UInt8 = 0x46
        static let unsigned32: UInt8 = 0x47
        static let noSuchObject: UInt8 = 0x80
        static let noSuchInstance: UInt8 = 0x81
        static let endOfMibView: UInt8 = 0x82
        static let getRequest: UInt8 = 0xA0
        static let getNextRequest: UInt8 = 0xA1
        static let response: UInt8 = 0xA2
        static let getBulkRequest: UInt8 = 0xA5
    }

    // MARK: - Requests

    /// The datagram of `request` with `requestID`, for `version` (v1 or v2c) and `community`.
    ///
    /// Sizes are computed first and the message written front to back into one array of the exact size: a poll
    /// sends a request per response, so this runs as often as a response is decoded.
    package static func encode(
        _ request: SNMPPDURequest, requestID: Int32, version: SNMPProtocolVersion, community: [UInt8]
    ) -> [UInt8] {
        let bindings = request.bindings
        return bindings.components.withUnsafeBufferPointer { components in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bindings.count) { nameLengths in
                encode(
                    names: (0..<bindings.count).lazy.map {
                        UnsafeBufferPointer(rebasing: components[bindings.nameRange(at: $0)])
                    },
                    nameLengths: nameLengths, command: request.command, requestID: requestID,
                    version: version, community: community)
            }
        }
    }

    /// Writes the message; `nameLengths` has room for one OID length per name.
    private static func encode(
        names: some Collection<UnsafeBufferPointer<UInt32>>, nameLengths: UnsafeMutableBufferPointer<Int>,
        command: SNMPPDURequest.Command, requestID: Int32, version: SNMPProtocolVersion, community: [UInt8]
    ) -> [UInt8] {
        var listLength = 0
        for (index, oid) in names.enumerated() {
            let name = objectIdentifierLength(oid)
            nameLengths[index] = name
            let binding = bindingLength(name: name)
            listLength += 1 + lengthSize(binding) + binding
        }
        let (tag, second, third): (UInt8, Int64, Int64) =
            switch command {
            case .get: (Tag.getRequest, 0, 0)
            case .getNext: (Tag.getNextRequest, 0, 0)
            case .getBulk(let maxRepetitions): (Tag.getBulkRequest, 0, Int64(maxRepetitions))
            }
        let versionNumber: Int64 = version == .v1 ? 0 : 1
        let pduLength =
            integerLength(Int64(requestID)) + integerLength(second) + integerLength(third) + 1
            + lengthSize(listLength) + listLength
        let bodyLength =
            integerLength(versionNumber) + 1 + lengthSize(community.count) + community.count + 1
            + lengthSize(pduLength) + pduLength
        let total = 1 + lengthSize(bodyLength) + bodyLength
        return withScratch(of: UInt8.self, capacity: total) { buffer in
            var writer = BERWriter(buffer)
            writer.header(Tag.sequence, length: bodyLength)
            writer.integer(versionNumber)
            writer.header(Tag.octetString, length: community.count)
            writer.bytes(community)
            writer.header(tag, length: pduLength)
            writer.integer(Int64(requestID))
            writer.integer(second)
            writer.integer(third)
            writer.header(Tag.sequence, length: listLength)
            for (index, oid) in names.enumerated() {
                let name = nameLengths[index]
                writer.header(Tag.sequence, length: bindingLength(name: name))
                writer.header(Tag.objectIdentifier, length: name)
                writer.objectIdentifier(oid)
                writer.header(Tag.null, length: 0)
            }
            return copiedArray(buffer, count: writer.count)
        }
    }

    /// Runs `body` with uninitialized room for `capacity` elements, freed when it returns.
    ///
    /// The codec writes a message or a response's names here and then copies them into an array
    /// (``copiedArray(_:count:)``) rather than writing into `Array(unsafeUninitializedCapacity:)`: that initializer
    /// reaches the standard library's unspecialized allocation, which looks the array's storage type up in the
    /// runtime's metadata table (a lock and a hash) on every call, about 3 % of the polling thread on the router
    /// recording; the copy is a `memcpy`. Heap, not `withUnsafeTemporaryAllocation`: above 1 KB that one asks the
    /// thread's stack bounds of the C library on every call.
    private static func withScratch<Element, Result>(
        of: Element.Type, capacity: Int, _ body: (UnsafeMutableBufferPointer<Element>) -> Result
    ) -> Result {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        return body(buffer)
    }

    /// A new array of the first `count` elements of `buffer` (see ``withScratch(of:capacity:_:)``).
    private static func copiedArray<Element>(_ buffer: UnsafeMutableBufferPointer<Element>, count: Int) -> [Element] {
        Array(UnsafeBufferPointer(rebasing: buffer[..<count]))
    }

    /// The content of a request's variable binding: the name of `name` bytes, then NULL.
    private static func bindingLength(name: Int) -> Int {
        1 + lengthSize(name) + name + 2
    }

    private static func lengthSize(_ length: Int) -> Int {
        BERWriter.lengthFieldSize(length)
    }

    /// The bytes of an INTEGER in the fewest bytes of two's complement, with its tag and length.
    private static func integerLength(_ value: Int64) -> Int {
        2 + BERWriter.integerSize(value)
    }

    /// The bytes of an OBJECT IDENTIFIER's content.
    private static func objectIdentifierLength(_ components: UnsafeBufferPointer<UInt32>) -> Int {
        var length = BERWriter.base128Size(BERWriter.firstSubidentifier(components))
        for index in components.indices.dropFirst(2) { length += BERWriter.base128Size(UInt64(components[index])) }
        return length
    }

    // MARK: - Responses

    /// Decodes a Response-PDU message (any version byte, any community: the session's socket only receives from
    /// its agent, and the request id ties the answer to the request).
    /// - Throws: ``BERError`` when the datagram is not a well-formed SNMPv1/v2c response.
    /// - Returns: The request id and the response.
    package static func decodeResponse(_ datagram: UnsafeRawBufferPointer) throws(BERError) -> (
        requestID: Int32, response: SNMPResponse
    ) {
        var reader = BERReader(datagram)
        let messageLength = try reader.header(expecting: Tag.sequence, "a message")
        _ = reader.enter(length: messageLength)
        _ = try reader.integer("the version")
        let communityLength = try reader.header(expecting: Tag.octetString, "the community")
        reader.skip(communityLength)
        let pduLength = try reader.header(expecting: Tag.response, "a Response-PDU")
        _ = reader.enter(length: pduLength)
        let requestID = Int32(truncatingIfNeeded: try reader.integer("the request id"))
        let errorStatus = try reader.integer("the error status")
        let errorIndex = try reader.integer("the error index")
        let listLength = try reader.header(expecting: Tag.sequence, "the variable bindings")
        let outsideList = reader.enter(length: listLength)
        // Room for exactly the bindings the list holds, counted by their headers: a response of 64 values then
        // takes two small blocks (the allocator's fast path), where room for the most bindings its bytes could hold
        // took blocks five times the size. The names go into one scratch buffer that never grows (a binding yields
        // at most its bytes in sub-identifiers).
        let bindingCount = reader.elementCount()
        var nameEnds: [Int] = []
        nameEnds.reserveCapacity(bindingCount)
        var values: [SNMPValue] = []
        values.reserveCapacity(bindingCount)
        var failure: BERError?
        let components = withScratch(of: UInt32.self, capacity: listLength) { names in
            var used = 0
            do throws(BERError) {
                while !reader.isAtEnd {
                    let bindingLength = try reader.header(expecting: Tag.sequence, "a variable binding")
                    let outsideBinding = reader.enter(length: bindingLength)
                    let nameLength = try reader.header(expecting: Tag.objectIdentifier, "a variable's name")
                    try reader.objectIdentifier(length: nameLength, into: names, at: &used)
                    let value = try decodeValue(&reader)
                    reader.leave(outsideBinding)
                    nameEnds.append(used)
                    values.append(value)
                }
            } catch {
                failure = error
            }
            return copiedArray(names, count: used)
        }
        if let failure { throw failure }
        reader.leave(outsideList)
        let bindings = SNMPVarBindList(components: components, nameEnds: nameEnds, values: values)
        return (requestID, SNMPResponse(errorStatus: errorStatus, errorIndex: errorIndex, bindings: bindings))
    }

    private static func decodeValue(_ reader: inout BERReader) throws(BERError) -> SNMPValue {
        let start = reader.position
        let (tag, length) = try reader.header()
        switch tag {
        case Tag.integer:
            try checkIntegerLength(length, at: start, maximum: 8)
            return .integer(Int64(bitPattern: reader.twosComplement(length)))
        case Tag.octetString, Tag.bitString, Tag.nsap:
            return .octetString(reader.octets(length))
        case Tag.null:
            reader.skip(length)
            return .null
        case Tag.objectIdentifier:
            return .objectIdentifier(OID(try reader.objectIdentifier(length: length)))
        case Tag.ipAddress:
            return .ipAddress(reader.octets(length))
        case Tag.counter32:
            try checkIntegerLength(length, at: start, maximum: 9)
            return .counter32(UInt32(truncatingIfNeeded: reader.twosComplement(length)))
        case Tag.gauge32, Tag.unsigned32:
            try checkIntegerLength(length, at: start, maximum: 9)
            return .gauge32(UInt32(truncatingIfNeeded: reader.twosComplement(length)))
        case Tag.timeTicks:
            try checkIntegerLength(length, at: start, maximum: 9)
            return .timeTicks(UInt32(truncatingIfNeeded: reader.twosComplement(length)))
        case Tag.counter64:
            try checkIntegerLength(length, at: start, maximum: 9)
            return .counter64(reader.twosComplement(length))
        case Tag.opaque:
            return try decodeOpaque(&reader, length: length)
        case Tag.noSuchObject:
            reader.skip(length)
            return .noSuchObject
        case Tag.noSuchInstance:
            reader.skip(length)
            return .noSuchInstance
        case Tag.endOfMibView:
            reader.skip(length)
            return .endOfMibView
        default:
            return .opaque(reader.octets(length))
        }
    }

    private static func checkIntegerLength(_ length: Int, at offset: Int, maximum: Int) throws(BERError) {
        guard length <= maximum else { throw BERError(offset: offset, "an integer of \(length) bytes") }
    }

    /// An Opaque value: the float, double and 64-bit integers that net-snmp's agents wrap in it (tag 0x9F then
    /// 0x78 float, 0x79 double, 0x76 Counter64, 0x7A Integer64, 0x7B Unsigned64), else its bytes as they are.
    private static func decodeOpaque(_ reader: inout BERReader, length: Int) throws(BERError) -> SNMPValue {
        guard length >= 3, reader.peek() == 0x9F, let type = reader.peek(1), let inner = reader.peek(2),
            inner < 0x80, Int(inner) + 3 == length
        else {
            return .opaque(reader.octets(length))
        }
        switch (type, inner) {
        case (0x78, 4):
            reader.skip(3)
            return .float(Float(bitPattern: UInt32(truncatingIfNeeded: reader.twosComplement(4))))
        case (0x79, 8):
            reader.skip(3)
            return .double(Double(bitPattern: reader.twosComplement(8)))
        case (0x76, 1...9), (0x7B, 1...9):
            reader.skip(3)
            return .counter64(reader.twosComplement(Int(inner)))
        case (0x7A, 1...8):
            reader.skip(3)
            return .integer(Int64(bitPattern: reader.twosComplement(Int(inner))))
        default:
            return .opaque(reader.octets(length))
        }
    }
}
