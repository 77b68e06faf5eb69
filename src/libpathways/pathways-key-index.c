/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-key-index.c: the import's raw-text cache and identifier index
 * (pathways-key-index.h). */
#define G_LOG_DOMAIN "pathways-import"

#include "config.h"

#include "pathways-key-index.h"

RawCache *
_pathways_raw_cache_new (void)
{
  RawCache *cache = g_new0 (RawCache, 1);

  cache->mask = 63;
  cache->slots = g_new0 (RawSlot, cache->mask + 1);
  return cache;
}

void
_pathways_raw_cache_free (RawCache *cache)
{
  if (cache == NULL)
    return;
  for (guint i = 0; i <= cache->mask; i++)
    g_free (cache->slots[i].key);
  g_free (cache->slots);
  g_free (cache);
}

const char *
_pathways_raw_cache_insert (RawCache   *cache,
                            const char *text,
                            guint32     value)
{
  gsize len;
  guint32 h;
  guint i;

  if ((cache->n_used + 1) * 2 > cache->mask + 1)
    {
      RawSlot *old = cache->slots;
      guint old_size = cache->mask + 1;

      cache->mask = cache->mask * 2 + 1;
      cache->slots = g_new0 (RawSlot, cache->mask + 1);
      for (guint k = 0; k < old_size; k++)
        if (old[k].key != NULL)
          {
            for (i = old[k].hash & cache->mask; cache->slots[i].key != NULL; i = (i + 1) & cache->mask)
              ;
            cache->slots[i] = old[k];
          }
      g_free (old);
    }

  h = raw_hash (text, &len);
  for (i = h & cache->mask; cache->slots[i].key != NULL; i = (i + 1) & cache->mask)
    ;
  cache->slots[i].hash = h;
  cache->slots[i].value = value;
  cache->slots[i].key = g_strndup (text, len);
  cache->n_used++;
  return cache->slots[i].key;
}

KeyIndex *
_pathways_key_index_new (GPtrArray *strings)
{
  KeyIndex *ki = g_new0 (KeyIndex, 1);

  ki->strings = strings;
  ki->mask = 1023;
  ki->slots = g_new0 (guint32, ki->mask + 1);
  return ki;
}

void
_pathways_key_index_free (KeyIndex *ki)
{
  if (ki == NULL)
    return;
  g_free (ki->slots);
  g_free (ki);
}

static void
key_index_place (KeyIndex *ki,
                 guint32   index,
                 guint32   h)
{
  guint i;

  for (i = h & ki->mask; ki->slots[i] != 0; i = (i + 1) & ki->mask)
    ;
  ki->slots[i] = ki->wide ? index : index | (h >> 24) << 24;
}

void
_pathways_key_index_reserve (KeyIndex *ki,
                             guint64   n)
{
  guint32 *old = ki->slots;
  guint old_size = ki->mask + 1;
  guint size = old_size;
  gsize len;

  while (n * 10 > (guint64) size * 7 && size < (1u << 31))
    size *= 2;
  if (size == old_size)
    return;

  ki->mask = size - 1;
  ki->slots = g_new0 (guint32, size);
  for (guint k = 0; k < old_size; k++)
    if (old[k] != 0)
      {
        guint32 index = key_index_number (ki, old[k]);
        key_index_place (ki, index, raw_hash (g_ptr_array_index (ki->strings, index), &len));
      }
  g_free (old);
}

void
_pathways_key_index_insert (KeyIndex *ki,
                            guint32   index,
                            guint32   h)
{
  if ((ki->n_used + 1) * 10 > (ki->mask + 1) * 7)
    _pathways_key_index_reserve (ki, (guint64) ki->n_used + 1);
  if (!ki->wide && index > KEY_INDEX_NARROW_MAX)
    {
      /* no room left for the tags: the slots keep their places, without them */
      for (guint k = 0; k <= ki->mask; k++)
        ki->slots[k] &= KEY_INDEX_NARROW_MAX;
      ki->wide = TRUE;
    }

  key_index_place (ki, index, h);
  ki->n_used++;
}
