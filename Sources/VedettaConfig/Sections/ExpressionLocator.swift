import VedettaCore
import Yams

/// Maps a character offset inside a scalar's value back to its line and column in the file.
///
/// Exact for plain and quoted scalars on one line (the column of the scalar, plus the offset, plus one for an
/// opening quote). For block scalars (`|`, `>`) the offset is walked over the content lines that follow the
/// indicator, which is exact unless the block has blank or more-indented lines. Escapes in double-quoted scalars
/// are not accounted for.
struct ExpressionLocator {
    /// The file holding the scalar.
    let file: SourceFile
    /// The scalar.
    let scalar: Node.Scalar

    /// The location of character `offset` (0-based) of the scalar's value.
    func location(ofOffset offset: Int) -> SourceLocation {
        let start = file.location(scalar.mark)
        switch scalar.style {
        case .literal, .folded:
            return blockLocation(ofOffset: offset, indicatorLine: start.line) ?? start
        case .singleQuoted, .doubleQuoted:
            return SourceLocation(file: start.file, line: start.line, column: start.column + 1 + offset)
        case .plain, .any:
            return SourceLocation(file: start.file, line: start.line, column: start.column + offset)
        }
    }

    private func blockLocation(ofOffset offset: Int, indicatorLine: Int) -> SourceLocation? {
        var remaining = offset
        var indentation: Int?
        var lineNumber = indicatorLine + 1
        while let line = file.line(lineNumber) {
            let leading = line.prefix { $0 == " " }.count
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if !isBlank {
                if indentation == nil { indentation = leading }
                if let indentation, leading < indentation { return nil }
            }
            let contentLength = max(line.unicodeScalars.count - (indentation ?? leading), 0)
            if remaining <= contentLength, !isBlank {
                return SourceLocation(
                    file: file.path, line: lineNumber, column: (indentation ?? leading) + remaining + 1)
            }
            remaining -= isBlank ? 1 : contentLength + 1
            lineNumber += 1
        }
        return nil
    }
}
