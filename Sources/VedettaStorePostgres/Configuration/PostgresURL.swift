import Foundation
import VedettaCore

/// Parses `postgres://[user[:password]@]host[:port][/database][?sslmode=…&sslrootcert=…&host=/socket/dir]`, the
/// form libpq and most tools accept (`postgresql://` too).
enum PostgresURL {
    /// Why a URL was refused, in words for the configuration error.
    struct Problem: Error, Equatable {
        var message: String
    }

    /// The settings the URL names, on top of ``PostgresStoreConfiguration``'s defaults.
    /// - Throws: ``Problem`` saying what is wrong.
    static func parse(_ text: String) throws(Problem) -> PostgresStoreConfiguration {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw Problem(message: "expected a URL like postgres://vedetta@db.example:5432/vedetta, got \"\(text)\"")
        }
        var settings = PostgresStoreConfiguration()
        if let host = components.host, !host.isEmpty {
            settings.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        }
        if let port = components.port {
            guard (1...65_535).contains(port) else { throw Problem(message: "port \(port) is not between 1 and 65535") }
            settings.port = port
        }
        if let user = components.user, !user.isEmpty { settings.user = user.removingPercentEncoding ?? user }
        if let password = components.password, !password.isEmpty {
            settings.password = Secret(password.removingPercentEncoding ?? password)
        }
        let path = components.path.drop { $0 == "/" }
        if !path.isEmpty { settings.database = String(path).removingPercentEncoding ?? String(path) }
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                switch value {
                case "disable": settings.tls = .disable
                case "allow", "prefer": settings.tls = .prefer
                case "require", "verify-ca", "verify-full": settings.tls = .require
                default:
                    throw Problem(message: "sslmode \"\(value)\" is not one of disable, prefer, require, verify-full")
                }
            case "sslrootcert": settings.rootCertificate = value
            case "host":
                guard value.hasPrefix("/") else {
                    throw Problem(message: "host= in the query names a socket directory and must be an absolute path")
                }
                settings.host = value
            case "application_name", "connect_timeout": break
            default:
                throw Problem(
                    message: "unknown URL parameter \"\(item.name)\" (Vedetta reads sslmode, sslrootcert and host)")
            }
        }
        return settings
    }
}
