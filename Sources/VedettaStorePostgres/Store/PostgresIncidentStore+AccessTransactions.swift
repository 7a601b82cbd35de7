import PostgresNIO
import Synchronization
import VedettaAccess
import VedettaCore

extension PostgresIncidentStore {
    /// Runs `body` in a read transaction; an ``AccessError`` it throws comes out as is, any other failure as
    /// `unavailable` with the store error's description (as in the SQLite store).
    func accessRead<T: Sendable>(
        _ operation: String, _ body: @Sendable (PostgresSession) async throws -> T
    ) async throws(AccessError) -> T {
        let refusal = Refusal()
        do {
            return try await read(operation) { session in
                do { return try await body(session) } catch let error as AccessError {
                    refusal.record(error)
                    throw error
                }
            }
        } catch {
            throw refusal.recorded ?? AccessError(.unavailable, error.description)
        }
    }

    /// Runs `body` in a write transaction, rolled back when it throws; errors as in ``accessRead(_:_:)``.
    func accessWrite<T: Sendable>(
        _ operation: String, _ body: @Sendable (PostgresSession) async throws -> T
    ) async throws(AccessError) -> T {
        let refusal = Refusal()
        do {
            return try await write(operation) { session in
                do { return try await body(session) } catch let error as AccessError {
                    refusal.record(error)
                    throw error
                }
            }
        } catch {
            throw refusal.recorded ?? AccessError(.unavailable, error.description)
        }
    }
}

/// Carries an ``AccessError`` out of a transaction, whose errors the store otherwise maps to ``StoreError``: the
/// transaction still rolls back, and the caller sees the refusal (`conflict`, `notFound`) unchanged.
private final class Refusal: Sendable {
    private let error = Mutex<AccessError?>(nil)

    /// Keeps `error` for the caller.
    func record(_ error: AccessError) {
        self.error.withLock { $0 = error }
    }

    /// The refusal recorded, if any.
    var recorded: AccessError? {
        error.withLock { $0 }
    }
}
