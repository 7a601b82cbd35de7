import Foundation

/// Turns the same bytes into the same value without allocating: the text columns a report reads (labels, rules,
/// categories) repeat a few thousand values over a million rows, so each distinct text is decoded once and found
/// again by its bytes (FNV-1a hash, then a byte comparison).
struct TextInterner<Value> {
    /// The first entry of each hash; further entries with the same hash chain through `next`.
    private var firstByHash: [UInt64: Int] = [:]
    private var texts: [[UInt8]] = []
    private var next: [Int] = []
    private var values: [Value] = []

    /// The value of the `count` bytes at `pointer`, made from their text by `make` the first time they are seen.
    mutating func value(
        _ pointer: UnsafePointer<UInt8>, count: Int, make: (String) throws -> Value
    ) rethrows -> Value {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in 0..<count {
            hash = (hash ^ UInt64(pointer[index])) &* 0x0000_0100_0000_01b3
        }
        var candidate = firstByHash[hash] ?? -1
        while candidate >= 0 {
            let same = texts[candidate].withUnsafeBufferPointer { stored in
                stored.count == count
                    && (count == 0 || stored.baseAddress.map { memcmp($0, pointer, count) == 0 } == true)
            }
            if same { return values[candidate] }
            candidate = next[candidate]
        }
        let bytes = Array(UnsafeBufferPointer(start: pointer, count: count))
        let value = try make(String(decoding: bytes, as: UTF8.self))
        next.append(firstByHash[hash] ?? -1)
        firstByHash[hash] = texts.count
        texts.append(bytes)
        values.append(value)
        return value
    }
}
