/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate.c: writes the synthetic sample dataset.
 *
 * A fixed-seed generator of case-management exports shaped like the figures
 * published for one rape-crisis service (see docs/sample-data.md and
 * /shared/datasets/reference-figures.md). It writes either the application's sample
 * format (a case file and a service file, canonical values, ISO dates) or a
 * DPMS-style "long" export (one row per service, case columns repeated, raw
 * spellings, UK dates, CRLF line ends).
 *
 * Everything is integer arithmetic on a private xoshiro256** generator, so the
 * output is byte-identical on every machine, compiler and GLib version. Cases are
 * generated in referral-date order and written as they are made: memory stays
 * small (the day histogram and the pool of people who may come back) whatever
 * the number of cases.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#define SAMPLE_CASES  6457
#define DEFAULT_SEED  G_GUINT64_CONSTANT (20230505)
#define PPM           1000000u
#define NO_DATE       G_MININT32
#define NONE          0xff

/* ------------------------------------------------------------------------ */
/* Random numbers: splitmix64 to seed xoshiro256**                            */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  guint64 x = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n), n < 2^32 (multiply-shift; the tiny bias is irrelevant here). */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline gint32
rng_range (Rng    *rng,
           gint32  lo,
           gint32  hi)
{
  return lo + (gint32) rng_below (rng, (guint32) (hi - lo + 1));
}

/* TRUE with probability ppm / 1,000,000. */
static inline gboolean
rng_chance (Rng     *rng,
            guint32  ppm)
{
  return rng_below (rng, PPM) < ppm;
}

/* ppm × factor / 1000, capped at 1,000,000. */
static inline guint32
scale_ppm (guint32 ppm,
           guint32 per_mille)
{
  guint64 v = (guint64) ppm * per_mille / 1000;

  return v > PPM ? PPM : (guint32) v;
}

/* ------------------------------------------------------------------------ */
/* Dates: days since 1970-01-01, proleptic Gregorian                          */

static gint32
days_from_civil (gint32 y,
                 gint32 m,
                 gint32 d)
{
  gint32 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint32  z,
                 gint32 *y,
                 gint32 *m,
                 gint32 *d)
{
  gint32 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

/* ------------------------------------------------------------------------ */
/* Buffered CSV output, numbers formatted by hand                             */

typedef struct
{
  FILE       *fp;
  char       *path;
  char       *buf;
  gsize       len;
  gsize       cap;
  gboolean    crlf;
  gboolean    uk_dates;
  gboolean    failed;
  int         saved_errno;
  gboolean    first_field;
  guint64     bytes;
} Out;

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
      out->buf[out->len++] = ',';
    }
  out->first_field = FALSE;
}

static void
out_field (Out        *out,
           const char *s)
{
  gboolean quote = FALSE;
  gsize n;

  out_sep (out);
  if (s == NULL)
    return;
  for (n = 0; s[n] != '\0'; n++)
    if (s[n] == ',' || s[n] == '"' || s[n] == '\n' || s[n] == '\r')
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

static void
out_eol (Out *out)
{
  if (out->crlf)
    out_raw (out, "\r\n", 2);
  else
    out_raw (out, "\n", 1);
  out->first_field = TRUE;
}

/* An identifier: prefix and a zero-padded number of WIDTH digits. */
static void
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
static void
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

static void
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

static gboolean
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
  out->first_field = TRUE;
  return TRUE;
}

static gboolean
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

/* ------------------------------------------------------------------------ */
/* Category tables                                                           */

/* One value: A is the canonical value written to the sample files, B the raw
 * spelling written to the DPMS export, W its weight. */
typedef struct
{
  const char *a;
  const char *b;
  guint32     w;
} Choice;

typedef struct
{
  const Choice *c;
  guint         n;
  guint32       total;
} Table;

#define TABLE(arr) { arr, G_N_ELEMENTS (arr), 0 }

static void
table_init (Table *t)
{
  t->total = 0;
  for (guint i = 0; i < t->n; i++)
    t->total += t->c[i].w;
}

static guint8
table_pick (const Table *t,
            Rng         *rng)
{
  guint32 r = rng_below (rng, t->total);

  for (guint i = 0; i < t->n; i++)
    {
      if (r < t->c[i].w)
        return (guint8) i;
      r -= t->c[i].w;
    }
  return (guint8) (t->n - 1);
}

/* Referral-source groups (canonical values). */
enum { SRC_POLICE, SRC_SELF, SRC_HEALTH, SRC_SUPPORT, SRC_LA, SRC_OTHER, SRC_MISSING, N_SRC };

static const Choice source_groups[] = {
  { "Police", NULL, 3330 },
  { "Self-referral", NULL, 2730 },
  { "Healthcare", NULL, 2220 },
  { "Support service", NULL, 1110 },
  { "Local authority", NULL, 400 },
  { "Other", NULL, 200 },
  { "", NULL, 10 },
};

/* Details per group: A = sample referral_source_detail, B = DPMS referralsource1
 * (the raw spelling, with a few odd ones the value grouping has to fold). */
static const Choice source_police[] = {
  { "Essex Police", "Essex Police", 9500 },
  { "Essex Police", "Essex police", 120 },
  { "Essex Police", "ESSEX POLICE", 80 },
  { "British Transport Police", "British Transport Police", 200 },
  { "Metropolitan Police", "Metropolitan Police Service", 100 },
};
static const Choice source_self[] = {
  { "Self", "Self", 8800 },
  { "Self", "self referral", 120 },
  { "Self", "SELF", 80 },
  { "Self", "Self-referral", 100 },
  { "Family or friend", "Family/friend", 900 },
};
static const Choice source_health[] = {
  { "SARC", "SARC", 3300 },
  { "Mental health", "Mental health services", 2400 },
  { "Mental health", "Mental Health  Services", 100 },
  { "IAPT", "IAPT", 1900 },
  { "GP", "GP", 1200 },
  { "Hospital", "Hospital/A&E", 600 },
  { "Other health service", "Other health", 500 },
};
static const Choice source_support[] = {
  { "Domestic violence service", "Domestic violence service", 2250 },
  { "Domestic violence service", "Domestic Violence Service", 50 },
  { "Other rape crisis centre", "Other rape crisis centre", 2000 },
  { "Victim support", "Victim Support", 1800 },
  { "Voluntary organisation", "Voluntary organisation", 1500 },
  { "Drug and alcohol service", "Drug and alcohol service", 900 },
  { "Housing support", "Housing support", 800 },
  { "Young people's service", "Young people's service", 700 },
};
static const Choice source_la[] = {
  { "Social services", "Social services", 5900 },
  { "Social services", "social services", 100 },
  { "Adult social care", "Adult social care", 3000 },
  { "Education", "Education/college", 1000 },
};
static const Choice source_other[] = {
  { "Employer", "Employer", 2500 },
  { "University", "University", 3000 },
  { "Solicitor", "Solicitor", 2000 },
  { "Other", "Other", 2500 },
};
static const Choice source_missing[] = {
  { "", "", 1 },
};

/* How the referral arrived: DPMS referralsource2, mostly empty. */
static const Choice source_route[] = {
  { "", "", 6500 },
  { "", "Telephone", 1500 },
  { "", "Online form", 1200 },
  { "", "Email", 600 },
  { "", "Letter", 200 },
};

enum { INC_RAPE, INC_CSA, INC_SV, INC_SE, INC_DA, INC_STALK, INC_NONE, INC_MISSING, N_INC };

static const Choice incident_police[] = {
  { "Rape", "Rape", 7200 },
  { "Child sexual abuse", "Childhood sexual abuse", 1500 },
  { "Sexual violence", "Sexual assault", 900 },
  { "Sexual exploitation", "Sexual exploitation", 100 },
  { "Domestic abuse", "Domestic violence", 20 },
  { "Stalking and harassment", "Stalking/harassment", 30 },
  { "No incident", "N/A - secondary victim-survivor", 200 },
  { "", "", 50 },
};
static const Choice incident_self[] = {
  { "Rape", "Rape", 3700 },
  { "Child sexual abuse", "Childhood sexual abuse", 3300 },
  { "Sexual violence", "Sexual assault", 1400 },
  { "Sexual exploitation", "Sexual exploitation", 100 },
  { "Domestic abuse", "Domestic violence", 30 },
  { "Stalking and harassment", "Stalking/harassment", 30 },
  { "No incident", "N/A - secondary victim-survivor", 1300 },
  { "", "", 140 },
};
static const Choice incident_other[] = {
  { "Rape", "Rape", 4550 },
  { "Child sexual abuse", "Childhood sexual abuse", 3300 },
  { "Sexual violence", "Sexual assault", 950 },
  { "Sexual exploitation", "Sexual exploitation", 120 },
  { "Domestic abuse", "Domestic violence", 20 },
  { "Stalking and harassment", "Stalking/harassment", 20 },
  { "No incident", "N/A - secondary victim-survivor", 960 },
  { "", "", 80 },
};

enum { ROLE_PRIMARY, ROLE_SECONDARY, ROLE_MISSING };
static const Choice roles[] = {
  { "Primary victim-survivor", "Primary", 0 },
  { "Secondary victim-survivor", "Secondary", 0 },
  { "", "", 0 },
};

static const Choice genders[] = {
  { "Female", "Female", 9060 },
  { "Male", "Male", 950 },
  { "Non-binary", "Non-binary", 20 },
  { "Other", "Other", 10 },
  { "Prefer not to say", "Prefer not to say", 10 },
};

