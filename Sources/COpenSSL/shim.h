// The OpenSSL 3 calls Vedetta makes: HMAC-SHA256 and a constant-time comparison (LinkSigning), random bytes,
// SHA-256 and scrypt (SecretKit), and a TLS client
// handshake with certificate checks (TCPKit).
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <time.h>

// Macros and variadic calls Swift cannot import, as plain functions.

/// SSL_set_tlsext_host_name: the server name sent in the ClientHello (SNI).
/// Initialises libcrypto without its exit-time cleanup. When a Swift program's async `main` returns, `exit` runs
/// on a worker thread while other threads (libcurl's, net-snmp's) may still be inside libcrypto; OpenSSL's
/// `atexit` cleanup would free its state under them (heap corruption, a crash after the output). The memory is
/// the process's to give back anyway. Returns 1 on success.
static inline int vedetta_openssl_init_without_atexit(void) {
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}

static inline int vedetta_ssl_set_server_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/// The certificate's notAfter as Unix seconds, or -1 when it cannot be read.
static inline long long vedetta_x509_not_after(const X509 *certificate) {
    const ASN1_TIME *notAfter = X509_get0_notAfter(certificate);
    struct tm parts;
    if (notAfter == NULL || ASN1_TIME_to_tm(notAfter, &parts) != 1) return -1;
    return (long long)timegm(&parts);
}
