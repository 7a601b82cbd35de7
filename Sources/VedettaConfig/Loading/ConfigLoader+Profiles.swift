extension ConfigLoader {
    /// Loads only the device profiles a configuration would use, for tools that need them without devices or
    /// rules (`vedetta discover`).
    ///
    /// The directory is `overrides.probesDirectory` when set; otherwise the root file's `probes_dir` when the
    /// file exists; otherwise `probes` beside it, where a missing directory simply means no profiles.
    /// - Parameters:
    ///   - path: The root file, `vedetta.yaml`; it need not exist.
    ///   - overrides: Only ``ConfigOverrides/probesDirectory`` is used.
    ///   - plugins: The kinds; only the profile reader is used.
    /// - Throws: ``ConfigErrors`` with every problem in the root file's top level or in the profiles.
    /// - Returns: The profiles.
    public static func loadProfiles(
        configFile path: String,
        overrides: ConfigOverrides = ConfigOverrides(),
        plugins: ConfigPlugins
    ) throws(ConfigErrors) -> ProfileLibrary {
        let diagnostics = Diagnostics()
        let profiles = ConfigurationBuilder(
            path: path, overrides: overrides, plugins: plugins, diagnostics: diagnostics
        ).buildProfiles()
        guard diagnostics.isEmpty else { throw ConfigErrors(diagnostics.errors) }
        return profiles
    }
}
