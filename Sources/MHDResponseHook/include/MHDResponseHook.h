#ifndef HERALD_MHD_RESPONSE_HOOK_H
#define HERALD_MHD_RESPONSE_HOOK_H

/// Sets the header fields given to libmicrohttpd's own error answers (a request line or header
/// block larger than the connection's memory, a malformed request line, a bad chunk…). Those
/// answers are built inside the library and never reach the application; this hook on
/// MHD_queue_response is the only place they can be given a charset and security headers.
/// Copies the strings; a later call replaces the earlier set.
void herald_set_error_headers(const char *const *names, const char *const *values, int count);

#endif
