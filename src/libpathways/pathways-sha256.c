/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-sha256.c: SHA-256 and HMAC-SHA-256, and the hash of a source file.
 *
 * Our own SHA-256 rather than GChecksum: hashing the sources and making the record
 * keys (one HMAC per case, person and service) was about 40 % of the CPU time of a
 * 1 M-case summary with GLib's portable code (docs/performance.md). The compression
 * uses the x86 SHA extensions when the CPU has them (checked once, at run time) and
 * portable C otherwise; the tests check both against GChecksum and GHmac. The
 * workspace's checksums (pathways-workspace-seal.c) use the same code.
 */
#define G_LOG_DOMAIN "pathways-sha256"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "pathways-i18n.h"
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "pathways-sha256.h"

#if (defined (__x86_64__) || defined (__i386__)) && defined (__GNUC__)
#define HAVE_SHA_NI_CODE 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const guint32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const guint32 initial_state[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline guint32
rotr (guint32 x,
      guint   n)
{
  return (x >> n) | (x << (32 - n));
}

static inline guint32
load_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The portable compression of N_BLOCKS 64-byte blocks (FIPS 180-4, 6.2.2). */
static void
compress_portable (guint32      *state,
                   const guint8 *data,
                   gsize         n_blocks)
{
  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      guint32 w[64];
      guint32 a = state[0], b = state[1], c = state[2], d = state[3];
      guint32 e = state[4], f = state[5], g = state[6], h = state[7];

      for (guint i = 0; i < 16; i++)
        w[i] = load_be32 (data + 4 * i);
      for (guint i = 16; i < 64; i++)
        {
          guint32 s0 = rotr (w[i - 15], 7) ^ rotr (w[i - 15], 18) ^ (w[i - 15] >> 3);
          guint32 s1 = rotr (w[i - 2], 17) ^ rotr (w[i - 2], 19) ^ (w[i - 2] >> 10);

          w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
      for (guint i = 0; i < 64; i++)
        {
          guint32 t1 = h + (rotr (e, 6) ^ rotr (e, 11) ^ rotr (e, 25))
                       + ((e & f) ^ (~e & g)) + round_constants[i] + w[i];
          guint32 t2 = (rotr (a, 2) ^ rotr (a, 13) ^ rotr (a, 22))
                       + ((a & b) ^ (a & c) ^ (b & c));

          h = g;
          g = f;
          f = e;
          e = d + t1;
          d = c;
          c = b;
          b = a;
          a = t1 + t2;
        }
      state[0] += a;
      state[1] += b;
      state[2] += c;
      state[3] += d;
      state[4] += e;
      state[5] += f;
      state[6] += g;
      state[7] += h;
    }
}

#ifdef HAVE_SHA_NI_CODE
/* The same with the SHA extensions. The instructions keep the state as two
 * vectors, ABEF and CDGH (A in the highest lane), and do two rounds a call; the
 * message schedule is four vectors of four words, W[g % 4] for rounds 4g to 4g + 3. */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
compress_sha_ni (guint32      *state,
                 const guint8 *data,
                 gsize         n_blocks)
{
  const __m128i byte_swap = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abef, cdgh, tmp;

  tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xb1); /* B A D C */
  cdgh = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1b); /* H G F E */
  abef = _mm_alignr_epi8 (tmp, cdgh, 8);
  cdgh = _mm_blend_epi16 (cdgh, tmp, 0xf0);

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i saved_abef = abef, saved_cdgh = cdgh;
      __m128i w[4];

#pragma GCC unroll 16
      for (guint g = 0; g < 16; g++)
        {
          __m128i m;

          if (g < 4)
            w[g] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * g)),
                                     byte_swap);
          else
            w[g % 4] = _mm_sha256msg2_epu32 (
              _mm_add_epi32 (_mm_sha256msg1_epu32 (w[g % 4], w[(g + 1) % 4]),
                             _mm_alignr_epi8 (w[(g + 3) % 4], w[(g + 2) % 4], 4)),
              w[(g + 3) % 4]);
          m = _mm_add_epi32 (w[g % 4],
                             _mm_loadu_si128 ((const __m128i *) &round_constants[4 * g]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, m);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (m, 0x0e));
        }
      abef = _mm_add_epi32 (abef, saved_abef);
      cdgh = _mm_add_epi32 (cdgh, saved_cdgh);
    }

  tmp = _mm_shuffle_epi32 (abef, 0x1b);  /* F E B A */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xb1); /* D C H G */
  _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (tmp, cdgh, 0xf0));
  _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (cdgh, tmp, 8));
}

static gboolean
cpu_has_sha_ni (void)
{
  unsigned int a, b, c, d;

  if (!__get_cpuid (1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1))
    return FALSE;
  if (!__get_cpuid_count (7, 0, &a, &b, &c, &d))
    return FALSE;
  return (b & (1u << 29)) != 0;   /* CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29] */
}
#endif

static gint force_portable;

void
_pathways_sha256_force_portable (gboolean portable)
{
  g_atomic_int_set (&force_portable, portable);
}

gboolean
pathways_sha256_accelerated (void)
{
#ifdef HAVE_SHA_NI_CODE
  static gsize detected = 0;
  static gboolean has = FALSE;

  if (g_once_init_enter (&detected))
    {
      has = cpu_has_sha_ni ();
      g_once_init_leave (&detected, 1);
    }
  return has && !g_atomic_int_get (&force_portable);
#else
  return FALSE;
#endif
}

