/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the mapping file parser over arbitrary bytes.
 *
 * A mapping that parses must survive a round trip: written back with
 * pathways_mapping_to_data and parsed again, it is equal to the first one and writes
 * the same text. An input that does not parse gives a GError of the mapping domain
 * with a UTF-8 message. */
#define G_LOG_DOMAIN "fuzz-mapping"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "pathways-mapping.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysMapping) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  /* A g_critical or g_warning is a bug too (such as a NULL node handed to json-glib). */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* The parser takes a length, so the bytes need no terminator; give it none, so that
   * a read past the end is caught by AddressSanitizer. */
  mapping = pathways_mapping_new_from_data (size > 0 ? (const char *) data : "",
                                            (gssize) size, &error);
  if (mapping == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == PATHWAYS_MAPPING_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);

  text = pathways_mapping_to_data (mapping);
  g_assert (text != NULL);
  g_assert (g_utf8_validate (text, -1, NULL));

  again = pathways_mapping_new_from_data (text, -1, &error);
  if (again == NULL)
    g_error ("a written mapping does not parse again: %s\n%s", error->message, text);
  g_assert (pathways_mapping_equal (mapping, again));

  text_again = pathways_mapping_to_data (again);
  g_assert_cmpstr (text, ==, text_again);
  return 0;
}
