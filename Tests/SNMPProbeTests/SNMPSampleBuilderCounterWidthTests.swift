import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore

@Suite("SNMPSampleBuilder counter widths")
struct SNMPSampleBuilderCounterWidthTests {
    let builder = SNMPSampleBuilder(baseLabels: ["device": "sw1"])

    private func counter(_ value: SNMPValue, scale: Double = 1) -> Sample? {
        let metric = SNMPScalarMetric(name: "c", oid: OID([1, 3, 6, 1, 4, 1, 1, 0]), type: .counter, scale: scale)
        return builder.sample(for: metric, value: value)
    }

    @Test("Counter32 and Counter64 give their width; other types exported as counters have none")
    func widthFromType() {
        #expect(counter(.counter32(5))?.counterWidth == .bits32)
        #expect(counter(.counter64(5))?.counterWidth == .bits64)
        #expect(counter(.gauge32(5))?.counterWidth == nil)
        #expect(counter(.integer(5))?.counterWidth == nil)
        #expect(counter(.timeTicks(5))?.counterWidth == nil)
        #expect(counter(.counter32(5))?.kind == .counter)
    }

    @Test("a scaled counter's width wraps at the scaled value")
    func scaled() throws {
        let sample = try #require(counter(.counter32(5), scale: 8))
        #expect(sample.value == 40)
        #expect(sample.counterWidth == CounterWidth.bits32.scaled(by: 8))
        #expect(sample.counterWidth?.modulus == 34_359_738_368.0)
    }

    @Test("gauges have no counter width")
    func gauge() {
        let metric = SNMPScalarMetric(name: "g", oid: OID([1, 3, 6, 1, 4, 1, 1, 0]), type: .gauge)
        #expect(builder.sample(for: metric, value: .counter32(5))?.counterWidth == nil)
    }
}
