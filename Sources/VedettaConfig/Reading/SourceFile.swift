import Foundation
import VedettaCore
import Yams

/// The text of one YAML file, under the path it was opened with.
struct SourceFile {
    /// The path as opened, used in every location.
    let path: String
    /// The whole file.
    let text: String

    /// Reads `path`, or returns the problem as a ``ConfigError`` at line 1.
    static func read(_ path: String) throws(ConfigError) -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(location: start(of: path), path: "", message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(location: start(of: path), path: "", message: "expected a file, found a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(location: start(of: path), path: "", message: "cannot read the file (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(location: start(of: path), path: "", message: "the file is not UTF-8 text")
        }
        return SourceFile(path: path, text: text)
    }

    /// The first position of `path`, for problems with a whole file.
    static func start(of path: String) -> SourceLocation {
        SourceLocation(file: path, line: 1, column: 1)
    }

    /// The location of a Yams mark (already 1-based); the file start when there is none.
    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return Self.start(of: path) }
        return SourceLocation(file: path, line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// Parses the single YAML document in the file.
    ///
    /// - Returns: The root node, or `nil` when the file holds no document (empty or only comments).
    /// - Throws: A ``ConfigError`` at the position libyaml reports for a syntax error.
    func compose() throws(ConfigError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw configError(for: error)
        } catch {
            throw ConfigError(location: Self.start(of: path), path: "", message: "invalid YAML: \(error)")
        }
    }

    private func configError(for error: YamlError) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return ConfigError(location: location(mark), path: "", message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let message = "duplicate key \(keys) in one mapping; each key may appear only once"
            return ConfigError(location: location(context.mark), path: "", message: message)
        case .reader(let problem, let offset, _, _):
            let position = offset.map { " at character \($0 + 1)" } ?? ""
            return ConfigError(location: Self.start(of: path), path: "", message: "invalid YAML: \(problem)\(position)")
        default:
            return ConfigError(location: Self.start(of: path), path: "", message: "invalid YAML: \(error)")
        }
    }

    /// Line `number` (1-based) without its line break, or `nil` past the end.
    func line(_ number: Int) -> Substring? {
        var current = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" || text[index] == "\r\n" {
                if current == number { return text[lineStart..<index] }
                current += 1
                lineStart = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == number ? text[lineStart..<text.endIndex] : nil
    }
}
