/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-extras.c: the sample's version 2 tables: an area per case, the
 * outcome questionnaire and the appointments (docs/sample-data.md, "Area, outcomes
 * and appointments").
 *
 * Everything here draws from its own generator (Gen.extras_rng), after the case and
 * its services are made, so the cases, services and the DPMS export are the same
 * records, value for value, as before these tables existed.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <glib.h>

#include "pathways-generate-private.h"

/* Essex's twelve districts and its two unitary authorities, weighted by their usual
 * residents in the 2021 census (thousands, rounded), and the share of cases with no
 * area recorded. */
static const Choice areas[] = {
  { "Basildon", NULL, 188 },
  { "Braintree", NULL, 154 },
  { "Brentwood", NULL, 77 },
  { "Castle Point", NULL, 90 },
  { "Chelmsford", NULL, 182 },
  { "Colchester", NULL, 193 },
  { "Epping Forest", NULL, 135 },
  { "Harlow", NULL, 93 },
  { "Maldon", NULL, 66 },
  { "Rochford", NULL, 87 },
  { "Southend-on-Sea", NULL, 181 },
  { "Tendring", NULL, 148 },
  { "Thurrock", NULL, 176 },
  { "Uttlesford", NULL, 91 },
  { "", NULL, 55 },      /* about 3 % not recorded */
};

/* The service's own questionnaire (answers 1–4), its eight items and their mean
 * answers before and after support, in hundredths (BOLD report, table 5.5). */
#define QUESTIONNAIRE "Wellbeing questionnaire"
static const struct {
  const char *item;
  guint       before, after;
} items[] = {
  { "I feel good about myself", 190, 278 },
  { "I feel confident in myself", 196, 284 },
  { "I feel in control of my emotions", 198, 279 },
  { "I have positive coping skills", 215, 302 },
  { "I am taking good care of myself", 235, 298 },
  { "I feel able to make everyday decisions", 274, 327 },
  { "I have people around me that I trust", 290, 321 },
  { "I feel close to the people who matter to me", 293, 323 },
};

/* Chances in per mille. */
#define START_FORM        900   /* a started service's first session has the start form */
#define END_FORM_PLANNED  880   /* "Planned closure (finished, outcome form logged)" */
#define END_FORM_OTHER    300
#define END_FORM_UNPLANNED 80
#define END_FORM_NO_REASON 100
#define SPREAD            300   /* an answer one point off the two nearest the mean */

/* Appointment statuses (per mille of booked sessions; assumptions, see the docs). */
#define P_DNA              90
#define P_CANCEL_CLIENT    60
#define P_CANCEL_SERVICE   30

static Table t_areas = TABLE (areas);

void
extras_init (Gen *g)
{
  table_init (&t_areas);
  (void) g;
}

void
extras_pick_area (Gen  *g,
                  Case *c)
{
  c->area = table_pick (&t_areas, &g->extras_rng);
}

const char *
extras_area_name (const Case *c)
{
  return areas[c->area].a;
}

static gboolean
chance (Rng    *rng,
        guint32 per_mille)
{
  return rng_below (rng, 1000) < per_mille;
}

/* An answer 1–4 around MEAN (hundredths): the two nearest values in the proportion
 * that keeps the mean, sometimes one further out. */
static guint
answer (Rng  *rng,
        guint mean)
{
  guint v = mean / 100 + (rng_below (rng, 100) < mean % 100 ? 1 : 0);

  if (chance (rng, SPREAD))
    {
      if (rng_below (rng, 2) == 0 && v > 1)
        v--;
      else if (v < 4)
        v++;
    }
  return CLAMP (v, 1, 4);
}

static guint32
end_form_chance (guint8 reason)
{
  switch (reason)
    {
    case R_PLANNED:
      return END_FORM_PLANNED;
    case R_REFERRED_ON: case R_ENGAGED_WL: case R_TRANSFER_WORKER: case R_TRANSFER_RC:
    case R_DEFERRED:
      return END_FORM_OTHER;
    case NONE:
      return END_FORM_NO_REASON;
    default:
      return END_FORM_UNPLANNED;
    }
}

/* One questionnaire: a row with an answer to each item (the one-row-per-questionnaire
 * shape of docs/outcomes.md). */
static void
write_form (Gen        *g,
            const Case *c,
            const char *timepoint,
            gint32      day,
            gboolean    end)
{
  Out *o = &g->outcomes_out;

  out_id (o, "C", c->number, g->case_width);
  out_field (o, QUESTIONNAIRE);
  out_field (o, timepoint);
  out_date (o, day);
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    {
      char buf[4];

      g_snprintf (buf, sizeof buf, "%u", answer (&g->extras_rng, end ? items[k].after : items[k].before));
      out_field (o, buf);
      g->n_answers++;
    }
  out_eol (o);
}

/* The questionnaire: at the first session of the first started service, and at the
 * closure of a closed case that had one at the start. */
static void
write_outcomes (Gen        *g,
                const Case *c)
{
  gint32 first = NO_DATE;

  for (guint i = 0; i < c->n_services; i++)
    if (c->services[i].start != NO_DATE && (first == NO_DATE || c->services[i].start < first))
      first = c->services[i].start;
  if (first == NO_DATE || !chance (&g->extras_rng, START_FORM))
    return;
  write_form (g, c, "Start", first, FALSE);
  if (c->closure != NO_DATE && c->closure > first && c->closure < g->snapshot &&
      chance (&g->extras_rng, end_form_chance (c->reason)))
    write_form (g, c, "End", c->closure, TRUE);
}

static void
write_appointment (Gen        *g,
                   const Case *c,
                   guint64     service,
                   gint32      day,
                   const char *status,
                   const char *kind)
{
  Out *o = &g->appointments_out;

  out_id (o, "C", c->number, g->case_width);
  out_id (o, "S", service, g->service_width);
  out_date (o, day);
  out_field (o, status);
  out_field (o, kind);
  out_eol (o);
  g->n_appointments++;
}

/* Sessions (therapy, groups: weekly; up to 24 and 10) and contacts (advocacy every
 * fortnight, helpline and outreach weekly; up to 12) from a service's start to its end
 * or the day before the snapshot. */
static void
write_service_appointments (Gen           *g,
                            const Case    *c,
                            const Service *s,
                            guint64        service)
{
  gint32 last = s->end != NO_DATE ? s->end : g->snapshot - 1;
  gboolean sessions = s->kind == SVC_THERAPY || s->kind == SVC_GROUP;
  gint32 step = s->kind == SVC_ADVOCACY ? 14 : 7;
  guint cap = s->kind == SVC_THERAPY ? 24 : s->kind == SVC_GROUP ? 10 : 12;
  guint n = 0;

  if (s->start == NO_DATE || last < s->start || last >= g->snapshot)
    return;
  for (gint32 day = s->start; day <= last && n < cap; day += step, n++)
    {
      guint32 r = rng_below (&g->extras_rng, 1000);
      const char *status = "Attended";

      /* the first session was attended: it is the service's start */
      if (n > 0 && r < P_DNA)
        status = "Did not attend";
      else if (n > 0 && r < P_DNA + P_CANCEL_CLIENT)
        status = "Cancelled by client";
      else if (n > 0 && r < P_DNA + P_CANCEL_CLIENT + P_CANCEL_SERVICE)
        status = "Cancelled by service";
      write_appointment (g, c, service, day, status, sessions ? "Session" : "Contact");
    }
}

void
extras_write (Gen        *g,
              const Case *c,
              guint64     first_service)
{
  write_outcomes (g, c);
  for (guint i = 0; i < c->n_services; i++)
    write_service_appointments (g, c, &c->services[i], first_service + i);
}

void
extras_write_headers (Gen *g)
{
  static const char *outcome_columns[] = { "case_id", "instrument", "timepoint", "date" };
  static const char *appointment_columns[] = {
    "case_id", "service_id", "date", "status", "kind",
  };

  for (guint i = 0; i < G_N_ELEMENTS (outcome_columns); i++)
    out_field (&g->outcomes_out, outcome_columns[i]);
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    out_field (&g->outcomes_out, items[k].item);
  out_eol (&g->outcomes_out);
  for (guint i = 0; i < G_N_ELEMENTS (appointment_columns); i++)
    out_field (&g->appointments_out, appointment_columns[i]);
  out_eol (&g->appointments_out);
}
