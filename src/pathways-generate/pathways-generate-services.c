/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-services.c: the services of a case.
 *
 * Therapy, advocacy (or both) or another service, with waiting-list waits (therapy
 * 9 % no wait, advocacy 65 %), lengths, follow-on services and closure reasons that
 * agree with the case's outcome. The order of the random draws is part of the
 * output: keep it.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include "pathways-generate-private.h"

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

/* The first services: therapy, advocacy, both, or one of the other kinds. */
static void
add_first_services (Gen            *g,
                    Case           *c,
                    const Journey  *j,
                    Service       **first_therapy,
                    Service       **first_adv)
{
  Rng *rng = &g->rng;
  gint32 base = c->assessment;
  gboolean any_started = FALSE;

  if (j->therapy)
    {
      gboolean go = j->started && (!j->advocacy || rng_chance (rng, 800000));

      *first_therapy = add_service (g, c, SVC_THERAPY, base + rng_range (rng, 0, 21), go);
      any_started |= go;
    }
  if (j->advocacy)
    {
      gint32 wl = c->src_group == SRC_POLICE && rng_chance (rng, 500000)
                  ? c->referral + rng_range (rng, 0, 10)
                  : base + rng_range (rng, 0, 14);
      gboolean go = j->started && (!any_started || rng_chance (rng, 970000));

      if (wl < c->referral)
        wl = c->referral;
      *first_adv = add_service (g, c, SVC_ADVOCACY, wl, go);
      any_started |= go;
    }
  if (j->other_only)
    {
      guint8 kind = (guint8) (SVC_GROUP + rng_below (rng, 3));

      add_service (g, c, kind, base + rng_range (rng, 0, 30), j->started);
    }
}

/* Follow-on services: more therapy, more advocacy, now and then a group. */
static void
add_follow_on_services (Gen           *g,
                        Case          *c,
                        const Journey *j,
                        const Service *first_therapy,
                        const Service *first_adv)
{
  Rng *rng = &g->rng;
  gint32 base = c->assessment;

  /* Each draw is a statement of its own: the order of the draws inside one
   * expression (the arguments of a call, the operands of +) is the compiler's
   * choice, and the files must not depend on the compiler. */
  if (first_therapy != NULL && rng_chance (rng, 150000))
    {
      gint32 from = first_therapy->start != NO_DATE ? first_therapy->start
                    : first_therapy->end;
      gboolean go = j->started && first_therapy->start != NO_DATE
                    && rng_chance (rng, 700000);
      gint32 wl = from + rng_range (rng, 30, 200);

      add_service (g, c, SVC_THERAPY, wl, go);
    }
  if (first_adv != NULL)
    {
      guint extra = rng_chance (rng, 170000);

      extra += rng_chance (rng, 30000);
      for (guint k = 0; k < extra; k++)
        {
          gint32 from = first_adv->start != NO_DATE ? first_adv->start : first_adv->end;
          gboolean go = j->started && first_adv->start != NO_DATE
                        && rng_chance (rng, 950000);
          gint32 wl = from + rng_range (rng, 10, 300);

          add_service (g, c, SVC_ADVOCACY, wl, go);
        }
    }
  if (j->started && !j->other_only && rng_chance (rng, 15000))
    {
      gint32 wl = base + rng_range (rng, 30, 200);
      guint8 kind = (guint8) (SVC_GROUP + rng_below (rng, 3));

      add_service (g, c, kind, wl, TRUE);
    }
}

/* Service closure reasons, consistent with the case outcome; dropping out shortens a
 * service. */
static void
gen_service_reasons (Gen     *g,
                     Case    *c,
                     Journey *j)
{
  Rng *rng = &g->rng;
  gboolean have_planned = FALSE;
  Service *main_started = NULL;

  for (guint i = 0; i < c->n_services; i++)
    {
      Service *s = &c->services[i];

      if (s->start == NO_DATE)
        s->reason = PICK_REASON (svc_not_started, rng);
      else if (s->kind == SVC_ADVOCACY)
        s->reason = j->planned ? PICK_REASON (svc_advocacy_planned_case, rng)
                               : PICK_REASON (svc_advocacy_unplanned_case, rng);
      else
        s->reason = j->planned ? PICK_REASON (svc_therapy_planned_case, rng)
                               : PICK_REASON (svc_therapy_unplanned_case, rng);
      if (s->start != NO_DATE && main_started == NULL)
        main_started = s;
      if (s->reason == R_PLANNED)
        have_planned = TRUE;
      /* Dropping out shortens a service. */
      if (s->start != NO_DATE && s->reason != R_PLANNED
          && rng_chance (rng, 700000))
        s->end = s->start + PICK_BUCKET (short_length, rng);
      j->last = max_date (j->last, s->end);
    }
  if (j->planned && !have_planned && main_started != NULL)
    main_started->reason = R_PLANNED;
}

void
gen_services (Gen     *g,
              Case    *c,
              Journey *j)
{
  Service *first_therapy = NULL, *first_adv = NULL;

  add_first_services (g, c, j, &first_therapy, &first_adv);
  add_follow_on_services (g, c, j, first_therapy, first_adv);
  gen_service_reasons (g, c, j);
}

/* Closed services without a recorded reason. */
void
gen_unrecorded_reasons (Gen  *g,
                        Case *c)
{
  Rng *rng = &g->rng;

  for (guint i = 0; i < c->n_services; i++)
    {
      Service *s = &c->services[i];

      if (s->end != NO_DATE
          && rng_chance (rng, s->kind == SVC_ADVOCACY ? 90000 : 60000))
        s->reason = NONE;
    }
}
