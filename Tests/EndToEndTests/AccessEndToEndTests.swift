import Foundation
import Testing
import VedettaTestSupport

/// Users, sign-in, tokens, the trusted proxy and the audit log, on the real agent and the real `vedetta users`.
@Suite("Access control, end to end", .serialized)
struct AccessEndToEndTests {
    private static func lab(_ text: String = "devices: []\n") throws -> (config: URL, data: URL, directory: URL) {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-access")
        let config = directory.appendingPathComponent("vedetta.yaml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return (config, directory.appendingPathComponent("data"), directory)
    }

    /// Runs `vedetta users ARGUMENTS` on the lab's database, with `input` on standard input.
    private static func users(
        _ arguments: [String], lab: (config: URL, data: URL, directory: URL), input: String? = nil
    ) throws -> ToolRunner.Output {
        var inputFile: URL?
        if let input {
            let file = lab.directory.appendingPathComponent("stdin-\(UUID())")
            try input.write(to: file, atomically: true, encoding: .utf8)
            inputFile = file
        }
        return try ToolRunner.run(
            RepositoryPaths.vedettaBinary.path,
            ["users"] + arguments + ["--config", lab.config.path, "--data", lab.data.path],
            environment: ["USER": "erin", "SUDO_USER": ""], input: inputFile)
    }

    @Test("a user added with the CLI signs in over HTTP; the cookie and its CSRF token write; anonymous gets 401")
    func signInWithTheCLIsUser() async throws {
        let lab = try Self.lab()
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        defer { agent.stop() }
        let added = try Self.users(
            ["add", "giulia", "--role", "operator", "--password-stdin"], lab: lab, input: "turno-di-notte\n")
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.contains("user giulia added as operator"))
        let short = try Self.users(["add", "luca", "--role", "viewer", "--password-stdin"], lab: lab, input: "corta\n")
        #expect(short.status == 1 && short.standardError.contains("at least 10 characters"))

        let base = "http://127.0.0.1:\(agent.port)"
        let anonymous = try ControlRequest.json("GET", base + "/api/v1/incidents", body: nil)
        #expect(anonymous.status == 401)
        #expect(anonymous.body.contains("\"code\" : \"unauthenticated\""))
        let wrong = try ControlRequest.json(
            "POST", base + "/api/v1/session", body: #"{"name": "giulia", "password": "sbagliata!!"}"#)
        #expect(wrong.status == 401 && wrong.body.contains("wrong user name or password"))

        // A real sign-in with Python's cookie jar: the cookie comes back on the next requests.
        let script = lab.directory.appendingPathComponent("session.py")
        try Self.sessionScript.write(to: script, atomically: true, encoding: .utf8)
        let session = try ToolRunner.run("/usr/bin/env", ["python3", script.path, base], timeout: .seconds(60))
        #expect(session.status == 0, "\(session.standardOutput)\n\(session.standardError)")
        let lines = session.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            lines == ["signin 201", "whoami 200 giulia", "nocsrf 403 csrf", "withcsrf 201", "signout 204", "after 401"])

        let audit = try Self.users(["audit", "--limit", "20"], lab: lab)
        #expect(audit.status == 0, "\(audit.standardError)")
        for expected in [
            "giulia (session) from 127.0.0.1: POST /api/v1/maintenance → 201",
            "giulia (session) from 127.0.0.1: POST /api/v1/maintenance → 403  csrf",
            "giulia (none) from 127.0.0.1: POST /api/v1/session → 401",
            "cli:erin (cli) from local: users add → 200  user=giulia role=operator",
            "cli:erin (cli) from local: users add → 400",
        ] {
            #expect(audit.standardOutput.contains(expected), "\(expected) in:\n\(audit.standardOutput)")
        }
        #expect(!audit.standardOutput.contains("turno-di-notte") && !audit.standardOutput.contains("sbagliata"))
    }

