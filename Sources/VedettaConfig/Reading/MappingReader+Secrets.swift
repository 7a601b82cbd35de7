import Foundation
public import VedettaCore

extension MappingReader {
    /// A secret given inline (`key`) or as the first line of a file (`fileKey`), never both: `.some(nil)` when
    /// neither is given, `nil` after a problem (reported). The file is read when the configuration is loaded.
    /// - Parameters:
    ///   - key: The inline key, e.g. `password`.
    ///   - fileKey: The file key, e.g. `password_file`.
    public func secret(_ key: String, fileKey: String) -> Secret?? {
        let inline = optional(key)
        let file = optional(fileKey)
        if inline != nil, let file {
            file.report("give \(key) or \(fileKey), not both")
            return nil
        }
        if let inline { return inline.nonEmptyString().map { .some(Secret($0)) } }
        guard let file, let path = file.nonEmptyString() else { return .some(nil) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
        else {
            file.report("cannot read a \(key.replacingOccurrences(of: "_", with: " ")) from \(path)")
            return nil
        }
        return .some(Secret(String(line)))
    }
}
