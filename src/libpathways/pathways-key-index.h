/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-key-index.h: the import's hash tables, internal to the import.
 *
 * A RawCache maps the raw text of a cell to a small value (a category code, or what
 * one part of a multi-category cell means); a KeyIndex maps an identifier to its key
 * number in a key column, to link services to cases and to intern person IDs. Both
 * are looked up once a cell or a row: the hash and the look-ups are inline here, the
 * rest (creation, insertion, growth) is in pathways-key-index.c.
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* A cache from raw cell text to a small value, for the hottest lookup of the import
 * (every category cell): open addressing with hashes kept beside the keys, so a lookup
 * is one hash of the text and usually one memcmp. Values are never 0. */
typedef struct {
  guint32  hash;
  guint32  value;
  char    *key;
} RawSlot;

typedef struct {
  RawSlot *slots;
  guint    mask;
  guint    n_used;
} RawCache;

/* A hash of LEN bytes, eight at a time (a byte at a time was a tenth of the cell
 * work), mixed at the end so that both the low bits (the slot) and the high byte (the
 * key index's tag) vary. */
static inline guint32
hash_len (const char *s,
          gsize       len)
{
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 h = len * k;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, s + i, sizeof w);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
  if (i < len)
    {
      guint64 w = 0;

      for (guint b = 0; i + b < len; b++)
        w |= (guint64) (guchar) s[i + b] << (8 * b);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
  h ^= h >> 32;
  h *= G_GUINT64_CONSTANT (0xd6e8feb86659fd93);
  h ^= h >> 32;
  return (guint32) h;
}

static inline guint32
raw_hash (const char *s,
          gsize      *out_len)
{
  *out_len = strlen (s);
  return hash_len (s, *out_len);
}

RawCache   *_pathways_raw_cache_new    (void);
void        _pathways_raw_cache_free   (RawCache   *cache);
/* Returns the cache's copy of TEXT, which lives as long as the cache. */
const char *_pathways_raw_cache_insert (RawCache   *cache,
                                        const char *text,
                                        guint32     value);

/* TEXT is LEN bytes long (and terminated). */
static inline guint32
raw_cache_lookup_len (RawCache   *cache,
                      const char *text,
                      gsize       len)
{
  guint32 h = hash_len (text, len);

  for (guint i = h & cache->mask;; i = (i + 1) & cache->mask)
    {
      RawSlot *slot = &cache->slots[i];
      if (slot->key == NULL)
        return 0;
      if (slot->hash == h && memcmp (slot->key, text, len + 1) == 0)
        return slot->value;
    }
}

/* An index from identifier text to its number in a key column's key_strings, for
 * linking services to cases and interning person IDs. A million-case import holds two
 * of these at its memory peak, so a slot is 4 bytes: the key number in the low 24 bits
 * and the high byte of its hash above, to skip most string comparisons (a GHashTable
 * needs 20 bytes or more); the text itself already lives in the column's string chunk.
 * Past 16,777,215 keys the slots become "wide": the key number alone, every candidate
 * compared as text. */
#define KEY_INDEX_NARROW_MAX 0xffffffu

typedef struct {
  GPtrArray *strings;   /* the column's key_strings, not owned */
  guint32   *slots;     /* 0: empty */
  guint      mask;
  guint      n_used;
  gboolean   wide;
} KeyIndex;

KeyIndex *_pathways_key_index_new     (GPtrArray *strings);
void      _pathways_key_index_free    (KeyIndex  *ki);
/* Makes room for N keys. Each doubling hashes every key again, reading its text from
 * wherever it is: an index that will hold a million keys is better sized once. */
void      _pathways_key_index_reserve (KeyIndex  *ki,
                                       guint64    n);
/* Adds key number INDEX, whose text is already in the column and hashes to H. */
void      _pathways_key_index_insert  (KeyIndex  *ki,
                                       guint32    index,
                                       guint32    h);

static inline guint32
key_index_number (KeyIndex *ki,
                  guint32   slot)
{
  return ki->wide ? slot : slot & KEY_INDEX_NARROW_MAX;
}

/* Starts loading the slot where a key hashing to H is looked for first. */
static inline void
key_index_prefetch (KeyIndex *ki,
                    guint32   h)
{
  __builtin_prefetch (&ki->slots[h & ki->mask]);
}

/* Number of the LEN bytes at TEXT (H = hash_len (TEXT, LEN)) in the column, 0 when
 * absent. The caller hashes once for the lookup and the insertion that may follow. */
static inline guint32
key_index_find (KeyIndex   *ki,
                const char *text,
                gsize       len,
                guint32     h)
{
  guint32 tag = h >> 24;

  for (guint i = h & ki->mask;; i = (i + 1) & ki->mask)
    {
      guint32 slot = ki->slots[i];
      guint32 index;
      const char *key;

      if (slot == 0)
        return 0;
      if (!ki->wide && slot >> 24 != tag)
        continue;
      index = key_index_number (ki, slot);
      key = g_ptr_array_index (ki->strings, index);
      if (strncmp (key, text, len) == 0 && key[len] == '\0')
        return index;
    }
}

G_END_DECLS
