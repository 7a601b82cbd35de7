public import Logging
import Synchronization

/// Collects what a logger logs, for tests that assert on levels and messages.
///
/// ```swift
/// let capture = LogCapture()
/// let logger = capture.logger(label: "test")
/// ...
/// #expect(capture.records.contains { $0.level == .warning && $0.message == "notification abandoned" })
/// ```
public final class LogCapture: Sendable {
    /// One logged line.
    public struct Record: Sendable {
        /// The level.
        public var level: Logger.Level
        /// The message.
        public var message: String
        /// The metadata, rendered as text.
        public var metadata: [String: String]
    }

    private let stored = Mutex<[Record]>([])

    /// Creates an empty capture.
    public init() {}

    /// A logger at `trace` level whose lines go to this capture.
    public func logger(label: String) -> Logger {
        var logger = Logger(label: label) { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Everything logged so far, in order.
    public var records: [Record] { stored.withLock { $0 } }

    fileprivate func append(_ record: Record) { stored.withLock { $0.append(record) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(
                Record(
                    level: event.level, message: event.message.description,
                    metadata: merged.mapValues { "\($0)" }))
        }
    }
}
