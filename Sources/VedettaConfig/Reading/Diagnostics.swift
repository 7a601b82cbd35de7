import VedettaCore

/// Collects problems while a configuration is read; reading goes on after each one, so all are reported.
///
/// Loading is synchronous and single-threaded, so a plain class shared by the readers is enough.
final class Diagnostics {
    /// The problems in the order they were found.
    private(set) var errors: [ConfigError] = []

    /// Records a problem.
    func report(_ message: String, at location: SourceLocation, path: String) {
        errors.append(ConfigError(location: location, path: path, message: message))
    }

    /// Records a prepared problem.
    func report(_ error: ConfigError) {
        errors.append(error)
    }

    /// Whether any problem was recorded.
    var isEmpty: Bool { errors.isEmpty }
}
