/// The header lines of one response as received, parsed into fields only when someone asks for them.
///
/// Most responses are judged by status, body and timings alone (an HTTP check reads no header), so the engine
/// thread keeps each response's header bytes as they come and leaves the parsing to whoever reads them.
struct HTTPHeaderBlock: Sendable {
    private var bytes: [UInt8] = []

    /// Starts a new response's headers (its status line came): the previous response's are dropped.
    mutating func startResponse() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Adds one header line as received, CRLF included.
    mutating func append(line: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: line)
    }

    /// The fields, in the order received; lines without a colon or with an empty name are skipped.
    var fields: [HTTPHeader] {
        var fields: [HTTPHeader] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = Self.trimmed(line[line.startIndex..<colon])
            guard !name.isEmpty else { continue }
            let value = Self.trimmed(line[line.index(after: colon)...])
            fields.append(
                HTTPHeader(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }
        return fields
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return bytes[first...last]
    }
}
