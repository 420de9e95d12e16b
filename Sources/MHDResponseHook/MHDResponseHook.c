// libmicrohttpd 0.9.75 answers some malformed or oversized requests itself (414, 431, 400 for a
// bad request line or chunk, 413 when a header overflows the pool) with a fixed HTML body and no
// Content-Type, and offers no option to add header fields to those answers.
//
// The library calls its own exported MHD_queue_response through the PLT (check:
// `objdump -R libmicrohttpd.so.12 | grep MHD_queue_response` shows a JUMP_SLOT), so this
// definition in the executable interposes on it, for the library's calls and Herald's alike, and
// forwards to the library's definition (dlsym RTLD_NEXT). Herald's own responses always carry
// Content-Security-Policy, so only error answers without it are touched: the library builds those
// afresh for one connection, so adding fields to them is race-free. Which fields is the business
// of the server that accepted the connection: its table is the connection's socket context, set
// when the connection is opened (HTTPServer's notify callback). The end-to-end protocol tests fail
// if this stops working (a 414 or 431 without the headers, or with the other server's).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include "MHDResponseHook.h"

#define HERALD_MAX_ERROR_HEADERS 16

struct herald_header_table {
    int count;
    char *names[HERALD_MAX_ERROR_HEADERS];
    char *values[HERALD_MAX_ERROR_HEADERS];
};

typedef enum MHD_Result (*queue_response_fn)(struct MHD_Connection *, unsigned int, struct MHD_Response *);

static pthread_once_t resolve_once = PTHREAD_ONCE_INIT;
static queue_response_fn library_queue_response;

static void resolve_library_queue_response(void)
{
    library_queue_response = (queue_response_fn)dlsym(RTLD_NEXT, "MHD_queue_response");
    if (library_queue_response == NULL) {
        fprintf(stderr, "http: libmicrohttpd's MHD_queue_response not found (%s)\n", dlerror());
        abort();
    }
}

struct herald_header_table *herald_header_table_create(const char *const *names, const char *const *values, int count)
{
    pthread_once(&resolve_once, resolve_library_queue_response);
    struct herald_header_table *table = calloc(1, sizeof *table);
    if (table == NULL) return NULL;
    for (int i = 0; i < count && i < HERALD_MAX_ERROR_HEADERS; i++) {
        table->names[i] = strdup(names[i]);
        table->values[i] = strdup(values[i]);
        table->count++;
    }
    return table;
}

void herald_header_table_free(struct herald_header_table *table)
{
    if (table == NULL) return;
    for (int i = 0; i < table->count; i++) {
        free(table->names[i]);
        free(table->values[i]);
    }
    free(table);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response)
{
    pthread_once(&resolve_once, resolve_library_queue_response);
    if (status_code >= 400 && response != NULL && connection != NULL
        && MHD_get_response_header(response, "Content-Security-Policy") == NULL) {
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        const struct herald_header_table *table = info == NULL ? NULL : info->socket_context;
        if (MHD_get_response_header(response, "Content-Type") == NULL)
            MHD_add_response_header(response, "Content-Type", "text/html; charset=utf-8");
        if (table != NULL)
            for (int i = 0; i < table->count; i++)
                if (MHD_get_response_header(response, table->names[i]) == NULL)
                    MHD_add_response_header(response, table->names[i], table->values[i]);
    }
    return library_queue_response(connection, status_code, response);
}
