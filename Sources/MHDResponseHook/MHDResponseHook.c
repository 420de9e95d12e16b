// libmicrohttpd 0.9.75 answers some malformed or oversized requests itself (414, 431, 400 for a
// bad request line or chunk, 413 when a header overflows the pool) with a fixed HTML body and no
// Content-Type, and offers no option to add header fields to those answers.
//
// The library calls its own exported MHD_queue_response through the PLT (check:
// `objdump -R libmicrohttpd.so.12 | grep MHD_queue_response` shows a JUMP_SLOT), so this
// definition in the executable interposes on it, for the library's calls and Herald's alike, and
// forwards to the library's definition (dlsym RTLD_NEXT). Herald's own responses always carry
// Content-Security-Policy, so only error answers without it are touched: the library builds those
// afresh for one connection, so adding fields to them is race-free. The end-to-end protocol tests
// fail if this stops working (a 414 or 431 without the headers).
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

typedef enum MHD_Result (*queue_response_fn)(struct MHD_Connection *, unsigned int, struct MHD_Response *);

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static char *header_names[HERALD_MAX_ERROR_HEADERS];
static char *header_values[HERALD_MAX_ERROR_HEADERS];
static int header_count;

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

void herald_set_error_headers(const char *const *names, const char *const *values, int count)
{
    pthread_once(&resolve_once, resolve_library_queue_response);
    pthread_mutex_lock(&table_lock);
    for (int i = 0; i < header_count; i++) {
        free(header_names[i]);
        free(header_values[i]);
    }
    header_count = 0;
    for (int i = 0; i < count && i < HERALD_MAX_ERROR_HEADERS; i++) {
        header_names[i] = strdup(names[i]);
        header_values[i] = strdup(values[i]);
        header_count++;
    }
    pthread_mutex_unlock(&table_lock);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response)
{
    pthread_once(&resolve_once, resolve_library_queue_response);
    if (status_code >= 400 && response != NULL
        && MHD_get_response_header(response, "Content-Security-Policy") == NULL) {
        pthread_mutex_lock(&table_lock);
        if (MHD_get_response_header(response, "Content-Type") == NULL)
            MHD_add_response_header(response, "Content-Type", "text/html; charset=utf-8");
        for (int i = 0; i < header_count; i++)
            if (MHD_get_response_header(response, header_names[i]) == NULL)
                MHD_add_response_header(response, header_names[i], header_values[i]);
        pthread_mutex_unlock(&table_lock);
    }
    return library_queue_response(connection, status_code, response);
}