static void
compress (guint32      *state,
          const guint8 *data,
          gsize         n_blocks)
{
#ifdef HAVE_SHA_NI_CODE
  if (pathways_sha256_accelerated ())
    {
      compress_sha_ni (state, data, n_blocks);
      return;
    }
#endif
  compress_portable (state, data, n_blocks);
}

void
pathways_sha256_init (PathwaysSha256 *self)
{
  g_return_if_fail (self != NULL);

  memcpy (self->state, initial_state, sizeof initial_state);
  self->n_bytes = 0;
}

void
pathways_sha256_update (PathwaysSha256 *self,
                        const void     *data,
                        gsize           len)
{
  const guint8 *p = data;
  gsize fill;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || len == 0);

  fill = self->n_bytes % 64;
  self->n_bytes += len;
  if (fill > 0)
    {
      gsize take = MIN (len, 64 - fill);

      memcpy (self->block + fill, p, take);
      p += take;
      len -= take;
      if (fill + take < 64)
        return;
      compress (self->state, self->block, 1);
    }
  if (len >= 64)
    {
      compress (self->state, p, len / 64);
      p += len & ~(gsize) 63;
      len &= 63;
    }
  memcpy (self->block, p, len);
}

void
pathways_sha256_finish (PathwaysSha256 *self,
                        guint8          digest[PATHWAYS_SHA256_SIZE])
{
  guint64 bits;
  gsize fill;

  g_return_if_fail (self != NULL);
  g_return_if_fail (digest != NULL);

  bits = self->n_bytes * 8;
  fill = self->n_bytes % 64;
  self->block[fill++] = 0x80;
  if (fill > 56)
    {
      memset (self->block + fill, 0, 64 - fill);
      compress (self->state, self->block, 1);
      fill = 0;
    }
  memset (self->block + fill, 0, 56 - fill);
  for (guint i = 0; i < 8; i++)
    self->block[56 + i] = (guint8) (bits >> (56 - 8 * i));
  compress (self->state, self->block, 1);
  for (guint i = 0; i < 8; i++)
    {
      digest[4 * i] = (guint8) (self->state[i] >> 24);
      digest[4 * i + 1] = (guint8) (self->state[i] >> 16);
      digest[4 * i + 2] = (guint8) (self->state[i] >> 8);
      digest[4 * i + 3] = (guint8) self->state[i];
    }
}

void
pathways_hmac_sha256_init (PathwaysHmacSha256 *self,
                           const guint8       *key,
                           gsize               key_len)
{
  guint8 pad[64] = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL || key_len == 0);

  if (key_len > sizeof pad)
    {
      PathwaysSha256 key_hash;

      pathways_sha256_init (&key_hash);
      pathways_sha256_update (&key_hash, key, key_len);
      pathways_sha256_finish (&key_hash, pad);
    }
  else if (key_len > 0)
    memcpy (pad, key, key_len);
  for (guint i = 0; i < sizeof pad; i++)
    pad[i] ^= 0x36;
  pathways_sha256_init (&self->inner);
  pathways_sha256_update (&self->inner, pad, sizeof pad);
  for (guint i = 0; i < sizeof pad; i++)
    pad[i] ^= 0x36 ^ 0x5c;
  pathways_sha256_init (&self->outer);
  pathways_sha256_update (&self->outer, pad, sizeof pad);
}

void
pathways_hmac_sha256_update (PathwaysHmacSha256 *self,
                             const void         *data,
                             gsize               len)
{
  g_return_if_fail (self != NULL);

  pathways_sha256_update (&self->inner, data, len);
}

void
pathways_hmac_sha256_finish (PathwaysHmacSha256 *self,
                             guint8              digest[PATHWAYS_SHA256_SIZE])
{
  guint8 inner[PATHWAYS_SHA256_SIZE];

  g_return_if_fail (self != NULL);
  g_return_if_fail (digest != NULL);

  pathways_sha256_finish (&self->inner, inner);
  pathways_sha256_update (&self->outer, inner, sizeof inner);
  pathways_sha256_finish (&self->outer, digest);
}

char *
pathways_sha256_file (const char  *path,
                      gint64      *out_size,
                      GError     **error)
{
  return pathways_sha256_file_cancellable (path, out_size, NULL, error);
}

char *
pathways_sha256_file_cancellable (const char    *path,
                                  gint64        *out_size,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  PathwaysSha256 hash;
  guint8 digest[PATHWAYS_SHA256_SIZE];
  char hex[2 * PATHWAYS_SHA256_SIZE + 1];
  g_autofree guint8 *buffer = g_malloc (1 << 20);
  gint64 size = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  pathways_sha256_init (&hash);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot open the file: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  for (;;)
    {
      ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
      n = read (fd, buffer, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("%s: cannot read the file: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      pathways_sha256_update (&hash, buffer, (gsize) n);
      size += n;
    }

  close (fd);

  if (out_size != NULL)
    *out_size = size;

  pathways_sha256_finish (&hash, digest);
  for (guint i = 0; i < PATHWAYS_SHA256_SIZE; i++)
    {
      hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
    }
  hex[2 * PATHWAYS_SHA256_SIZE] = '\0';
  return g_strdup (hex);
}
