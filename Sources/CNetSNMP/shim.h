// Thin C wrappers over net-snmp for SNMPKit.
//
// Swift cannot call variadic C functions, expand most net-snmp macros (SNMP_MSG_GET, ASN_* with casts,
// NETSNMP_LARGE_FD_SET, the non_repeaters/max_repetitions aliases) or read C unions comfortably. Everything
// SNMPKit needs from net-snmp goes through the static inline functions and constants below, so the Swift side
// never touches a macro. Every function here must only be called on SNMPKit's event-loop thread.
#ifndef VEDETTA_CNETSNMP_SHIM_H
#define VEDETTA_CNETSNMP_SHIM_H

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/library/large_fd_set.h>

// MARK: - Constants (macros with casts do not import into Swift)

static const unsigned char VEDETTA_ASN_INTEGER = ASN_INTEGER;
static const unsigned char VEDETTA_ASN_BIT_STR = ASN_BIT_STR;
static const unsigned char VEDETTA_ASN_OCTET_STR = ASN_OCTET_STR;
static const unsigned char VEDETTA_ASN_NULL = ASN_NULL;
static const unsigned char VEDETTA_ASN_OBJECT_ID = ASN_OBJECT_ID;
static const unsigned char VEDETTA_ASN_IPADDRESS = ASN_IPADDRESS;
static const unsigned char VEDETTA_ASN_COUNTER = ASN_COUNTER;
static const unsigned char VEDETTA_ASN_GAUGE = ASN_GAUGE;
static const unsigned char VEDETTA_ASN_TIMETICKS = ASN_TIMETICKS;
static const unsigned char VEDETTA_ASN_OPAQUE = ASN_OPAQUE;
static const unsigned char VEDETTA_ASN_NSAP = ASN_NSAP;
static const unsigned char VEDETTA_ASN_COUNTER64 = ASN_COUNTER64;
static const unsigned char VEDETTA_ASN_UINTEGER = ASN_UINTEGER;
static const unsigned char VEDETTA_ASN_OPAQUE_FLOAT = ASN_OPAQUE_FLOAT;
static const unsigned char VEDETTA_ASN_OPAQUE_DOUBLE = ASN_OPAQUE_DOUBLE;
static const unsigned char VEDETTA_ASN_OPAQUE_COUNTER64 = ASN_OPAQUE_COUNTER64;
static const unsigned char VEDETTA_ASN_OPAQUE_I64 = ASN_OPAQUE_I64;
static const unsigned char VEDETTA_ASN_OPAQUE_U64 = ASN_OPAQUE_U64;
static const unsigned char VEDETTA_SNMP_NOSUCHOBJECT = SNMP_NOSUCHOBJECT;
static const unsigned char VEDETTA_SNMP_NOSUCHINSTANCE = SNMP_NOSUCHINSTANCE;
static const unsigned char VEDETTA_SNMP_ENDOFMIBVIEW = SNMP_ENDOFMIBVIEW;

static const int VEDETTA_SNMP_MSG_GET = SNMP_MSG_GET;
static const int VEDETTA_SNMP_MSG_GETNEXT = SNMP_MSG_GETNEXT;
static const int VEDETTA_SNMP_MSG_GETBULK = SNMP_MSG_GETBULK;
static const int VEDETTA_SNMP_MSG_REPORT = SNMP_MSG_REPORT;

static const long VEDETTA_SNMP_VERSION_1 = SNMP_VERSION_1;
static const long VEDETTA_SNMP_VERSION_2C = SNMP_VERSION_2c;

static const int VEDETTA_SNMPERR_TIMEOUT = SNMPERR_TIMEOUT;
static const int VEDETTA_SNMPERR_UNKNOWN_USER_NAME = SNMPERR_UNKNOWN_USER_NAME;
static const int VEDETTA_SNMPERR_UNSUPPORTED_SEC_LEVEL = SNMPERR_UNSUPPORTED_SEC_LEVEL;
static const int VEDETTA_SNMPERR_AUTHENTICATION_FAILURE = SNMPERR_AUTHENTICATION_FAILURE;
static const int VEDETTA_SNMPERR_DECRYPTION_ERR = SNMPERR_DECRYPTION_ERR;
static const int VEDETTA_SNMPERR_USM_AUTHENTICATIONFAILURE = SNMPERR_USM_AUTHENTICATIONFAILURE;
static const int VEDETTA_SNMPERR_USM_UNKNOWNSECURITYNAME = SNMPERR_USM_UNKNOWNSECURITYNAME;
static const int VEDETTA_SNMPERR_USM_DECRYPTIONERROR = SNMPERR_USM_DECRYPTIONERROR;

