/// The values of a test series in promtool's notation: `1 2 3`, `0+10x5` (0, 10, … 50: six values), `7x3` (7 four
/// times), `_` (no sample at that poll), `_x4` (no sample at four polls), `stale` (no sample).
enum SeriesValues {
    /// The most values one series may expand to.
    static let limit = 100_000

    static func parse(_ text: String) throws(SeriesValuesError) -> [Double?] {
        var values: [Double?] = []
        for token in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            values += try expand(token)
            guard values.count <= limit else { throw SeriesValuesError("more than \(limit) values") }
        }
        guard !values.isEmpty else { throw SeriesValuesError("no values") }
        return values
    }

    private static func expand(_ token: String) throws(SeriesValuesError) -> [Double?] {
        if token == "_" || token == "stale" { return [nil] }
        let parts = token.split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            guard let value = Double(token) else { throw SeriesValuesError("\"\(token)\" is not a number") }
            return [value]
        }
        guard let times = Int(parts[1]), times >= 0 else {
            throw SeriesValuesError("\"\(token)\": the count after x must be a whole number")
        }
        guard times < limit else { throw SeriesValuesError("more than \(limit) values") }
        if parts[0] == "_" { return Array(repeating: nil, count: times) }
        let (start, step) = try startAndStep(parts[0], token: token)
        return (0...times).map { start + Double($0) * step }
    }

    /// `a`, `a+b` or `a-b` (`a` may have its own sign: `-5+1`).
    private static func startAndStep(_ text: String, token: String) throws(SeriesValuesError) -> (Double, Double) {
        if let value = Double(text) { return (value, 0) }
        let characters = Array(text)
        for index in characters.indices.dropFirst() where characters[index] == "+" || characters[index] == "-" {
            guard characters[index - 1] != "e", characters[index - 1] != "E" else { continue }
            let start = String(characters[..<index])
            let step = String(characters[index...])
            if let start = Double(start), let step = Double(step) { return (start, step) }
        }
        throw SeriesValuesError("\"\(token)\" is not a value, a+bxN or axN")
    }
}

/// A mistake in a series' values.
struct SeriesValuesError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
