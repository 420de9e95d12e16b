#ifndef HERALD_CSODIUM_SHIM_H
#define HERALD_CSODIUM_SHIM_H

#include <sodium.h>

/// crypto_pwhash_STRBYTES is a macro Swift cannot import as a constant.
static inline size_t herald_pwhash_strbytes(void) { return crypto_pwhash_STRBYTES; }

/// The interactive argon2id parameters are macros too (opslimit, memlimit).
static inline unsigned long long herald_pwhash_opslimit_interactive(void) { return crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static inline size_t herald_pwhash_memlimit_interactive(void) { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }

/// The argon2id algorithm id (a macro).
static inline int herald_pwhash_alg_argon2id13(void) { return crypto_pwhash_ALG_ARGON2ID13; }

#endif
