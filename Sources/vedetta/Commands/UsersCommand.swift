import ArgumentParser
import Foundation
import VedettaAccess
import VedettaAgent
import VedettaConfig
import VedettaCore

/// `vedetta users …`: local users, their API tokens, and the audit log, on the agent's database.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage who may use the API and console: users, roles, API tokens; read the audit log.",
        discussion: """
            Roles: viewer (reads), operator (also acknowledges, annotates, restores and opens incidents, schedules \
            maintenance, adds substitutions), admin (also manages users and tokens, reads the audit log). There is \
            no default user: create the first admin with `vedetta users add NAME --role admin`. Every change is \
            recorded in the audit log as cli:LOGIN.
            """,
        subcommands: [
            AddUser.self, ChangePassword.self, ListUsers.self, ChangeRole.self, DisableUser.self, EnableUser.self,
            IssueToken.self, ListTokens.self, RevokeToken.self, ReadAudit.self,
        ]
    )
}

/// The access desk on the agent's database, and the audit of what the command line changes.
struct AccessLocation: ParsableArguments {
    @OptionGroup var location: DataLocation

    /// The desk. A change creates the database when it does not exist yet (the first admin may come before the
    /// agent's first run); a read does not, so a mistyped `--data` is an error, not an empty list.
    func desk(create: Bool = true) async throws -> AccessDesk {
        let configuration = try location.configuration()
        let store = try await Agent.openStore(try location.store(of: configuration), create: create)
        return AccessDesk(store: store, settings: configuration?.access ?? AccessSettings())
    }

    /// Runs `body` on the desk, records `action` in the audit log (done or refused), and prints a refusal as
    /// `vedetta users COMMAND: message`, exiting 1.
    func run<T>(_ command: String, detail: String = "", _ body: (AccessDesk) async throws(AccessError) -> T)
        async throws -> T
    {
        let desk = try await openDesk(create: true, command: command)
        // Under sudo, the person who ran sudo, not the account it switched to.
        let environment = ProcessInfo.processInfo.environment
        let login =
            [environment["SUDO_USER"], environment["USER"]].compactMap { $0 }.first { !$0.isEmpty } ?? "unknown"
        let outcome: Result<T, AccessError>
        do throws(AccessError) {
            outcome = .success(try await body(desk))
        } catch {
            outcome = .failure(error)
        }
        let refusal: String? = if case .failure(let error) = outcome { error.message } else { nil }
        try? await desk.record(
            AuditEntry(
                at: Date(), actor: "cli:\(login)", via: "cli", address: "local", action: "users \(command)",
                status: refusal == nil ? 200 : 400, detail: refusal.map { "\(detail) refused: \($0)" } ?? detail))
        return try result(of: outcome, command: command)
    }

    /// Runs a read on the desk (not audited), printing a refusal and exiting 1.
    func runReading<T>(_ command: String, _ body: (AccessDesk) async throws(AccessError) -> T) async throws -> T {
        let desk = try await openDesk(create: false, command: command)
        do throws(AccessError) {
            return try await body(desk)
        } catch {
            return try result(of: .failure(error), command: command)
        }
    }

    /// The desk, or `vedetta users COMMAND: why` and exit 1 when the store cannot be opened.
    private func openDesk(create: Bool, command: String) async throws -> AccessDesk {
        do {
            return try await desk(create: create)
        } catch let error as AgentError {
            printError("vedetta users \(command): \(error.message)")
            throw ExitCode(1)
        }
    }

    /// The value, or the refusal printed as `vedetta users COMMAND: message` and exit 1.
    private func result<T>(of outcome: Result<T, AccessError>, command: String) throws -> T {
        switch outcome {
        case .success(let value): return value
        case .failure(let error):
            printError("vedetta users \(command): \(error.message)")
            throw ExitCode(1)
        }
    }
}

/// Reads a new password: from standard input (one line) with `--password-stdin`, else twice from the terminal
/// without echo.
struct PasswordInput: ParsableArguments {
    @Flag(help: "Read the password from the first line of standard input (for scripts).")
    var passwordStdin = false

    func read() throws -> String {
        if passwordStdin {
            guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("standard input is not a terminal: use --password-stdin")
        }
        let first = try Self.prompt("Password: ")
        let second = try Self.prompt("Again: ")
        guard first == second else { throw ValidationError("the two passwords differ") }
        return first
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else { throw ValidationError("no password given") }
        return line
    }
}

/// `vedetta users add NAME --role ROLE`.
struct AddUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user (asks for the password twice, without echo).")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The login name: letters, digits, '.', '_', '-', '@'.")
    var name: String
    @Option(help: "viewer, operator or admin.", transform: parseRole)
    var role: Role
    @OptionGroup var password: PasswordInput
    @Flag(help: "No password: the user signs in only through a trusted proxy, or uses API tokens.")
    var noPassword = false

    func run() async throws {
        let secret = noPassword ? nil : try password.read()
        let account = try await access.run("add", detail: "user=\(name) role=\(role.rawValue)") {
            desk throws(AccessError) in
            try await desk.addUser(name: name, role: role, password: secret, at: Date())
        }
        print("user \(account.name) added as \(account.role.rawValue)")
    }
}

/// `vedetta users passwd NAME`.
struct ChangePassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Set a user's password; ends the user's sessions.")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The user.")
    var name: String
    @OptionGroup var password: PasswordInput

    func run() async throws {
        let secret = try password.read()
        _ = try await access.run("passwd", detail: "user=\(name)") { desk throws(AccessError) in
            try await desk.updateUser(name: name, password: secret, at: Date())
        }
        print("password of \(name) changed; its sessions are ended")
    }
}

