import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaNotify

@Suite("ConfigErrors")
struct ConfigErrorsTests {
    @Test("errors are sorted by file, line and column and printed one per line like a compiler")
    func sortedDescription() {
        let errors = ConfigErrors([
            ConfigError(location: SourceLocation(file: "b.yaml", line: 1, column: 1), path: "x", message: "third"),
            ConfigError(location: SourceLocation(file: "a.yaml", line: 9, column: 2), path: "y", message: "second"),
            ConfigError(location: SourceLocation(file: "a.yaml", line: 2, column: 5), path: "z", message: "first"),
        ])
        #expect(
            errors.description == """
                a.yaml:2:5: error: first
                a.yaml:9:2: error: second
                b.yaml:1:1: error: third
                """
        )
        #expect(errors.errors.map(\.path) == ["z", "y", "x"])
    }
}
