import Testing

@testable import ExecProbe

@Suite("Plugin output, as the Monitoring Plugins guidelines write it")
struct PluginOutputTests {
    @Test("the guidelines' own example: summary, long output, perfdata on the first line, in the long output and after")
    func guidelinesExample() {
        let output = PluginOutput(
            parsing: """
                DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968
                / 15272 MB (77%);
                /boot 68 MB (69%);
                /home 69357 MB (27%);
                /var/log 819 MB (84%); | /boot=68MB;88;93;0;98
                /home=69357MB;253404;253409;0;253414 
                /var/log=818MB;970;975;0;980

                """)
        #expect(output.summary == "DISK OK - free space: / 3326 MB (56%);")
        #expect(
            output.longOutput == "/ 15272 MB (77%);\n/boot 68 MB (69%);\n/home 69357 MB (27%);\n/var/log 819 MB (84%);")
        #expect(output.performanceData.map(\.label) == ["/", "/boot", "/home", "/var/log"])
        let root = output.performanceData[0]
        #expect(root.value == 2643 * 1_048_576)
        #expect(root.unit == .bytes)
        #expect(root.warning == 5948.0 * 1_048_576)
        #expect(root.critical == 5958.0 * 1_048_576)
        #expect(root.minimum == 0)
        #expect(root.maximum == 5968.0 * 1_048_576)
        #expect(output.problems.isEmpty)
        #expect(output.text == output.summary + "\n" + output.longOutput)
    }

    @Test(
        "units are converted to base units; unknown units are kept as written",
        arguments: [
            ("time=12ms", 0.012, "s"), ("t=2s", 2, "s"), ("t=250us", 0.00025, "s"), ("used=80%", 80, "percent"),
            ("mem=2KB", 2048, "bytes"), ("mem=3GB", 3 * 1_073_741_824, "bytes"), ("b=10B", 10, "bytes"),
            ("pkts=12345c", 12345, "counter"), ("users=4", 4, ""), ("volt=230.5V", 230.5, "V"),
            ("x=1e3", 1000, ""), ("neg=-4.5dBm", -4.5, "dBm"),
        ] as [(String, Double, String)]
    )
    func units(item: String, value: Double, unit: String) throws {
        let output = PluginOutput(parsing: "OK | \(item)")
        let datum = try #require(output.performanceData.first)
        #expect(abs(datum.value - value) < 1e-12)
        #expect(datum.unit.rawValue == unit)
    }

    @Test("quoted labels keep their spaces and doubled quotes; U is skipped without a problem")
    func quotedLabels() {
        let output = PluginOutput(parsing: "OK | 'in use'=5;;;0;10 'it''s'=1 'nothing'=U other=2")
        #expect(output.performanceData.map(\.label) == ["in use", "it's", "other"])
        #expect(output.performanceData[0].maximum == 10)
        #expect(output.problems.isEmpty)
    }

    @Test("threshold ranges are not one number, so only plain thresholds are kept")
    func thresholdRanges() {
        let output = PluginOutput(parsing: "OK | a=5;10;20 b=5;5:10;@0:2 c=5;~:10;")
        #expect(output.performanceData.map(\.warning) == [10, nil, nil])
        #expect(output.performanceData.map(\.critical) == [20, nil, nil])
    }

    @Test("malformed items are reported and skipped; the good ones around them are kept")
    func malformed() {
        let output = PluginOutput(
            parsing: "OK - fine | good=1 novalue =3 bad=abc 'open=4 ")
        #expect(output.performanceData.map(\.label) == ["good"])
        #expect(
            output.problems == [
                "\"novalue\" is not label=value", "an item has an empty label: \"=3\"",
                "value \"abc\" of bad is not a number", "unterminated quote in \"'open=4 \"",
            ])
        #expect(output.summary == "OK - fine")
    }

    @Test("a label given twice keeps the first value")
    func duplicateLabel() {
        let output = PluginOutput(parsing: "OK | rta=1ms rta=2ms")
        #expect(output.performanceData.map(\.value) == [0.001])
        #expect(output.problems == ["label rta appears twice; the first is kept"])
    }

    @Test("CR LF ends lines like LF; empty output gives an empty summary")
    func lineEnds() {
        let output = PluginOutput(parsing: "WARNING - slow\r\nline two\r\nline three | t=1s\r\n")
        #expect(output.summary == "WARNING - slow")
        #expect(output.longOutput == "line two\nline three")
        #expect(output.performanceData.map(\.label) == ["t"])
        #expect(PluginOutput(parsing: "").summary.isEmpty)
        #expect(PluginOutput(parsing: "").text.isEmpty)
    }

    @Test("a status line without perfdata, and perfdata without text")
    func partsMissing() {
        #expect(PluginOutput(parsing: "PING OK").performanceData.isEmpty)
        let bare = PluginOutput(parsing: "|load1=0.5;5;10;0")
        #expect(bare.summary.isEmpty)
        #expect(bare.performanceData.first?.value == 0.5)
    }
}
