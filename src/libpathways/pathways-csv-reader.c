/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-csv-reader.c: a streaming CSV reader.
 *
 * The file is read in blocks into one reusable text buffer, decoded to UTF-8 on the way
 * in (plain UTF-8 is only validated, in place). Records are split in that buffer: each
 * field is terminated with a NUL where its delimiter was, quoted fields are unescaped in
 * place, so a row costs no allocation. The buffer only ever holds the current row plus
 * one block; a row that is still incomplete at the end of the buffer is moved to the
 * front before the next block is read, and the parser resumes where it stopped.
 */
#define G_LOG_DOMAIN "pathways-csv-reader"

#include "config.h"

#include "pathways-csv-reader.h"
#include "pathways-format.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathways-i18n.h"
#include <glib/gstdio.h>

#include "pathways-row-reader-private.h"
#include "pathways-csv-reader-private.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define BLOCK_SIZE        (256 * 1024)
/* A row holds at most this many bytes, so that many columns of large cells cannot make
 * memory grow without bound. */
#define MAX_ROW_SIZE      ((gsize) 4 * PATHWAYS_MAX_FIELD_SIZE)
/* How far the delimiter sniffer looks for the end of the header line. */
#define HEADER_SCAN_LIMIT ((gsize) 4 * 1024 * 1024)


typedef enum {
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,  /* saw a quote inside a quoted field: closing or doubled? */
  STATE_AFTER_QUOTED,     /* text after the closing quote, kept as it is */
} ParseState;

typedef enum {
  PARSE_RECORD,
  PARSE_END,
  PARSE_ERROR,
  PARSE_LIMIT,    /* the first part of a split file is read */
} ParseResult;


/* Windows-1252 0x80–0x9F; the five undefined bytes map to U+FFFD. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* "'Name'" when the header names column INDEX (0-based), else its 1-based number. */
static char *
column_label (PathwaysCsvReader *self,
              guint              index)
{
  GPtrArray *header = self->parent.header;

  if (header != NULL && index < header->len)
    return g_strdup_printf ("'%s'", (const char *) g_ptr_array_index (header, index));
  return g_strdup_printf ("%u", index + 1);
}

static void
set_cell_error (PathwaysCsvReader  *self,
                GError            **error,
                PathwaysReaderError code,
                guint               column,
                const char         *what)
{
  g_autofree char *row = pathways_format_count (self->records + 1);
  g_autofree char *col = column_label (self, column);

  g_set_error (error, PATHWAYS_READER_ERROR, code,
               /* Translators: "cases.csv: row 1,204, column 'Name': <problem>" */
               _("%s: row %s, column %s: %s"), self->name, row, col, what);
}

/* ---------------------------------------------------------------------------------- */
/* Reading and decoding                                                                */

static gssize
read_source (PathwaysCsvReader  *self,
             guint8             *dest,
             gsize               max,
             GError            **error)
{
  gssize n;

  if (self->bytes != NULL)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (self->bytes, &len);

      n = (gssize) MIN (max, len - self->bytes_offset);
      if (n > 0)
        memcpy (dest, data + self->bytes_offset, n);
      self->bytes_offset += n;
    }
  else
    {
      if (self->limit > 0)
        max = (gsize) MIN ((guint64) max, self->limit - MIN (self->consumed, self->limit));
      do
        n = read (self->fd, dest, max);
      while (n < 0 && errno == EINTR);

      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                       _("%s: cannot read the file: %s"), self->name, g_strerror (saved_errno));
          return -1;
        }
    }

  self->consumed += n;
  return n;
}

/* Reads until MAX bytes or the end of the source. */
static gssize
read_source_full (PathwaysCsvReader  *self,
                  guint8             *dest,
                  gsize               max,
                  GError            **error)
{
  gsize total = 0;

  while (total < max)
    {
      gssize n = read_source (self, dest + total, max - total, error);
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      total += n;
    }
  return total;
}

/* The offset of the first byte from R on that ends an unquoted field (STOP: the
 * delimiter, CR, LF and NUL). P[AVAIL] is the buffer's NUL sentinel. With SSE2 (every
 * x86-64) sixteen bytes are compared at a time while they lie before AVAIL, so nothing
 * past the text is read; the table finishes the scan. A typical cell is 5 to 20 bytes,
 * which the table alone walks a byte at a time (parse_record was 10 % of a 1 M-case
 * summary's CPU, docs/performance.md). */
static inline gsize
scan_unquoted (const guint8 *p,
               gsize         r,
               gsize         avail,
               const guint8 *stop,
               guint8        delimiter)
{
#ifdef __SSE2__
  const __m128i d = _mm_set1_epi8 ((char) delimiter);
  const __m128i lf = _mm_set1_epi8 ('\n');
  const __m128i cr = _mm_set1_epi8 ('\r');
  const __m128i nul = _mm_setzero_si128 ();

  for (; r + 16 <= avail; r += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (p + r));
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, d), _mm_cmpeq_epi8 (v, lf)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (v, cr), _mm_cmpeq_epi8 (v, nul)));
      unsigned int bits = (unsigned int) _mm_movemask_epi8 (hit);

      if (bits != 0)
        return r + (gsize) __builtin_ctz (bits);
    }
