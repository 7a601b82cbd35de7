import Testing
import VedettaCore
import VedettaProbes

/// The probe runner gives every sample the `probe` label, searching each shared label set once.
@Suite("ProbeRunner.label: the probe label on every sample")
struct ProbeLabelTests {
    /// A table-like poll: `rows` label sets shared by `columns` samples each, column after column, as the SNMP
    /// builder makes them.
    static func poll(rows: Int, columns: Int, labels: (Int) -> LabelSet) -> [Sample] {
        (0..<columns).flatMap { column in
            (0..<rows).map { row in Sample(name: "metric\(column)", labels: labels(row), value: Double(row)) }
        }
    }

    @Test("label sets with the label, without it and with another value all end with it, the rest untouched")
    func everySampleLabelled() {
        var samples = Self.poll(rows: 300, columns: 12) { row in
            var labels: LabelSet = ["device": "core", "ifIndex": "\(row)"]
            switch row % 3 {
            case 0: labels["probe"] = "snmp"
            case 1: break
            default: labels["probe"] = "exec"  // a label column named `probe` that won over the target's
            }
            return labels
        }
        let before = samples
        ProbeRunner.label(&samples, probe: "snmp")
        #expect(samples.count == before.count)
        for (labelled, original) in zip(samples, before) {
            var expected = original.labels
            expected["probe"] = "snmp"
            #expect(labelled.labels == expected)
            #expect(labelled.name == original.name)
            #expect(labelled.value == original.value)
        }
    }

    @Test("more label sets than the memory has slots: still every sample labelled")
    func moreSetsThanSlots() {
        var samples = Self.poll(rows: 10_000, columns: 2) { row in ["device": "big", "ifIndex": "\(row)"] }
        ProbeRunner.label(&samples, probe: "http")
        #expect(samples.allSatisfy { $0.labels["probe"] == "http" && $0.labels["device"] == "big" })
    }

    @Test("no samples, one sample")
    func smallPolls() {
        var none: [Sample] = []
        ProbeRunner.label(&none, probe: "snmp")
        #expect(none.isEmpty)
        var one = [Sample(name: "up", labels: [:], value: 1)]
        ProbeRunner.label(&one, probe: "icmp")
        #expect(one[0].labels == ["probe": "icmp"])
    }
}