    @Test("tokens from the CLI: a viewer's reads work and its writes get 403; a revoked token gets 401")
    func tokensFromTheCLI() async throws {
        let lab = try Self.lab()
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        defer { agent.stop() }
        #expect(try Self.users(["add", "wall", "--role", "viewer", "--no-password"], lab: lab).status == 0)
        let issued = try Self.users(["token", "wall", "--label", "wallboard", "--expires", "30d"], lab: lab)
        let secret = issued.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("vdt_") && !secret.contains("\n"), "stdout holds the secret alone")
        let bearer = ["Authorization: Bearer \(secret)"]
        let base = "http://127.0.0.1:\(agent.port)"
        #expect(try ControlRequest.json("GET", base + "/api/v1/incidents", body: nil, headers: bearer).status == 200)
        let write = try ControlRequest.json(
            "POST", base + "/api/v1/incidents", body: #"{"summary": "test", "device": "x"}"#, headers: bearer)
        #expect(write.status == 403 && write.body.contains("wall is viewer"))
        let listed = try Self.users(["tokens", "wall"], lab: lab)
        #expect(!listed.standardOutput.contains(secret) && listed.standardOutput.contains("wallboard"))
        let id = try #require(
            listed.standardOutput.split(separator: "\n").dropFirst().first?.split(separator: " ").first)
        #expect(try Self.users(["revoke", String(id)], lab: lab).status == 0)
        #expect(try ControlRequest.json("GET", base + "/api/v1/incidents", body: nil, headers: bearer).status == 401)
        // A read on a database that does not exist is an error, not an empty list.
        let missing = try ToolRunner.vedetta([
            "users", "list", "--data", lab.directory.appendingPathComponent("nowhere").path,
        ])
        #expect(missing.status == 1)
    }

    @Test(
        "a trusted proxy signs users on and gives the client's address; writes need X-CSRF-Token; unknown users get 401"
    )
    func trustedProxy() async throws {
        let lab = try Self.lab(
            """
            devices:
              - name: pbx-milano
                labels: {site: milano}
                icmp: {host: 127.0.0.1}
            access:
              trusted_proxy:
                header: X-Remote-User
                addresses: [127.0.0.1]
            """)
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        defer { agent.stop() }
        #expect(try Self.users(["add", "marco", "--role", "operator", "--no-password"], lab: lab).status == 0)
        let base = "http://127.0.0.1:\(agent.port)"
        let proxy = ["X-Remote-User: marco", "X-Forwarded-For: 203.0.113.9, 192.0.2.44"]
        let whoami = try ControlRequest.json("GET", base + "/api/v1/session", body: nil, headers: proxy)
        #expect(whoami.status == 200 && whoami.body.contains("\"via\" : \"proxy\""))
        let body = #"{"summary": "centralino lento", "labels": {"site": "milano"}}"#
        #expect(try ControlRequest.json("POST", base + "/api/v1/incidents", body: body, headers: proxy).status == 403)
        let opened = try ControlRequest.json(
            "POST", base + "/api/v1/incidents", body: body, headers: proxy + ["X-CSRF-Token: 1"])
        #expect(opened.status == 201, "\(opened.body)")
        #expect(opened.body.contains("marco"), "the incident is opened by the proxy's user")
        let stranger = try ControlRequest.json(
            "GET", base + "/api/v1/session", body: nil, headers: ["X-Remote-User: nobody"])
        #expect(stranger.status == 401)
        let audit = try Self.users(["audit", "--actor", "marco"], lab: lab)
        // The rightmost address the proxy did not add itself: the first one could be forged by the client.
        #expect(audit.standardOutput.contains("marco (proxy) from 192.0.2.44: POST /api/v1/incidents → 201"))
        #expect(audit.standardOutput.contains("marco (proxy) from 192.0.2.44: POST /api/v1/incidents → 403  csrf"))
    }

    /// Signs in as giulia with a cookie jar and prints one line per step.
    private static let sessionScript = #"""
        import http.cookiejar, json, sys, urllib.request, urllib.error
        base = sys.argv[1]
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        def call(method, path, body=None, headers={}):
            data = json.dumps(body).encode() if body is not None else None
            request = urllib.request.Request(base + path, method=method, data=data, headers=headers)
            if data is not None:
                request.add_header("Content-Type", "application/json")
            try:
                with opener.open(request, timeout=20) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
        # The cookie is Secure: Python's jar keeps it for http://127.0.0.1 only if told the site is secure,
        # as browsers treat loopback.
        jar.set_policy(http.cookiejar.DefaultCookiePolicy())
        status, text = call("POST", "/api/v1/session", {"name": "giulia", "password": "turno-di-notte"})
        print("signin", status)
        csrf = json.loads(text)["csrf_token"]
        for cookie in jar:
            cookie.secure = False
        status, text = call("GET", "/api/v1/session")
        print("whoami", status, json.loads(text).get("user"))
        window = {"match": 'device="pbx-milano"', "start": "2030-01-01T22:00", "duration": "1h", "reason": "firmware"}
        status, text = call("POST", "/api/v1/maintenance", window)
        print("nocsrf", status, json.loads(text).get("code"))
        status, text = call("POST", "/api/v1/maintenance", window, {"X-CSRF-Token": csrf})
        print("withcsrf", status)
        status, text = call("DELETE", "/api/v1/session", None, {"X-CSRF-Token": csrf})
        print("signout", status)
        status, text = call("GET", "/api/v1/session")
        print("after", status)
        """#
}