#endif
  while (!stop[p[r]])
    r++;
  return r;
}

/* Length of the leading run of ASCII bytes that are not NUL. */
static inline gsize
ascii_prefix_len (const guint8 *p,
                  gsize         len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, p + i, sizeof w);
      if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
        break;
    }
  while (i < len && p[i] != 0 && p[i] < 0x80)
    i++;
  return i;
}

/* Length of the leading valid UTF-8 of P, NUL bytes excluded: what
 * g_utf8_validate_len() accepts (no overlong forms, no surrogates, nothing above
 * U+10FFFF), but going back to eight ASCII bytes at a time after each other character.
 * Exports write a dash or an accent on most rows, and g_utf8_validate_len() read the
 * rest of the block a byte at a time from the first one. A sequence cut off by the end
 * of P is not counted. */
static gsize
utf8_valid_len (const guint8 *p,
                gsize         len)
{
  gsize i = 0;

  for (;;)
    {
      guint8 c;

      i += ascii_prefix_len (p + i, len - i);
      if (i == len)
        return len;
      c = p[i];
      if (c >= 0xC2 && c <= 0xDF)
        {
          if (len - i < 2 || (p[i + 1] & 0xC0) != 0x80)
            return i;
          i += 2;
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          if (len - i < 3 || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 ||
              (c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F))
            return i;
          i += 3;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          if (len - i < 4 || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 ||
              (p[i + 3] & 0xC0) != 0x80 ||
              (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))
            return i;
          i += 4;
        }
      else
        return i;   /* NUL, a lone continuation byte, C0, C1, F5 and above */
    }
}

/* TRUE when P[0..LEN) is the start of a UTF-8 sequence that needs more bytes. */
static gboolean
is_incomplete_utf8 (const guint8 *p,
                    gsize         len)
{
  guint need;

  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    need = 2;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    need = 3;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    need = 4;
  else
    return FALSE;

  if (len >= need)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

static inline char *
append_unichar (PathwaysCsvReader *self,
                char              *out,
                gunichar           c)
{
  if (c < 0x80)
    {
      *out++ = (char) c;
      if (c == 0)
        self->saw_nul = TRUE;
      return out;
    }
  return out + g_unichar_to_utf8 (c, out);
}

static inline gunichar
cp1252_to_unichar (guint8 b)
{
  if (b >= 0x80 && b < 0xA0)
    return cp1252_high[b - 0x80];
  return b;
}

/* The decoders append the text of SRC[0..LEN) at buf + text_end (which has room for
 * DECODE_FACTOR * LEN bytes) and return how many bytes they used; the rest, at most 3
 * bytes of a character split by the block boundary, is kept for the next block. At the
 * end of the source (EOF) every byte is used. */

/* UTF-8; bytes that are not valid UTF-8 are read as Windows-1252. */
static gsize
decode_utf8 (PathwaysCsvReader *self,
             const guint8      *src,
             gsize              len,
             gboolean           eof)
{
  char *out = self->buf + self->text_end;
  gsize i = 0;

  while (i < len)
    {
      gsize run = utf8_valid_len (src + i, len - i);

      memcpy (out, src + i, run);
      out += run;
      i += run;
      if (i == len)
        break;

      if (!eof && len - i < 4 && is_incomplete_utf8 (src + i, len - i))
        break;
      out = append_unichar (self, out, cp1252_to_unichar (src[i]));
      i++;
    }

  self->text_end = out - self->buf;
  return i;
}

static gsize
decode_cp1252 (PathwaysCsvReader *self,
               const guint8      *src,
               gsize              len)
{
  char *out = self->buf + self->text_end;

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = src[i];
      if (b != 0 && b < 0x80)
        *out++ = (char) b;
      else
        out = append_unichar (self, out, cp1252_to_unichar (b));
    }

  self->text_end = out - self->buf;
  return len;
}