/// `vedetta users list`.
struct ListUsers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users.")

    @OptionGroup var location: DataLocation

    func run() async throws {
        let users = try await AccessLocation(location: location).runReading("list") { desk throws(AccessError) in
            try await desk.users()
        }
        guard !users.isEmpty else {
            print("no users; add the first admin with `vedetta users add NAME --role admin`")
            return
        }
        print("NAME".padding(toLength: 24, withPad: " ", startingAt: 0) + "ROLE      STATE     CREATED")
        for user in users {
            let state = user.disabled ? "disabled" : "active"
            print(
                user.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + state.padding(toLength: 10, withPad: " ", startingAt: 0) + user.createdAt.iso8601Milliseconds)
        }
    }
}

/// `vedetta users role NAME ROLE`.
struct ChangeRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Change a user's role; ends the user's sessions.")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The user.")
    var name: String
    @Argument(help: "viewer, operator or admin.", transform: parseRole)
    var role: Role

    func run() async throws {
        let account = try await access.run("role", detail: "user=\(name) role=\(role.rawValue)") {
            desk throws(AccessError) in
            try await desk.updateUser(name: name, role: role, at: Date())
        }
        print("\(account.name) is now \(account.role.rawValue)")
    }
}

/// `vedetta users disable NAME`.
struct DisableUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Stop a user from signing in or using its tokens; ends its sessions.")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The user.")
    var name: String

    func run() async throws {
        _ = try await access.run("disable", detail: "user=\(name)") { desk throws(AccessError) in
            try await desk.updateUser(name: name, disabled: true, at: Date())
        }
        print("\(name) disabled")
    }
}

/// `vedetta users enable NAME`.
struct EnableUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled user.")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The user.")
    var name: String

    func run() async throws {
        _ = try await access.run("enable", detail: "user=\(name)") { desk throws(AccessError) in
            try await desk.updateUser(name: name, disabled: false, at: Date())
        }
        print("\(name) enabled")
    }
}

/// `vedetta users token NAME --label TEXT [--expires 90d]`.
struct IssueToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue an API token acting as a user; prints its secret once, alone on standard output.")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The user the token acts as.")
    var name: String
    @Option(help: "What the token is for, e.g. \"nagios bridge\".")
    var label: String
    @Option(help: "How long it works, e.g. 90d or 12h (default: until revoked).")
    var expires: String?

    func run() async throws {
        var lifetime: Duration?
        if let expires {
            guard let parsed = Duration.parse(expires), parsed > .zero else {
                throw ValidationError("--expires \(expires): use a duration such as 90d or 12h")
            }
            lifetime = parsed
        }
        let issued = try await access.run("token", detail: "user=\(name) label=\(label)") {
            desk throws(AccessError) in
            try await desk.issueToken(user: name, label: label, expiresIn: lifetime, at: Date())
        }
        printError(
            "token \(issued.token.id) issued for \(issued.token.user); its secret is shown this once "
                + "(send it as Authorization: Bearer …)")
        print(issued.secret)
    }
}

/// `vedetta users tokens [NAME]`.
struct ListTokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "List API tokens (never their secrets).")

    @OptionGroup var location: DataLocation
    @Argument(help: "Only this user's tokens.")
    var name: String?

    func run() async throws {
        let tokens = try await AccessLocation(location: location).runReading("tokens") { desk throws(AccessError) in
            try await desk.tokens(of: name)
        }
        print("ID     USER                 STATE     LAST USED                 LABEL")
        let now = Date()
        for token in tokens {
            let state = token.revokedAt != nil ? "revoked" : token.isValid(at: now) ? "active" : "expired"
            print(
                String(token.id).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + token.user.padding(toLength: 21, withPad: " ", startingAt: 0)
                    + state.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + (token.lastUsedAt?.iso8601Milliseconds ?? "never").padding(
                        toLength: 26, withPad: " ", startingAt: 0) + token.label)
        }
    }
}

/// `vedetta users revoke ID`.
struct RevokeToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token.")

    @OptionGroup var access: AccessLocation
    @Argument(help: "The token's id, as `vedetta users tokens` lists it.")
    var id: Int64

    func run() async throws {
        let token = try await access.run("revoke", detail: "token=\(id)") { desk throws(AccessError) in
            try await desk.revokeToken(id: id, at: Date())
        }
        print("token \(token.id) of \(token.user) revoked")
    }
}

/// `vedetta users audit [--actor NAME] [--limit N]`.
struct ReadAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit log, newest first: who changed what, when, from where.")

    @OptionGroup var location: DataLocation
    @Option(help: "Only this actor's entries.")
    var actor: String?
    @Option(help: "At most this many entries (1–1000).")
    var limit = 50

    func run() async throws {
        guard (1...AuditQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit must be from 1 to \(AuditQuery.maximumLimit)")
        }
        let entries = try await AccessLocation(location: location).runReading("audit") { desk throws(AccessError) in
            try await desk.audit(matching: AuditQuery(actor: actor, limit: limit))
        }
        for entry in entries {
            print(
                "\(entry.at.iso8601Milliseconds)  \(entry.actor) (\(entry.via)) from \(entry.address): "
                    + "\(entry.action) → \(entry.status)\(entry.detail.isEmpty ? "" : "  \(entry.detail)")")
        }
    }
}

extension AccessLocation {
    init(location: DataLocation) {
        self.init()
        self.location = location
    }
}

/// The role named `text`, for `--role` and `vedetta users role`.
private func parseRole(_ text: String) throws -> Role {
    guard let role = Role(rawValue: text) else { throw ValidationError("unknown role \"\(text)\"; use \(Role.names)") }
    return role
}
