/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-i18n"

#include "config.h"

#include "pathways-i18n.h"

#include <libintl.h>
#include <stdlib.h>

/* One language's messages, read once from its .mo file and kept for the process. The
 * keys and values point into DATA. */
typedef struct {
  char       *language;
  char       *data;
  gsize       size;
  GHashTable *messages;   /* msgid (or "context\004msgid") → Message */
  guint       nplurals;
  char       *plural;     /* the C expression of the header's Plural-Forms, in n */
} Catalogue;

typedef struct {
  const char *text;       /* the translation; plural forms separated by NULs */
  guint32     length;     /* of all of them */
} Message;

/* "en": the sources' own English, which needs no catalogue */
static Catalogue english = { (char *) "en", NULL, 0, NULL, 2, NULL };

static GPrivate current = G_PRIVATE_INIT (NULL);
G_LOCK_DEFINE_STATIC (catalogues);
static GHashTable *catalogues;   /* "folder/language" → Catalogue, never freed */

G_DEFINE_QUARK (pathways-i18n-error-quark, pathways_i18n_error)

/* ---- plural expressions ---------------------------------------------------------
 *
 * The header's "plural=" is a C expression in n with ?:, ||, &&, comparisons,
 * + - * / % and !; evaluated by recursive descent, straight from the text. An
 * expression it cannot read gives form 0, and the caller keeps to the forms there are. */

typedef struct {
  const char *p;
  gulong      n;
  gboolean    failed;
} Plural;

static gulong plural_ternary (Plural *e);

static void
plural_space (Plural *e)
{
  while (g_ascii_isspace (*e->p))
    e->p++;
}

static gboolean
plural_accept (Plural     *e,
               const char *token)
{
  gsize len = strlen (token);

  plural_space (e);
  /* "<" must not take the first half of "<=", nor "!" of "!=" */
  if (strncmp (e->p, token, len) != 0 ||
      (len == 1 && strchr ("<>!=", token[0]) != NULL && e->p[1] == '='))
    return FALSE;
  e->p += len;
  return TRUE;
}

static gulong
plural_primary (Plural *e)
{
  plural_space (e);
  if (plural_accept (e, "!"))
    return !plural_primary (e);
  if (plural_accept (e, "("))
    {
      gulong v = plural_ternary (e);

      if (!plural_accept (e, ")"))
        e->failed = TRUE;
      return v;
    }
  if (*e->p == 'n')
    {
      e->p++;
      return e->n;
    }
  if (g_ascii_isdigit (*e->p))
    {
      char *end = NULL;
      gulong v = strtoul (e->p, &end, 10);

      e->p = end;
      return v;
    }
  e->failed = TRUE;
  return 0;
}

static gulong
plural_product (Plural *e)
{
  gulong v = plural_primary (e);

  for (;;)
    {
      if (plural_accept (e, "*"))
        v *= plural_primary (e);
      else if (plural_accept (e, "/") || plural_accept (e, "%"))
        {
          gboolean divide = e->p[-1] == '/';
          gulong d = plural_primary (e);

          v = d == 0 ? 0 : divide ? v / d : v % d;
        }
      else
        return v;
    }
}

static gulong
plural_sum (Plural *e)
{
  gulong v = plural_product (e);

  for (;;)
    {
      if (plural_accept (e, "+"))
        v += plural_product (e);
      else if (plural_accept (e, "-"))
        v -= plural_product (e);
      else
        return v;
    }
}

static gulong
plural_compare (Plural *e)
{
  gulong v = plural_sum (e);

  for (;;)
    {
      if (plural_accept (e, "<="))
        v = v <= plural_sum (e);
      else if (plural_accept (e, ">="))
        v = v >= plural_sum (e);
      else if (plural_accept (e, "<"))
        v = v < plural_sum (e);
      else if (plural_accept (e, ">"))
        v = v > plural_sum (e);
      else if (plural_accept (e, "=="))
        v = v == plural_sum (e);
      else if (plural_accept (e, "!="))
        v = v != plural_sum (e);
      else
        return v;
    }
}

