public import Foundation

/// Paths inside the repository and the tools `scripts/setup` installs, found from this source file.
public enum RepositoryPaths {
    /// The repository root.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Tests/VedettaTestSupport/Paths/RepositoryPaths.swift
        return url
    }()

    /// The Python virtual environment holding snmpsim (`VEDETTA_VENV` or `<root>/.venv`).
    public static var virtualEnvironment: URL {
        if let custom = ProcessInfo.processInfo.environment["VEDETTA_VENV"] {
            return URL(fileURLWithPath: custom)
        }
        return root.appendingPathComponent(".venv")
    }

    /// The `vedetta` binary built by `swift build` (`VEDETTA_BIN` overrides).
    public static var vedettaBinary: URL {
        if let custom = ProcessInfo.processInfo.environment["VEDETTA_BIN"] {
            return URL(fileURLWithPath: custom)
        }
        return root.appendingPathComponent(".build/debug/vedetta")
    }

    /// A new empty temporary directory.
    /// - Throws: When the directory cannot be created.
    public static func makeTemporaryDirectory(prefix: String = "vedetta-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The first of `candidates` that is an executable file, for system tools like `/usr/sbin/snmpd`.
    /// - Throws: `FixtureError` telling the user to run `scripts/setup`.
    public static func executable(_ name: String, candidates: [String]) throws -> String {
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) { return path }
        throw FixtureError("\(name) not found (looked in \(candidates.joined(separator: ", "))); run scripts/setup")
    }
}
