// The OpenSSL 3 calls Vedetta makes: HMAC-SHA256 and a constant-time comparison (LinkSigning), and a TLS client
// handshake with certificate checks (TCPKit).
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <time.h>

// Macros and variadic calls Swift cannot import, as plain functions.

/// SSL_set_tlsext_host_name: the server name sent in the ClientHello (SNI).
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