static const int VEDETTA_CALLBACK_OP_RECEIVED_MESSAGE = NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE;
static const int VEDETTA_CALLBACK_OP_TIMED_OUT = NETSNMP_CALLBACK_OP_TIMED_OUT;
static const int VEDETTA_CALLBACK_OP_SEND_FAILED = NETSNMP_CALLBACK_OP_SEND_FAILED;
static const int VEDETTA_CALLBACK_OP_DISCONNECT = NETSNMP_CALLBACK_OP_DISCONNECT;
static const int VEDETTA_CALLBACK_OP_SEC_ERROR = NETSNMP_CALLBACK_OP_SEC_ERROR;

static const int VEDETTA_MAX_OID_LEN = MAX_OID_LEN;
static const int VEDETTA_SNMPERR_NOT_IN_TIME_WINDOW = SNMPERR_NOT_IN_TIME_WINDOW;
static const int VEDETTA_SNMPERR_UNKNOWN_ENG_ID = SNMPERR_UNKNOWN_ENG_ID;

// MARK: - Library set-up

/// Initialises net-snmp for a client that never loads MIBs, never reads snmp.conf and never writes
/// persistent state. `persistent_dir` is a private temporary directory (net-snmp insists on having one).
/// No MIB directory is searched (an empty list, set in net-snmp's store: calling `setenv` here would race with
/// `getenv` on the process's other threads, which is undefined behaviour and crashed the agent at start-up).
static inline void vedetta_snmp_init(const char *app_name, const char *persistent_dir) {
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_MIBDIRS, "");
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_LOAD_HOST_FILES, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_NO_TOKEN_WARNINGS, 1);
    if (persistent_dir != NULL) {
        netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PERSISTENT_DIR, persistent_dir);
    }
    // With no enabled handler net-snmp falls back to stderr; a NONE handler swallows everything instead.
    netsnmp_register_loghandler(NETSNMP_LOGHANDLER_NONE, LOG_DEBUG);
    init_snmp(app_name);
}

// MARK: - Sessions

/// Opens a single-API session (not on net-snmp's global session list). Returns NULL on failure and sets
/// `*snmp_errno_out` / `*sys_errno_out`.
static inline void *vedetta_snmp_open(const char *peername, long version, const unsigned char *community,
                                      size_t community_len, long timeout_us, int retries,
                                      int *snmp_errno_out, int *sys_errno_out) {
    netsnmp_session session;
    snmp_sess_init(&session);
    session.peername = (char *)peername;
    session.version = version;
    session.community = (u_char *)community;
    session.community_len = community_len;
    session.timeout = timeout_us;
    session.retries = retries;
    void *handle = snmp_sess_open(&session);
    if (handle == NULL) {
        *snmp_errno_out = session.s_snmp_errno;
        *sys_errno_out = session.s_errno;
    }
    return handle;
}

// MARK: - SNMPv3 (USM)

/// Security levels for `vedetta_snmp_open_v3`.
enum vedetta_snmp_v3_level { VEDETTA_V3_NO_AUTH_NO_PRIV = 0, VEDETTA_V3_AUTH_NO_PRIV = 1, VEDETTA_V3_AUTH_PRIV = 2 };
/// Authentication protocols for `vedetta_snmp_open_v3`.
enum vedetta_snmp_v3_auth {
    VEDETTA_V3_AUTH_MD5 = 0, VEDETTA_V3_AUTH_SHA = 1, VEDETTA_V3_AUTH_SHA224 = 2,
    VEDETTA_V3_AUTH_SHA256 = 3, VEDETTA_V3_AUTH_SHA384 = 4, VEDETTA_V3_AUTH_SHA512 = 5
};
/// Privacy protocols for `vedetta_snmp_open_v3`.
enum vedetta_snmp_v3_priv {
    VEDETTA_V3_PRIV_DES = 0, VEDETTA_V3_PRIV_AES = 1, VEDETTA_V3_PRIV_AES192 = 2, VEDETTA_V3_PRIV_AES256 = 3
};

