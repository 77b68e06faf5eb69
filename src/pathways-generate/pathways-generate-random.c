/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-random.c: the seeding of the random numbers, the calendar and the
 * weighted picks of the sample-data generator.
 *
 * Integer arithmetic only, so that a seed gives the same numbers everywhere.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include "pathways-generate-private.h"

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
rng_seed (Rng     *rng,
          guint64  seed)
{
  guint64 x = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

/* ------------------------------------------------------------------------ */
/* Dates: days since 1970-01-01, proleptic Gregorian                          */

gint32
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

void
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

gint32
max_date (gint32 a,
          gint32 b)
{
  if (a == NO_DATE)
    return b;
  if (b == NO_DATE)
    return a;
  return a > b ? a : b;
}

/* ------------------------------------------------------------------------ */
/* Weighted picks                                                            */

void
table_init (Table *t)
{
  t->total = 0;
  for (guint i = 0; i < t->n; i++)
    t->total += t->c[i].w;
}

guint8
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

guint8
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

gint32
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

/* Chooses the multi-category values of one case. */
guint32
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

guint8
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
