import Foundation
import Hummingbird
import VedettaAccess
import VedettaStoreSQLite

/// A real access desk on a test's store, with an admin and its API token: the route tests call the API as that
/// admin (access itself is tested in ``AccessRoutesTests`` and against the real agent).
enum TestAccess {
    /// The desk and the `Authorization` header of an admin's token.
    static func admin(on store: SQLiteIncidentStore) async throws -> (desk: AccessDesk, headers: HTTPFields) {
        let desk = AccessDesk(store: store)
        try await desk.addUser(name: "tester", role: .admin, password: nil, at: Date())
        let issued = try await desk.issueToken(user: "tester", label: "route tests", expiresIn: nil, at: Date())
        return (desk, [.authorization: "Bearer \(issued.secret)"])
    }
}