enum { AGE_18, AGE_25, AGE_35, AGE_45, AGE_55, AGE_65, AGE_75, AGE_MISSING, N_AGE };
static const Choice age_bands[] = {
  { "18\xe2\x80\x93" "24", "18-24", 2600 },
  { "25\xe2\x80\x93" "34", "25-34", 2900 },
  { "35\xe2\x80\x93" "44", "35-44", 2200 },
  { "45\xe2\x80\x93" "54", "45-54", 1300 },
  { "55\xe2\x80\x93" "64", "55-64", 700 },
  { "65\xe2\x80\x93" "74", "65-74", 250 },
  { "75+", "75+", 50 },
  { "", "", 110 },
};
static const gint32 age_lo[] = { 18, 25, 35, 45, 55, 65, 75 };
static const gint32 age_hi[] = { 24, 34, 44, 54, 64, 74, 89 };

static const Choice ethnicities[] = {
  { "White British", "White - British", 7600 },
  { "White other", "White - Other", 500 },
  { "White Irish", "White - Irish", 50 },
  { "Mixed or multiple ethnic groups", "Mixed/multiple ethnic groups", 350 },
  { "Asian or Asian British", "Asian/Asian British", 340 },
  { "Black or Black British", "Black/Black British", 250 },
  { "Gypsy or Irish Traveller", "Gypsy or Irish Traveller", 30 },
  { "Other ethnic group", "Other ethnic group", 180 },
  { "", "", 500 },
  { "Not recorded", "Not recorded", 150 },
  { "Unknown", "Not known", 50 },
};

static const Choice disabilities[] = {
  { "Yes", "Mental health condition", 2000 },
  { "Yes", "Physical impairment", 700 },
  { "Yes", "Long-term illness", 600 },
  { "Yes", "Learning disability", 400 },
  { "Yes", "Neurodivergent", 400 },
  { "Yes", "Sensory impairment", 300 },
  { "No", "None", 4900 },
  { "", "", 500 },
  { "Prefer not to say", "Prefer not to say", 200 },
};

static const Choice sexualities[] = {
  { "Heterosexual", "Heterosexual/straight", 7600 },
  { "Bisexual", "Bisexual", 700 },
  { "Lesbian", "Lesbian", 200 },
  { "Gay", "Gay", 150 },
  { "Pansexual", "Pansexual", 100 },
  { "Asexual", "Asexual", 50 },
  { "Other", "Other", 100 },
  { "Prefer not to say", "Prefer not to say", 300 },
  { "", "", 600 },
  { "Not recorded", "Not recorded", 200 },
};

static const Choice religions[] = {
  { "No religion", "None", 4900 },
  { "Christian", "Christian", 2300 },
  { "Muslim", "Muslim", 200 },
  { "Hindu", "Hindu", 70 },
  { "Sikh", "Sikh", 30 },
  { "Jewish", "Jewish", 30 },
  { "Buddhist", "Buddhist", 50 },
  { "Other religion", "Other", 220 },
  { "Prefer not to say", "Prefer not to say", 1300 },
  { "", "", 700 },
  { "Not recorded", "Not recorded", 200 },
};

enum { ACC_OWNS, ACC_FAMILY, ACC_TEMP, ACC_HOMELESS, ACC_MISSING };
static const Choice accommodations[] = {
  { "Owns or rents", "Owner occupier", 1900 },
  { "Owns or rents", "Private rented", 2100 },
  { "Owns or rents", "Social housing", 2050 },
  { "With family or friends", "Living with parents/family", 1700 },
  { "With family or friends", "Living with friends", 500 },
  { "Temporary or other", "Temporary accommodation", 300 },
  { "Temporary or other", "Refuge", 100 },
  { "Temporary or other", "Supported accommodation", 200 },
  { "Temporary or other", "Other", 150 },
  { "Homeless (including sofa surfing)", "Homeless", 60 },
  { "Homeless (including sofa surfing)", "Sofa surfing", 40 },
  { "", "", 800 },
  { "Not recorded", "Not recorded", 100 },
};
static const guint8 accommodation_class[] = {
  ACC_OWNS, ACC_OWNS, ACC_OWNS, ACC_FAMILY, ACC_FAMILY, ACC_TEMP, ACC_TEMP,
  ACC_TEMP, ACC_TEMP, ACC_HOMELESS, ACC_HOMELESS, ACC_MISSING, ACC_MISSING,
};

static const Choice employments[] = {
  { "Employed full-time", "Employed - full time", 3000 },
  { "Employed part-time", "Employed - part time", 1400 },
  { "Self-employed", "Self employed", 300 },
  { "Unemployed", "Unemployed", 1600 },
  { "Student", "Student", 1100 },
  { "Unable to work", "Unable to work - sickness/disability", 1000 },
  { "Retired", "Retired", 400 },
  { "Carer or homemaker", "Carer/homemaker", 250 },
  { "Other", "Other", 150 },
  { "", "", 650 },
  { "Not recorded", "Not recorded", 150 },
};

/* Time from incident to seeking support: six bands, then the missing spellings. */
static const char *tbs_sample[] = {
  "Less than a week", "1 week to 1 month", "1 to 6 months", "6 to 12 months",
  "1 to 2 years", "More than 2 years",
};
static const char *tbs_dpms[] = {
  "Less than 1 week", "1 week - 1 month", "1-6 months", "6-12 months",
  "1-2 years", "Over 2 years",
};
enum { TBS_CSA, TBS_POLICE, TBS_SELF, TBS_OTHER, N_TBS_CLASS };
static const guint32 tbs_weights[N_TBS_CLASS][6] = {
  [TBS_CSA] = { 50, 50, 100, 150, 350, 9300 },
  [TBS_POLICE] = { 3300, 1100, 1300, 700, 500, 3100 },
  [TBS_SELF] = { 1100, 700, 1300, 900, 1200, 4800 },
  [TBS_OTHER] = { 2000, 800, 1100, 700, 700, 4700 },
};

/* Multi-category fields. ONE is the weight when the case lists exactly one value,
 * MULTI the chance (ppm) that a case listing several includes it. */
typedef struct
{
  const char *name;
  guint32     one;
  guint32     multi;
} Item;

static const Item issue_items[] = {
  { "Post trauma symptoms", 3500, 488000 },
  { "Anxiety", 1200, 294000 },
  { "Mental health present", 1000, 250000 },
  { "Diagnosed \xe2\x80\x93 Depression", 1000, 235000 },
  { "Diagnosed \xe2\x80\x93 Anxiety", 800, 202000 },
  { "Self harm", 400, 130000 },
  { "Suicidal thoughts", 400, 120000 },
  { "Substance misuse", 300, 90000 },
  { "Eating disorder", 200, 70000 },
  { "Relationship difficulties", 400, 140000 },
  { "Housing issues", 300, 80000 },
  { "Financial difficulties", 300, 90000 },
  { "Physical health condition", 200, 80000 },
};
static const Item impact_items[] = {
  { "Post trauma symptoms", 3000, 729000 },
  { "Anxiety", 2000, 706000 },
  { "Depression", 1000, 497000 },
  { "Sleep problems", 800, 337000 },
  { "Low mood", 800, 334000 },
  { "Flashbacks", 400, 172000 },
  { "Panic attacks", 400, 162000 },
  { "Self-blame", 300, 151000 },
  { "Anger", 300, 118000 },
  { "Isolation", 300, 129000 },
  { "Trust issues", 400, 151000 },
  { "Nightmares", 300, 129000 },
};
static const Item risk_items[] = {
  { "At risk of mental illness", 1900, 250000 },
  { "Low risk", 2800, 60000 },
  { "At high risk of mental illness", 1000, 170000 },
  { "Risk of self harm", 600, 130000 },
  { "At high risk of DV", 700, 118000 },
  { "Risk of suicide", 500, 170000 },
  { "At risk of DV", 700, 180000 },
  { "Risk of further sexual violence", 600, 170000 },
  { "Substance misuse risk", 600, 150000 },
};

/* Count classes (per 10,000): multiple, one, none, not recorded. */
enum { MC_MULTI, MC_ONE, MC_NONE, MC_NR };
static const guint32 risk_classes[] = { 1800, 4500, 2600, 1100 };
static const guint32 issue_classes[] = { 6900, 2300, 200, 600 };
static const guint32 impact_classes[] = { 6800, 2100, 100, 1000 };

/* Closure reasons, case and service level (the DPMS system's list). */
enum {
  R_PLANNED, R_DNE, R_NOT_BROUGHT, R_DISENGAGED, R_UNPLANNED, R_INAPPROPRIATE,
  R_DECLINED, R_DENIED, R_DUAL_DENIED, R_INCOMPLETE, R_WITHDRAWN_REF, R_REFERRED_ON,
  R_ENGAGED_WL, R_DNE_WL, R_TRANSFER_WORKER, R_TRANSFER_RC, R_SERVICE_WITHDRAWN,
  R_DEFERRED, N_REASONS
};
static const char *reason_names[N_REASONS] = {
  "Planned closure", "Did not engage", "Not brought to service", "Disengaged",
  "Unplanned closure", "Inappropriate referral", "Declined service", "Service denied",
  "Dual status service denied", "Referral incomplete", "Referral withdrawn",
  "Referred on", "Engaged W/L", "DNE W/L", "Transferred to another worker",
  "Transferred to another RC Centre", "Service withdrawn", "Deferred",
};

typedef struct
{
  guint8  reason;
  guint32 w;
} ReasonChoice;

static guint8
pick_reason (const ReasonChoice *t,
             guint               n,
             Rng                *rng)
{
  guint32 total = 0, r;

  for (guint i = 0; i < n; i++)
    total += t[i].w;
  r = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < t[i].w)
        return t[i].reason;
      r -= t[i].w;
    }
  return t[n - 1].reason;
}
#define PICK_REASON(t, rng) pick_reason (t, G_N_ELEMENTS (t), rng)