/* UTF-16; unpaired surrogates and a trailing odd byte become U+FFFD. */
static gsize
decode_utf16 (PathwaysCsvReader *self,
              const guint8      *src,
              gsize              len,
              gboolean           eof,
              gboolean           big_endian)
{
  char *out = self->buf + self->text_end;
  gsize i = 0;

#define UNIT(k) (big_endian ? (guint) (src[(k)] << 8 | src[(k) + 1]) \
                            : (guint) (src[(k)] | src[(k) + 1] << 8))

  while (i + 1 < len)
    {
      guint u = UNIT (i);
      gunichar c;

      if (u >= 0xD800 && u < 0xDC00)
        {
          if (i + 3 < len)
            {
              guint low = UNIT (i + 2);
              if (low >= 0xDC00 && low < 0xE000)
                {
                  c = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  i += 4;
                }
              else
                {
                  c = 0xFFFD;
                  i += 2;
                }
            }
          else if (!eof)
            break;
          else
            {
              c = 0xFFFD;
              i += 2;
            }
        }
      else
        {
          c = (u >= 0xDC00 && u < 0xE000) ? 0xFFFD : u;
          i += 2;
        }

      out = append_unichar (self, out, c);
    }

#undef UNIT

  if (eof && i < len)
    {
      out = append_unichar (self, out, 0xFFFD);
      i = len;
    }

  self->text_end = out - self->buf;
  return i;
}

static gsize
decode_chunk (PathwaysCsvReader *self,
              const guint8      *src,
              gsize              len,
              gboolean           eof)
{
  switch (self->encoding)
    {
    case ENCODING_UTF8:
    case ENCODING_UTF8_BOM:
      return decode_utf8 (self, src, len, eof);
    case ENCODING_WINDOWS_1252:
      return decode_cp1252 (self, src, len);
    case ENCODING_UTF16LE:
      return decode_utf16 (self, src, len, eof, FALSE);
    case ENCODING_UTF16BE:
      return decode_utf16 (self, src, len, eof, TRUE);
    default:
      g_assert_not_reached ();
    }
}

/* Keeps SRC[used..len) for the next block. */
static void
keep_carry (PathwaysCsvReader *self,
            const guint8      *src,
            gsize              used,
            gsize              len)
{
  g_assert (len - used <= sizeof self->carry);
  self->n_carry = len - used;
  memcpy (self->carry, src + used, self->n_carry);
}

/* Makes room for one more decoded block after text_end, moving the unparsed text to
 * the front of the buffer first. */
static void
make_room (PathwaysCsvReader *self)
{
  gsize need;

  if (self->row_start > 0)
    {
      memmove (self->buf, self->buf + self->row_start, self->text_end - self->row_start);
      self->text_end -= self->row_start;
      self->row_start = 0;
    }

  need = self->text_end + DECODE_FACTOR * (self->block_size + sizeof self->carry) + 1;
  if (need > self->buf_size)
    {
      self->buf_size = MAX (need, self->buf_size * 2);
      self->buf = g_realloc (self->buf, self->buf_size);
    }
}

/* Appends decoded text to the buffer: at least one byte, unless the source is at its
 * end, in which case self->eof is set. */
static gboolean
refill (PathwaysCsvReader  *self,
        GError            **error)
{
  make_room (self);

  while (!self->eof && (self->limit == 0 || self->consumed < self->limit))
    {
      gsize before = self->text_end;
      gssize n;
      gsize total;

      if (self->encoding == ENCODING_UTF8 || self->encoding == ENCODING_UTF8_BOM)
        {
          /* Fast path: read straight into the text buffer and validate there. */
          guint8 *dst = (guint8 *) self->buf + self->text_end;
          gsize valid;

          memcpy (dst, self->carry, self->n_carry);
          n = read_source (self, dst + self->n_carry, self->block_size, error);
          if (n < 0)
            return FALSE;
          total = self->n_carry + n;
          self->n_carry = 0;

          valid = utf8_valid_len (dst, total);
          self->text_end += valid;
          if (valid < total)
            {
              gsize tail = total - valid;
              gsize used;

              memcpy (self->raw, dst + valid, tail);
              used = decode_utf8 (self, self->raw, tail, n == 0);
              keep_carry (self, self->raw, used, tail);
            }
        }
      else
        {
          gsize used;

          memcpy (self->raw, self->carry, self->n_carry);
          n = read_source (self, self->raw + self->n_carry, self->block_size, error);
          if (n < 0)
            return FALSE;
          total = self->n_carry + n;
          used = decode_chunk (self, self->raw, total, n == 0);
          keep_carry (self, self->raw, used, total);
        }

      if (n == 0)
        self->eof = TRUE;
      if (self->text_end > before)
        break;
    }

  self->buf[self->text_end] = '\0';
  return TRUE;
}

/* ---------------------------------------------------------------------------------- */
/* Parsing                                                                             */

static void
ensure_fields (PathwaysCsvReader *self,
               guint              n)
{
  if (n <= self->fields_alloc)
    return;

  self->fields_alloc = MAX (n, MAX (16, self->fields_alloc * 2));
  self->fields_alloc = MIN (self->fields_alloc, PATHWAYS_MAX_COLUMNS + 1);
  g_assert (n <= self->fields_alloc);
  self->starts = g_renew (guint, self->starts, self->fields_alloc);
  self->lengths = g_renew (guint, self->lengths, self->fields_alloc);
  self->field_ptrs = g_renew (const char *, self->field_ptrs, self->fields_alloc);
}

