import Foundation
import Testing
import VedettaAgent
import VedettaConfig

/// Paths of the test fixtures and helpers to load them.
enum FixturePaths {
    /// `Fixtures/` as copied into the test bundle.
    static var root: String {
        get throws {
            let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            return url.path
        }
    }

    /// `Fixtures/good/vedetta.yaml`.
    static var goodConfig: String {
        get throws { try root + "/good/vedetta.yaml" }
    }

    /// `Fixtures/bad/`.
    static var badDirectory: String {
        get throws { try root + "/bad" }
    }

    /// The repository root, found from this file.
    static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Tests/VedettaConfigTests/Support/FixturePaths.swift
        return url.path
    }

    /// Loads `path` expecting failure; returns the error lines with `prefix` + "/" removed from every path.
    static func errorLines(loading path: String, relativeTo prefix: String) throws -> [String] {
        do {
            let configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
            Issue.record(
                "expected errors, loaded \(ConfigLoader.summary(of: configuration, plugins: BuiltinKinds.configuration))"
            )
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: prefix + "/", with: "") }
        }
    }
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    /// Its path.
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-config-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` (creating subdirectories) and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