static const ReasonChoice reasons_not_contacted[] = {
  { R_DNE, 5500 }, { R_INCOMPLETE, 1800 }, { R_WITHDRAWN_REF, 1500 },
  { R_INAPPROPRIATE, 1000 }, { R_NOT_BROUGHT, 200 },
};
static const ReasonChoice reasons_not_assessed[] = {
  { R_DNE, 3800 }, { R_DECLINED, 3200 }, { R_WITHDRAWN_REF, 1000 },
  { R_INAPPROPRIATE, 800 }, { R_NOT_BROUGHT, 200 }, { R_REFERRED_ON, 500 },
  { R_DENIED, 300 }, { R_UNPLANNED, 200 },
};
static const ReasonChoice reasons_no_service[] = {
  { R_DECLINED, 4500 }, { R_REFERRED_ON, 2200 }, { R_INAPPROPRIATE, 1200 },
  { R_DENIED, 1300 }, { R_DUAL_DENIED, 500 }, { R_TRANSFER_RC, 300 },
};
static const ReasonChoice reasons_not_started[] = {
  { R_DNE_WL, 4200 }, { R_DNE, 1800 }, { R_DECLINED, 2500 },
  { R_SERVICE_WITHDRAWN, 500 }, { R_ENGAGED_WL, 400 }, { R_DEFERRED, 200 },
};
static const ReasonChoice reasons_started_unplanned[] = {
  { R_DISENGAGED, 6000 }, { R_UNPLANNED, 1600 }, { R_DNE, 400 }, { R_DECLINED, 400 },
  { R_SERVICE_WITHDRAWN, 500 }, { R_REFERRED_ON, 500 }, { R_TRANSFER_WORKER, 300 },
  { R_TRANSFER_RC, 200 }, { R_DEFERRED, 100 },
};

/* Service reasons. */
static const ReasonChoice svc_not_started[] = {
  { R_DNE, 4000 }, { R_DECLINED, 3800 }, { R_DNE_WL, 700 }, { R_DEFERRED, 1000 },
  { R_SERVICE_WITHDRAWN, 500 },
};
static const ReasonChoice svc_therapy_planned_case[] = {
  { R_PLANNED, 7000 }, { R_DISENGAGED, 1600 }, { R_REFERRED_ON, 400 },
  { R_TRANSFER_WORKER, 400 }, { R_DEFERRED, 300 }, { R_UNPLANNED, 300 },
};
static const ReasonChoice svc_therapy_unplanned_case[] = {
  { R_DISENGAGED, 6600 }, { R_PLANNED, 500 }, { R_UNPLANNED, 1000 },
  { R_TRANSFER_WORKER, 400 }, { R_REFERRED_ON, 500 }, { R_DEFERRED, 600 },
  { R_SERVICE_WITHDRAWN, 400 },
};
static const ReasonChoice svc_advocacy_planned_case[] = {
  { R_PLANNED, 9200 }, { R_DISENGAGED, 400 }, { R_TRANSFER_WORKER, 300 },
  { R_REFERRED_ON, 100 },
};
static const ReasonChoice svc_advocacy_unplanned_case[] = {
  { R_DISENGAGED, 6000 }, { R_PLANNED, 3300 }, { R_UNPLANNED, 700 },
  { R_TRANSFER_WORKER, 700 }, { R_REFERRED_ON, 700 }, { R_SERVICE_WITHDRAWN, 500 },
};

/* Services. */
enum { SVC_THERAPY, SVC_ADVOCACY, SVC_GROUP, SVC_HELPLINE, SVC_OUTREACH, N_SVC };
static const char *service_types[N_SVC] = {
  "Therapy", "Advocacy", "Groups", "Helpline", "Outreach",
};

/* A = sample service_detail, B = DPMS servicetype; the DPMS servicename follows. */
static const Choice therapy_details[] = {
  { "Counselling", "Counselling", 8300 },
  { "Telephone counselling", "Telephone Counselling", 600 },
  { "Pre-trial therapy", "Pre-Trial Therapy", 1000 },
  { "Other therapy", "Therapy - other", 100 },
};
static const Choice advocacy_details[] = {
  { "ISVA", "ISVA", 8000 },
  { "Financial advocacy", "Financial Advocacy", 600 },
  { "Legal advocacy", "Legal Advocacy", 500 },
  { "Health advocacy", "Health Advocacy", 500 },
  { "Education advocacy", "Education Advocacy", 400 },
};
static const Choice group_details[] = {
  { "Support group", "Group Work", 1 },
};
static const Choice helpline_details[] = {
  { "Helpline support", "Helpline", 1 },
};
static const Choice outreach_details[] = {
  { "Outreach", "Outreach", 1 },
};
static const char *therapy_names[] = {
  "Adult counselling", "Telephone counselling", "Pre-trial therapy", "Specialist therapy",
};
static const char *advocacy_names[] = {
  "Adult ISVA service", "Financial advocacy", "Legal advocacy", "Health advocacy",
  "Education advocacy",
};

/* Waits (days) from the waiting-list date to the first session, given a wait. */
typedef struct
{
  gint32  lo;
  gint32  hi;
  guint32 w;
} Bucket;

static gint32
pick_bucket (const Bucket *b,
             guint         n,
             Rng          *rng)
{
  guint32 total = 0, r;

  for (guint i = 0; i < n; i++)
    total += b[i].w;
  r = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < b[i].w)
        return rng_range (rng, b[i].lo, b[i].hi);
      r -= b[i].w;
    }
  return b[n - 1].hi;
}
#define PICK_BUCKET(b, rng) pick_bucket (b, G_N_ELEMENTS (b), rng)

static const Bucket therapy_wait[] = {
  { 1, 28, 1800 }, { 29, 56, 2000 }, { 57, 100, 2050 },
  { 101, 140, 2350 }, { 141, 200, 1300 }, { 201, 365, 570 },
};
static const Bucket advocacy_wait[] = {
  { 1, 28, 2300 }, { 29, 56, 1700 }, { 57, 100, 1700 },
  { 101, 200, 1700 }, { 201, 365, 1500 }, { 366, 730, 900 }, { 731, 1000, 200 },
};
static const Bucket other_wait[] = {
  { 1, 14, 5000 }, { 15, 60, 5000 },
};
static const Bucket therapy_length[] = {
  { 20, 120, 3000 }, { 121, 240, 5000 }, { 241, 400, 2000 },
};
static const Bucket advocacy_length[] = {
  { 30, 180, 3500 }, { 181, 540, 4500 }, { 541, 1100, 2000 },
};
static const Bucket short_length[] = {
  { 7, 90, 1 },
};
static const Bucket return_gap[] = {
  { 30, 365, 4000 }, { 366, 1095, 4000 }, { 1096, 3000, 2000 },
};

/* Referral rates per year (a part year weighs in proportion), the last entry being the snapshot's year (cut at the
 * snapshot): few referrals in the early years, most after 2012. */
static const guint32 year_weights[] = {
  12, 14, 18, 22, 27, 33, 40, 48, 58, 70, 85, 120, 200, 280, 340, 390, 430, 470,
  520, 480, 590, 640, 740,
};

/* ------------------------------------------------------------------------ */
/* The model                                                                 */

typedef struct
{
  gint32 wl;
  gint32 start;
  gint32 end;
  guint8 kind;
  guint8 detail;
  guint8 reason;
  guint8 type_missing;
} Service;

#define MAX_SERVICES 8

typedef struct
{
  guint64 number;
  guint64 person;
  gint32  referral;
  gint32  contact;
  gint32  assessment;
  gint32  closure;
  guint8  reason;
  guint8  returning;
  guint8  src_group;
  guint8  src_detail;
  guint8  src_route;
  guint8  incident;
  guint8  role;
  guint8  gender;
  guint8  age_band;
  guint8  ethnicity;
  guint8  disability;
  guint8  sexuality;
  guint8  religion;
  guint8  accommodation;
  guint8  employment;
  guint8  tbs;          /* 0..5, or NONE */
  guint8  tbs_missing;  /* 0 empty, 1 "Not recorded" */
  guint8  risk_class;
  guint8  issue_class;
  guint8  impact_class;
  guint32 risks;        /* bit sets over the item tables */
  guint32 issues;
  guint32 impacts;
  guint   n_services;
  Service services[MAX_SERVICES];
} Case;

/* Someone whose case closed and who will come back after ELIGIBLE. */
typedef struct
{
  gint32  eligible;
  gint32  birth;
  guint64 person;
  guint8  gender;
  guint8  ethnicity;
  guint8  sexuality;
  guint8  religion;
  guint8  disability;
  guint8  age_band;
} Returner;

/* Planted data-quality problems. */
enum {
  PLANT_CLOSURE_BEFORE_REFERRAL, PLANT_START_BEFORE_WAITLIST, PLANT_IMPOSSIBLE_CONTACT,
  PLANT_IMPOSSIBLE_SERVICE_END, PLANT_DUPLICATE_CASE, PLANT_ORPHAN_SERVICE,
  PLANT_FUTURE_CLOSURE, N_PLANT_KINDS
};
static const guint plant_counts[N_PLANT_KINDS] = { 3, 2, 1, 1, 1, 2, 1 };
static const char *plant_names[N_PLANT_KINDS] = {
  "closure date before the referral date",
  "service start date before its waiting-list date",
  "impossible first-contact date",
  "impossible service end date",
  "duplicated case id (a second, different row)",
  "orphan service (its case id exists nowhere)",
  "closure date far in the future",
};

#define MAX_PLANTS 16

typedef struct
{
  guint    kind;
  guint64  at;      /* applied to the first eligible case at or after this index */
  gboolean done;
} Plant;

typedef enum { FORMAT_SAMPLE, FORMAT_DPMS } Format;

typedef struct
{
  Format    format;
  guint64   n_cases;
  gint32    snapshot;
  gint32    first_day;
  guint     case_width;
  guint     person_width;
  guint     service_width;
  Rng       rng;
  Rng       plant_rng;
  Table     t_groups;
  Table     t_sources[N_SRC];
  Table     t_route;
  Table     t_incident[3];
  Table     t_gender, t_age, t_ethnicity, t_disability, t_sexuality, t_religion;
  Table     t_accommodation, t_employment;
  Table     t_therapy, t_advocacy, t_group, t_helpline, t_outreach;
  GArray   *heap;     /* Returner, a min-heap on eligible */
  guint64   next_person;
  guint64   next_service;
  guint64   linked_returns;
  guint64   unlinked_returns;
  Plant     plants[MAX_PLANTS];
  guint     n_plants;
  GString  *report;
  Out       cases_out;
  Out       services_out;
} Gen;