static gboolean
check_field_size (PathwaysCsvReader  *self,
                  gsize               size,
                  guint               column,
                  gboolean            quoted,
                  GError            **error)
{
  g_autofree char *what = NULL;

  if (size <= PATHWAYS_MAX_FIELD_SIZE)
    return TRUE;

  if (quoted)
    what = g_strdup_printf (_("a cell is larger than %u MB; is the quote that opens it "
                              "ever closed?"), PATHWAYS_MAX_FIELD_SIZE / (1024 * 1024));
  else
    what = g_strdup_printf (_("a cell is larger than %u MB"),
                            PATHWAYS_MAX_FIELD_SIZE / (1024 * 1024));
  set_cell_error (self, error, PATHWAYS_READER_ERROR_LIMIT, column, what);
  return FALSE;
}

static void
set_nul_error (PathwaysCsvReader  *self,
               guint               column,
               GError            **error)
{
  set_cell_error (self, error, PATHWAYS_READER_ERROR_ENCODING, column,
                  _("the file contains a NUL byte; it is not text in a supported "
                    "encoding (UTF-8, UTF-16 with a byte-order mark, Windows-1252)"));
}

/* The parts of parse_record() below. Those on its per-byte and per-field paths are
 * always inlined into it (G_ALWAYS_INLINE), so that its offsets stay in registers and
 * the state machine compiles as one loop; the cold ones (errors, the end of the buffer
 * or of the file) are plain functions. */

/* A row with more than PATHWAYS_MAX_COLUMNS fields. */
static void
set_columns_error (PathwaysCsvReader  *self,
                   GError            **error)
{
  g_autofree char *row = pathways_format_count (self->records + 1);

  g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
               _("%s: row %s has more than %u columns"),
               self->name, row, (guint) PATHWAYS_MAX_COLUMNS);
}

/* Inside a quoted field: moves the text from *R up to the next quote (or to AVAIL) back
 * to *W, closing the gap left by doubled quotes, and advances both. TRUE when it
 * stopped on a quote, *R then pointing past it. */
G_ALWAYS_INLINE static inline gboolean
unquote_to_quote (guint8 *p,
                  gsize   avail,
                  gsize  *r,
                  gsize  *w)
{
  guint8 *q = memchr (p + *r, '"', avail - *r);
  gsize end = q != NULL ? (gsize) (q - p) : avail;

  if (*w != *r)
    memmove (p + *w, p + *r, end - *r);
  *w += end - *r;
  *r = end;
  if (q == NULL)
    return FALSE;
  (*r)++;
  return TRUE;
}

/* Lenient: text between a closing quote and the delimiter is kept. Copies it from *R
 * to *W until a delimiter, a line end, a NUL or AVAIL; returns FALSE on a NUL. */
G_ALWAYS_INLINE static inline gboolean
copy_after_quote (guint8  *p,
                  gsize    avail,
                  guint8   delimiter,
                  gsize   *r,
                  gsize   *w)
{
  while (*r < avail)
    {
      guint8 c = p[*r];
      if (c == delimiter || c == '\n' || c == '\r')
        break;
      if (c == '\0')
        return FALSE;
      p[(*w)++] = c;
      (*r)++;
    }
  return TRUE;
}

/* Whether the quoted field [START, W) holds a NUL byte (only looked for once the
 * decoder has seen one). */
G_ALWAYS_INLINE static inline gboolean
quoted_has_nul (PathwaysCsvReader *self,
                const guint8      *p,
                gsize              start,
                gsize              w)
{
  return self->saw_nul && memchr (p + start, '\0', w - start) != NULL;
}

/* At the end of the buffer in the middle of a record: the row so far (R bytes) and the
 * field in STATE so far must be within their limits. */
static gboolean
check_unfinished_record (PathwaysCsvReader  *self,
                         ParseState          state,
                         gsize               r,
                         gsize               w,
                         gsize               start,
                         guint               n,
                         GError            **error)
{
  if (r > MAX_ROW_SIZE)
    {
      g_autofree char *row = pathways_format_count (self->records + 1);
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                   _("%s: row %s is larger than %u MB"), self->name, row,
                   (guint) (MAX_ROW_SIZE / (1024 * 1024)));
      return FALSE;
    }
  if (state == STATE_UNQUOTED
      && !check_field_size (self, r - start, n, FALSE, error))
    return FALSE;
  if (state != STATE_UNQUOTED && state != STATE_FIELD_START
      && !check_field_size (self, w - start, n, TRUE, error))
    return FALSE;
  return TRUE;
}

/* The last record has no line end: field N, in STATE, ends at the end of the file.
 * PARSE_RECORD when it is stored (the caller counts it), PARSE_END when there is no
 * record at all. */
