import Testing
import VedettaCore

@Suite("CounterWidth")
struct CounterWidthTests {
    @Test("the modulus is 2^bits times the scale")
    func modulus() {
        #expect(CounterWidth.bits32.modulus == 4_294_967_296)
        #expect(CounterWidth.bits64.modulus == 18_446_744_073_709_551_616)
        #expect(CounterWidth.bits32.scaled(by: 8).modulus == 34_359_738_368)
        #expect(CounterWidth.bits32.scaled(by: 8).scaled(by: 0.5) == CounterWidth(bits: 32, scale: 4))
    }

    @Test("descriptions")
    func description() {
        #expect(CounterWidth.bits64.description == "64-bit")
        #expect(CounterWidth.bits32.scaled(by: 8).description == "32-bit ×8.0")
    }

    @Test("a sample has no counter width unless given one")
    func sampleWidth() {
        #expect(Sample(name: "x", labels: [:], value: 1).counterWidth == nil)
        let octets = Sample(name: "ifInOctets", labels: [:], value: 1, kind: .counter, counterWidth: .bits32)
        #expect(octets.counterWidth == .bits32)
    }
}
