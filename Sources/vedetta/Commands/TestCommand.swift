import ArgumentParser
import VedettaAlerting
import VedettaConfig
import VedettaRules

/// `vedetta test`: tests of what users write.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test alert rules against series over time, like promtool test rules.",
        subcommands: [TestRulesCommand.self]
    )
}

/// `vedetta test rules FILE...`: runs rule unit-test files.
struct TestRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Run rule unit tests: input series over time, and the alerts expected at given times.",
        discussion: """
            Each FILE names rule files (rule_files, relative to it) and tests (input_series with values in \
            promtool's notation, alert_rule_test with eval_time, alertname and exp_alerts). The series are \
            evaluated poll by poll exactly as the agent does. Prints each failed expectation with its \
            file:line:column, then one line per file; exits 1 when a test fails or a file has an error. \
            Reference: docs/rules.md, "Rule unit tests".
            """
    )

    @Argument(help: "Test files.") var files: [String]

    func run() async throws {
        var failed = false
        for file in files {
            do {
                let suite = try RuleTestLoader.load(file)
                let failures = RuleTestRunner.run(suite)
                for failure in failures { printError(failure.description) }
                let expectations = suite.cases.reduce(0) { $0 + $1.expectations.count }
                if failures.isEmpty {
                    print("\(file): ok: \(suite.cases.count) tests, \(expectations) expectations")
                } else {
                    print("\(file): FAILED: \(failures.count) of \(expectations) expectations")
                    failed = true
                }
            } catch {
                printError(error.description)
                printError("\(file): \(error.errors.count) error(s)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
