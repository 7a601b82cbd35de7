import Testing
import VedettaAPI
import VedettaCore

@Suite("PrometheusTextRenderer")
struct PrometheusTextRendererTests {
    @Test("groups by name with HELP and TYPE, series sorted, values formatted")
    func rendersExposition() {
        let samples = [
            Sample(
                name: "ifHCInOctets", labels: ["device": "sw", "ifIndex": "2"], value: 1_000_000_000_000,
                kind: .counter, help: "Octets received."),
            Sample(name: "up", labels: ["device": "sw", "probe": "snmp"], value: 1, help: "Probe succeeded."),
            Sample(
                name: "ifHCInOctets", labels: ["device": "sw", "ifIndex": "1"], value: 5, kind: .counter,
                help: "Octets received."),
            Sample(name: "temperature", labels: ["device": "ups", "descr": "probe \"A\""], value: 21.5),
        ]
        let expected = """
            # HELP ifHCInOctets Octets received.
            # TYPE ifHCInOctets counter
            ifHCInOctets{device="sw",ifIndex="1"} 5
            ifHCInOctets{device="sw",ifIndex="2"} 1000000000000
            # TYPE temperature gauge
            temperature{descr="probe \\"A\\"",device="ups"} 21.5
            # HELP up Probe succeeded.
            # TYPE up gauge
            up{device="sw",probe="snmp"} 1

            """
        #expect(PrometheusTextRenderer.render(samples) == expected)
    }

    @Test("a series given twice in one poll is written once, with the last value; label texts sort by bytes")
    func duplicateSeries() {
        let samples = [
            Sample(name: "x", labels: ["device": "sw", "ifIndex": "10"], value: 1),
            Sample(name: "x", labels: ["device": "sw", "ifIndex": "2"], value: 2),
            Sample(name: "x", labels: ["device": "sw", "ifIndex": "10"], value: 3),
            Sample(name: "x", labels: ["device": "sw"], value: 4),
            Sample(name: "x", labels: [:], value: 5),
            Sample(name: "x", labels: [:], value: 6),
        ]
        let expected = """
            # TYPE x gauge
            x 6
            x{device="sw",ifIndex="10"} 3
            x{device="sw",ifIndex="2"} 2
            x{device="sw"} 4

            """
        #expect(PrometheusTextRenderer.render(samples) == expected)
    }

    @Test("special values", arguments: [(Double.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (-3, "-3")])
    func specialValues(value: Double, text: String) {
        #expect(PrometheusTextRenderer.format(value) == text)
    }

    @Test("a label value with CR LF gets its line feed escaped; HELP escapes backslash and line feed only")
    func escapesLineBreaks() {
        let samples = [
            Sample(
                name: "sysDescr", labels: ["device": "sw", "sysDescr": "IOS (fc1)\r\nTechnical \"Support\" C:\\"],
                value: 1, help: "Line one\r\nline \"two\" \\ end")
        ]
        let expected =
            "# HELP sysDescr Line one\r\\nline \"two\" \\\\ end\n"
            + "# TYPE sysDescr gauge\n"
            + "sysDescr{device=\"sw\",sysDescr=\"IOS (fc1)\r\\nTechnical \\\"Support\\\" C:\\\\\"} 1\n"
        #expect(PrometheusTextRenderer.render(samples) == expected)
        // Three lines: no line feed of the data reaches the text unescaped.
        #expect(PrometheusTextRenderer.render(samples).unicodeScalars.filter { $0 == "\n" }.count == 3)
    }
}
