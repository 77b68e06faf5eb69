/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-csv.c: buffered CSV output for the sample-data generator.
 *
 * Fields are quoted only when they need it; numbers and dates are formatted by hand
 * (no locale, no printf), which keeps the output the same everywhere and fast.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pathways-generate-private.h"

static void
out_flush (Out *out)
{
  if (out->len > 0 && !out->failed)
    {
      if (fwrite (out->buf, 1, out->len, out->fp) != out->len)
        {
          out->failed = TRUE;
          out->saved_errno = errno;
        }
    }
  out->bytes += out->len;
  out->len = 0;
}

static inline void
out_reserve (Out   *out,
             gsize  n)
{
  if (out->len + n > out->cap)
    out_flush (out);
}

static inline void
out_raw (Out        *out,
         const char *s,
         gsize       n)
{
  out_reserve (out, n);
  memcpy (out->buf + out->len, s, n);
  out->len += n;
}

static inline void
out_sep (Out *out)
{
  if (!out->first_field)
    {
      out_reserve (out, 1);
      out->buf[out->len++] = out->delimiter;
    }
  out->first_field = FALSE;
}

void
out_field (Out        *out,
           const char *s)
{
  gboolean quote = FALSE;
  gsize n;

  out_sep (out);
  if (s == NULL)
    return;
  for (n = 0; s[n] != '\0'; n++)
    if (s[n] == out->delimiter || s[n] == '"' || s[n] == '\n' || s[n] == '\r')
      quote = TRUE;
  if (!quote)
    {
      out_raw (out, s, n);
      return;
    }
  out_raw (out, "\"", 1);
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '"')
        out_raw (out, "\"\"", 2);
      else
        out_raw (out, p, 1);
    }
  out_raw (out, "\"", 1);
}

void
out_eol (Out *out)
{
  if (out->crlf)
    out_raw (out, "\r\n", 2);
  else
    out_raw (out, "\n", 1);
  out->first_field = TRUE;
}

/* An identifier: prefix and a zero-padded number of WIDTH digits. */
void
out_id (Out        *out,
        const char *prefix,
        guint64     number,
        guint       width)
{
  char tmp[32];
  guint n = 0;
  gsize plen = strlen (prefix);

  out_sep (out);
  do
    {
      tmp[n++] = (char) ('0' + number % 10);
      number /= 10;
    }
  while (number > 0 && n < sizeof tmp);
  while (n < width && n < sizeof tmp)
    tmp[n++] = '0';
  out_reserve (out, plen + n);
  memcpy (out->buf + out->len, prefix, plen);
  out->len += plen;
  while (n > 0)
    out->buf[out->len++] = tmp[--n];
}

static inline void
put2 (char   *p,
      gint32  v)
{
  p[0] = (char) ('0' + v / 10);
  p[1] = (char) ('0' + v % 10);
}

static inline void
put4 (char   *p,
      gint32  v)
{
  p[0] = (char) ('0' + v / 1000 % 10);
  p[1] = (char) ('0' + v / 100 % 10);
  p[2] = (char) ('0' + v / 10 % 10);
  p[3] = (char) ('0' + v % 10);
}

/* Writes a date as ISO or UK text from its parts; the parts need not form a real
 * date (planted impossible dates are written this way). */
void
out_ymd (Out    *out,
         gint32  y,
         gint32  m,
         gint32  d)
{
  char *p;

  out_sep (out);
  out_reserve (out, 10);
  p = out->buf + out->len;
  if (out->uk_dates)
    {
      put2 (p, d);
      p[2] = '/';
      put2 (p + 3, m);
      p[5] = '/';
      put4 (p + 6, y);
    }
  else
    {
      put4 (p, y);
      p[4] = '-';
      put2 (p + 5, m);
      p[7] = '-';
      put2 (p + 8, d);
    }
  out->len += 10;
}

void
out_date (Out    *out,
          gint32  day)
{
  gint32 y, m, d;

  if (day == NO_DATE)
    {
      out_sep (out);
      return;
    }
  civil_from_days (day, &y, &m, &d);
  out_ymd (out, y, m, d);
}

gboolean
out_open (Out         *out,
          const char  *dir,
          const char  *name,
          gboolean     crlf,
          gboolean     uk_dates,
          GError     **error)
{
  memset (out, 0, sizeof *out);
  out->path = g_build_filename (dir, name, NULL);
  out->fp = g_fopen (out->path, "wb");
  if (out->fp == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: cannot create the file: %s", out->path, g_strerror (saved));
      g_clear_pointer (&out->path, g_free);
      return FALSE;
    }
  out->cap = 4 << 20;
  out->buf = g_malloc (out->cap);
  out->crlf = crlf;
  out->uk_dates = uk_dates;
  out->delimiter = ',';
  out->first_field = TRUE;
  return TRUE;
}

gboolean
out_close (Out     *out,
           GError **error)
{
  gboolean ok;

  if (out->fp == NULL)
    return TRUE;
  out_flush (out);
  if (fclose (out->fp) != 0 && !out->failed)
    {
      out->failed = TRUE;
      out->saved_errno = errno;
    }
  out->fp = NULL;
  ok = !out->failed;
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (out->saved_errno),
                 "%s: cannot write the file: %s", out->path,
                 g_strerror (out->saved_errno));
  g_clear_pointer (&out->buf, g_free);
  g_clear_pointer (&out->path, g_free);
  return ok;
}