static gulong
plural_and (Plural *e)
{
  gulong v = plural_compare (e);

  while (plural_accept (e, "&&"))
    {
      gulong w = plural_compare (e);
      v = v && w;
    }
  return v;
}

static gulong
plural_or (Plural *e)
{
  gulong v = plural_and (e);

  while (plural_accept (e, "||"))
    {
      gulong w = plural_and (e);
      v = v || w;
    }
  return v;
}

static gulong
plural_ternary (Plural *e)
{
  gulong v = plural_or (e);

  if (plural_accept (e, "?"))
    {
      gulong a = plural_ternary (e);
      gulong b;

      if (!plural_accept (e, ":"))
        e->failed = TRUE;
      b = plural_ternary (e);
      return v ? a : b;
    }
  return v;
}

static guint
plural_index (const Catalogue *catalogue,
              gulong           n)
{
  Plural e = { catalogue->plural, n, FALSE };
  gulong v;

  if (catalogue->plural == NULL)
    return n == 1 ? 0 : 1;
  v = plural_ternary (&e);
  plural_space (&e);
  if (e.failed || (*e.p != '\0' && *e.p != ';'))
    return 0;
  return v < catalogue->nplurals ? (guint) v : 0;
}

/* ---- .mo files ---------------------------------------------------------------- */

static guint32
read_u32 (const char *data,
          gsize       offset,
          gboolean    big_endian)
{
  const guint8 *p = (const guint8 *) data + offset;

  if (big_endian)
    return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* The string of table entry I at TABLE, or NULL when it lies outside the file or is
 * not NUL-terminated. */
static const char *
mo_string (const Catalogue *c,
           guint32          table,
           guint32          i,
           gboolean         big_endian,
           guint32         *length)
{
  guint64 entry = (guint64) table + (guint64) i * 8;
  guint32 len, offset;

  if (entry + 8 > c->size)
    return NULL;
  len = read_u32 (c->data, entry, big_endian);
  offset = read_u32 (c->data, entry + 4, big_endian);
  if ((guint64) offset + len >= c->size || c->data[offset + len] != '\0')
    return NULL;
  *length = len;
  return c->data + offset;
}

static void
read_header (Catalogue  *c,
             const char *header)
{
  const char *forms = strstr (header, "Plural-Forms:");
  const char *nplurals, *plural;

  if (forms == NULL)
    return;
  nplurals = strstr (forms, "nplurals=");
  plural = strstr (forms, "plural=");
  if (plural == nplurals + 2)   /* the "plural=" inside "nplurals=" */
    plural = strstr (nplurals + 9, "plural=");
  if (nplurals == NULL || plural == NULL)
    return;
  c->nplurals = (guint) CLAMP (strtoul (nplurals + 9, NULL, 10), 1, 16);
  c->plural = g_strndup (plural + 7, strcspn (plural + 7, ";\n"));
}

static Catalogue *
catalogue_read (const char  *language,
                const char  *path,
                GError     **error)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  Catalogue *c;
  gboolean big_endian;
  guint32 n, originals, translations;

  if (!g_file_get_contents (path, &data, &size, error))
    return NULL;
  if (size < 28 ||
      (read_u32 (data, 0, FALSE) != 0x950412de && read_u32 (data, 0, TRUE) != 0x950412de))
    {
      g_set_error (error, PATHWAYS_I18N_ERROR, PATHWAYS_I18N_ERROR_UNKNOWN_LANGUAGE,
                   _("“%s” is not a message catalogue"), path);
      return NULL;
    }
  big_endian = read_u32 (data, 0, FALSE) != 0x950412de;
  n = read_u32 (data, 8, big_endian);
  originals = read_u32 (data, 12, big_endian);
  translations = read_u32 (data, 16, big_endian);

  c = g_new0 (Catalogue, 1);
  c->language = g_strdup (language);
  c->data = g_steal_pointer (&data);
  c->size = size;
  c->nplurals = 2;
  c->messages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = 0, len = 0;
      const char *id = mo_string (c, originals, i, big_endian, &id_len);
      const char *text = mo_string (c, translations, i, big_endian, &len);
      Message *m;

      if (id == NULL || text == NULL)
        {
          g_warning ("%s: entry %u lies outside the file; the rest is left out", path, i);
          break;
        }
      if (id[0] == '\0')
        {
          read_header (c, text);
          continue;
        }
      m = g_new (Message, 1);
      m->text = text;
      m->length = len;
      /* a plural entry's original is "msgid\0msgid_plural": the key ends at the NUL */
      g_hash_table_insert (c->messages, (gpointer) id, m);
    }
  return c;
}

