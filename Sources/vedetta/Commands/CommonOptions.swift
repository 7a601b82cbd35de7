import ArgumentParser
import Foundation
import Logging
import VedettaCore
import VedettaReports

/// `--config`, shared by the commands that read the configuration.
struct ConfigOption: ParsableArguments {
    @Option(name: .shortAndLong, help: "The root configuration file.")
    var config: String = "vedetta.yaml"
}

/// `--log-level`, shared by the commands that log.
struct LoggingOptions: ParsableArguments {
    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    /// Bootstraps swift-log to stderr and returns the root logger.
    func makeLogger() throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("unknown --log-level \"\(logLevel)\"")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "vedetta")
        logger.logLevel = level
        return logger
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Parses a duration option such as `5s` or `250ms`.
func parseDuration(_ text: String, option: String) throws -> Duration {
    guard let duration = Duration.parse(text), duration > .zero else {
        throw ValidationError("invalid \(option) \"\(text)\"; use e.g. 500ms, 5s, 1m")
    }
    return duration
}

/// Parses a time option: a date (`2026-12-02`, local midnight), a local time (`2026-12-02T08:10`) in `zone`, or
/// ISO 8601 with a zone.
func parseTime(_ text: String, option: String, zone: TimeZone) throws -> Date {
    guard let instant = ReportPeriod.instant(text, in: zone) else {
        throw ValidationError(
            "invalid \(option) \"\(text)\"; use a date (2026-12-02), a local time (2026-12-02T08:10) or ISO 8601")
    }
    return instant
}

/// Pretty, key-sorted JSON.
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601Milliseconds
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