static inline const oid *vedetta_snmp_auth_oid(int protocol, size_t *length) {
    switch (protocol) {
    case VEDETTA_V3_AUTH_MD5: *length = OID_LENGTH(usmHMACMD5AuthProtocol); return usmHMACMD5AuthProtocol;
    case VEDETTA_V3_AUTH_SHA224:
        *length = OID_LENGTH(usmHMAC128SHA224AuthProtocol); return usmHMAC128SHA224AuthProtocol;
    case VEDETTA_V3_AUTH_SHA256:
        *length = OID_LENGTH(usmHMAC192SHA256AuthProtocol); return usmHMAC192SHA256AuthProtocol;
    case VEDETTA_V3_AUTH_SHA384:
        *length = OID_LENGTH(usmHMAC256SHA384AuthProtocol); return usmHMAC256SHA384AuthProtocol;
    case VEDETTA_V3_AUTH_SHA512:
        *length = OID_LENGTH(usmHMAC384SHA512AuthProtocol); return usmHMAC384SHA512AuthProtocol;
    default: *length = OID_LENGTH(usmHMACSHA1AuthProtocol); return usmHMACSHA1AuthProtocol;
    }
}

static inline const oid *vedetta_snmp_priv_oid(int protocol, size_t *length) {
    switch (protocol) {
    case VEDETTA_V3_PRIV_DES: *length = OID_LENGTH(usmDESPrivProtocol); return usmDESPrivProtocol;
    case VEDETTA_V3_PRIV_AES192: *length = OID_LENGTH(usmAES192PrivProtocol); return usmAES192PrivProtocol;
    case VEDETTA_V3_PRIV_AES256: *length = OID_LENGTH(usmAES256PrivProtocol); return usmAES256PrivProtocol;
    default: *length = OID_LENGTH(usmAESPrivProtocol); return usmAESPrivProtocol;
    }
}

/// Whether a cached USM user holds the same protocol and key as the given master key (Ku): compares the stored
/// Ku when net-snmp kept it, otherwise localizes `ku` to the user's engine ID and compares with the stored key
/// (a prefix, as AES-192/256 extend the localized key).
static inline int vedetta_usm_key_matches(const oid *cached_protocol, size_t cached_protocol_length,
                                          const u_char *cached_ku, size_t cached_ku_length,
                                          const u_char *cached_key, size_t cached_key_length,
                                          const oid *protocol, size_t protocol_length, const oid *hash,
                                          size_t hash_length, const u_char *engine_id, size_t engine_id_length,
                                          const u_char *ku, size_t ku_length) {
    if (cached_protocol == NULL ||
        snmp_oid_compare(cached_protocol, cached_protocol_length, protocol, protocol_length) != 0) {
        return 0;
    }
    if (cached_ku != NULL && cached_ku_length > 0) {
        return cached_ku_length == ku_length && memcmp(cached_ku, ku, ku_length) == 0;
    }
    if (cached_key == NULL || cached_key_length == 0) {
        return 0;
    }
    u_char localized[USM_PRIV_KU_LEN > USM_AUTH_KU_LEN ? USM_PRIV_KU_LEN : USM_AUTH_KU_LEN];
    size_t localized_length = sizeof(localized);
    if (generate_kul(hash, (u_int)hash_length, engine_id, engine_id_length, ku, ku_length, localized,
                     &localized_length) != SNMPERR_SUCCESS) {
        return 0;
    }
    size_t compared = localized_length < cached_key_length ? localized_length : cached_key_length;
    return memcmp(localized, cached_key, compared) == 0;
}