/* Returner heap. */
static void
heap_push (GArray         *heap,
           const Returner *r)
{
  Returner *a;
  guint i;

  g_array_append_val (heap, *r);
  a = (Returner *) (void *) heap->data;
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Returner tmp;

      if (a[parent].eligible <= a[i].eligible)
        break;
      tmp = a[parent];
      a[parent] = a[i];
      a[i] = tmp;
      i = parent;
    }
}

static void
heap_pop (GArray   *heap,
          Returner *out)
{
  Returner *a = (Returner *) (void *) heap->data;
  guint i = 0, n;

  *out = a[0];
  a[0] = a[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Returner tmp;

      if (l < n && a[l].eligible < a[m].eligible)
        m = l;
      if (r < n && a[r].eligible < a[m].eligible)
        m = r;
      if (m == i)
        break;
      tmp = a[m];
      a[m] = a[i];
      a[i] = tmp;
      i = m;
    }
}

static guint
digits (guint64 v)
{
  guint n = 1;

  while (v >= 10)
    {
      v /= 10;
      n++;
    }
  return n;
}

static void
gen_init_tables (Gen *g)
{
  static const Choice *sources[N_SRC] = {
    source_police, source_self, source_health, source_support, source_la,
    source_other, source_missing,
  };
  static const guint n_sources[N_SRC] = {
    G_N_ELEMENTS (source_police), G_N_ELEMENTS (source_self),
    G_N_ELEMENTS (source_health), G_N_ELEMENTS (source_support),
    G_N_ELEMENTS (source_la), G_N_ELEMENTS (source_other),
    G_N_ELEMENTS (source_missing),
  };
  Table groups = TABLE (source_groups);
  Table route = TABLE (source_route);
  Table inc0 = TABLE (incident_police), inc1 = TABLE (incident_self);
  Table inc2 = TABLE (incident_other);
  Table gender = TABLE (genders), age = TABLE (age_bands), eth = TABLE (ethnicities);
  Table dis = TABLE (disabilities), sex = TABLE (sexualities), rel = TABLE (religions);
  Table acc = TABLE (accommodations), emp = TABLE (employments);
  Table th = TABLE (therapy_details), ad = TABLE (advocacy_details);
  Table gr = TABLE (group_details), he = TABLE (helpline_details);
  Table ou = TABLE (outreach_details);

  g->t_groups = groups;
  for (guint i = 0; i < N_SRC; i++)
    {
      g->t_sources[i].c = sources[i];
      g->t_sources[i].n = n_sources[i];
      table_init (&g->t_sources[i]);
    }
  g->t_route = route;
  g->t_incident[0] = inc0;
  g->t_incident[1] = inc1;
  g->t_incident[2] = inc2;
  g->t_gender = gender;
  g->t_age = age;
  g->t_ethnicity = eth;
  g->t_disability = dis;
  g->t_sexuality = sex;
  g->t_religion = rel;
  g->t_accommodation = acc;
  g->t_employment = emp;
  g->t_therapy = th;
  g->t_advocacy = ad;
  g->t_group = gr;
  g->t_helpline = he;
  g->t_outreach = ou;
  {
    Table *all[] = {
      &g->t_groups, &g->t_route, &g->t_incident[0], &g->t_incident[1],
      &g->t_incident[2], &g->t_gender, &g->t_age, &g->t_ethnicity, &g->t_disability,
      &g->t_sexuality, &g->t_religion, &g->t_accommodation, &g->t_employment,
      &g->t_therapy, &g->t_advocacy, &g->t_group, &g->t_helpline, &g->t_outreach,
    };
    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      table_init (all[i]);
  }
}

/* Chooses the multi-category values of one case. */
static guint32
pick_items (Rng        *rng,
            const Item *items,
            guint       n,
            guint8      klass)
{
  guint32 set = 0;

  if (klass == MC_ONE)
    {
      guint32 total = 0, r;

      for (guint i = 0; i < n; i++)
        total += items[i].one;
      r = rng_below (rng, total);
      for (guint i = 0; i < n; i++)
        {
          if (r < items[i].one)
            return 1u << i;
          r -= items[i].one;
        }
      return 1u;
    }
  if (klass != MC_MULTI)
    return 0;
  for (guint tries = 0; tries < 20; tries++)
    {
      set = 0;
      for (guint i = 0; i < n; i++)
        if (rng_chance (rng, items[i].multi))
          set |= 1u << i;
      if (set != 0 && (set & (set - 1)) != 0)
        return set;
    }
  return 3u;
}

static guint8
pick_class (Rng           *rng,
            const guint32 *w)
{
  guint32 r = rng_below (rng, w[0] + w[1] + w[2] + w[3]);

  for (guint8 i = 0; i < 4; i++)
    {
      if (r < w[i])
        return i;
      r -= w[i];
    }
  return MC_NR;
}

static gint32
max_date (gint32 a,
          gint32 b)
{
  if (a == NO_DATE)
    return b;
  if (b == NO_DATE)
    return a;
  return a > b ? a : b;
}

static guint8
age_band_of (gint32 age)
{
  for (guint8 i = 0; i < AGE_75; i++)
    if (age <= age_hi[i])
      return i;
  return AGE_75;
}

/* Adds one service to the case; START_IT says whether the person attends. */
static Service *
add_service (Gen    *g,
             Case   *c,
             guint8  kind,
             gint32  wl,
             gboolean start_it)
{
  Rng *rng = &g->rng;
  Service *s;
  gint32 wait;

  if (c->n_services >= MAX_SERVICES)
    return NULL;
  s = &c->services[c->n_services++];
  s->kind = kind;
  s->wl = wl;
  s->reason = NONE;
  s->type_missing = rng_chance (rng, 8000);
  switch (kind)
    {
    case SVC_THERAPY:
      s->detail = table_pick (&g->t_therapy, rng);
      wait = rng_chance (rng, 90000) ? 0 : PICK_BUCKET (therapy_wait, rng);
      break;
    case SVC_ADVOCACY:
      s->detail = table_pick (&g->t_advocacy, rng);
      wait = rng_chance (rng, 650000) ? 0 : PICK_BUCKET (advocacy_wait, rng);
      break;
    default:
      s->detail = 0;
      wait = rng_chance (rng, 500000) ? 0 : PICK_BUCKET (other_wait, rng);
      break;
    }
  if (start_it)
    {
      gint32 len;

      s->start = wl + wait;
      if (kind == SVC_THERAPY)
        len = PICK_BUCKET (therapy_length, rng);
      else if (kind == SVC_ADVOCACY)
        len = PICK_BUCKET (advocacy_length, rng);
      else
        len = PICK_BUCKET (short_length, rng);
      s->end = s->start + len;
    }
  else
    {
      /* Taken off the list after a while, never attended. */
      s->start = NO_DATE;
      s->end = wl + (wait > 0 ? wait : rng_range (rng, 7, 60));
    }
  return s;
}

static const char *
service_detail_sample (guint8 kind,
                       guint8 detail)
{
  switch (kind)
    {
    case SVC_THERAPY: return therapy_details[detail].a;
    case SVC_ADVOCACY: return advocacy_details[detail].a;
    case SVC_GROUP: return group_details[0].a;
    case SVC_HELPLINE: return helpline_details[0].a;
    default: return outreach_details[0].a;
    }
}

static const char *
service_type_dpms (guint8 kind,
                   guint8 detail)
{
  switch (kind)
    {
    case SVC_THERAPY: return therapy_details[detail].b;
    case SVC_ADVOCACY: return advocacy_details[detail].b;
    case SVC_GROUP: return group_details[0].b;
    case SVC_HELPLINE: return helpline_details[0].b;
    default: return outreach_details[0].b;
    }
}

static const char *
service_name_dpms (guint8 kind,
                   guint8 detail)
{
  switch (kind)
    {
    case SVC_THERAPY: return therapy_names[detail];
    case SVC_ADVOCACY: return advocacy_names[detail];
    case SVC_GROUP: return "Survivors' group";
    case SVC_HELPLINE: return "Helpline";
    default: return "Outreach";
    }
}

/* Generates case C at REFERRAL: its people, needs and natural journey, then cuts
 * the journey at the snapshot. */
