/// The first line of what a peer sent, safe to put in a message or a log: control and non-ASCII bytes become `.`,
/// and it is cut at `limit` characters.
/// - Parameters:
///   - bytes: What was received.
///   - limit: The most characters kept.
public func printableFirstLine<Bytes: Collection<UInt8>>(of bytes: Bytes, limit: Int) -> String {
    let line = bytes.prefix { $0 != 10 && $0 != 13 }.prefix(limit)
    return String(decoding: line.map { $0 < 32 || $0 >= 127 ? 46 : $0 }, as: UTF8.self)
}