static ParseResult
end_last_field (PathwaysCsvReader  *self,
                ParseState          state,
                guint8             *p,
                gsize               r,
                gsize               w,
                gsize               start,
                guint               n,
                GError            **error)
{
  switch (state)
    {
    case STATE_FIELD_START:
      if (n == 0)
        return PARSE_END;
      self->lengths[n] = 0;
      self->starts[n] = r;   /* "a,b," ends with an empty field */
      p[r] = '\0';
      return PARSE_RECORD;
    case STATE_UNQUOTED:
      self->lengths[n] = r - start;
      self->starts[n] = start;
      p[r] = '\0';
      return PARSE_RECORD;
    case STATE_QUOTED:
      set_cell_error (self, error, PATHWAYS_READER_ERROR_QUOTING, n,
                      _("the quoted cell that starts here is never closed"));
      return PARSE_ERROR;
    case STATE_QUOTE_IN_QUOTED:
    case STATE_AFTER_QUOTED:
      if (quoted_has_nul (self, p, start, w))
        {
          set_nul_error (self, n, error);
          return PARSE_ERROR;
        }
      self->lengths[n] = w - start;
      self->starts[n] = start;
      p[w] = '\0';
      return PARSE_RECORD;
    default:
      g_assert_not_reached ();
    }
}

/* The N fields of the record in P are complete, R bytes long: points field_ptrs at
 * them and moves past the record. */
G_ALWAYS_INLINE static inline ParseResult
finish_record (PathwaysCsvReader *self,
               const guint8      *p,
               gsize              r,
               guint              n,
               guint             *n_fields)
{
  for (guint i = 0; i < n; i++)
    self->field_ptrs[i] = (const char *) p + self->starts[i];
  self->row_start += r;
  self->records++;
  *n_fields = n;
  return PARSE_RECORD;
}

/* At the end of the first part of a split file: TRUE to stop there, exact when no byte
 * of a record is read yet (AT_START). Otherwise the limit fell inside a quoted cell,
 * and the reader reads on as if the file had never been split. */
static gboolean
at_limit (PathwaysCsvReader *self,
          gboolean           at_start)
{
  if (self->limit == 0 || self->consumed < self->limit)
    return FALSE;
  if (at_start)
    return TRUE;
  self->limit = 0;
  return FALSE;
}

/* Reads one record into self->field_ptrs / starts. Empty lines come back as records of
 * one empty field; the caller skips them. A state machine over the bytes of the buffer;
 * when the buffer runs out in the middle of a record, it is refilled and parsing goes
 * on where it stopped. */
static ParseResult
parse_record (PathwaysCsvReader  *self,
              guint              *n_fields,
              GError            **error)
{
  ParseState state = STATE_FIELD_START;
  const guint8 *stop = self->stop;
  const guint8 delimiter = (guint8) self->delimiter;
  gsize r = 0;        /* read offset, from the record's start */
  gsize w = 0;        /* write offset of the current quoted field */
  gsize start = 0;    /* offset of the current field's first byte */
  guint n = 0;
  guint8 *p;
  gsize avail;
  guint8 c = 0;

  for (;;)
    {
      p = (guint8 *) self->buf + self->row_start;
      avail = self->text_end - self->row_start;

      switch (state)
        {
        case STATE_FIELD_START:
          /* A field starts here, even if it turns out empty at the end of the file. */
          if (n >= PATHWAYS_MAX_COLUMNS)
            {
              set_columns_error (self, error);
              return PARSE_ERROR;
            }
          ensure_fields (self, n + 1);
          if (r == avail)
            goto need_more;
          if (n == 0 && self->pending_cr)
            {
              self->pending_cr = FALSE;
              if (p[0] == '\n')
                {
                  self->row_start++;
                  continue;
                }
            }
          if (p[r] == '"')
            {
              r++;
              start = w = r;
              state = STATE_QUOTED;
            }
          else
            {
              start = r;
              state = STATE_UNQUOTED;
            }
          break;

        case STATE_UNQUOTED:
          r = scan_unquoted (p, r, avail, stop, delimiter);
          if (r == avail)
            goto need_more;
          c = p[r];
          if (c == '\0')
            {
              set_nul_error (self, n, error);
              return PARSE_ERROR;
            }
          if (!check_field_size (self, r - start, n, FALSE, error))
            return PARSE_ERROR;
          self->lengths[n] = r - start;
          self->starts[n++] = start;
          p[r++] = '\0';
          if (c == delimiter)
            {
              state = STATE_FIELD_START;
              break;
            }
          goto record_end;

        case STATE_QUOTED:
          if (!unquote_to_quote (p, avail, &r, &w))
            goto need_more;
          state = STATE_QUOTE_IN_QUOTED;
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (r == avail)
            goto need_more;
          if (p[r] == '"')
            {
              p[w++] = '"';
              r++;
              state = STATE_QUOTED;
            }
          else
            state = STATE_AFTER_QUOTED;
          break;

        case STATE_AFTER_QUOTED:
          if (!copy_after_quote (p, avail, delimiter, &r, &w))
            {
              set_nul_error (self, n, error);
              return PARSE_ERROR;
            }
          if (r == avail)
            goto need_more;
          if (quoted_has_nul (self, p, start, w))
            {
              set_nul_error (self, n, error);
              return PARSE_ERROR;
            }
          if (!check_field_size (self, w - start, n, TRUE, error))
            return PARSE_ERROR;
          c = p[r++];
          self->lengths[n] = w - start;
          self->starts[n++] = start;
          p[w] = '\0';
          if (c == delimiter)
            {
              state = STATE_FIELD_START;
              break;
            }
          goto record_end;

        default:
          g_assert_not_reached ();
        }
      continue;

    need_more:
      /* Everything in the buffer is used and the record is not finished. */
      if (!check_unfinished_record (self, state, r, w, start, n, error))
        return PARSE_ERROR;
      if (at_limit (self, state == STATE_FIELD_START && n == 0 && r == 0))
        return PARSE_LIMIT;
      if (self->eof)
        {
          ParseResult result = end_last_field (self, state, p, r, w, start, n, error);
          if (result != PARSE_RECORD)
            return result;
          return finish_record (self, p, r, n + 1, n_fields);
        }
      if (!refill (self, error))
        return PARSE_ERROR;
    }

record_end:
  if (c == '\r')
    self->pending_cr = TRUE;
  return finish_record (self, p, r, n, n_fields);
}

