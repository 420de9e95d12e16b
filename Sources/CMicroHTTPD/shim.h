#ifndef HERALD_CMICROHTTPD_SHIM_H
#define HERALD_CMICROHTTPD_SHIM_H

// microhttpd.h needs these types declared first.
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <microhttpd.h>

/// The URI log callback's type: MHD takes it as a varargs function pointer, Swift needs a name.
typedef void *(*herald_uri_log_callback)(void *cls, const char *uri, struct MHD_Connection *connection);

/// The unescape callback's type, named for the same reason.
typedef size_t (*herald_unescape_callback)(void *cls, struct MHD_Connection *connection, char *s);

/// Daemon settings passed as one struct, because MHD_start_daemon is variadic (not callable from Swift).
struct herald_daemon_settings {
    unsigned int flags;
    const struct sockaddr *address;
    unsigned int thread_pool_size;
    unsigned int connection_timeout;
    unsigned int connection_limit;
    unsigned int per_ip_connection_limit;
    size_t connection_memory_limit;
    unsigned int listen_backlog;
    int strict_for_client;
};

/// Starts a daemon: MHD_start_daemon is variadic, so the option list is built here.
static inline struct MHD_Daemon *herald_start_daemon(
    const struct herald_daemon_settings *s,
    MHD_AccessHandlerCallback handler, void *handler_cls,
    herald_uri_log_callback uri_log, void *uri_log_cls,
    MHD_RequestCompletedCallback completed, void *completed_cls,
    herald_unescape_callback unescape, void *unescape_cls,
    MHD_NotifyConnectionCallback notify, void *notify_cls)
{
    return MHD_start_daemon(s->flags, 0, NULL, NULL, handler, handler_cls,
        MHD_OPTION_SOCK_ADDR, s->address,
        MHD_OPTION_THREAD_POOL_SIZE, s->thread_pool_size,
        MHD_OPTION_CONNECTION_TIMEOUT, s->connection_timeout,
        MHD_OPTION_CONNECTION_LIMIT, s->connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_ip_connection_limit,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, s->connection_memory_limit,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, s->listen_backlog,
        MHD_OPTION_STRICT_FOR_CLIENT, s->strict_for_client,
        MHD_OPTION_URI_LOG_CALLBACK, uri_log, uri_log_cls,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, unescape_cls,
        MHD_OPTION_NOTIFY_CONNECTION, notify, notify_cls,
        MHD_OPTION_END);
}

/// The port the daemon listens on: MHD_get_daemon_info is variadic.
static inline uint16_t herald_daemon_port(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The socket of a connection: MHD_get_connection_info is variadic.
static inline int herald_connection_fd(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : info->connect_fd;
}

/// The client's socket address (NULL when unknown): MHD_get_connection_info is variadic.
static inline const struct sockaddr *herald_connection_client_address(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

#endif
