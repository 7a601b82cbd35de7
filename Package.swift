// swift-tools-version:6.1
import PackageDescription

/// Strict settings shared by every target (STYLE.md 2.7.2).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")

let package = Package(
    name: "vedetta",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vedetta", targets: ["vedetta"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // C libraries: the only place C is imported (STYLE 2.1).
        .systemLibrary(name: "CNetSNMP", pkgConfig: "netsnmp", providers: [.apt(["libsnmp-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CMemoryHints"),

        // Hints to the processor's memory (prefetch), for the hot loops of the domain modules.
        .target(name: "MemoryKit", dependencies: ["CMemoryHints"], swiftSettings: swiftSettings),

        // Vocabulary.
        .target(name: "VedettaCore", swiftSettings: swiftSettings),
        .target(name: "SecretKit", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "LinkSigning", dependencies: ["COpenSSL", "SecretKit"], swiftSettings: swiftSettings),

        // Protocol kits over C.
        .target(
            name: "SNMPKit", dependencies: ["CNetSNMP", "SocketKit", "VedettaCore", log, lifecycle], swiftSettings: swiftSettings),
        .target(name: "SocketKit", swiftSettings: swiftSettings),
        .target(name: "ICMPKit", dependencies: ["SocketKit", log, lifecycle], swiftSettings: swiftSettings),
        .target(name: "TCPKit", dependencies: ["SocketKit", "COpenSSL", lifecycle], swiftSettings: swiftSettings),
        .target(name: "SIPKit", dependencies: ["SocketKit", "TCPKit", lifecycle], swiftSettings: swiftSettings),
        .target(
            name: "CurlKit", dependencies: ["CCurl", "SocketKit", log, lifecycle], swiftSettings: swiftSettings),
        .target(
            name: "ExecKit",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),

        // Pure domain modules: time is a parameter.
        .target(name: "VedettaRules", dependencies: ["VedettaCore", "MemoryKit"], swiftSettings: swiftSettings),
        .target(name: "VedettaIncidents", dependencies: ["VedettaCore"], swiftSettings: swiftSettings),
        .target(name: "VedettaMaintenance", dependencies: ["VedettaCore", "VedettaRules"], swiftSettings: swiftSettings),
        .target(name: "VedettaInventory", dependencies: ["VedettaCore"], swiftSettings: swiftSettings),
        .target(name: "VedettaCluster", dependencies: ["VedettaCore"], swiftSettings: swiftSettings),
        .target(name: "VedettaAccess", dependencies: ["SecretKit"], swiftSettings: swiftSettings),
        .target(name: "VedettaOnCall", dependencies: ["VedettaCore", "VedettaMaintenance"], swiftSettings: swiftSettings),
        .target(
            name: "VedettaReports", dependencies: ["VedettaCore", "VedettaIncidents", "VedettaMaintenance"],
            swiftSettings: swiftSettings),

        // Configuration: YAML with file:line:column errors.
        .target(
            name: "VedettaConfig",
            dependencies: [
                "VedettaCore", "VedettaRules", "VedettaMaintenance", "VedettaIncidents", "VedettaReports",
                "VedettaOnCall", "VedettaAccess", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // Probes.
        .target(
            name: "VedettaProbes",
            dependencies: ["VedettaCore", "VedettaConfig", log, metrics, lifecycle],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SNMPProbe",
            dependencies: ["VedettaProbes", "VedettaConfig", "VedettaCore", "SNMPKit", log],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HTTPProbe",
            dependencies: ["VedettaProbes", "VedettaConfig", "VedettaCore", "CurlKit", log],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "ICMPProbe",
            dependencies: ["VedettaProbes", "VedettaConfig", "VedettaCore", "ICMPKit", "SocketKit", log],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TCPProbe",
            dependencies: ["VedettaProbes", "VedettaConfig", "VedettaCore", "TCPKit", "SocketKit", log],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SIPProbe",
            dependencies: ["VedettaProbes", "VedettaConfig", "VedettaCore", "SIPKit", "TCPKit", "SocketKit", log],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ExecProbe",
            dependencies: ["VedettaProbes", "VedettaConfig", "VedettaCore", "ExecKit", log],
            swiftSettings: swiftSettings
        ),

        // Storage and notification.
        .target(
            name: "VedettaStoreRows", dependencies: ["VedettaCore", "VedettaIncidents", "VedettaMaintenance"], swiftSettings: swiftSettings),
        .target(
            name: "VedettaStoreSQLite",
            dependencies: [
                "VedettaCore", "VedettaConfig", "VedettaIncidents", "VedettaInventory", "VedettaMaintenance",
                "VedettaOnCall", "VedettaReports", "VedettaAccess", "VedettaStoreRows",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VedettaStorePostgres",
            dependencies: [
                "VedettaCore", "VedettaConfig", "VedettaIncidents", "VedettaInventory", "VedettaMaintenance",
                "VedettaOnCall", "VedettaReports", "VedettaAccess", "VedettaCluster", "VedettaStoreRows", log,
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VedettaNotify",
            dependencies: [
                "VedettaCore", "VedettaConfig", "VedettaIncidents", "VedettaOnCall", "VedettaReports", "CurlKit", log,
                metrics, lifecycle,
            ],
            swiftSettings: swiftSettings
        ),

        // The alerting core: alert changes → mute → route → record.
        .target(
            name: "VedettaAlerting",
            dependencies: [
                "VedettaCore", "VedettaRules", "VedettaIncidents", "VedettaMaintenance", "MemoryKit", log, metrics,
                lifecycle,
            ],
            swiftSettings: swiftSettings
        ),

        // HTTP interface.
        .target(
            name: "VedettaAPI",
            dependencies: [
                "VedettaCore", "VedettaIncidents", "VedettaInventory", "VedettaMaintenance", "VedettaOnCall",
                "VedettaReports", "VedettaAccess", "SecretKit", "LinkSigning", log, lifecycle,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [
                .embedInCode("OpenAPI/openapi.json"), .embedInCode("Console/Assets/console.css"),
                .embedInCode("Console/Assets/console.js"),
            ],
            swiftSettings: swiftSettings
        ),

        // Composition root and CLI.
        .target(
            name: "VedettaAgent",
            dependencies: [
                "VedettaCore", "VedettaConfig", "VedettaProbes", "SNMPProbe", "HTTPProbe", "ExecProbe", "ICMPProbe",
                "ICMPKit", "TCPProbe", "TCPKit", "SIPProbe", "SIPKit", "VedettaRules",
                "VedettaIncidents", "VedettaStoreSQLite", "VedettaStorePostgres", "VedettaCluster", "VedettaNotify", "VedettaAPI", "SNMPKit", "CurlKit",
                "VedettaAlerting", "VedettaMaintenance", "VedettaOnCall", "VedettaReports", "VedettaInventory",
                "VedettaAccess", "LinkSigning", "SocketKit", "COpenSSL", log, metrics, lifecycle,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "vedetta",
            dependencies: [
                "VedettaAgent", "VedettaAPI", "VedettaAlerting", "VedettaConfig", "VedettaCore", "VedettaIncidents",
                "VedettaMaintenance", "VedettaOnCall", "VedettaReports", "VedettaInventory", "VedettaRules",
                "VedettaAccess", "SNMPProbe", "HTTPProbe", "ExecProbe", "ICMPProbe", "ICMPKit", "TCPProbe", "TCPKit", "SIPProbe", "SIPKit", "SocketKit",
                "SNMPKit", log,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Benchmarks that need no process around them (the others drive the release `vedetta`).
        .executableTarget(
            name: "maintenance-matching",
            dependencies: ["VedettaAlerting", "VedettaCore", "VedettaMaintenance", "VedettaRules"],
            path: "Benchmarks/MaintenanceMatching",
            exclude: ["run.sh"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "rule-evaluation",
            dependencies: ["VedettaAlerting", "VedettaCore", "VedettaRules"],
            path: "Benchmarks/RuleEvaluation",
            exclude: ["run.sh", "instructions.sh"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sample-building",
            dependencies: ["SNMPKit", "SNMPProbe", "VedettaConfig", "VedettaCore", "VedettaProbes"],
            path: "Benchmarks/SampleBuilding",
            exclude: ["instructions.sh"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "snmp-decoding",
            dependencies: ["SNMPKit", "VedettaCore"],
            path: "Benchmarks/SNMPDecoding",
            exclude: ["instructions.sh"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "recent-history",
            dependencies: ["VedettaCore"],
            path: "Benchmarks/RecentHistory",
            exclude: ["run.sh"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "escalation-precision",
            dependencies: [
                "VedettaCore", "VedettaIncidents", "VedettaNotify", "VedettaOnCall", "VedettaStoreSQLite", log,
            ],
            path: "Benchmarks/EscalationPrecision",
            exclude: ["run.sh"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "report-scale",
            dependencies: ["VedettaCore", "VedettaIncidents", "VedettaMaintenance", "VedettaReports", "VedettaStoreSQLite"],
            path: "Benchmarks/ReportScale",
            exclude: ["run.sh", "seed.sql.sh"],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "store-storm",
            dependencies: ["VedettaCore", "VedettaIncidents", "VedettaStorePostgres", "VedettaStoreSQLite", log],
            path: "Benchmarks/StoreStorm",
            exclude: ["run.sh"],
            swiftSettings: swiftSettings
        ),

        // Test support: real servers on loopback, stopped by PID.
        .target(
            name: "VedettaTestSupport",
            dependencies: [log],
            path: "Tests/VedettaTestSupport",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "VedettaStoreTestSupport",
            dependencies: [
                "VedettaAccess", "VedettaCore", "VedettaIncidents", "VedettaInventory", "VedettaMaintenance",
                "VedettaOnCall", "VedettaReports", "VedettaStorePostgres", "VedettaStoreSQLite", "VedettaTestSupport",
                log,
            ],
            path: "Tests/VedettaStoreTestSupport",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "VedettaCoreTests", dependencies: ["VedettaCore"], swiftSettings: swiftSettings),
        .testTarget(name: "MemoryKitTests", dependencies: ["MemoryKit"], swiftSettings: swiftSettings),
        .testTarget(name: "VedettaClusterTests", dependencies: ["VedettaCluster"], swiftSettings: swiftSettings),
        .testTarget(name: "LinkSigningTests", dependencies: ["LinkSigning", "VedettaTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VedettaAccessTests",
            dependencies: [
                "VedettaAccess", "SecretKit", "VedettaStoreTestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VedettaInventoryTests",
            dependencies: [
                "VedettaInventory", "VedettaCore", "VedettaStoreTestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VedettaReportsTests",
            dependencies: [
                "VedettaReports", "VedettaIncidents", "VedettaMaintenance", "VedettaCore", "VedettaStoreSQLite", "VedettaStoreTestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SNMPKitTests",
            dependencies: ["SNMPKit", "SocketKit", "VedettaCore", "VedettaTestSupport", log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CurlKitTests",
            dependencies: ["CurlKit", "VedettaTestSupport", log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPProbeTests",
            dependencies: [
                "HTTPProbe", "CurlKit", "VedettaConfig", "VedettaCore", "VedettaProbes", "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ICMPKitTests", dependencies: ["ICMPKit", "SocketKit", "VedettaTestSupport", log], swiftSettings: swiftSettings),
        .testTarget(
            name: "ICMPProbeTests",
            dependencies: [
                "ICMPProbe", "ICMPKit", "SocketKit", "VedettaCore", "VedettaProbes", "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TCPProbeTests",
            dependencies: [
                "TCPProbe", "TCPKit", "SocketKit", "VedettaCore", "VedettaProbes", "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SIPProbeTests",
            dependencies: [
                "SIPProbe", "SIPKit", "TCPKit", "VedettaCore", "VedettaProbes", "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExecProbeTests",
            dependencies: [
                "ExecProbe", "ExecKit", "VedettaCore", "VedettaProbes", "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SNMPProbeTests",
            dependencies: [
                "SNMPProbe", "SNMPKit", "VedettaAgent", "VedettaConfig", "VedettaCore", "VedettaProbes", "VedettaRules",
                "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaConfigTests",
            dependencies: [
                "VedettaConfig", "VedettaCore", "VedettaAgent", "SNMPProbe", "SNMPKit", "HTTPProbe", "ExecProbe", "ICMPProbe", "ICMPKit",
                "SocketKit", "TCPProbe", "TCPKit", "SIPProbe", "SIPKit", "VedettaTestSupport",
                "VedettaNotify", "VedettaRules", "VedettaMaintenance", "VedettaIncidents", "VedettaReports",
                "VedettaOnCall", "VedettaAccess", "VedettaStorePostgres",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaRulesTests", dependencies: ["VedettaRules", "VedettaConfig", "VedettaCore"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VedettaProbesTests",
            dependencies: ["VedettaProbes", "VedettaCore", "VedettaTestSupport", log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaAPITests",
            dependencies: [
                "VedettaAPI", "VedettaCore", "VedettaIncidents", "VedettaInventory", "VedettaMaintenance",
                "VedettaOnCall", "VedettaReports", "VedettaStoreSQLite", "VedettaAccess", "SecretKit", "LinkSigning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaAlertingTests",
            dependencies: [
                "VedettaAlerting", "VedettaCore", "VedettaIncidents", "VedettaMaintenance", "VedettaReports", "VedettaRules",
                "VedettaStoreSQLite", "VedettaTestSupport", log, lifecycle,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaNotifyTests",
            dependencies: [
                "VedettaNotify", "VedettaIncidents", "VedettaStoreSQLite", "VedettaCore", "CurlKit", "VedettaTestSupport",
                "VedettaConfig", "VedettaOnCall", "VedettaMaintenance", "VedettaReports", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaMaintenanceTests",
            dependencies: [
                "VedettaMaintenance", "VedettaCore", "VedettaStoreSQLite", "VedettaStorePostgres", "VedettaStoreTestSupport", "VedettaTestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaOnCallTests",
            dependencies: [
                "VedettaOnCall", "VedettaMaintenance", "VedettaCore", "VedettaStoreSQLite", "VedettaStoreTestSupport", "VedettaTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VedettaIncidentsTests",
            dependencies: [
                "VedettaIncidents", "VedettaStoreSQLite", "VedettaStorePostgres", "VedettaStoreTestSupport", "VedettaTestSupport", "VedettaCore", "VedettaCluster", "VedettaStoreRows",
                log,
                // Backup tests craft databases that are not Vedetta's (a foreign schema, a newer version's).
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["VedettaTestSupport", "VedettaCore"],
            swiftSettings: swiftSettings
        ),
    ]
)

// Development aid for parallel work: `VEDETTA_DEV_TARGETS=A,B,...` keeps only those targets, so one module's
// tests build while others are mid-change. Unset (as in CI and `make test`), the whole package builds.
if let only = Context.environment["VEDETTA_DEV_TARGETS"] {
    let keep = Set(only.split(separator: ",").map(String.init))
    package.targets = package.targets.filter { keep.contains($0.name) }
    package.products = keep.contains("vedetta") ? package.products : []
}
