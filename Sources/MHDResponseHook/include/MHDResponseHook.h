#ifndef HERALD_MHD_RESPONSE_HOOK_H
#define HERALD_MHD_RESPONSE_HOOK_H

/// The header fields one server gives libmicrohttpd's own error answers (a request line or header
/// block larger than the connection's memory, a malformed request line, a bad chunk…). Those
/// answers are built inside the library and never reach the application; the hook on
/// MHD_queue_response is the only place they can be given a charset and security headers. Each
/// server makes its own table and hangs it on every connection it accepts (the connection's socket
/// context), so two servers in one process keep their own policies.
struct herald_header_table;

/// Copies the fields into a new table (at most 16; the rest are ignored).
struct herald_header_table *herald_header_table_create(const char *const *names, const char *const *values, int count);

/// Frees a table once its server has stopped (no connection refers to it any more).
void herald_header_table_free(struct herald_header_table *table);

#endif
