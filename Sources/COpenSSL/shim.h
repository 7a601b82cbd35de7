// The few libcrypto (OpenSSL 3) calls LinkSigning makes: HMAC-SHA256 and a constant-time comparison.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