static gboolean
record_is_blank (PathwaysCsvReader *self,
                 guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (self->field_ptrs[i][0] != '\0')
      return FALSE;
  return TRUE;
}

/* The next record that has at least one non-empty field. */
static ParseResult
next_record (PathwaysCsvReader  *self,
             guint              *n_fields,
             GError            **error)
{
  ParseResult result;

  do
    result = parse_record (self, n_fields, error);
  while (result == PARSE_RECORD && record_is_blank (self, *n_fields));

  return result;
}

static gboolean
pathways_csv_reader_next_row (PathwaysRowReader  *reader,
                              GError            **error)
{
  PathwaysCsvReader *self = (PathwaysCsvReader *) reader;
  guint n = 0;
  ParseResult result;

  reader->fields = NULL;
  reader->field_lengths = NULL;
  reader->n_fields = 0;

  if (self->done || self->failed)
    return FALSE;

  result = next_record (self, &n, error);
  if (result == PARSE_LIMIT)
    {
      self->at_limit = TRUE;
      return FALSE;
    }
  if (result == PARSE_END)
    {
      self->done = TRUE;
      return FALSE;
    }
  if (result == PARSE_ERROR)
    {
      self->failed = TRUE;
      return FALSE;
    }

  reader->fields = self->field_ptrs;
  reader->field_lengths = self->lengths;
  reader->n_fields = n;
  reader->row_number = self->records;
  return TRUE;
}

static double
pathways_csv_reader_get_fraction (PathwaysRowReader *reader)
{
  PathwaysCsvReader *self = (PathwaysCsvReader *) reader;

  if (self->done)
    return 1.0;
  if (self->size <= self->start)
    return 0.0;
  return (double) (self->consumed - self->start) / (double) (self->size - self->start);
}

static void
pathways_csv_reader_finalize (PathwaysRowReader *reader)
{
  PathwaysCsvReader *self = (PathwaysCsvReader *) reader;

  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->buf, g_free);
  g_clear_pointer (&self->raw, g_free);
  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->lengths, g_free);
  g_clear_pointer (&self->field_ptrs, g_free);
}

const PathwaysRowReaderClass _pathways_csv_reader_class = {
  .format = "CSV",
  .next_row = pathways_csv_reader_next_row,
  .get_fraction = pathways_csv_reader_get_fraction,
  .finalize = pathways_csv_reader_finalize,
};

/* ---------------------------------------------------------------------------------- */
/* Opening                                                                             */

/* Chooses the encoding from a byte-order mark or the first block; returns the number of
 * bytes of byte-order mark to skip. */
