/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Our SHA-256 and HMAC-SHA-256 (pathways-sha256.c) against the published test vectors
 * and against GLib's GChecksum and GHmac, with the CPU's SHA instructions and with
 * the portable code: the source hashes and the record keys must not change. */
#include "config.h"

#include <glib/gstdio.h>

#include "pathways.h"
#include "pathways-sha256.h"

static char *
hex (const guint8 *digest)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < PATHWAYS_SHA256_SIZE; i++)
    g_string_append_printf (s, "%02x", digest[i]);
  return g_string_free (s, FALSE);
}

static char *
sha256_in_pieces (const guint8 *data,
                  gsize         len,
                  gsize         piece)
{
  PathwaysSha256 hash;
  guint8 digest[PATHWAYS_SHA256_SIZE];

  pathways_sha256_init (&hash);
  for (gsize done = 0; done < len; done += MIN (piece, len - done))
    pathways_sha256_update (&hash, data + done, MIN (piece, len - done));
  pathways_sha256_finish (&hash, digest);
  return hex (digest);
}

/* FIPS 180-4 examples (NIST's "SHA256.pdf"): "abc" and the two-block message. */
static void
check_vectors (void)
{
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  g_autofree char *empty = sha256_in_pieces ((const guint8 *) "", 0, 1);
  g_autofree char *abc = sha256_in_pieces ((const guint8 *) "abc", 3, 1);
  g_autofree char *two_blocks = sha256_in_pieces ((const guint8 *) two, strlen (two), 7);

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (two_blocks, ==, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* Every length from 0 to 300 bytes (each padding case: 55, 56, 63, 64 and 119, 120
 * bytes are the edges), whole and in pieces of 1, 3, 64 and 65 bytes, against GChecksum. */
static void
check_against_gchecksum (void)
{
  guint8 data[300];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 131 + 7);
  for (gsize len = 0; len <= sizeof data; len++)
    {
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
      const gsize pieces[] = { G_MAXSIZE, 1, 3, 64, 65 };

      for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
        {
          g_autofree char *got = sha256_in_pieces (data, len, pieces[k]);

          g_assert_cmpstr (got, ==, expected);
        }
    }
}

/* RFC 4231 test case 2 ("Jefe"), a key longer than a block (case 6), and record-key
 * shaped messages with a 32-byte key against GHmac, also from a copied prototype. */
static void
check_hmac (void)
{
  const char *case6 = "Test Using Larger Than Block-Size Key - Hash Key First";
  PathwaysHmacSha256 hmac, proto;
  guint8 key[131], secret[32], digest[PATHWAYS_SHA256_SIZE];
  g_autofree char *jefe = NULL;
  g_autofree char *long_key = NULL;

  pathways_hmac_sha256_init (&hmac, (const guint8 *) "Jefe", 4);
  pathways_hmac_sha256_update (&hmac, "what do ya want ", 16);
  pathways_hmac_sha256_update (&hmac, "for nothing?", 12);
  pathways_hmac_sha256_finish (&hmac, digest);
  jefe = hex (digest);
  g_assert_cmpstr (jefe, ==, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

  memset (key, 0xaa, sizeof key);
  pathways_hmac_sha256_init (&hmac, key, sizeof key);
  pathways_hmac_sha256_update (&hmac, case6, strlen (case6));
  pathways_hmac_sha256_finish (&hmac, digest);
  long_key = hex (digest);
  g_assert_cmpstr (long_key, ==, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

  for (guint i = 0; i < sizeof secret; i++)
    secret[i] = (guint8) (255 - i * 3);
  pathways_hmac_sha256_init (&proto, secret, sizeof secret);
  for (guint n = 0; n < 200; n += 7)
    {
      g_autofree char *id = g_strdup_printf ("case:C%0*u", (int) (n % 90) + 1, n);
      g_autoptr(GHmac) expected = g_hmac_new (G_CHECKSUM_SHA256, secret, sizeof secret);
      g_autofree char *ours = NULL;

      g_hmac_update (expected, (const guchar *) id, -1);
      hmac = proto;
      pathways_hmac_sha256_update (&hmac, id, strlen (id));
      pathways_hmac_sha256_finish (&hmac, digest);
      ours = hex (digest);
      g_assert_cmpstr (ours, ==, g_hmac_get_string (expected));
    }
}

/* A file of 3 MB and 17 bytes (more than the 1 MB read block) hashes as GChecksum
 * hashes its contents. */
static void
check_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-sha256-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.bin", NULL);
  gsize len = 3 * 1024 * 1024 + 17;
  g_autofree guint8 *data = g_malloc (len);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size = 0;

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) ((i * 2654435761u) >> 13);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, NULL));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  got = pathways_sha256_file (path, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (size, ==, (gint64) len);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_portable (void)
{
  _pathways_sha256_force_portable (TRUE);
  g_assert_false (pathways_sha256_accelerated ());
  check_vectors ();
  check_against_gchecksum ();
  check_hmac ();
  check_file ();
  _pathways_sha256_force_portable (FALSE);
}

static void
test_accelerated (void)
{
  if (!pathways_sha256_accelerated ())
    g_test_message ("this CPU has no SHA instructions: the portable code again");
  check_vectors ();
  check_against_gchecksum ();
  check_hmac ();
  check_file ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sha256/portable", test_portable);
  g_test_add_func ("/sha256/accelerated", test_accelerated);
  return g_test_run ();
}
