#include "HeraldVips.h"
#include <vips/vips.h>
#include <string.h>
#include <pthread.h>

static void herald_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    // A damaged upload's warnings would only fill the log: the failure is reported to the editor.
}

static int herald_vips_threads = 1;
static int herald_vips_status = -1;
static pthread_once_t herald_vips_once = PTHREAD_ONCE_INIT;

static void herald_vips_init_once(void) {
    if (vips_init("herald")) return;
    // Uploads are each read once: an operation cache would only hold memory.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(herald_vips_threads);
    // Loaders libvips marks untrusted (ImageMagick, PDF, …) never run, whatever a file says it is.
    vips_block_untrusted_set(TRUE);
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, herald_vips_quiet, NULL);
    herald_vips_status = 0;
}

int herald_vips_start(int threads) {
    // Any thread may be first (tests run in parallel): libvips starts exactly once.
    herald_vips_threads = threads;
    pthread_once(&herald_vips_once, herald_vips_init_once);
    return herald_vips_status;
}

int herald_vips_probe(const char *path, char *loader, int loader_size, int *width, int *height) {
    const char *name = vips_foreign_find_load(path);
    if (!name) return -1;
    g_strlcpy(loader, name, loader_size);
    VipsImage *image = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    int w = vips_image_get_width(image), h = vips_image_get_height(image);
    int orientation = vips_image_get_orientation(image);
    // Orientations 5–8 turn the picture a quarter: its shown width is the stored height.
    *width = orientation >= 5 && orientation <= 8 ? h : w;
    *height = orientation >= 5 && orientation <= 8 ? w : h;
    g_object_unref(image);
    return 0;
}

int herald_vips_rendition(const char *path, int width, const char *jpeg_path, const char *webp_path,
                          int *out_width, int *out_height) {
    VipsImage *thumb = NULL, *memory = NULL, *flat = NULL;
    int result = -1;
    // Width decides: the height bound is out of reach. Thumbnail applies the orientation and
    // shrinks JPEGs while decoding them.
    if (vips_thumbnail(path, &thumb, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                       "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) goto done;
    // Decoded once, saved twice.
    if (!(memory = vips_image_copy_memory(thumb))) goto done;
    // No metadata leaves: a phone's EXIF holds where the picture was taken (savers' "strip" alone
    // lets the WebP saver write EXIF from this field).
    {
        static const char *drop[] = {"exif-data", "xmp-data", "iptc-data", "orientation", NULL};
        for (int i = 0; drop[i]; i++) vips_image_remove(memory, drop[i]);
        gchar **fields = vips_image_get_fields(memory);
        for (int i = 0; fields[i]; i++) {
            if (g_str_has_prefix(fields[i], "exif-") || g_str_has_prefix(fields[i], "xmp-")) vips_image_remove(memory, fields[i]);
        }
        g_strfreev(fields);
    }
    if (vips_image_hasalpha(memory)) {
        double white[3] = {255, 255, 255};
        VipsArrayDouble *background = vips_array_double_new(white, 3);
        int failed = vips_flatten(memory, &flat, "background", background, NULL);
        vips_area_unref(VIPS_AREA(background));
        if (failed) goto done;
    }
    if (vips_jpegsave(flat ? flat : memory, jpeg_path, "Q", 82, "strip", TRUE, "optimize_coding", TRUE,
                      "interlace", TRUE, NULL)) goto done;
    if (vips_webpsave(memory, webp_path, "Q", 80, "strip", TRUE, NULL)) goto done;
    *out_width = vips_image_get_width(memory);
    *out_height = vips_image_get_height(memory);
    result = 0;
done:
    if (flat) g_object_unref(flat);
    if (memory) g_object_unref(memory);
    if (thumb) g_object_unref(thumb);
    return result;
}

int herald_vips_sample(const char *path, int width, int height) {
    VipsImage *noise = NULL, *ramp = NULL, *sum = NULL, *bands = NULL, *bytes = NULL, *srgb = NULL;
    int result = -1;
    if (vips_gaussnoise(&noise, width, height, "mean", 0.0, "sigma", 30.0, NULL)) goto done;
    if (vips_xyz(&ramp, width, height, NULL)) goto done;
    {
        VipsImage *x = NULL, *scaled = NULL;
        if (vips_extract_band(ramp, &x, 0, NULL)) goto done;
        int failed = vips_linear1(x, &scaled, 200.0 / width, 28.0, NULL);
        g_object_unref(x);
        if (failed) goto done;
        failed = vips_add(scaled, noise, &sum, NULL);
        g_object_unref(scaled);
        if (failed) goto done;
    }
    {
        VipsImage *in[3] = {sum, sum, sum};
        if (vips_bandjoin(in, &bands, 3, NULL)) goto done;
    }
    if (vips_cast_uchar(bands, &bytes, NULL)) goto done;
    if (vips_copy(bytes, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, NULL)) goto done;
    if (vips_image_write_to_file(srgb, path, NULL)) goto done;
    result = 0;
done:
    if (srgb) g_object_unref(srgb);
    if (bytes) g_object_unref(bytes);
    if (bands) g_object_unref(bands);
    if (sum) g_object_unref(sum);
    if (ramp) g_object_unref(ramp);
    if (noise) g_object_unref(noise);
    return result;
}

void herald_vips_error(char *buffer, int size) {
    g_strlcpy(buffer, vips_error_buffer(), size);
    vips_error_clear();
}