static gsize
detect_encoding (PathwaysCsvReader *self,
                 const guint8      *p,
                 gsize              len,
                 gboolean           eof)
{
  gsize invalid = 0;
  gsize multibyte = 0;
  gsize i = 0;

  if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    {
      self->encoding = ENCODING_UTF8_BOM;
      return 3;
    }
  if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    {
      self->encoding = ENCODING_UTF16LE;
      return 2;
    }
  if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    {
      self->encoding = ENCODING_UTF16BE;
      return 2;
    }

  /* UTF-16 without a byte-order mark: text with every other byte NUL. */
  if (len >= 4)
    {
      gsize sample = MIN (len, 512) & ~(gsize) 1;
      gsize zero_even = 0, zero_odd = 0;

      for (gsize k = 0; k < sample; k += 2)
        {
          zero_even += p[k] == 0;
          zero_odd += p[k + 1] == 0;
        }
      if (zero_odd * 4 >= sample && zero_even == 0)
        {
          self->encoding = ENCODING_UTF16LE;
          return 0;
        }
      if (zero_even * 4 >= sample && zero_odd == 0)
        {
          self->encoding = ENCODING_UTF16BE;
          return 0;
        }
    }

  /* UTF-8 unless the first block has bytes that are not UTF-8 and no character that
   * is; stray bad bytes in a UTF-8 file are read as Windows-1252 one by one. */
  while (i < len)
    {
      gsize run = utf8_valid_len (p + i, len - i);

      for (gsize k = i; k < i + run; k++)
        multibyte += (p[k] & 0xC0) == 0xC0;
      i += run;
      if (i == len)
        break;
      if (p[i] == 0)
        {
          i++;
          continue;
        }
      if (!eof && len - i < 4 && is_incomplete_utf8 (p + i, len - i))
        break;
      invalid++;
      i++;
    }
  self->encoding = invalid > multibyte ? ENCODING_WINDOWS_1252 : ENCODING_UTF8;
  return 0;
}

/* Counts candidate delimiters outside quotes on the first non-empty line; ties go to
 * the comma. Sets LINE_END to the line end seen: "CRLF", "LF", "CR" or NULL. */
static gboolean
detect_delimiter (PathwaysCsvReader  *self,
                  const char        **line_end_out,
                  GError            **error)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean in_quotes = FALSE;
  gboolean content = FALSE;
  const char *line_end = NULL;
  gsize i = 0;
  guint best = 0;

  for (;;)
    {
      char c;

      if (i == self->text_end)
        {
          if (self->eof || i >= HEADER_SCAN_LIMIT)
            break;
          if (!refill (self, error))
            return FALSE;
          continue;
        }

      c = self->buf[i];
      if (c == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (c == '\n' || c == '\r'))
        {
          if (content)
            {
              if (c == '\n')
                line_end = "LF";
              else
                {
                  if (i + 1 == self->text_end && !self->eof && !refill (self, error))
                    return FALSE;
                  line_end = (i + 1 < self->text_end && self->buf[i + 1] == '\n')
                             ? "CRLF" : "CR";
                }
              break;
            }
          i++;
          continue;
        }
      else if (!in_quotes)
        {
          for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
            counts[k] += c == candidates[k];
        }
      content = TRUE;
      i++;
    }

  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  self->delimiter = candidates[best];
  *line_end_out = line_end;
  return TRUE;
}

static const char *
encoding_name (Encoding encoding)
{
  switch (encoding)
    {
    case ENCODING_UTF8:
      return "UTF-8";
    case ENCODING_UTF8_BOM:
      return _("UTF-8 with BOM");
    case ENCODING_WINDOWS_1252:
      return "Windows-1252";
    case ENCODING_UTF16LE:
      return "UTF-16LE";
    case ENCODING_UTF16BE:
      return "UTF-16BE";
    default:
      g_assert_not_reached ();
    }
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';':
      return _("semicolon-separated");
    case '\t':
      return _("tab-separated");
    case '|':
      return _("pipe-separated");
    default:
      return _("comma-separated");
    }
}

/* Reads up to 256 KiB from the start of the file, leaving the file offset alone. */
static gssize
peek_file (PathwaysCsvReader  *self,
           guint8            **sample,
           gboolean           *whole,
           GError            **error)
{
  gsize max = self->size > 0 ? (gsize) MIN (self->size + 1, BLOCK_SIZE) : BLOCK_SIZE;
  g_autofree guint8 *data = g_malloc (max);
  gsize total = 0;

  while (total < max)
    {
      gssize n = pread (self->fd, data + total, max - total, total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                       _("%s: cannot read the file: %s"), self->name, g_strerror (saved_errno));
          return -1;
        }
      if (n == 0)
        break;
      total += n;
    }

  *whole = total < max;
  *sample = g_steal_pointer (&data);
  return total;
}

void
_pathways_csv_reader_init_buffers (PathwaysCsvReader *self)
{
  self->raw = g_malloc (self->block_size + 8);
  self->buf_size = DECODE_FACTOR * (self->block_size + sizeof self->carry) + 1;
  self->buf = g_malloc (self->buf_size);
  self->buf[0] = '\0';
}

