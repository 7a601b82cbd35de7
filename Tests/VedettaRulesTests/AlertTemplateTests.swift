import Testing
import VedettaCore

@testable import VedettaRules

@Suite("AlertTemplate")
struct AlertTemplateTests {
    private let labels: LabelSet = ["device": "core-sw", "ifName": "ge-0/0/1", "alertname": "InterfaceDown"]

    @Test("label and value placeholders are replaced, with any spacing")
    func placeholders() {
        let text = AlertTemplate.render(
            "{{ $labels.device }} {{$labels.ifName}} {{   $labels.alertname   }} = {{ $value }}",
            labels: labels,
            value: 2
        )
        #expect(text == "core-sw ge-0/0/1 InterfaceDown = 2")
    }

    @Test("a missing label renders as empty")
    func missingLabel() {
        #expect(AlertTemplate.render("[{{ $labels.ifAlias }}]", labels: labels, value: 1) == "[]")
    }

    @Test(
        "unknown placeholders and unclosed braces stay as written",
        arguments: [
            "{{ $label.device }}",
            "{{ humanize $value }}",
            "{{ .Labels.device }}",
            "{{ $labels. }}",
            "{{ $labels.device",
            "text {{",
            "}} {",
        ])
    func unknownPlaceholders(template: String) {
        #expect(AlertTemplate.render(template, labels: labels, value: 1) == template)
    }

    @Test("text around placeholders keeps its accents; tabs and no-break spaces inside the braces are spacing")
    func unicodeAroundPlaceholders() {
        let text = AlertTemplate.render(
            "Città: {{\t$labels.device\u{00A0}}} è giù — {{$value}}€", labels: labels, value: 2)
        #expect(text == "Città: core-sw è giù — 2€")
    }

    @Test("known and unknown placeholders mix")
    func mixed() {
        let text = AlertTemplate.render("{{ $labels.device }} {{ nope }} {{ $value }}", labels: labels, value: 0.5)
        #expect(text == "core-sw {{ nope }} 0.5")
    }

    @Test("a template without placeholders is returned unchanged")
    func plain() {
        #expect(AlertTemplate.render("Interface down", labels: labels, value: 1) == "Interface down")
        #expect(AlertTemplate.render("", labels: labels, value: 1) == "")
    }

    @Test("an unknown value renders as empty")
    func unknownValue() {
        #expect(AlertTemplate.render("v={{ $value }}", labels: labels, value: nil) == "v=")
    }

    @Test(
        "values are formatted compactly",
        arguments: [
            (0.0, "0"), (2, "2"), (-15, "-15"), (1e12, "1000000000000"), (2.5, "2.5"), (3.14159265, "3.1416"),
            (1234.56789, "1234.5679"), (0.25, "0.25"), (0.0012346, "0.001235"), (0.000012346, "1.235e-05"),
            (-0.5, "-0.5"), (1e20, "1e+20"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
        ])
    func format(value: Double, expected: String) {
        #expect(AlertTemplate.format(value) == expected)
    }

    @Test("$output is the first line of the probe's text, $long_output the lines after it; both empty without text")
    func output() {
        let template = "[{{ $output }}] [{{ $long_output }}]"
        let text = "SIP CRITICAL - 503\ntrunk 1: down\ntrunk 2: up"
        #expect(
            AlertTemplate.render(template, labels: labels, value: 2, output: text)
                == "[SIP CRITICAL - 503] [trunk 1: down\ntrunk 2: up]")
        #expect(AlertTemplate.render(template, labels: labels, value: 2, output: "OK") == "[OK] []")
        #expect(AlertTemplate.render(template, labels: labels, value: 2) == "[] []")
    }
}
