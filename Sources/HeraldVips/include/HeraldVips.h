#ifndef HERALD_VIPS_H
#define HERALD_VIPS_H
// The few libvips operations Herald needs, with plain C arguments (libvips' own are variadic).
// Every function returns 0 on success; on failure herald_vips_error() says why.

/// Starts libvips once: no operation cache, untrusted loaders blocked, `threads` worker threads.
int herald_vips_start(int threads);

/// The loader libvips would use for the file ("VipsForeignLoadJpegFile") and the size it
/// declares after its orientation is applied; loads only the header.
int herald_vips_probe(const char *path, char *loader, int loader_size, int *width, int *height);

/// A rendition `width` pixels wide (never wider than the image), orientation applied, colour in
/// sRGB, metadata stripped: written as a JPEG (alpha flattened onto white) and a WebP. A damaged
/// or truncated file fails. The written size comes back in `out_width` and `out_height`.
int herald_vips_rendition(const char *path, int width, const char *jpeg_path, const char *webp_path,
                          int *out_width, int *out_height);

/// A photo-like test image (noise over a gradient) of the given size, written by the file's
/// extension (.jpg, .png, .webp); for the tests and the benchmark.
int herald_vips_sample(const char *path, int width, int height);

/// The last error's text (copied into `buffer`), then cleared.
void herald_vips_error(char *buffer, int size);

#endif
