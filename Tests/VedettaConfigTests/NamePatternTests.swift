import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaNotify

@testable import VedettaConfig

@Suite("NamePattern")
struct NamePatternTests {
    @Test("metric names follow Prometheus")
    func metricNames() {
        #expect(NamePattern.metric.matches("ifHCInOctets"))
        #expect(NamePattern.metric.matches("node:cpu_seconds:rate5m"))
        #expect(NamePattern.metric.matches("_private"))
        #expect(!NamePattern.metric.matches("9lives"))
        #expect(!NamePattern.metric.matches("if-in"))
        #expect(!NamePattern.metric.matches(""))
        #expect(!NamePattern.metric.matches("température"))
    }

    @Test("label names allow no colon")
    func labelNames() {
        #expect(NamePattern.label.matches("ifIndex"))
        #expect(NamePattern.label.matches("_x1"))
        #expect(!NamePattern.label.matches("a:b"))
        #expect(!NamePattern.label.matches("1a"))
    }

    @Test("identifiers allow dashes, dots and colons")
    func identifiers() {
        #expect(NamePattern.identifier.matches("core-switch.hq:2"))
        #expect(NamePattern.identifier.matches("1st-floor"))
        #expect(!NamePattern.identifier.matches("core switch"))
        #expect(!NamePattern.identifier.matches("a/b"))
    }
}

@Suite("ConfigPaths")
struct ConfigPathsTests {
    @Test("paths join onto the configuration directory as written")
    func join() {
        #expect(ConfigPaths.directory(of: "vedetta.yaml") == "")
        #expect(ConfigPaths.directory(of: "deploy/vedetta.yaml") == "deploy")
        #expect(ConfigPaths.directory(of: "/vedetta.yaml") == "/")
        #expect(ConfigPaths.join("", "probes") == "probes")
        #expect(ConfigPaths.join("deploy", "../probes") == "deploy/../probes")
        #expect(ConfigPaths.join("/", "probes") == "/probes")
        #expect(ConfigPaths.join("deploy", "/etc/vedetta/probes") == "/etc/vedetta/probes")
    }
}
