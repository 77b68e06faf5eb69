/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays a fuzzing corpus without libFuzzer: calls LLVMFuzzerTestOneInput on every
 * file of the folders (or files) given, so the corpus runs as a regression test in
 * every build. */
#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return TRUE;
}

int
main (int argc, char **argv)
{
  guint n_files = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s CORPUS-FOLDER-OR-FILE...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          if (!replay_file (argv[i]))
            return 1;
          n_files++;
          continue;
        }

      dir = g_dir_open (argv[i], 0, NULL);
      if (dir == NULL)
        {
          g_printerr ("%s: cannot open the folder\n", argv[i]);
          return 1;
        }
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);   /* sorted: same order each run */

      for (guint k = 0; k < names->len; k++)
        {
          const char *path = g_ptr_array_index (names, k);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          if (!replay_file (path))
            return 1;
          n_files++;
        }
    }

  if (n_files == 0)
    {
      g_printerr ("no corpus file found\n");
      return 1;
    }
  g_print ("replayed %u files\n", n_files);
  return 0;
}
