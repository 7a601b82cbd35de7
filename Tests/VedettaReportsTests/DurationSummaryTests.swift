import Testing
import VedettaReports

@Suite("DurationSummary: selection agrees with sorting")
struct DurationSummaryTests {
    /// The figures by sorting, the obvious way.
    private func sorted(_ values: [Int64]) -> (median: Double, p90: Double) {
        let sorted = values.sorted()
        let count = sorted.count
        let median =
            count % 2 == 1
            ? Double(sorted[count / 2]) / 1000 : (Double(sorted[count / 2 - 1]) + Double(sorted[count / 2])) / 2000
        let rank = Int((0.9 * Double(count)).rounded(.up))
        return (median, Double(sorted[rank - 1]) / 1000)
    }

    @Test("random, sorted, reversed and constant inputs of many sizes")
    func agreesWithSorting() throws {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 4, 5, 9, 10, 11, 100, 101, 1000, 4097] {
            let random = (0..<count).map { _ in Int64.random(in: 0...50_000, using: &generator) }
            let fewDistinct = (0..<count).map { _ in Int64.random(in: 0...3, using: &generator) * 60_000 }
            let cases: [[Int64]] = [
                random, random.sorted(), Array(random.sorted().reversed()), fewDistinct,
                Array(repeating: 7, count: count),
            ]
            for values in cases {
                let summary = try #require(DurationSummary(milliseconds: values))
                let expected = sorted(values)
                #expect(summary.count == count)
                #expect(summary.median == expected.median, "median of \(count)")
                #expect(summary.p90 == expected.p90, "p90 of \(count)")
            }
        }
        #expect(DurationSummary(milliseconds: []) == nil)
    }
}
