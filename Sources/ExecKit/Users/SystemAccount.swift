#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A system account a program may run as: its uid, primary gid and supplementary groups, from the password and
/// group databases (`getpwnam_r`, `getgrouplist`).
struct SystemAccount: Sendable, Hashable {
    let name: String
    let userID: UInt32
    let groupID: UInt32
    let groups: [UInt32]

    /// The account named `nameOrID` (a user name, or a numeric uid).
    /// - Throws: ``ExecError/Code/user`` when there is no such account.
    static func lookUp(_ nameOrID: String) throws(ExecError) -> SystemAccount {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        let status: Int32 = buffer.withUnsafeMutableBufferPointer { storage in
            guard let base = storage.baseAddress else { return ERANGE }
            if let uid = UInt32(nameOrID) {
                return getpwuid_r(uid, &entry, base, storage.count, &found)
            }
            return getpwnam_r(nameOrID, &entry, base, storage.count, &found)
        }
        guard status == 0, found != nil, let namePointer = entry.pw_name else {
            throw ExecError(.user, "no user \"\(nameOrID)\" on this system")
        }
        let name = String(cString: namePointer)
        return SystemAccount(
            name: name, userID: entry.pw_uid, groupID: entry.pw_gid,
            groups: supplementaryGroups(of: name, primary: entry.pw_gid))
    }

    private static func supplementaryGroups(of name: String, primary: UInt32) -> [UInt32] {
        var count: Int32 = 64
        while count <= 65_536 {
            var groups = [gid_t](repeating: 0, count: Int(count))
            var found = count
            if getgrouplist(name, primary, &groups, &found) >= 0 {
                return Array(groups.prefix(Int(found)))
            }
            count = max(found, count * 2)
        }
        return [primary]
    }

    /// The uid the agent runs as.
    static var currentUserID: UInt32 { geteuid() }
}