/// Drops the cached USM user for `engine_id` named like `session`'s user when its protocols or keys differ from
/// `session`'s. net-snmp keeps users process-wide, keyed by engine ID and name, and never updates an existing
/// entry when a session is opened, so without this a changed password would be ignored (a wrong one "working"
/// from the cache, or a corrected one still failing). Only the agent's own engine is touched: other agents may
/// share the user name with other passwords, and their sessions must keep their entries.
static inline void vedetta_usm_forget_stale_users(const netsnmp_session *session, const u_char *engine_id,
                                                  size_t engine_id_length) {
    if (engine_id == NULL || engine_id_length == 0) {
        return;
    }
    struct usmUser *user = usm_get_userList();
    while (user != NULL) {
        struct usmUser *next = user->next;
        if (user->name != NULL && user->engineIDLen == engine_id_length &&
            memcmp(user->engineID, engine_id, engine_id_length) == 0 &&
            strcmp(user->name, session->securityName) == 0) {
            int matches = 1;
            if (session->securityLevel != SNMP_SEC_LEVEL_NOAUTH) {
                matches = vedetta_usm_key_matches(
                    user->authProtocol, user->authProtocolLen, user->authKeyKu, user->authKeyKuLen, user->authKey,
                    user->authKeyLen, session->securityAuthProto, session->securityAuthProtoLen,
                    session->securityAuthProto, session->securityAuthProtoLen, user->engineID, user->engineIDLen,
                    session->securityAuthKey, session->securityAuthKeyLen);
            }
            if (matches && session->securityLevel == SNMP_SEC_LEVEL_AUTHPRIV) {
                matches = vedetta_usm_key_matches(
                    user->privProtocol, user->privProtocolLen, user->privKeyKu, user->privKeyKuLen, user->privKey,
                    user->privKeyLen, session->securityPrivProto, session->securityPrivProtoLen,
                    session->securityAuthProto, session->securityAuthProtoLen, user->engineID, user->engineIDLen,
                    session->securityPrivKey, session->securityPrivKeyLen);
            }
            if (!matches) {
                usm_remove_user(user);
                usm_free_user(user);
            }
        }
        user = next;
    }
}