static void
gen_case (Gen    *g,
          Case   *c,
          guint64 index,
          gint32  referral)
{
  Rng *rng = &g->rng;
  guint8 inc_table, tbs_class, acc_class;
  gint32 age = 0, birth;
  gboolean age_missing;
  guint32 p, planned_factor;
  gboolean contacted, assessed, allocated, started, planned;
  gboolean therapy = FALSE, advocacy = FALSE, other_only = FALSE;
  gint32 last;
  Returner ret;
  gboolean linked = FALSE;
  gint64 deficit;

  memset (c, 0, sizeof *c);
  c->number = index + 1;
  c->referral = referral;
  c->contact = c->assessment = c->closure = NO_DATE;
  c->reason = NONE;
  c->tbs = NONE;

  /* Returning people: keep the linked share on course (1,169 of 6,457 cases are a
   * later case of a person already in the data). */
  deficit = (gint64) ((index + 1) * 1169 / SAMPLE_CASES) - (gint64) g->linked_returns;
  if (g->heap->len > 0
      && g_array_index (g->heap, Returner, 0).eligible <= referral
      && deficit > 0
      && (deficit > 3 || index + 16 >= g->n_cases || rng_chance (rng, 500000)))
    {
      heap_pop (g->heap, &ret);
      linked = TRUE;
      g->linked_returns++;
    }

  if (linked)
    {
      c->person = ret.person;
      c->returning = 1;
      c->gender = ret.gender;
      c->ethnicity = ret.ethnicity;
      c->sexuality = ret.sexuality;
      c->religion = ret.religion;
      c->disability = ret.disability;
      birth = ret.birth;
      age_missing = ret.age_band == AGE_MISSING;
      c->age_band = ret.age_band;
    }
  else
    {
      gint64 udef;

      c->person = ++g->next_person;
      /* Some people come back from before the records began (403 of 6,457). */
      udef = (gint64) ((index + 1) * 403 / SAMPLE_CASES) - (gint64) g->unlinked_returns;
      c->returning = rng_chance (rng, 76200);
      if (udef > 2 || (udef > 0 && index + 16 >= g->n_cases))
        c->returning = 1;
      else if (udef < -2)
        c->returning = 0;
      if (c->returning)
        g->unlinked_returns++;
      c->gender = table_pick (&g->t_gender, rng);
      c->ethnicity = table_pick (&g->t_ethnicity, rng);
      c->sexuality = table_pick (&g->t_sexuality, rng);
      c->religion = table_pick (&g->t_religion, rng);
      c->disability = table_pick (&g->t_disability, rng);
      {
        guint8 band = table_pick (&g->t_age, rng);

        age_missing = band == AGE_MISSING;
        if (age_missing)
          band = AGE_25;
        age = rng_range (rng, age_lo[band], age_hi[band]);
        birth = referral - (age * 1461) / 4 - rng_range (rng, 0, 364);
      }
    }
  /* The band is the one recorded at the person's first case. */
  if (!linked)
    {
      age = (gint32) (((gint64) referral - birth) * 4 / 1461);
      if (age < 18)
        age = 18;
      c->age_band = age_missing ? AGE_MISSING : age_band_of (age);
    }

  /* Referral and incident. */
  c->src_group = table_pick (&g->t_groups, rng);
  c->src_detail = table_pick (&g->t_sources[c->src_group], rng);
  c->src_route = table_pick (&g->t_route, rng);
  inc_table = c->src_group == SRC_POLICE ? 0 : c->src_group == SRC_SELF ? 1 : 2;
  c->incident = table_pick (&g->t_incident[inc_table], rng);
  if (c->incident == INC_NONE)
    c->role = ROLE_SECONDARY;
  else
    c->role = rng_chance (rng, 11000) ? ROLE_MISSING : ROLE_PRIMARY;
  c->accommodation = table_pick (&g->t_accommodation, rng);
  c->employment = table_pick (&g->t_employment, rng);
  acc_class = accommodation_class[c->accommodation];

  /* Time before seeking support. */
  if (c->incident == INC_NONE ? rng_chance (rng, 900000) : rng_chance (rng, 15000))
    c->tbs_missing = rng_chance (rng, 200000);
  else
    {
      guint32 total = 0, r;

      if (c->incident == INC_CSA)
        tbs_class = TBS_CSA;
      else if (c->src_group == SRC_POLICE)
        tbs_class = TBS_POLICE;
      else if (c->src_group == SRC_SELF)
        tbs_class = TBS_SELF;
      else
        tbs_class = TBS_OTHER;
      for (guint i = 0; i < 6; i++)
        total += tbs_weights[tbs_class][i];
      r = rng_below (rng, total);
      for (guint8 i = 0; i < 6; i++)
        {
          if (r < tbs_weights[tbs_class][i])
            {
              c->tbs = i;
              break;
            }
          r -= tbs_weights[tbs_class][i];
        }
    }

  /* Needs at assessment. */
  c->risk_class = pick_class (rng, risk_classes);
  c->issue_class = pick_class (rng, issue_classes);
  c->impact_class = pick_class (rng, impact_classes);
  c->risks = pick_items (rng, risk_items, G_N_ELEMENTS (risk_items), c->risk_class);
  c->issues = pick_items (rng, issue_items, G_N_ELEMENTS (issue_items), c->issue_class);
  c->impacts = pick_items (rng, impact_items, G_N_ELEMENTS (impact_items),
                           c->impact_class);

  /* The journey, as it would run without the snapshot. */
  {
    static const guint32 p_contact[N_SRC] = {
      800000, 950000, 900000, 900000, 850000, 850000, 850000,
    };
    static const guint32 p_assess[N_SRC] = {
      650000, 850000, 860000, 860000, 800000, 800000, 800000,
    };
    static const guint32 acc_early[] = { 1030, 1010, 920, 880, 850 };

    contacted = rng_chance (rng, p_contact[c->src_group]);
    assessed = contacted
               && rng_chance (rng, scale_ppm (p_assess[c->src_group],
                                              acc_early[acc_class]));
    allocated = assessed && rng_chance (rng, 955000);
    started = allocated && rng_chance (rng, c->src_group == SRC_POLICE ? 850000 : 830000);
  }
  if (allocated)
    {
      /* Service mix: therapy only, both, advocacy only, other services only. */
      static const guint32 mix[3][4] = {
        { 3800, 5000, 1150, 50 },
        { 7000, 2500, 450, 50 },
        { 6000, 3200, 750, 50 },
      };
      const guint32 *w = mix[inc_table];
      guint32 r = rng_below (rng, w[0] + w[1] + w[2] + w[3]);

      if (r < w[0])
        therapy = TRUE;
      else if (r < w[0] + w[1])
        therapy = advocacy = TRUE;
      else if (r < w[0] + w[1] + w[2])
        advocacy = TRUE;
      else
        other_only = TRUE;
    }

  /* Planned closure, given a service was attended. */
  {
    static const guint32 inc_f[N_INC] = { 930, 1150, 1050, 1050, 1050, 1050, 1000, 1000 };
    static const guint32 age_f[N_AGE] = { 950, 960, 1000, 1150, 1200, 1350, 1400, 1000 };
    static const guint32 acc_f[] = { 1170, 1130, 880, 850, 500 };
    static const guint32 src_f[N_SRC] = { 1000, 1080, 980, 980, 950, 950, 1000 };
    guint32 mix_f = therapy && advocacy ? 1120 : therapy ? 970 : advocacy ? 850 : 900;

    p = scale_ppm (575000, inc_f[c->incident]);
    p = scale_ppm (p, src_f[c->src_group]);
    p = scale_ppm (p, age_f[c->age_band]);
    p = scale_ppm (p, acc_f[acc_class]);
    p = scale_ppm (p, mix_f);
    planned_factor = p > 950000 ? 950000 : p;
    planned = started && rng_chance (rng, planned_factor);
  }

  last = referral;
  if (contacted)
    {
      gint32 d;
      guint32 r = rng_below (rng, 100);

      d = r < 30 ? 0 : r < 60 ? rng_range (rng, 1, 3) : r < 90 ? rng_range (rng, 4, 14)
        : rng_range (rng, 15, 60);
      c->contact = referral + d;
      last = c->contact;
    }
  if (assessed)
    {
      guint32 r = rng_below (rng, 100);
      gint32 d = r < 30 ? rng_range (rng, 0, 7) : r < 75 ? rng_range (rng, 8, 28)
                 : rng_range (rng, 29, 90);

      c->assessment = c->contact + d;
      last = c->assessment;
    }
  if (allocated)
    {
      gint32 base = c->assessment;
      Service *first_therapy = NULL, *first_adv = NULL;
      gboolean any_started = FALSE;

      if (therapy)
        {
          gboolean go = started && (!advocacy || rng_chance (rng, 800000));

          first_therapy = add_service (g, c, SVC_THERAPY, base + rng_range (rng, 0, 21), go);
          any_started |= go;
        }
      if (advocacy)
        {
          gint32 wl = c->src_group == SRC_POLICE && rng_chance (rng, 500000)
                      ? referral + rng_range (rng, 0, 10)
                      : base + rng_range (rng, 0, 14);
          gboolean go = started && (!any_started || rng_chance (rng, 970000));

          if (wl < referral)
            wl = referral;
          first_adv = add_service (g, c, SVC_ADVOCACY, wl, go);
          any_started |= go;
        }
      if (other_only)
        {
          guint8 kind = (guint8) (SVC_GROUP + rng_below (rng, 3));

          add_service (g, c, kind, base + rng_range (rng, 0, 30), started);
          any_started = started;
        }
      /* Follow-on services. */
      if (first_therapy != NULL && rng_chance (rng, 150000))
        {
          gint32 from = first_therapy->start != NO_DATE ? first_therapy->start
                        : first_therapy->end;

          add_service (g, c, SVC_THERAPY, from + rng_range (rng, 30, 200),
                       started && first_therapy->start != NO_DATE
                       && rng_chance (rng, 700000));
        }
      if (first_adv != NULL)
        {
          guint extra = rng_chance (rng, 170000) + rng_chance (rng, 30000);

          for (guint k = 0; k < extra; k++)
            {
              gint32 from = first_adv->start != NO_DATE ? first_adv->start : first_adv->end;

              add_service (g, c, SVC_ADVOCACY, from + rng_range (rng, 10, 300),
                           started && first_adv->start != NO_DATE
                           && rng_chance (rng, 950000));
            }
        }
      if (started && !other_only && rng_chance (rng, 15000))
        add_service (g, c, (guint8) (SVC_GROUP + rng_below (rng, 3)),
                     base + rng_range (rng, 30, 200), TRUE);

      /* Service closure reasons, consistent with the case outcome. */
      {
        gboolean have_planned = FALSE;
        Service *main_started = NULL;

        for (guint i = 0; i < c->n_services; i++)
          {
            Service *s = &c->services[i];

            if (s->start == NO_DATE)
              s->reason = PICK_REASON (svc_not_started, rng);
            else if (s->kind == SVC_ADVOCACY)
              s->reason = planned ? PICK_REASON (svc_advocacy_planned_case, rng)
                                  : PICK_REASON (svc_advocacy_unplanned_case, rng);
            else
              s->reason = planned ? PICK_REASON (svc_therapy_planned_case, rng)
                                  : PICK_REASON (svc_therapy_unplanned_case, rng);
            if (s->start != NO_DATE && main_started == NULL)
              main_started = s;
            if (s->reason == R_PLANNED)
              have_planned = TRUE;
            /* Dropping out shortens a service. */
            if (s->start != NO_DATE && s->reason != R_PLANNED
                && rng_chance (rng, 700000))
              s->end = s->start + PICK_BUCKET (short_length, rng);
            last = max_date (last, s->end);
          }
        if (planned && !have_planned && main_started != NULL)
          main_started->reason = R_PLANNED;
      }
    }

  /* Case closure, as it would happen. */
  if (planned)
    c->reason = R_PLANNED;
  else if (started)
    c->reason = PICK_REASON (reasons_started_unplanned, rng);
  else if (allocated)
    c->reason = PICK_REASON (reasons_not_started, rng);
  else if (assessed)
    c->reason = PICK_REASON (reasons_no_service, rng);
  else if (contacted)
    c->reason = PICK_REASON (reasons_not_assessed, rng);
  else
    c->reason = PICK_REASON (reasons_not_contacted, rng);
  if (c->n_services > 0)
    c->closure = last + rng_range (rng, 0, 30);
  else
    c->closure = last + rng_range (rng, 7, 90);
  if (rng_chance (rng, 10000))
    c->reason = NONE;

  /* A few cases are never closed on the system. */
  if (c->closure <= g->snapshot && rng_chance (rng, 10000))
    c->closure = g->snapshot + 1;

  /* Recorded dates go missing now and then. */
  if (c->contact != NO_DATE && rng_chance (rng, 30000))
    c->contact = NO_DATE;
  if (c->assessment != NO_DATE && c->n_services > 0 && rng_chance (rng, 60000))
    c->assessment = NO_DATE;

  /* Cut at the snapshot: what has not happened yet is not in the export. */
  if (c->closure > g->snapshot)
    {
      guint j = 0;

      c->closure = NO_DATE;
      c->reason = NONE;
      if (c->contact != NO_DATE && c->contact > g->snapshot)
        c->contact = NO_DATE;
      if (c->assessment != NO_DATE && c->assessment > g->snapshot)
        c->assessment = NO_DATE;
      for (guint i = 0; i < c->n_services; i++)
        {
          Service s = c->services[i];

          if (s.wl > g->snapshot)
            continue;
          if (s.start != NO_DATE && s.start > g->snapshot)
            s.start = NO_DATE, s.end = NO_DATE, s.reason = NONE;
          if (s.end != NO_DATE && s.end > g->snapshot)
            s.end = NO_DATE, s.reason = NONE;
          c->services[j++] = s;
        }
      c->n_services = j;
    }

  /* Closed services without a recorded reason. */
  for (guint i = 0; i < c->n_services; i++)
    {
      Service *s = &c->services[i];

      if (s->end != NO_DATE
          && rng_chance (rng, s->kind == SVC_ADVOCACY ? 90000 : 60000))
        s->reason = NONE;
    }

  /* Will this person come back? */
  if (c->closure != NO_DATE)
    {
      static const guint32 age_ret[N_AGE] = { 1250, 1150, 950, 1050, 850, 700, 0, 1000 };
      guint32 pr = c->returning ? 330000 : c->reason == R_PLANNED ? 120000 : 180000;

      pr = scale_ppm (pr, age_ret[c->age_band]);
      pr = scale_ppm (pr, 1400);
      if (rng_chance (rng, pr))
        {
          Returner r;

          r.eligible = c->closure + PICK_BUCKET (return_gap, rng);
          r.birth = birth;
          r.person = c->person;
          r.gender = c->gender;
          r.ethnicity = c->ethnicity;
          r.sexuality = c->sexuality;
          r.religion = c->religion;
          r.disability = c->disability;
          r.age_band = c->age_band;
          if (r.eligible < g->snapshot)
            heap_push (g->heap, &r);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Planted problems                                                          */

static gboolean
plant_due (Gen     *g,
           guint    kind,
           guint64  index,
           Plant  **out)
{
  for (guint i = 0; i < g->n_plants; i++)
    {
      Plant *p = &g->plants[i];

      if (p->kind == kind && !p->done && index >= p->at)
        {
          *out = p;
          return TRUE;
        }
    }
  return FALSE;
}

static void
report_case (Gen        *g,
             guint       kind,
             const Case *c,
             const char *detail)
{
  char id[32];

  g_snprintf (id, sizeof id, "C%0*" G_GUINT64_FORMAT, g->case_width, c->number);
  g_string_append_printf (g->report, "  %s: %s (%s)\n", plant_names[kind], id, detail);
}

/* Per-case printing flags set by the plants. */
typedef struct
{
  gboolean impossible_contact;
  gint     impossible_end_service;   /* index, or -1 */
  gboolean future_closure;
  gboolean duplicate;
  gint32   duplicate_closure;
  guint8   duplicate_reason;
  guint    orphans;                  /* orphan service rows to write after this case */
  guint64  orphan_case[4];
  gint32   orphan_wl[4];
  gint32   orphan_start[4];
} Marks;

static void
apply_plants (Gen    *g,
              Case   *c,
              Marks  *m)
{
  Plant *p;
  gint32 y, mo, d;
  char buf[128];

  memset (m, 0, sizeof *m);
  m->impossible_end_service = -1;

  if (c->closure != NO_DATE && plant_due (g, PLANT_CLOSURE_BEFORE_REFERRAL, c->number - 1, &p))
    {
      c->closure = c->referral - rng_range (&g->plant_rng, 1, 60);
      p->done = TRUE;
      g_snprintf (buf, sizeof buf, "%d days before", (int) (c->referral - c->closure));
      report_case (g, PLANT_CLOSURE_BEFORE_REFERRAL, c, buf);
      return;
    }
  if (plant_due (g, PLANT_START_BEFORE_WAITLIST, c->number - 1, &p))
    {
      for (guint i = 0; i < c->n_services; i++)
        {
          Service *s = &c->services[i];

          if (s->start != NO_DATE && s->start > s->wl + 20)
            {
              gint32 back = rng_range (&g->plant_rng, 3, 20);

              s->start = s->wl - back;
              p->done = TRUE;
              g_snprintf (buf, sizeof buf, "service %u of the case, start %d days before",
                          i + 1, (int) back);
              report_case (g, PLANT_START_BEFORE_WAITLIST, c, buf);
              return;
            }
        }
    }
  if (c->contact != NO_DATE && plant_due (g, PLANT_IMPOSSIBLE_CONTACT, c->number - 1, &p))
    {
      civil_from_days (c->contact, &y, &mo, &d);
      if (mo == 2)
        {
          m->impossible_contact = TRUE;
          p->done = TRUE;
          g_snprintf (buf, sizeof buf, "first_contact_date written as %04d-02-31", (int) y);
          report_case (g, PLANT_IMPOSSIBLE_CONTACT, c, buf);
          return;
        }
    }
  if (plant_due (g, PLANT_IMPOSSIBLE_SERVICE_END, c->number - 1, &p))
    {
      for (guint i = 0; i < c->n_services; i++)
        {
          if (c->services[i].end == NO_DATE)
            continue;
          civil_from_days (c->services[i].end, &y, &mo, &d);
          if (mo == 4 || mo == 6 || mo == 9 || mo == 11)
            {
              m->impossible_end_service = (gint) i;
              p->done = TRUE;
              g_snprintf (buf, sizeof buf, "service %u end date written as %04d-%02d-31",
                          i + 1, (int) y, (int) mo);
              report_case (g, PLANT_IMPOSSIBLE_SERVICE_END, c, buf);
              return;
            }
        }
    }
  if (c->closure != NO_DATE && c->n_services == 0
      && plant_due (g, PLANT_DUPLICATE_CASE, c->number - 1, &p))
    {
      m->duplicate = TRUE;
      m->duplicate_closure = c->closure + rng_range (&g->plant_rng, 10, 40);
      m->duplicate_reason = c->reason == R_DNE ? R_WITHDRAWN_REF : R_DNE;
      p->done = TRUE;
      report_case (g, PLANT_DUPLICATE_CASE, c,
                   "second row right after the first, later closure date and another reason");
      return;
    }
  if (c->closure != NO_DATE && plant_due (g, PLANT_FUTURE_CLOSURE, c->number - 1, &p))
    {
      civil_from_days (c->closure, &y, &mo, &d);
      if (y == 2022)
        {
          m->future_closure = TRUE;
          p->done = TRUE;
          report_case (g, PLANT_FUTURE_CLOSURE, c, "closure year 2022 typed as 2202");
          return;
        }
    }
  /* Orphans are drawn in both formats (so the other plants get the same random
   * numbers) but only the sample's service file can hold them. */
  while (m->orphans < G_N_ELEMENTS (m->orphan_case)
         && plant_due (g, PLANT_ORPHAN_SERVICE, c->number - 1, &p))
    {
      guint k = m->orphans++;

      p->done = TRUE;
      m->orphan_case[k] = g->n_cases + 100 + rng_below (&g->plant_rng, 900);
      m->orphan_wl[k] = c->referral + rng_range (&g->plant_rng, 5, 40);
      m->orphan_start[k] = m->orphan_wl[k] + rng_range (&g->plant_rng, 20, 90);
      if (m->orphan_start[k] > g->snapshot)
        m->orphan_start[k] = NO_DATE;
    }
}

/* ------------------------------------------------------------------------ */
/* Writers                                                                   */

static void
write_multi (Out        *out,
             const Item *items,
             guint       n,
             guint32     set,
             guint8      klass,
             const char *none,
             gboolean    nr_text)
{
  char buf[1024];
  gsize len = 0;

  if (klass == MC_NONE)
    {
      out_field (out, none);
      return;
    }
  if (klass == MC_NR)
    {
      out_field (out, nr_text ? "Not recorded" : "");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      if (set & (1u << i))
        {
          gsize l = strlen (items[i].name);

          if (len > 0)
            {
              buf[len++] = ';';
              buf[len++] = ' ';
            }
          memcpy (buf + len, items[i].name, l);
          len += l;
        }
    }
  buf[len] = '\0';
  out_field (out, buf);
}

static void
write_closure (Out    *out,
               gint32  closure,
               gboolean future)
{
  gint32 y, m, d;

  if (!future || closure == NO_DATE)
    {
      out_date (out, closure);
      return;
    }
  civil_from_days (closure, &y, &m, &d);
  out_ymd (out, y + 180, m, d);
}

static void
write_contact (Out    *out,
               gint32  contact,
               gboolean impossible)
{
  gint32 y, m, d;

  if (!impossible)
    {
      out_date (out, contact);
      return;
    }
  civil_from_days (contact, &y, &m, &d);
  out_ymd (out, y, 2, 31);
}

static void
write_service_end (Out    *out,
                   gint32  end,
                   gboolean impossible)
{
  gint32 y, m, d;

  if (!impossible)
    {
      out_date (out, end);
      return;
    }
  civil_from_days (end, &y, &m, &d);
  out_ymd (out, y, m, 31);
}

static const char *
reason_text (guint8 reason)
{
  return reason == NONE ? "" : reason_names[reason];
}

static void
write_sample_case (Gen         *g,
                   const Case  *c,
                   const Marks *m,
                   gint32       closure,
                   guint8       reason)
{
  Out *o = &g->cases_out;
  const Table *src = &g->t_sources[c->src_group];
  const char *tbs;

  out_id (o, "C", c->number, g->case_width);
  out_id (o, "P", c->person, g->person_width);
  out_date (o, c->referral);
  write_contact (o, c->contact, m->impossible_contact);
  out_date (o, c->assessment);
  write_closure (o, closure, m->future_closure);
  out_field (o, reason_text (reason));
  out_field (o, source_groups[c->src_group].a);
  out_field (o, src->c[c->src_detail].a);
  out_field (o, g->t_incident[0].c[c->incident].a);
  out_field (o, c->returning ? "Returning" : "New");
  out_field (o, roles[c->role].a);
  out_field (o, genders[c->gender].a);
  out_field (o, age_bands[c->age_band].a);
  out_field (o, ethnicities[c->ethnicity].a);
  out_field (o, disabilities[c->disability].a);
  out_field (o, sexualities[c->sexuality].a);
  out_field (o, religions[c->religion].a);
  out_field (o, accommodations[c->accommodation].a);
  out_field (o, employments[c->employment].a);
  tbs = c->tbs != NONE ? tbs_sample[c->tbs] : c->tbs_missing ? "Not recorded" : "";
  out_field (o, tbs);
  write_multi (o, risk_items, G_N_ELEMENTS (risk_items), c->risks, c->risk_class,
               "No known current risk", FALSE);
  write_multi (o, issue_items, G_N_ELEMENTS (issue_items), c->issues, c->issue_class,
               "None", FALSE);
  write_multi (o, impact_items, G_N_ELEMENTS (impact_items), c->impacts, c->impact_class,
               "None", FALSE);
  out_eol (o);
}

static void
write_sample_service (Gen           *g,
                      guint64        case_number,
                      const Service *s,
                      gboolean       impossible_end)
{
  Out *o = &g->services_out;

  out_id (o, "S", ++g->next_service, g->service_width);
  out_id (o, "C", case_number, g->case_width);
  out_field (o, s->type_missing ? "" : service_types[s->kind]);
  out_field (o, s->type_missing ? "" : service_detail_sample (s->kind, s->detail));
  out_date (o, s->wl);
  out_date (o, s->start);
  write_service_end (o, s->end, impossible_end);
  out_field (o, reason_text (s->reason));
  out_eol (o);
}

static void
write_sample (Gen         *g,
              const Case  *c,
              const Marks *m)
{
  write_sample_case (g, c, m, c->closure, c->reason);
  if (m->duplicate)
    write_sample_case (g, c, m, m->duplicate_closure, m->duplicate_reason);
  for (guint i = 0; i < c->n_services; i++)
    write_sample_service (g, c->number, &c->services[i],
                          m->impossible_end_service == (gint) i);
  for (guint k = 0; k < m->orphans; k++)
    {
      Service s = { 0 };
      char buf[160];

      s.kind = SVC_THERAPY;
      s.detail = 0;
      s.wl = m->orphan_wl[k];
      s.start = m->orphan_start[k];
      s.end = NO_DATE;
      s.reason = NONE;
      write_sample_service (g, m->orphan_case[k], &s, FALSE);
      g_snprintf (buf, sizeof buf, "service S%0*" G_GUINT64_FORMAT " points to C%0*"
                  G_GUINT64_FORMAT ", written after the services of this case",
                  g->service_width, g->next_service, g->case_width, m->orphan_case[k]);
      report_case (g, PLANT_ORPHAN_SERVICE, c, buf);
    }
}

static void
write_dpms_row (Gen           *g,
                const Case    *c,
                const Marks   *m,
                gint32         closure,
                guint8         reason,
                const Service *s,
                gboolean       impossible_end)
{
  Out *o = &g->cases_out;
  const Table *src = &g->t_sources[c->src_group];
  const char *tbs;

  out_field (o, "ORG07");
  out_id (o, "C", c->number, g->case_width);
  out_id (o, "P", c->person, g->person_width);
  out_id (o, "CL", c->person + 100000, g->person_width);
  out_date (o, c->referral);
  write_closure (o, closure, m->future_closure);
  out_field (o, c->returning ? "Returner" : "New");
  out_field (o, roles[c->role].b);
  out_field (o, genders[c->gender].b);
  out_field (o, age_bands[c->age_band].b);
  out_field (o, g->t_incident[0].c[c->incident].b);
  out_field (o, src->c[c->src_detail].b);
  out_field (o, source_route[c->src_route].b);
  tbs = c->tbs != NONE ? tbs_dpms[c->tbs] : c->tbs_missing ? "Not known" : "";
  out_field (o, tbs);
  out_field (o, ethnicities[c->ethnicity].b);
  out_field (o, disabilities[c->disability].b);
  out_field (o, sexualities[c->sexuality].b);
  out_field (o, religions[c->religion].b);
  out_field (o, accommodations[c->accommodation].b);
  out_field (o, employments[c->employment].b);
  write_multi (o, risk_items, G_N_ELEMENTS (risk_items), c->risks, c->risk_class,
               "No known current risk", TRUE);
  write_multi (o, issue_items, G_N_ELEMENTS (issue_items), c->issues, c->issue_class,
               "None", TRUE);
  write_multi (o, impact_items, G_N_ELEMENTS (impact_items), c->impacts, c->impact_class,
               "None", TRUE);
  write_contact (o, c->contact, m->impossible_contact);
  out_date (o, c->assessment);
  out_field (o, reason_text (reason));
  if (s == NULL)
    {
      for (guint i = 0; i < 7; i++)
        out_field (o, "");
    }
  else
    {
      out_id (o, "S", ++g->next_service, g->service_width);
      out_field (o, s->type_missing ? "" : service_type_dpms (s->kind, s->detail));
      out_field (o, s->type_missing ? "" : service_name_dpms (s->kind, s->detail));
      out_date (o, s->wl);
      out_date (o, s->start);
      write_service_end (o, s->end, impossible_end);
      out_field (o, reason_text (s->reason));
    }
  out_eol (o);
}

static void
write_dpms (Gen         *g,
            const Case  *c,
            const Marks *m)
{
  if (c->n_services == 0)
    write_dpms_row (g, c, m, c->closure, c->reason, NULL, FALSE);
  for (guint i = 0; i < c->n_services; i++)
    write_dpms_row (g, c, m, c->closure, c->reason, &c->services[i],
                    m->impossible_end_service == (gint) i);
  if (m->duplicate)
    write_dpms_row (g, c, m, m->duplicate_closure, m->duplicate_reason, NULL, FALSE);
}

static const char *sample_case_columns[] = {
  "case_id", "person_id", "referral_date", "first_contact_date", "assessment_date",
  "closure_date", "closure_reason", "referral_source", "referral_source_detail",
  "primary_incident", "new_or_returning", "client_role", "gender", "age_band",
  "ethnicity", "disability", "sexuality", "religion", "accommodation", "employment",
  "time_before_support", "risks", "issues", "impacts",
};
static const char *sample_service_columns[] = {
  "service_id", "case_id", "service_type", "service_detail", "service_referral_date",
  "service_start_date", "service_end_date", "service_closure_reason",
};
static const char *dpms_columns[] = {
  "organisationid", "clientcaseid", "personid", "clientid", "startdate", "enddate",
  "newreturner", "role", "gender", "ageband", "primaryincident", "referralsource1",
  "referralsource2", "timeelapsedbeforesupport", "ethnicity1", "disabilities",
  "sexuality", "religion", "accommodation", "employmentstatus", "risks", "issues",
  "incidentimpact", "firstcontactdate", "assessmentdate", "closurereason", "serviceid",
  "servicetype", "servicename", "waitinglistdate", "servicestartdate", "serviceenddate",
  "serviceclosurereason",
};

static void
write_header (Out         *out,
              const char **names,
              guint        n)
{
  for (guint i = 0; i < n; i++)
    out_field (out, names[i]);
  out_eol (out);
}

/* ------------------------------------------------------------------------ */
/* Referral dates                                                            */

/* Fills COUNTS (one per day from g->first_day to the day before the snapshot) with
 * the number of referrals on each day. */
static guint32 *
make_day_counts (Gen     *g,
                 gint32  *n_days_out)
{
  gint32 first_year, last_year, y, m, d, n_days;
  guint n_years;
  guint32 *weights, total = 0;
  gint32 *year_start, *year_len;
  guint32 *counts;
  Rng *rng = &g->rng;

  civil_from_days (g->first_day, &first_year, &m, &d);
  civil_from_days (g->snapshot - 1, &last_year, &m, &d);
  n_years = (guint) (last_year - first_year + 1);
  weights = g_new0 (guint32, n_years);
  year_start = g_new0 (gint32, n_years);
  year_len = g_new0 (gint32, n_years);
  for (guint i = 0; i < n_years; i++)
    {
      gint32 from_end = (gint32) (n_years - 1 - i);
      gint32 idx = (gint32) G_N_ELEMENTS (year_weights) - 1 - from_end;
      gint32 start, end;

      y = first_year + (gint32) i;
      weights[i] = year_weights[idx < 0 ? 0 : idx];
      start = i == 0 ? g->first_day : days_from_civil (y, 1, 1);
      end = i == n_years - 1 ? g->snapshot - 1 : days_from_civil (y, 12, 31);
      year_start[i] = start;
      year_len[i] = end - start + 1;
      /* Partial years weigh in proportion (a full year is 365 days). */
      weights[i] = (guint32) ((guint64) weights[i] * 1000 * (guint32) year_len[i] / 365);
      total += weights[i];
    }
  n_days = g->snapshot - g->first_day;
  counts = g_new0 (guint32, n_days);
  for (guint64 k = 0; k < g->n_cases; k++)
    {
      guint32 r = rng_below (rng, total);
      guint i = 0;

      while (i + 1 < n_years && r >= weights[i])
        r -= weights[i++];
      counts[year_start[i] - g->first_day + (gint32) rng_below (rng, (guint32) year_len[i])]++;
    }
  /* The export runs to the day before the snapshot: make sure that day has one. */
  if (counts[n_days - 1] == 0)
    {
      for (gint32 i = n_days - 2; i >= 0; i--)
        if (counts[i] > 0)
          {
            counts[i]--;
            counts[n_days - 1]++;
            break;
          }
    }
  g_free (weights);
  g_free (year_start);
  g_free (year_len);
  *n_days_out = n_days;
  return counts;
}

/* ------------------------------------------------------------------------ */

static gboolean
parse_iso_date (const char *s,
                gint32     *out)
{
  int y, m, d;
  char tail;

  if (s == NULL || sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1900 || y > 2999)
    return FALSE;
  *out = days_from_civil (y, m, d);
  return TRUE;
}

static void
file_names (Format       format,
            guint64      n,
            char       **cases,
            char       **services)
{
  if (format == FORMAT_DPMS)
    {
      *cases = n == SAMPLE_CASES ? g_strdup ("dpms-export.csv")
                                 : g_strdup_printf ("dpms-export-%" G_GUINT64_FORMAT ".csv", n);
      *services = NULL;
    }
  else if (n == SAMPLE_CASES)
    {
      *cases = g_strdup ("pathways-sample-cases.csv");
      *services = g_strdup ("pathways-sample-services.csv");
    }
  else
    {
      *cases = g_strdup_printf ("pathways-sample-cases-%" G_GUINT64_FORMAT ".csv", n);
      *services = g_strdup_printf ("pathways-sample-services-%" G_GUINT64_FORMAT ".csv", n);
    }
}

static gboolean
generate (Gen         *g,
          const char  *dir,
          guint64      seed,
          GError     **error)
{
  g_autofree char *cases_name = NULL;
  g_autofree char *services_name = NULL;
  g_autofree guint32 *counts = NULL;
  gint32 n_days;
  guint64 index = 0;
  Case *c;
  gboolean ok;

  rng_seed (&g->rng, seed);
  rng_seed (&g->plant_rng, seed ^ G_GUINT64_CONSTANT (0x5eed0fda7a0dd1e5));
  gen_init_tables (g);
  g->heap = g_array_new (FALSE, FALSE, sizeof (Returner));
  g->report = g_string_new (NULL);
  g->case_width = MAX (6, digits (g->n_cases + 1000));
  g->person_width = MAX (6, digits (g->n_cases + 100000));
  g->service_width = MAX (6, digits (g->n_cases * 2));

  /* Where the planted problems go (the same handful whatever the size). */
  if (g->n_cases >= 100)
    for (guint k = 0; k < N_PLANT_KINDS; k++)
      for (guint j = 0; j < plant_counts[k] && g->n_plants < MAX_PLANTS; j++)
        {
          Plant *p = &g->plants[g->n_plants++];

          p->kind = k;
          p->at = (guint64) rng_below (&g->plant_rng, 1000) * g->n_cases / 1000;
          /* Far-future closures need a case closed in 2022: start looking earlier. */
          if (k == PLANT_FUTURE_CLOSURE)
            p->at = p->at / 2;
          p->done = FALSE;
        }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: cannot create the folder: %s", dir, g_strerror (saved));
      return FALSE;
    }
  file_names (g->format, g->n_cases, &cases_name, &services_name);
  if (!out_open (&g->cases_out, dir, cases_name, g->format == FORMAT_DPMS,
                 g->format == FORMAT_DPMS, error))
    return FALSE;
  if (services_name != NULL
      && !out_open (&g->services_out, dir, services_name, FALSE, FALSE, error))
    {
      out_close (&g->cases_out, NULL);
      return FALSE;
    }
  if (g->format == FORMAT_DPMS)
    write_header (&g->cases_out, dpms_columns, G_N_ELEMENTS (dpms_columns));
  else
    {
      write_header (&g->cases_out, sample_case_columns, G_N_ELEMENTS (sample_case_columns));
      write_header (&g->services_out, sample_service_columns,
                    G_N_ELEMENTS (sample_service_columns));
    }

  counts = make_day_counts (g, &n_days);
  c = g_new0 (Case, 1);
  for (gint32 day = 0; day < n_days; day++)
    for (guint32 k = 0; k < counts[day]; k++, index++)
      {
        Marks m;

        gen_case (g, c, index, g->first_day + day);
        apply_plants (g, c, &m);
        if (g->format == FORMAT_DPMS)
          write_dpms (g, c, &m);
        else
          write_sample (g, c, &m);
        if (g->cases_out.failed || g->services_out.failed)
          break;
      }
  g_free (c);

  ok = out_close (&g->cases_out, error);
  ok = out_close (&g->services_out, ok ? error : NULL) && ok;
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *snapshot = NULL;
  gint64 n_cases = SAMPLE_CASES;
  gint64 seed = (gint64) DEFAULT_SEED;
  int first_year = 2001;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "cases", 'n', 0, G_OPTION_ARG_INT64, &n_cases, "Number of cases (default 6457)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 20230505)", "S" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "sample (default) or dpms", "FORMAT" },
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, "Folder to write into (default .)", "DIR" },
    { "snapshot", 0, 0, G_OPTION_ARG_STRING, &snapshot, "Snapshot date (default 2023-05-05)", "YYYY-MM-DD" },
    { "first-year", 0, 0, G_OPTION_ARG_INT, &first_year, "Year of the first referrals, from June (default 2001)", "YEAR" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing on success", NULL },
    { NULL }
  };
  Gen *g;
  gint64 t0;
  gboolean ok;

  context = g_option_context_new ("- write the synthetic Pathways sample dataset");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Writes DIR/pathways-sample-cases.csv and DIR/pathways-sample-services.csv\n"
    "(with -N before .csv when N is not 6457), or DIR/dpms-export.csv for --format dpms.\n"
    "The same seed gives byte-identical files on every machine.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pathways-generate: %s\n", error->message);
      return 2;
    }

  g = g_new0 (Gen, 1);
  if (format == NULL || g_str_equal (format, "sample"))
    g->format = FORMAT_SAMPLE;
  else if (g_str_equal (format, "dpms"))
    g->format = FORMAT_DPMS;
  else
    {
      g_printerr ("pathways-generate: --format must be 'sample' or 'dpms', not '%s'\n", format);
      g_free (g);
      return 2;
    }
  if (n_cases < 1 || n_cases > G_GINT64_CONSTANT (100000000))
    {
      g_printerr ("pathways-generate: --cases must be between 1 and 100,000,000\n");
      g_free (g);
      return 2;
    }
  g->n_cases = (guint64) n_cases;
  if (snapshot == NULL)
    g->snapshot = days_from_civil (2023, 5, 5);
  else if (!parse_iso_date (snapshot, &g->snapshot))
    {
      g_printerr ("pathways-generate: --snapshot '%s' is not a date (YYYY-MM-DD)\n", snapshot);
      g_free (g);
      return 2;
    }
  if (first_year < 1950 || days_from_civil (first_year, 6, 1) >= g->snapshot - 30)
    {
      g_printerr ("pathways-generate: --first-year must be from 1950 and at least a month "
                  "before the snapshot\n");
      g_free (g);
      return 2;
    }
  g->first_day = days_from_civil (first_year, 6, 1);

  t0 = g_get_monotonic_time ();
  ok = generate (g, output_dir != NULL ? output_dir : ".", (guint64) seed, &error);
  if (!ok)
    g_printerr ("pathways-generate: %s\n", error->message);
  else if (!quiet)
    {
      guint64 planted = 0;

      /* A long export cannot hold orphan services: they are not counted there. */
      for (guint i = 0; i < g->n_plants; i++)
        planted += g->plants[i].done
                   && !(g->format == FORMAT_DPMS && g->plants[i].kind == PLANT_ORPHAN_SERVICE);
      g_print ("%" G_GUINT64_FORMAT " cases, %" G_GUINT64_FORMAT " persons, %"
               G_GUINT64_FORMAT " services, %" G_GUINT64_FORMAT " bytes in %.1f s\n",
               g->n_cases, g->next_person, g->next_service,
               g->cases_out.bytes + g->services_out.bytes,
               (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
      g_print ("planted data-quality problems: %" G_GUINT64_FORMAT "\n%s",
               planted, g->report->str);
    }
  g_array_unref (g->heap);
  g_string_free (g->report, TRUE);
  g_free (g);
  return ok ? 0 : 1;
}
