import Foundation
import VedettaTestSupport

/// Small plugins written by the tests: shell scripts in a temporary directory, removed when released.
final class PluginScripts: Sendable {
    let directory: URL

    init() throws {
        directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-plugins")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `body` as an executable `/bin/sh` script named `name`; returns its path.
    func script(_ name: String, _ body: String, executable: Bool = true) throws -> String {
        let url = directory.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
        return url.path
    }
}

/// What `/proc` says about processes, for the leak tests.
enum ProcessTable {
    /// The pids of this process's children, and which of them are zombies.
    static func children() -> (all: Set<Int32>, zombies: Set<Int32>) {
        let me = getpid()
        var all: Set<Int32> = []
        var zombies: Set<Int32> = []
        for pid in pids() {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == me else { continue }
            all.insert(pid)
            if fields[0] == "Z" { zombies.insert(pid) }
        }
        return (all, zombies)
    }

    /// The live processes whose command line contains `marker`, once those killed a moment ago had time to go:
    /// waits up to `patience` for the list to be empty.
    static func survivors(containing marker: String, patience: Duration = .seconds(2)) async -> [Int32] {
        let deadline = ContinuousClock.now + patience
        var found = living(containing: marker)
        while !found.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
            found = living(containing: marker)
        }
        return found
    }

    /// The live (not zombie) processes whose command line contains `marker`.
    static func living(containing marker: String) -> [Int32] {
        pids().filter { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !raw.isEmpty else {
                return false
            }
            let text = String(decoding: raw.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return text.contains(marker)
        }
    }

    private static func pids() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
    }
}
