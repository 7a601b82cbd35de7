#ifndef VEDETTA_CCURL_SHIM_H
#define VEDETTA_CCURL_SHIM_H

// Typed wrappers around libcurl's variadic and macro APIs, which Swift cannot call directly.
// Each wrapper fixes the argument type that curl expects for the option or info it is used with;
// CurlKit is the only caller and picks the wrapper that matches each CURLOPT_* / CURLINFO_*.

#include <curl/curl.h>

// MARK: global

/// curl_global_init with the default flags (SSL included).
static inline CURLcode vedetta_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// The size of the buffer CURLOPT_ERRORBUFFER writes into.
static inline size_t vedetta_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}

// MARK: curl_easy_setopt

static inline CURLcode vedetta_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vedetta_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vedetta_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vedetta_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vedetta_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION (same signature).
static inline CURLcode vedetta_curl_easy_setopt_write_callback(
    CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_READFUNCTION (an upload's body, e.g. an SMTP message).
static inline CURLcode vedetta_curl_easy_setopt_read_callback(
    CURL *handle, CURLoption option, curl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}

// MARK: curl_easy_getinfo

static inline CURLcode vedetta_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vedetta_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// For string infos (CURLINFO_EFFECTIVE_URL, ...); the string belongs to the handle.
static inline CURLcode vedetta_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/// CURLINFO_CERTINFO; the chain belongs to the handle.
static inline CURLcode vedetta_curl_easy_getinfo_certinfo(CURL *handle, struct curl_certinfo **value) {
    return curl_easy_getinfo(handle, CURLINFO_CERTINFO, value);
}

// MARK: curl_multi

static inline CURLMcode vedetta_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/// The easy handle a CURLMsg is about.
static inline CURL *vedetta_curl_msg_easy_handle(const CURLMsg *message) {
    return message->easy_handle;
}

/// Whether a CURLMsg reports a finished transfer (CURLMSG_DONE).
static inline int vedetta_curl_msg_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

/// The result code of a finished transfer (valid when vedetta_curl_msg_is_done).
static inline CURLcode vedetta_curl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
