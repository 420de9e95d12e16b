#ifndef HERALD_CZLIB_SHIM_H
#define HERALD_CZLIB_SHIM_H

#include <zlib.h>

/// Starts a gzip-wrapped deflate stream: deflateInit2 is a macro (not callable from Swift);
/// window bits 15 + 16 select the gzip header and trailer.
static inline int herald_deflate_init_gzip(z_stream *stream, int level)
{
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