/// Opens a single-API SNMPv3 (USM) session without any network exchange. net-snmp would discover the agent's
/// engine ID here with a blocking request; the session is opened with `SNMP_FLAGS_DONT_PROBE` instead, and the
/// event loop discovers the engine asynchronously (``vedetta_snmp_send_engine_probe``) when `known_engine_id` is
/// empty. With a known engine ID the user's keys are localized now. net-snmp keeps localized keys in a
/// process-wide list keyed by engine ID and user name and never replaces an entry that already exists, so cached
/// entries for this user with other keys are dropped first (``vedetta_usm_forget_stale_users``).
/// Passwords are NUL-terminated; `context` may be NULL. Returns NULL on failure and sets
/// `*snmp_errno_out` / `*sys_errno_out`.
static inline void *vedetta_snmp_open_v3(const char *peername, long timeout_us, int retries, const char *user,
                                         int level, int auth_protocol, const char *auth_password,
                                         int priv_protocol, const char *priv_password, const char *context,
                                         const u_char *known_engine_id, size_t known_engine_id_length,
                                         int *snmp_errno_out, int *sys_errno_out) {
    netsnmp_session session;
    snmp_sess_init(&session);
    session.peername = (char *)peername;
    session.version = SNMP_VERSION_3;
    session.timeout = timeout_us;
    session.retries = retries;
    session.securityModel = SNMP_SEC_MODEL_USM;
    session.securityName = (char *)user;
    session.securityNameLen = strlen(user);
    if (context != NULL) {
        session.contextName = (char *)context;
        session.contextNameLen = strlen(context);
    }
    session.securityLevel = level == VEDETTA_V3_AUTH_PRIV      ? SNMP_SEC_LEVEL_AUTHPRIV
                            : level == VEDETTA_V3_AUTH_NO_PRIV ? SNMP_SEC_LEVEL_AUTHNOPRIV
                                                               : SNMP_SEC_LEVEL_NOAUTH;
    *snmp_errno_out = 0;
    *sys_errno_out = 0;
    if (level != VEDETTA_V3_NO_AUTH_NO_PRIV) {
        size_t auth_length = 0;
        const oid *auth = vedetta_snmp_auth_oid(auth_protocol, &auth_length);
        session.securityAuthProto = snmp_duplicate_objid(auth, auth_length);
        session.securityAuthProtoLen = auth_length;
        session.securityAuthKeyLen = USM_AUTH_KU_LEN;
        if (session.securityAuthProto == NULL ||
            generate_Ku(auth, (u_int)auth_length, (const u_char *)auth_password, strlen(auth_password),
                        session.securityAuthKey, &session.securityAuthKeyLen) != SNMPERR_SUCCESS) {
            *snmp_errno_out = SNMPERR_GENERR;
            SNMP_FREE(session.securityAuthProto);
            return NULL;
        }
        if (level == VEDETTA_V3_AUTH_PRIV) {
            size_t priv_length = 0;
            const oid *priv = vedetta_snmp_priv_oid(priv_protocol, &priv_length);
            session.securityPrivProto = snmp_duplicate_objid(priv, priv_length);
            session.securityPrivProtoLen = priv_length;
            session.securityPrivKeyLen = USM_PRIV_KU_LEN;
            if (session.securityPrivProto == NULL ||
                generate_Ku(auth, (u_int)auth_length, (const u_char *)priv_password, strlen(priv_password),
                            session.securityPrivKey, &session.securityPrivKeyLen) != SNMPERR_SUCCESS) {
                *snmp_errno_out = SNMPERR_GENERR;
                SNMP_FREE(session.securityAuthProto);
                SNMP_FREE(session.securityPrivProto);
                return NULL;
            }
        }
    }
    session.flags |= SNMP_FLAGS_DONT_PROBE;
    if (known_engine_id != NULL && known_engine_id_length > 0) {
        vedetta_usm_forget_stale_users(&session, known_engine_id, known_engine_id_length);
        session.securityEngineID = (u_char *)known_engine_id;
        session.securityEngineIDLen = known_engine_id_length;
    }
    void *handle = snmp_sess_open(&session);
    if (handle == NULL) {
        *snmp_errno_out = session.s_snmp_errno;
        *sys_errno_out = session.s_errno;
    } else {
        // snmp_sess_open clears the flag; keep it, or the first request would probe synchronously.
        snmp_sess_session(handle)->flags |= SNMP_FLAGS_DONT_PROBE;
    }
    SNMP_FREE(session.securityAuthProto);
    SNMP_FREE(session.securityPrivProto);
    return handle;
}

/// Sends the SNMPv3 engine discovery request (RFC 3414 4: a noAuthNoPriv GET with an empty user and engine ID,
/// which the agent answers with a usmStatsUnknownEngineIDs report carrying its engine ID, boots and time).
/// net-snmp records the engine ID on the session when the report arrives. Returns the request id, 0 on failure.
static inline int vedetta_snmp_send_engine_probe(void *handle, netsnmp_callback callback, void *magic) {
    struct usmUser *empty = usm_get_user(NULL, 0, "");
    if (empty == NULL) {
        empty = (struct usmUser *)calloc(1, sizeof(struct usmUser));
        if (empty == NULL) {
            return 0;
        }
        empty->name = strdup("");
        empty->secName = strdup("");
        empty->authProtocolLen = sizeof(usmNoAuthProtocol) / sizeof(oid);
        empty->authProtocol = snmp_duplicate_objid(usmNoAuthProtocol, empty->authProtocolLen);
        empty->privProtocolLen = sizeof(usmNoPrivProtocol) / sizeof(oid);
        empty->privProtocol = snmp_duplicate_objid(usmNoPrivProtocol, empty->privProtocolLen);
        usm_add_user(empty);
    }
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET);
    if (pdu == NULL) {
        return 0;
    }
    pdu->version = SNMP_VERSION_3;
    pdu->securityName = strdup("");
    pdu->securityNameLen = 0;
    pdu->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
    pdu->securityModel = SNMP_SEC_MODEL_USM;
    int request_id = snmp_sess_async_send(handle, pdu, callback, magic);
    if (request_id == 0) {
        snmp_free_pdu(pdu);
    }
    return request_id;
}

