import COpenSSL

/// What the `vedetta` process sets up before anything else runs.
public enum ProcessSetup {
    /// Initialises libcrypto without its exit-time cleanup, before libcurl and net-snmp load it: when `main`
    /// returns, `exit` runs on a worker thread while the engines' threads may still be inside libcrypto, and the
    /// cleanup would free its state under them. Call it first thing in `main`.
    public static func prepare() {
        _ = vedetta_openssl_init_without_atexit()
    }
}
