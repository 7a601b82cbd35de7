extension String {
    /// The text safe inside an HTML element or a quoted attribute: `&`, `<`, `>`, `"` and `'` as entities.
    public var htmlEscaped: String {
        // Most text (names, labels, numbers, links) has nothing to escape: one pass over its bytes says so.
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return self
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: escaped.append(contentsOf: "&amp;".utf8)
            case 0x3C: escaped.append(contentsOf: "&lt;".utf8)
            case 0x3E: escaped.append(contentsOf: "&gt;".utf8)
            case 0x22: escaped.append(contentsOf: "&quot;".utf8)
            case 0x27: escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)  // the five are ASCII: no multi-byte character contains their bytes
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