/// Makes net-snmp's cached user for the session's engine carry this session's keys: drops a cached entry of that
/// engine and user with other keys, then localizes this session's keys for the engine. Used once discovery has
/// named the engine, and again when a kept session is reused after another session with other credentials for
/// the same engine and user replaced the entry. Returns 1 on success, 0 when the engine ID is still unknown or
/// the user cannot be created.
static inline int vedetta_snmp_install_user(void *handle) {
    netsnmp_session *session = snmp_sess_session(handle);
    if (session == NULL || session->securityEngineIDLen == 0) {
        return 0;
    }
    vedetta_usm_forget_stale_users(session, session->securityEngineID, session->securityEngineIDLen);
    session->flags &= ~SNMP_FLAGS_USER_CREATED;
    return usm_create_user_from_session(session) == SNMPERR_SUCCESS;
}

/// Sets the timeout and retries used by the next requests sent on the session.
static inline void vedetta_snmp_session_set_timing(void *handle, long timeout_us, int retries) {
    netsnmp_session *session = snmp_sess_session(handle);
    if (session != NULL) {
        session->timeout = timeout_us;
        session->retries = retries;
    }
}

/// Copies the session's discovered SNMPv3 engine ID into `out` (at most `capacity` bytes); returns its length,
/// 0 before discovery or for v1/v2c.
static inline size_t vedetta_snmp_session_engine_id(void *handle, u_char *out, size_t capacity) {
    netsnmp_session *session = snmp_sess_session(handle);
    if (session == NULL || session->securityEngineID == NULL || session->securityEngineIDLen > capacity) {
        return 0;
    }
    memcpy(out, session->securityEngineID, session->securityEngineIDLen);
    return session->securityEngineIDLen;
}

/// The library error number of the last failure on `handle`.
static inline int vedetta_snmp_session_errno(void *handle) {
    netsnmp_session *session = snmp_sess_session(handle);
    return session == NULL ? SNMPERR_GENERR : session->s_snmp_errno;
}

/// The system errno of the last failure on `handle`.
static inline int vedetta_snmp_session_sys_errno(void *handle) {
    netsnmp_session *session = snmp_sess_session(handle);
    return session == NULL ? 0 : session->s_errno;
}

/// The socket of a session, or -1.
static inline int vedetta_snmp_session_socket(void *handle) {
    netsnmp_transport *transport = snmp_sess_transport(handle);
    return transport == NULL ? -1 : transport->sock;
}

// MARK: - PDUs

/// Creates a GET, GETNEXT or GETBULK request PDU holding `count` OIDs (each `lengths[i]` sub-identifiers, packed
/// one after another in `subids`). GETBULK uses `non_repeaters` and `max_repetitions`. Returns NULL on failure.
static inline netsnmp_pdu *vedetta_snmp_make_pdu(int command, const oid *subids, const size_t *lengths, size_t count,
                                                 long non_repeaters, long max_repetitions) {
    netsnmp_pdu *pdu = snmp_pdu_create(command);
    if (pdu == NULL) {
        return NULL;
    }
    if (command == SNMP_MSG_GETBULK) {
        pdu->non_repeaters = non_repeaters;
        pdu->max_repetitions = max_repetitions;
    }
    size_t offset = 0;
    for (size_t i = 0; i < count; i++) {
        if (snmp_add_null_var(pdu, subids + offset, lengths[i]) == NULL) {
            snmp_free_pdu(pdu);
            return NULL;
        }
        offset += lengths[i];
    }
    return pdu;
}

/// Sends `pdu` asynchronously; returns the request id, or 0 on failure (the PDU is then freed here).
static inline int vedetta_snmp_send(void *handle, netsnmp_pdu *pdu, netsnmp_callback callback, void *magic) {
    int request_id = snmp_sess_async_send(handle, pdu, callback, magic);
    if (request_id == 0) {
        snmp_free_pdu(pdu);
    }
    return request_id;
}

// MARK: - Variable bindings (C unions are awkward in Swift)

static inline long vedetta_snmp_var_integer(const netsnmp_variable_list *var) {
    return var->val.integer == NULL ? 0 : *var->val.integer;
}

