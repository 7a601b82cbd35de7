import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaOnCall
import VedettaRules
import Yams

/// A directory of YAML files (`probes_dir`, `alerts_dir`) and where it was chosen.
struct IncludedDirectory {
    /// The path as opened (joined onto the configuration directory, or as given on the command line).
    let path: String
    /// The key that chose it, for messages.
    let key: String
    /// The value that set it; `nil` for an override or the default.
    let reader: NodeReader?
    /// Whether the user chose it; a missing default directory is not an error.
    let isExplicit: Bool
}

extension ConfigurationBuilder {
    /// The directory chosen by `reader` (a root key), by an override, or by default.
    func resolveDirectory(
        _ reader: NodeReader?,
        override: String?,
        default name: String,
        in directory: String
    ) -> IncludedDirectory? {
        let key = "\(name)_dir"
        if let override { return IncludedDirectory(path: override, key: key, reader: nil, isExplicit: true) }
        guard let reader else {
            return IncludedDirectory(path: ConfigPaths.join(directory, name), key: key, reader: nil, isExplicit: false)
        }
        guard let text = reader.nonEmptyString() else { return nil }
        return IncludedDirectory(path: ConfigPaths.join(directory, text), key: key, reader: reader, isExplicit: true)
    }

    /// The YAML files of `directory`; a missing directory is reported (and `nil`) only when the user named it.
    func yamlFiles(in directory: IncludedDirectory?) -> [String]? {
        guard let directory else { return nil }
        if let files = ConfigPaths.yamlFiles(in: directory.path) { return files }
        if directory.isExplicit {
            let message = "\(directory.key) \"\(directory.path)\" is not a readable directory"
            if let reader = directory.reader {
                reader.report(message)
            } else {
                diagnostics.report(message, at: ConfigOverrides.location, path: directory.key)
            }
            return nil
        }
        return []
    }

    /// Parses one included file: its root reader, or `nil` when it cannot be read or parsed (reported).
    func readIncluded(_ path: String, files: inout [String]) -> NodeReader?? {
        files.append(path)
        do throws(ConfigError) {
            let file = try SourceFile.read(path)
            guard let node = try file.compose() else { return .some(nil) }
            return NodeReader(node: node, path: "", file: file, diagnostics: diagnostics)
        } catch {
            diagnostics.report(error)
            return nil
        }
    }

    /// Every profile in `directory` by name, with every name found (valid or not, so that devices naming an
    /// invalid profile do not get a second error); duplicate names are reported at the second definition. Without
    /// a profile reader (no kind uses profiles) the directory is not read.
    ///
    /// - Returns: The library; its names are `nil` when the directory could not be read (already reported).
    func loadProfiles(from directory: IncludedDirectory?, files: inout [String]) -> ProfileLibrary {
        let shownDirectory = directory?.path ?? "probes"
        guard let reader = plugins.profiles else { return ProfileLibrary(directory: shownDirectory) }
        var profiles: [String: any DeviceProfile] = [:]
        var names = DuplicateNames(kind: "profile")
        guard let paths = yamlFiles(in: directory) else {
            return ProfileLibrary(names: nil, directory: shownDirectory)
        }
        for path in paths {
            guard let root = readIncluded(path, files: &files) else { continue }
            guard let root else {
                diagnostics.report("the profile file is empty", at: SourceFile.start(of: path), path: "")
                continue
            }
            let isFirst = names.register(root, key: "name")
            if let profile = reader.readProfile(root), isFirst { profiles[profile.name] = profile }
        }
        return ProfileLibrary(profiles: profiles, names: names.names, directory: shownDirectory)
    }

    /// Every rule in `directory`, in file order; duplicate alert names are reported at the second definition.
    func loadRules(from directory: IncludedDirectory?, files: inout [String]) -> RuleReader.Rules {
        var rules = RuleReader.Rules()
        var names = DuplicateNames(kind: "alert")
        for path in yamlFiles(in: directory) ?? [] {
            guard let root = readIncluded(path, files: &files), let root else { continue }
            RuleReader.readFile(root, names: &names, into: &rules)
        }
        return rules
    }
}

extension ConfigurationBuilder {
    /// Every standing maintenance window in `directory`, in file order; duplicate names (across files) are
    /// reported at the second definition.
    func loadMaintenance(
        from directory: IncludedDirectory?, configDirectory: String, defaultZone: TimeZone, files: inout [String]
    ) -> [MaintenanceWindowDraft] {
        var windows: [MaintenanceWindowDraft] = []
        var names = DuplicateNames(kind: "maintenance window")
        for path in yamlFiles(in: directory) ?? [] {
            guard let root = readIncluded(path, files: &files), let root else { continue }
            let reader = MaintenanceReader(
                shownPath: ConfigPaths.relative(path, to: configDirectory), defaultZone: defaultZone)
            windows += reader.readFile(root, names: &names)
        }
        return windows
    }
}

extension ConfigurationBuilder {
    /// The people and schedules of `directory`: every file's people first, then every file's schedules, so a
    /// schedule may name people of any file. Duplicate names (across files) are reported at the second definition.
    /// The people and schedules of `oncall_dir` (the escalation policies are read with `notify:`).
    func loadOnCall(from directory: IncludedDirectory?, defaultZone: TimeZone, files: inout [String]) -> OnCallRoster {
        let reader = OnCallReader(defaultZone: defaultZone)
        var fileMappings: [MappingReader] = []
        for path in yamlFiles(in: directory) ?? [] {
            guard let root = readIncluded(path, files: &files), let root,
                let mapping = root.mapping(keys: OnCallReader.fileKeys)
            else { continue }
            fileMappings.append(mapping)
        }
        var personNames = DuplicateNames(kind: "person")
        let people = fileMappings.flatMap { reader.readPeople($0, names: &personNames) }
        var scheduleNames = DuplicateNames(kind: "schedule")
        let schedules = fileMappings.flatMap {
            reader.readSchedules($0, people: personNames.names, names: &scheduleNames)
        }
        return OnCallRoster(people: people, schedules: schedules)
    }
}