/* Reads the encoding, the delimiter and the header. Takes SELF. */
static PathwaysRowReader *
csv_reader_start (PathwaysCsvReader  *self,
                  GError            **error)
{
  g_autoptr(PathwaysRowReader) reader = (PathwaysRowReader *) self;
  const char *line_end = NULL;
  guint n_fields = 0;
  ParseResult result;

  _pathways_csv_reader_init_buffers (self);

  if (self->bytes != NULL || self->seekable)
    {
      /* Sniff the encoding from the first 256 KiB without consuming them, so that the
       * block size makes no difference. */
      g_autofree guint8 *copy = NULL;
      const guint8 *sample;
      gsize sample_len;
      gboolean whole;
      gsize skip;

      if (self->bytes != NULL)
        {
          gsize len = 0;

          sample = g_bytes_get_data (self->bytes, &len);
          sample_len = MIN (len, (gsize) BLOCK_SIZE);
          whole = len <= BLOCK_SIZE;
        }
      else
        {
          gssize n = peek_file (self, &copy, &whole, error);

          if (n < 0)
            return NULL;
          sample = copy;
          sample_len = n;
        }

      skip = detect_encoding (self, sample, sample_len, whole);
      if (skip > 0 && read_source_full (self, self->raw, skip, error) < 0)
        return NULL;
    }
  else
    {
      /* A pipe: the first block is both the sample and the start of the text. */
      gssize n = read_source_full (self, self->raw, self->block_size, error);
      gsize skip;
      gsize used;

      if (n < 0)
        return NULL;
      skip = detect_encoding (self, self->raw, n, (gsize) n < self->block_size);
      used = decode_chunk (self, self->raw + skip, n - skip, (gsize) n < self->block_size);
      keep_carry (self, self->raw + skip, used, n - skip);
      if ((gsize) n < self->block_size)
        self->eof = TRUE;
      self->buf[self->text_end] = '\0';
    }

  if (!detect_delimiter (self, &line_end, error))
    return NULL;

  /* scan_unquoted () compares the same four bytes sixteen at a time. */
  memset (self->stop, 0, sizeof self->stop);
  self->stop[(guint8) self->delimiter] = 1;
  self->stop['\n'] = 1;
  self->stop['\r'] = 1;
  self->stop[0] = 1;

  result = next_record (self, &n_fields, error);
  if (result == PARSE_ERROR)
    return NULL;
  if (result == PARSE_END)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_EMPTY,
                   _("%s: the file is empty; a header row is expected"), self->name);
      return NULL;
    }

  pathways_row_reader_set_header (reader, self->field_ptrs, n_fields);
  reader->row_number = self->records;

  if (line_end != NULL)
    reader->description = g_strdup_printf (_("%s, %s, %s line ends"),
                                           encoding_name (self->encoding),
                                           delimiter_name (self->delimiter), line_end);
  else
    reader->description = g_strdup_printf ("%s, %s", encoding_name (self->encoding),
                                           delimiter_name (self->delimiter));

  return g_steal_pointer (&reader);
}

/* A small file is read in one block, so that it needs no large buffers. */
static gsize
default_block_size (guint64 size)
{
  if (size == 0)
    return BLOCK_SIZE;
  return (gsize) CLAMP (size + 1, 4096, BLOCK_SIZE);
}

PathwaysRowReader *
pathways_csv_reader_new (const char  *path,
                         GError     **error)
{
  PathwaysCsvReader *self;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                   _("%s: cannot open the file: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                   _("%s: is a folder or cannot be read as a file"), path);
      close (fd);
      return NULL;
    }

  self = (PathwaysCsvReader *) pathways_row_reader_alloc (&_pathways_csv_reader_class,
                                                          sizeof (PathwaysCsvReader),
                                                          path);
  self->fd = fd;
  self->size = S_ISREG (st.st_mode) ? (guint64) st.st_size : 0;
  self->seekable = S_ISREG (st.st_mode);
  self->block_size = default_block_size (self->size);
  self->name = g_path_get_basename (path);

  return csv_reader_start (self, error);
}

PathwaysRowReader *
pathways_csv_reader_new_from_bytes (GBytes      *bytes,
                                    const char  *name,
                                    GError     **error)
{
  return pathways_csv_reader_new_from_bytes_with_block_size (bytes, name, 0, error);
}

PathwaysRowReader *
pathways_csv_reader_new_from_bytes_with_block_size (GBytes      *bytes,
                                                    const char  *name,
                                                    gsize        block_size,
                                                    GError     **error)
{
  PathwaysCsvReader *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (block_size <= BLOCK_SIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = (PathwaysCsvReader *) pathways_row_reader_alloc (&_pathways_csv_reader_class,
                                                          sizeof (PathwaysCsvReader),
                                                          name);
  self->fd = -1;
  self->size = g_bytes_get_size (bytes);
  self->block_size = block_size > 0 ? block_size : default_block_size (self->size);
  self->bytes = g_bytes_ref (bytes);
  self->name = g_strdup (name);

  return csv_reader_start (self, error);
}
