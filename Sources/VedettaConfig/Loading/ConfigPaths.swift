import Foundation

/// Path handling for files the configuration refers to.
///
/// Paths are joined as text rather than through `URL`, so a message shows the path the way the user wrote it
/// (`probes/if-mib.yaml` beside `vedetta.yaml`, not an absolute path).
enum ConfigPaths {
    /// The directory of `file`, or `""` for a bare file name.
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// `path` resolved against `directory`; absolute paths are returned as they are.
    static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// `path` relative to `directory` when it lies inside it (`maintenance/backup.yaml`), else as it is.
    static func relative(_ path: String, to directory: String) -> String {
        guard !directory.isEmpty, directory != "." else { return path }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `path` made absolute against the current directory and standardised (`a/./b/../c` → `a/c`).
    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : join(FileManager.default.currentDirectoryPath, path)
        return URL(fileURLWithPath: base).standardizedFileURL.path
    }

    /// The `*.yaml` and `*.yml` files directly inside `directory`, sorted by name, joined onto it.
    ///
    /// - Returns: The paths, or `nil` when the directory does not exist or cannot be listed.
    static func yamlFiles(in directory: String) -> [String]? {
        let listed = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: listed, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: listed)
        else { return nil }
        return
            names
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
            .map { join(directory, $0) }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
    }
}