/* The catalogue of LANGUAGE ("cy_GB.UTF-8@mod", "cy_GB", "cy" tried in turn), read on
 * first use; &english for English; NULL when there is none. */
static Catalogue *
catalogue_find (const char *language)
{
  const char *folder = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *name = g_strdup (language);
  Catalogue *found = NULL;

  if (g_str_equal (language, "C") || g_str_equal (language, "POSIX") ||
      g_str_has_prefix (language, "C."))
    return &english;
  if (folder == NULL)
    folder = LOCALEDIR;

  G_LOCK (catalogues);
  if (catalogues == NULL)
    catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (;;)
    {
      g_autofree char *key = g_build_filename (folder, name, NULL);
      g_autofree char *path = g_build_filename (folder, name, "LC_MESSAGES",
                                                GETTEXT_PACKAGE ".mo", NULL);
      char *cut;

      found = g_hash_table_lookup (catalogues, key);
      if (found == NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GError) error = NULL;

          found = catalogue_read (name, path, &error);
          if (found == NULL)
            g_warning ("%s", error->message);
          else
            g_hash_table_insert (catalogues, g_steal_pointer (&key), found);
        }
      if (found == NULL && g_str_equal (name, "en"))
        found = &english;
      if (found != NULL)
        break;
      /* cy_GB.UTF-8@mod → cy_GB.UTF-8 → cy_GB → cy */
      if ((cut = strrchr (name, '@')) != NULL || (cut = strrchr (name, '.')) != NULL ||
          (cut = strrchr (name, '_')) != NULL)
        *cut = '\0';
      else
        break;
    }
  G_UNLOCK (catalogues);
  return found;
}

const char *
pathways_i18n_get_localedir (void)
{
  const char *env = g_getenv ("PATHWAYS_LOCALEDIR");

  return env != NULL && env[0] != '\0' ? env : LOCALEDIR;
}

gboolean
pathways_i18n_set_language (const char  *language,
                            GError     **error)
{
  Catalogue *c = NULL;

  if (language != NULL && language[0] != '\0')
    {
      c = catalogue_find (language);
      if (c == NULL)
        {
          g_set_error (error, PATHWAYS_I18N_ERROR, PATHWAYS_I18N_ERROR_UNKNOWN_LANGUAGE,
                       _("There is no translation into “%s”"), language);
          return FALSE;
        }
    }
  g_private_set (&current, c);
  return TRUE;
}

const char *
pathways_i18n_get_language (void)
{
  Catalogue *c = g_private_get (&current);

  return c != NULL ? c->language : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
pathways_i18n_list_languages (void)
{
  const char *folder = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder != NULL ? folder : LOCALEDIR, 0, NULL);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  const char *name;

  g_ptr_array_add (out, g_strdup ("en"));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder != NULL ? folder : LOCALEDIR, name,
                                                "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

      if (!g_str_equal (name, "en") && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_strdup (name));
    }
  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

const char *
pathways_i18n_get_language_name (const char *language)
{
  /* each language named in itself, as language choosers do */
  static const struct { const char *code, *name; } names[] = {
    { "cy", "Cymraeg" },
    { "en", "English" },
    { "en_GB", "English (United Kingdom)" },
  };

  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].code, language))
      return names[i].name;
  return language;
}

static const Message *
lookup (const char  *domain,
        const char  *msgid,
        Catalogue  **catalogue)
{
  Catalogue *c = g_private_get (&current);

  *catalogue = c;
  if (c == NULL || c->messages == NULL || domain == NULL ||
      !g_str_equal (domain, GETTEXT_PACKAGE))
    return NULL;
  return g_hash_table_lookup (c->messages, msgid);
}

