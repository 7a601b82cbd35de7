import VedettaCore

/// A plugin's standard output, read as the Monitoring Plugins development guidelines define it:
///
/// ```
/// TEXT OUTPUT | OPTIONAL PERFDATA
/// LONG TEXT LINE 1
/// LONG TEXT LINE 2
/// LONG TEXT LINE N | PERFDATA LINE 2
/// PERFDATA LINE 3
/// ```
///
/// The first line before `|` is the summary; the lines after it are the long output, up to the first line with a
/// `|`, after which everything is performance data.
public struct PluginOutput: Sendable, Hashable {
    /// The first line, without its performance data.
    public var summary: String
    /// The lines after the first, without performance data; empty when there are none.
    public var longOutput: String
    /// Every performance data item that could be read, in order, the first of each label.
    public var performanceData: [PerformanceDatum]
    /// Why each of the other items could not be read.
    public var problems: [String]

    /// Reads `text` (a CR LF or a CR ends a line as an LF does).
    public init(parsing text: String) {
        let lines = Self.lines(of: text)
        var summary = ""
        var long: [Substring] = []
        var performance: [Substring] = []
        var inPerformanceData = false
        for (index, line) in lines.enumerated() {
            if inPerformanceData {
                performance.append(line)
                continue
            }
            let (text, data) = Self.split(line)
            if index == 0 {
                summary = text.trimmingWhitespace()
            } else if !(text.allSatisfy(\.isWhitespace) && data != nil) {
                long.append(text.trimmingTrailingWhitespace())
            }
            if let data {
                performance.append(data)
                inPerformanceData = index > 0
            }
        }
        while let last = long.last, last.isEmpty { long.removeLast() }
        self.summary = summary
        self.longOutput = long.joined(separator: "\n")
        var reader = PerformanceDataReader()
        for line in performance { reader.read(line) }
        self.performanceData = reader.data
        self.problems = reader.problems
    }

    /// Creates an output from its parts.
    public init(
        summary: String, longOutput: String = "", performanceData: [PerformanceDatum] = [], problems: [String] = []
    ) {
        self.summary = summary
        self.longOutput = longOutput
        self.performanceData = performanceData
        self.problems = problems
    }

    /// The summary, then the long output on the lines after it: what alert templates show as `{{ $output }}` and
    /// `{{ $long_output }}`.
    public var text: String {
        longOutput.isEmpty ? summary : summary + "\n" + longOutput
    }

    private static func lines(of text: String) -> [Substring] {
        let unified = text.normalizingLineBreaks()
        var lines = unified.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }

    /// The text before the first `|`, and what follows it, if there is one.
    private static func split(_ line: Substring) -> (Substring, Substring?) {
        guard let bar = line.firstIndex(of: "|") else { return (line, nil) }
        return (line[..<bar], line[line.index(after: bar)...])
    }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> Substring {
        let text = Substring(self)
        guard let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return text[...last]
    }
}
