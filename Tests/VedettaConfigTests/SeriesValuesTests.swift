import Testing

@testable import VedettaConfig

@Suite("Test series values in promtool's notation")
struct SeriesValuesTests {
    @Test("plain values, a+bxN, a-bxN, axN, _ and _xN, stale")
    func expansions() throws {
        #expect(try SeriesValues.parse("1 2.5 -3") == [1, 2.5, -3])
        #expect(try SeriesValues.parse("0+10x3") == [0, 10, 20, 30])
        #expect(try SeriesValues.parse("5-1x2") == [5, 4, 3])
        #expect(try SeriesValues.parse("-5+1x2") == [-5, -4, -3])
        #expect(try SeriesValues.parse("7x2") == [7, 7, 7])
        #expect(try SeriesValues.parse("1 _ _x2 stale 2") == [1, nil, nil, nil, nil, 2])
        #expect(try SeriesValues.parse("1e3+1e2x1") == [1000, 1100])
    }

    @Test("what is not a value is refused with the token")
    func mistakes() {
        #expect(throws: SeriesValuesError.self) { try SeriesValues.parse("") }
        #expect(throws: SeriesValuesError.self) { try SeriesValues.parse("three") }
        #expect(throws: SeriesValuesError.self) { try SeriesValues.parse("1+x3") }
        #expect(throws: SeriesValuesError.self) { try SeriesValues.parse("1x-2") }
        #expect(throws: SeriesValuesError.self) { try SeriesValues.parse("1x1000000") }
    }
}
