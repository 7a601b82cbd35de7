// Thin C wrappers over net-snmp for SNMPKit's trap receiver (see shim.h for why they exist). Every function
// here must be called with SNMPKit's net-snmp lock held.
#ifndef VEDETTA_CNETSNMP_TRAPS_H
#define VEDETTA_CNETSNMP_TRAPS_H

#include <errno.h>

#include "shim.h"

static const int VEDETTA_SNMP_MSG_TRAP = SNMP_MSG_TRAP;
static const int VEDETTA_SNMP_MSG_TRAP2 = SNMP_MSG_TRAP2;
static const int VEDETTA_SNMP_MSG_INFORM = SNMP_MSG_INFORM;
static const long VEDETTA_SNMP_VERSION_3 = SNMP_VERSION_3;

static const int VEDETTA_SNMPERR_BAD_VERSION = SNMPERR_BAD_VERSION;
static const int VEDETTA_SNMPERR_USM_UNKNOWNENGINEID = SNMPERR_USM_UNKNOWNENGINEID;
static const int VEDETTA_SNMPERR_USM_NOTINTIMEWINDOW = SNMPERR_USM_NOTINTIMEWINDOW;
static const int VEDETTA_SNMPERR_USM_UNSUPPORTEDSECURITYLEVEL = SNMPERR_USM_UNSUPPORTEDSECURITYLEVEL;

/// The hook net-snmp calls after parsing each incoming message, with the parse result (0 when it parsed).
typedef int (*vedetta_snmp_post_parse_hook)(netsnmp_session *, netsnmp_pdu *, int);

/// Opens a session that receives notifications on `address` (net-snmp transport syntax: `udp:0.0.0.0:162`,
/// `udp6:[::]:162`). net-snmp answers SNMPv3 engine discovery and keeps the USM time windows by itself;
/// `callback` gets every message that parsed and `post_parse` every parse result, both with `magic` as the
/// session's `callback_magic`. Returns the single-API handle, or NULL with `*sys_errno_out` set (0 when the
/// address itself was refused).
static inline void *vedetta_trap_open(const char *address, netsnmp_callback callback, void *magic,
                                      vedetta_snmp_post_parse_hook post_parse, int *sys_errno_out) {
    errno = 0;
    netsnmp_transport *transport = netsnmp_transport_open_server("vedetta", address);
    if (transport == NULL) {
        *sys_errno_out = errno;
        return NULL;
    }
    netsnmp_session session;
    snmp_sess_init(&session);
    session.peername = SNMP_DEFAULT_PEERNAME;
    session.version = SNMP_DEFAULT_VERSION;
    session.community_len = SNMP_DEFAULT_COMMUNITY_LEN;
    session.retries = SNMP_DEFAULT_RETRIES;
    session.timeout = SNMP_DEFAULT_TIMEOUT;
    session.callback = callback;
    session.callback_magic = magic;
    session.isAuthoritative = SNMP_SESS_UNKNOWNAUTH;
    void *handle = snmp_sess_add(&session, transport, NULL, post_parse);
    if (handle == NULL) {
        *sys_errno_out = session.s_errno;
    }
    return handle;
}

/// The receiving socket of a session from `vedetta_trap_open`.
static inline int vedetta_trap_socket(void *handle) {
    netsnmp_transport *transport = snmp_sess_transport(handle);
    return transport != NULL ? transport->sock : -1;
}

/// Reads what is waiting on the session's socket (one datagram) and calls the session's hooks for it.
static inline void vedetta_trap_read(void *handle, netsnmp_large_fd_set *set) { (void)snmp_sess_read2(handle, set); }

/// Writes the sender of `pdu` as net-snmp prints it (`UDP: [192.0.2.1]:161->[0.0.0.0]:162`) into `out`.
static inline void vedetta_trap_sender(void *handle, const netsnmp_pdu *pdu, char *out, size_t capacity) {
    out[0] = '\0';
    netsnmp_transport *transport = snmp_sess_transport(handle);
    if (transport == NULL || transport->f_fmtaddr == NULL || pdu->transport_data == NULL) {
        return;
    }
    char *text = transport->f_fmtaddr(transport, pdu->transport_data, pdu->transport_data_length);
    if (text != NULL) {
        strncpy(out, text, capacity - 1);
        out[capacity - 1] = '\0';
        free(text);
    }
}

/// Acknowledges an inform: sends a response PDU with the inform's request id and variables to its sender.
/// Returns 1 when it was sent.
static inline int vedetta_trap_acknowledge(void *handle, netsnmp_pdu *inform) {
    netsnmp_pdu *reply = snmp_clone_pdu(inform);
    if (reply == NULL) {
        return 0;
    }
    reply->command = SNMP_MSG_RESPONSE;
    reply->errstat = 0;
    reply->errindex = 0;
    if (snmp_sess_send(handle, reply) == 0) {
        snmp_free_pdu(reply);
        return 0;
    }
    return 1;
}

/// The SNMPv1 agent address of a Trap-PDU (4 bytes).
static inline void vedetta_trap_v1_agent_address(const netsnmp_pdu *pdu, unsigned char out[4]) {
    memcpy(out, pdu->agent_addr, 4);
}

/// Adds an SNMPv3 USM user as snmptrapd's `createUser` line does: `line` is
/// `[-e ENGINEID] NAME [AUTHPROTO AUTHPASS [PRIVPROTO PRIVPASS]]` with passwords quoted. Returns 1 when the user
/// exists afterwards for `engine_id` (the local engine when `engine_id_length` is 0).
static inline int vedetta_trap_add_user(char *line, const char *name, const u_char *engine_id,
                                        size_t engine_id_length) {
    usm_parse_create_usmUser("createUser", line);
    u_char local[USM_MAX_ID_LENGTH];
    if (engine_id_length == 0) {
        engine_id_length = snmpv3_get_engineID(local, sizeof(local));
        engine_id = local;
    }
    return usm_get_user((u_char *)engine_id, engine_id_length, (char *)name) != NULL;
}

/// Removes the USM user `name` of `engine_id` (the local engine when `engine_id_length` is 0), if any.
static inline void vedetta_trap_remove_user(const char *name, const u_char *engine_id, size_t engine_id_length) {
    u_char local[USM_MAX_ID_LENGTH];
    if (engine_id_length == 0) {
        engine_id_length = snmpv3_get_engineID(local, sizeof(local));
        engine_id = local;
    }
    struct usmUser *user = usm_get_user((u_char *)engine_id, engine_id_length, (char *)name);
    if (user != NULL) {
        usm_remove_user(user);
        usm_free_user(user);
    }
}

/// This agent's own SNMPv3 engine ID (informs are sent to it). Returns its length.
static inline size_t vedetta_trap_local_engine_id(u_char *out, size_t capacity) {
    return snmpv3_get_engineID(out, capacity);
}

#endif
