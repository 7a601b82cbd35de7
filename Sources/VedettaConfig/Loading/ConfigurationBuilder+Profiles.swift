import Foundation
import VedettaCore

extension ConfigurationBuilder {
    /// Only the profiles: from the `probes_dir` override, else from the root file's `probes_dir` when the file
    /// exists, else from `probes` beside it (a missing default directory gives no profiles and no error).
    func buildProfiles() -> ProfileLibrary {
        var probesDirectoryReader: NodeReader?
        if overrides.probesDirectory == nil, FileManager.default.fileExists(atPath: path) {
            let file: SourceFile
            do throws(ConfigError) {
                file = try SourceFile.read(path)
            } catch {
                diagnostics.report(error)
                return ProfileLibrary()
            }
            guard let rootNode = compose(file) else { return ProfileLibrary() }
            if let rootNode {
                let root = NodeReader(node: rootNode, path: "", file: file, diagnostics: diagnostics)
                guard let mapping = root.mapping(keys: Self.rootKeys) else { return ProfileLibrary() }
                probesDirectoryReader = mapping.optional("probes_dir")
            }
        }
        let directory = resolveDirectory(
            probesDirectoryReader, override: overrides.probesDirectory, default: "probes",
            in: ConfigPaths.directory(of: path))
        var files: [String] = []
        return loadProfiles(from: directory, files: &files)
    }
}
