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
    ///
    /// The file is opened close-on-exec: a process another test spawns meanwhile must not inherit it open for
    /// writing, or executing the script would fail with "Text file busy" for as long as that process lives.
    func script(_ name: String, _ body: String, executable: Bool = true) throws -> String {
        let path = directory.appendingPathComponent(name).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0o755 : 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }
}

/// What `/proc` says about processes, for the leak tests.
enum ProcessTable {
    /// This process's children (alive or zombie) whose command name is one of `names`: a script's command name is
    /// its file name, so tests running in parallel do not count each other's processes.
    static func children(named names: Set<String>) -> [Int32] {
        let me = getpid()
        return pids().filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return false }
            let name = String(stat[stat.index(after: open)..<close])
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == me && names.contains(name)
        }
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
