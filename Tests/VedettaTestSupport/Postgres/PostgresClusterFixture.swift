public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real, throw-away PostgreSQL server (Debian's `postgresql`, 15) on 127.0.0.1 and a free port, for the tests of
/// the PostgreSQL store: `initdb` into a temporary directory, then `postgres` started by the fixture and stopped by
/// PID. One server serves the whole test process (``shared()``); each test takes a fresh database of its own
/// (``makeDatabase()``), so tests never see each other's rows.
///
/// The server asks for a password (SCRAM), as a production one does; durability is off (`fsync=off`) because the
/// data is thrown away. As root (CI), the server runs as the `postgres` user, which PostgreSQL requires.
public final class PostgresClusterFixture: Sendable {
    /// The role the tests log in as, the cluster's superuser.
    public static let user = "vedetta"
    /// Its password.
    public static let password = "vedetta-test-password"
    /// Where Debian installs the server programs.
    static let binaries = "/usr/lib/postgresql/15/bin"

    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The cluster's directory (data, socket, password file), removed when the server stops.
    public let directory: URL
    private let process: ManagedProcess

    private init(port: Int, directory: URL, process: ManagedProcess) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    /// The process-wide server, started on first use and stopped when the test process exits.
    /// - Throws: `FixtureError` when PostgreSQL is not installed (run `scripts/setup`) or does not start.
    public static func shared() async throws -> PostgresClusterFixture {
        try await SharedCluster.instance.cluster()
    }

    /// Starts a new server; stopped by ``stop()`` or when released.
    /// - Throws: `FixtureError` when PostgreSQL is not installed or does not come up within 30 s.
    public static func start() async throws -> PostgresClusterFixture {
        let initdb = "\(binaries)/initdb"
        guard FileManager.default.isExecutableFile(atPath: initdb) else {
            throw FixtureError("no \(initdb): run scripts/setup (it installs Debian's postgresql)")
        }
        removeAbandonedClusters()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vedetta-postgres-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "\(getpid())\n".write(to: directory.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
        let passwordFile = directory.appendingPathComponent("password")
        try "\(password)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        let asPostgres = try switchUser(directory)
        let data = directory.appendingPathComponent("data").path
        try ToolRunner.run(
            asPostgres.first ?? initdb,
            Array(asPostgres.dropFirst()) + [
                initdb, "-D", data, "-U", user, "--auth=scram-sha-256", "--pwfile=\(passwordFile.path)",
                "-E", "UTF8", "--no-locale", "--no-sync",
            ], timeout: .seconds(60)
        ).requireSuccess("initdb")
        let port = try Ports.freePort()
        let server = [
            "\(binaries)/postgres", "-D", data, "-p", "\(port)", "-k", directory.path,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=400", "-c", "shared_buffers=64MB",
            "-c", "log_min_messages=warning",
        ]
        let command = asPostgres + server
        let process = try ManagedProcess(executable: command[0], arguments: Array(command.dropFirst()))
        let fixture = PostgresClusterFixture(port: port, directory: directory, process: process)
        try await fixture.waitUntilReady()
        return fixture
    }

    deinit {
        stop()
    }

    /// Stops the server (a fast shutdown: SIGINT, then SIGKILL) and removes its directory.
    public func stop() {
        if process.isRunning {
            process.send(SIGINT)
            if process.waitForExit(timeout: .seconds(10)) == nil { process.killHard() }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates an empty database owned by ``user`` and returns its name.
    public func makeDatabase() throws -> String {
        let name = "test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try psql("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// `postgres://vedetta@127.0.0.1:<port>/<database>?sslmode=disable`, without the password.
    public func url(database: String) -> String {
        "postgres://\(Self.user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Runs `sql` with `psql` (stopping at the first error) and returns what it printed, unaligned, tuples only.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        let output = try ToolRunner.run(
            "/usr/bin/psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", database, "-v", "ON_ERROR_STOP=1", "-X",
                "-q", "-A", "-t", "-c", sql,
            ],
            environment: ["PGPASSWORD": Self.password], timeout: .seconds(60)
        ).requireSuccess("psql \(sql.prefix(60))")
        return output.standardOutput
    }

    private func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw FixtureError("postgres exited at start: \(process.output)")
            }
            let ready = try ToolRunner.run(
                "\(Self.binaries)/pg_isready", ["-h", "127.0.0.1", "-p", "\(port)", "-q"], timeout: .seconds(5))
            if ready.status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError("postgres did not accept connections within 30 s: \(process.output)")
    }

    /// The command prefix that runs a server program as `postgres` when the tests run as root (PostgreSQL refuses
    /// to run as root), after handing it the cluster's directory; empty otherwise. `setpriv` execs the program
    /// itself, so the PID the fixture stops is the server's.
    private static func switchUser(_ directory: URL) throws -> [String] {
        guard geteuid() == 0 else { return [] }
        guard let account = getpwnam("postgres") else {
            throw FixtureError("no postgres user: run scripts/setup (it installs Debian's postgresql)")
        }
        let uid = account.pointee.pw_uid
        let gid = account.pointee.pw_gid
        for path in [directory.path, directory.appendingPathComponent("password").path] {
            guard chown(path, uid, gid) == 0 else { throw FixtureError("cannot chown \(path) to postgres") }
        }
        return ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"]
    }

    /// Stops the servers of test processes that died without stopping theirs, and removes their directories.
    private static func removeAbandonedClusters() {
        let temporary = FileManager.default.temporaryDirectory
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for entry in entries where entry.hasPrefix("vedetta-postgres-") {
            let directory = temporary.appendingPathComponent(entry)
            let owner = (try? String(contentsOf: directory.appendingPathComponent("owner.pid"), encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let owner, kill(owner, 0) == 0 { continue }
            let postmaster =
                (try? String(
                    contentsOf: directory.appendingPathComponent("data/postmaster.pid"), encoding: .utf8))
                .flatMap { $0.split(separator: "\n").first.flatMap { Int32($0) } }
            if let postmaster { kill(postmaster, SIGKILL) }
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

/// The process-wide cluster: started once, stopped at exit.
private actor SharedCluster {
    static let instance = SharedCluster()
    private var started: Task<PostgresClusterFixture, any Error>?
    nonisolated(unsafe) static var running: PostgresClusterFixture?

    func cluster() async throws -> PostgresClusterFixture {
        if let started { return try await started.value }
        let task = Task { try await PostgresClusterFixture.start() }
        started = task
        let cluster = try await task.value
        Self.running = cluster
        atexit { SharedCluster.running?.stop() }
        return cluster
    }
}
