/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-plants.c: the planted data-quality problems.
 *
 * A handful of cases, the same number whatever the size, get a problem the import's
 * checks must find: dates out of order or impossible, a duplicated case id, orphan
 * services. They draw from their own random numbers (g->plant_rng), so the cases
 * themselves are the same with or without them; the run prints the list.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <string.h>

#include "pathways-generate-private.h"

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

void
plants_place (Gen *g)
{
  if (g->n_cases < 100)
    return;
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
}

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

void
report_case (Gen        *g,
             guint       kind,
             const Case *c,
             const char *detail)
{
  char id[32];

  g_snprintf (id, sizeof id, "C%0*" G_GUINT64_FORMAT, g->case_width, c->number);
  g_string_append_printf (g->report, "  %s: %s (%s)\n", plant_names[kind], id, detail);
}

void
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