const char *
pathways_i18n_dgettext (const char *domain,
                        const char *msgid)
{
  Catalogue *c;
  const Message *m = lookup (domain, msgid, &c);

  if (m != NULL && m->text[0] != '\0')
    return m->text;
  if (c != NULL)
    return msgid;
  return (g_dgettext) (domain, msgid);
}

const char *
pathways_i18n_dngettext (const char *domain,
                         const char *msgid,
                         const char *msgid_plural,
                         gulong      n)
{
  Catalogue *c;
  const Message *m = lookup (domain, msgid, &c);

  if (m != NULL)
    {
      const char *text = m->text;
      const char *end = m->text + m->length;

      /* form I is after I NULs; one that is missing or empty falls back to English */
      for (guint i = plural_index (c, n); i > 0 && text < end; i--)
        text += strlen (text) + 1;
      if (text < end && text[0] != '\0')
        return text;
    }
  if (c != NULL)
    return n == 1 ? msgid : msgid_plural;
  return (g_dngettext) (domain, msgid, msgid_plural, n);
}

const char *
pathways_i18n_dpgettext (const char *domain,
                         const char *msgctxtid,
                         gsize       msgidoffset)
{
  Catalogue *c;
  const Message *m = lookup (domain, msgctxtid, &c);

  if (m != NULL && m->text[0] != '\0')
    return m->text;
  if (c != NULL)
    return msgctxtid + msgidoffset;
  return g_dpgettext (domain, msgctxtid, msgidoffset);
}

const char *
pathways_i18n_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  switch (month)
    {
    case 1: return C_("month", "January");
    case 2: return C_("month", "February");
    case 3: return C_("month", "March");
    case 4: return C_("month", "April");
    case 5: return C_("month", "May");
    case 6: return C_("month", "June");
    case 7: return C_("month", "July");
    case 8: return C_("month", "August");
    case 9: return C_("month", "September");
    case 10: return C_("month", "October");
    case 11: return C_("month", "November");
    default: return C_("month", "December");
    }
}

const char *
pathways_i18n_month_abbrev (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  /* Translators: months in dates such as "4 May 2023" in tables; keep them short */
  switch (month)
    {
    case 1: return C_("month abbreviation", "Jan");
    case 2: return C_("month abbreviation", "Feb");
    case 3: return C_("month abbreviation", "Mar");
    case 4: return C_("month abbreviation", "Apr");
    case 5: return C_("month abbreviation", "May");
    case 6: return C_("month abbreviation", "Jun");
    case 7: return C_("month abbreviation", "Jul");
    case 8: return C_("month abbreviation", "Aug");
    case 9: return C_("month abbreviation", "Sep");
    case 10: return C_("month abbreviation", "Oct");
    case 11: return C_("month abbreviation", "Nov");
    default: return C_("month abbreviation", "Dec");
    }
}

char *
pathways_i18n_format_date (GDateTime  *datetime,
                           const char *format)
{
  GString *pattern;
  int month;

  g_return_val_if_fail (datetime != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  month = g_date_time_get_month (datetime);
  pattern = g_string_sized_new (strlen (format) + 16);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && (p[1] == 'B' || p[1] == 'b'))
        {
          const char *name = p[1] == 'B' ? pathways_i18n_month_name (month)
                                         : pathways_i18n_month_abbrev (month);

          /* the name goes in as text: a % in it would be a conversion */
          for (const char *q = name; *q != '\0'; q++)
            {
              if (*q == '%')
                g_string_append_c (pattern, '%');
              g_string_append_c (pattern, *q);
            }
          p++;
        }
      else if (p[0] == '%' && p[1] != '\0')
        {
          g_string_append_len (pattern, p, 2);
          p++;
        }
      else
        g_string_append_c (pattern, *p);
    }
  {
    g_autofree char *pattern_text = g_string_free (pattern, FALSE);

    return g_date_time_format (datetime, pattern_text);
  }
}
