import Testing
import VedettaCore

@Suite("Sample output text")
struct SampleOutputTests {
    @Test("a sample has no output unless given one, an empty text included")
    func output() {
        #expect(Sample(name: "x", labels: [:], value: 1).output == nil)
        #expect(!Sample(name: "x", labels: [:], value: 1).hasOutput)
        #expect(Sample(name: "x", labels: [:], value: 1, output: "").output == "")
        #expect(Sample(name: "x", labels: [:], value: 1, output: "").hasOutput)
        #expect(Sample(name: "x", labels: [:], value: 1, output: "OK - fine\nmore").output == "OK - fine\nmore")
        var sample = Sample(name: "x", labels: [:], value: 1, output: "first")
        sample.output = nil
        #expect(sample.output == nil)
        #expect(!sample.hasOutput)
        #expect(sample == Sample(name: "x", labels: [:], value: 1))
        sample.output = "second"
        #expect(sample.output == "second")
        #expect(sample != Sample(name: "x", labels: [:], value: 1))
    }

    @Test("a sample is 96 bytes: its small fields share the room its optional counter width leaves")
    func size() {
        // A poll makes thousands of samples and every reader of a poll walks them: 8 bytes more per sample is a
        // cache line more per 8 samples. The field order decides it (Swift keeps declaration order).
        #expect(MemoryLayout<Sample>.stride == 96)
    }
}
