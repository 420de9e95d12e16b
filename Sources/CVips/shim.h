#ifndef HERALD_CVIPS_SHIM_H
#define HERALD_CVIPS_SHIM_H
// libvips for the HeraldVips C target only: Swift calls HeraldVips, whose header has plain C
// types, because libvips' calls are variadic (Swift cannot call those).
#include <vips/vips.h>
#endif