static inline const unsigned char *vedetta_snmp_var_bytes(const netsnmp_variable_list *var) {
    return var->val.string;
}

static inline const oid *vedetta_snmp_var_objid(const netsnmp_variable_list *var) {
    return var->val.objid;
}

static inline unsigned long long vedetta_snmp_var_counter64(const netsnmp_variable_list *var) {
    if (var->val.counter64 == NULL) {
        return 0;
    }
    return ((unsigned long long)var->val.counter64->high << 32) | (var->val.counter64->low & 0xffffffffUL);
}

static inline double vedetta_snmp_var_float(const netsnmp_variable_list *var) {
#ifdef NETSNMP_WITH_OPAQUE_SPECIAL_TYPES
    if (var->type == ASN_OPAQUE_FLOAT && var->val.floatVal != NULL) {
        return *var->val.floatVal;
    }
    if (var->type == ASN_OPAQUE_DOUBLE && var->val.doubleVal != NULL) {
        return *var->val.doubleVal;
    }
#endif
    return 0;
}

// MARK: - Event loop: file descriptor sets and timeouts

static inline netsnmp_large_fd_set *vedetta_snmp_fdset_create(void) {
    netsnmp_large_fd_set *set = (netsnmp_large_fd_set *)calloc(1, sizeof(netsnmp_large_fd_set));
    if (set != NULL) {
        netsnmp_large_fd_set_init(set, FD_SETSIZE);
    }
    return set;
}

static inline void vedetta_snmp_fdset_destroy(netsnmp_large_fd_set *set) {
    if (set != NULL) {
        netsnmp_large_fd_set_cleanup(set);
        free(set);
    }
}

/// Empties the set. (NETSNMP_LARGE_FD_ZERO names `fds_bits`, which glibc hides without _GNU_SOURCE, so the
/// byte count is computed here: fd_set itself plus one bit per descriptor beyond FD_SETSIZE, in whole longs.)
static inline void vedetta_snmp_fdset_zero(netsnmp_large_fd_set *set) {
    size_t extra = 0;
    if (set->lfs_setsize > FD_SETSIZE) {
        size_t bits = 8 * sizeof(long);
        extra = ((set->lfs_setsize - FD_SETSIZE + bits - 1) / bits) * sizeof(long);
    }
    memset(set->lfs_setptr, 0, sizeof(fd_set) + extra);
}

static inline void vedetta_snmp_fdset_add(int fd, netsnmp_large_fd_set *set) { netsnmp_large_fd_setfd(fd, set); }

static inline int vedetta_snmp_fdset_contains(int fd, netsnmp_large_fd_set *set) {
    return netsnmp_large_fd_is_set(fd, set);
}

/// Adds the session's socket to `set` and reports when its earliest pending request expires:
/// returns 1 and sets `*timeout_us` when a request is pending, 0 when the session has nothing to wait for.
static inline int vedetta_snmp_session_wait_info(void *handle, int *numfds, netsnmp_large_fd_set *set,
                                                 long long *timeout_us) {
    struct timeval timeout = {0, 0};
    int block = 1;
    snmp_sess_select_info2_flags(handle, numfds, set, &timeout, &block, NETSNMP_SELECT_NOALARMS);
    if (block) {
        return 0;
    }
    *timeout_us = (long long)timeout.tv_sec * 1000000LL + (long long)timeout.tv_usec;
    return 1;
}

/// Waits for readable descriptors in `set`, at most `timeout_us` microseconds (negative: no limit).
/// Returns the number of ready descriptors, 0 on timeout, -1 on error (errno set).
static inline int vedetta_snmp_select(int numfds, netsnmp_large_fd_set *set, long long timeout_us) {
    if (timeout_us < 0) {
        return netsnmp_large_fd_set_select(numfds, set, NULL, NULL, NULL);
    }
    struct timeval timeout;
    timeout.tv_sec = (time_t)(timeout_us / 1000000LL);
    timeout.tv_usec = (suseconds_t)(timeout_us % 1000000LL);
    return netsnmp_large_fd_set_select(numfds, set, NULL, NULL, &timeout);
}

#endif
