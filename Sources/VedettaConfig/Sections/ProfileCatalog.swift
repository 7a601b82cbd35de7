/// The profile names a device may refer to, for checking `devices[].snmp.profiles`.
struct ProfileCatalog {
    /// Every profile name found, or `nil` when the profiles directory could not be read (already reported, so
    /// references are not checked again).
    let names: Set<String>?
    /// The profiles directory as shown in messages.
    let directory: String

    /// `nil` when `name` may be used; otherwise the message explaining why not.
    func problem(with name: String) -> String? {
        guard let names, !names.contains(name) else { return nil }
        guard !names.isEmpty else { return "unknown profile \"\(name)\"; no profiles found in \(directory)" }
        return "unknown profile \"\(name)\"; known: \(names.sorted().joined(separator: ", "))"
    }
}
