/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-case.c: one case of the sample data.
 *
 * Cases are made in referral-date order. A case is a person (new, or someone whose
 * earlier case closed and who came back), a referral and its incident, the needs at
 * assessment, and a journey run as it would without a snapshot: contact,
 * assessment, services (pathways-generate-services.c), closure. The journey is then
 * cut at the snapshot. The random draws happen in a fixed order, which the output
 * depends on: keep it when changing anything here.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <string.h>

#include "pathways-generate-private.h"

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

static guint8
age_band_of (gint32 age)
{
  for (guint8 i = 0; i < AGE_75; i++)
    if (age <= age_hi[i])
      return i;
  return AGE_75;
}

/* Returning people: keep the linked share on course (1,169 of 6,457 cases are a
 * later case of a person already in the data). Takes RET from the pool of people
 * who may come back when one is due. */
static gboolean
take_returner (Gen      *g,
               guint64   index,
               gint32    referral,
               Returner *ret)
{
  Rng *rng = &g->rng;
  gint64 deficit;

  deficit = (gint64) ((index + 1) * 1169 / SAMPLE_CASES) - (gint64) g->linked_returns;
  if (g->heap->len > 0
      && g_array_index (g->heap, Returner, 0).eligible <= referral
      && deficit > 0
      && (deficit > 3 || index + 16 >= g->n_cases || rng_chance (rng, 500000)))
    {
      heap_pop (g->heap, ret);
      g->linked_returns++;
      return TRUE;
    }
  return FALSE;
}

/* The person of case C: someone coming back keeps gender, ethnicity, sexuality,
 * religion, disability and age band; anyone else is drawn. Returns the date of
 * birth. */
static gint32
gen_person (Gen     *g,
            Case    *c,
            guint64  index,
            gint32   referral)
{
  Rng *rng = &g->rng;
  Returner ret;
  gint32 age, birth;
  gboolean age_missing;
  gint64 udef;
  guint8 band;

  if (take_returner (g, index, referral, &ret))
    {
      c->person = ret.person;
      c->returning = 1;
      c->gender = ret.gender;
      c->ethnicity = ret.ethnicity;
      c->sexuality = ret.sexuality;
      c->religion = ret.religion;
      c->disability = ret.disability;
      c->age_band = ret.age_band;
      return ret.birth;
    }

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
  band = table_pick (&g->t_age, rng);
  age_missing = band == AGE_MISSING;
  if (age_missing)
    band = AGE_25;
  age = rng_range (rng, age_lo[band], age_hi[band]);
  birth = referral - (age * 1461) / 4 - rng_range (rng, 0, 364);

  /* The band is the one recorded at the person's first case. */
  age = (gint32) (((gint64) referral - birth) * 4 / 1461);
  if (age < 18)
    age = 18;
  c->age_band = age_missing ? AGE_MISSING : age_band_of (age);
  return birth;
}

/* Referral and incident, role, accommodation and employment. Returns the incident
 * table of the referral source (0 police, 1 self, 2 other). */
static guint8
gen_referral (Gen  *g,
              Case *c)
{
  Rng *rng = &g->rng;
  guint8 inc_table;

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
  return inc_table;
}

/* Time before seeking support, or its missing spelling. */
static void
gen_time_before_support (Gen  *g,
                         Case *c)
{
  Rng *rng = &g->rng;
  guint8 tbs_class;
  guint32 total = 0, r;

  if (c->incident == INC_NONE ? rng_chance (rng, 900000) : rng_chance (rng, 15000))
    {
      c->tbs_missing = rng_chance (rng, 200000);
      return;
    }

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
static void
gen_needs (Gen  *g,
           Case *c)
{
  Rng *rng = &g->rng;

  c->risk_class = pick_class (rng, risk_classes);
  c->issue_class = pick_class (rng, issue_classes);
  c->impact_class = pick_class (rng, impact_classes);
  c->risks = pick_items (rng, risk_items, G_N_ELEMENTS (risk_items), c->risk_class);
  c->issues = pick_items (rng, issue_items, G_N_ELEMENTS (issue_items), c->issue_class);
  c->impacts = pick_items (rng, impact_items, G_N_ELEMENTS (impact_items),
                           c->impact_class);
}

/* How far the journey goes, as it would run without the snapshot: contact,
 * assessment, allocation, a first session; the service mix; a planned closure. */
static void
plan_journey (Gen     *g,
              Case    *c,
              Journey *j)
{
  static const guint32 p_contact[N_SRC] = {
    800000, 950000, 900000, 900000, 850000, 850000, 850000,
  };
  static const guint32 p_assess[N_SRC] = {
    650000, 850000, 860000, 860000, 800000, 800000, 800000,
  };
  static const guint32 acc_early[] = { 1030, 1010, 920, 880, 850 };
  /* Service mix: therapy only, both, advocacy only, other services only. */
  static const guint32 mix[3][4] = {
    { 3800, 5000, 1150, 50 },
    { 7000, 2500, 450, 50 },
    { 6000, 3200, 750, 50 },
  };
  Rng *rng = &g->rng;
  guint8 acc_class = accommodation_class[c->accommodation];

  j->contacted = rng_chance (rng, p_contact[c->src_group]);
  j->assessed = j->contacted
                && rng_chance (rng, scale_ppm (p_assess[c->src_group],
                                               acc_early[acc_class]));
  j->allocated = j->assessed && rng_chance (rng, 955000);
  j->started = j->allocated
               && rng_chance (rng, c->src_group == SRC_POLICE ? 850000 : 830000);
  if (j->allocated)
    {
      const guint32 *w = mix[j->inc_table];
      guint32 r = rng_below (rng, w[0] + w[1] + w[2] + w[3]);

      if (r < w[0])
        j->therapy = TRUE;
      else if (r < w[0] + w[1])
        j->therapy = j->advocacy = TRUE;
      else if (r < w[0] + w[1] + w[2])
        j->advocacy = TRUE;
      else
        j->other_only = TRUE;
    }
}

/* The chance (ppm) of a planned closure once a service was attended. */
static guint32
planned_chance (const Case    *c,
                const Journey *j)
{
  static const guint32 inc_f[N_INC] = { 930, 1150, 1050, 1050, 1050, 1050, 1000, 1000 };
  static const guint32 age_f[N_AGE] = { 950, 960, 1000, 1150, 1200, 1350, 1400, 1000 };
  static const guint32 acc_f[] = { 1170, 1130, 880, 850, 500 };
  static const guint32 src_f[N_SRC] = { 1000, 1080, 980, 980, 950, 950, 1000 };
  guint8 acc_class = accommodation_class[c->accommodation];
  guint32 mix_f = j->therapy && j->advocacy ? 1120 : j->therapy ? 970
                  : j->advocacy ? 850 : 900;
  guint32 p;

  p = scale_ppm (575000, inc_f[c->incident]);
  p = scale_ppm (p, src_f[c->src_group]);
  p = scale_ppm (p, age_f[c->age_band]);
  p = scale_ppm (p, acc_f[acc_class]);
  p = scale_ppm (p, mix_f);
  return p > 950000 ? 950000 : p;
}

/* The first-contact and assessment dates of the journey. */
static void
gen_contact_and_assessment (Gen     *g,
                            Case    *c,
                            Journey *j)
{
  Rng *rng = &g->rng;

  j->last = c->referral;
  if (j->contacted)
    {
      gint32 d;
      guint32 r = rng_below (rng, 100);

      d = r < 30 ? 0 : r < 60 ? rng_range (rng, 1, 3) : r < 90 ? rng_range (rng, 4, 14)
        : rng_range (rng, 15, 60);
      c->contact = c->referral + d;
      j->last = c->contact;
    }
  if (j->assessed)
    {
      guint32 r = rng_below (rng, 100);
      gint32 d = r < 30 ? rng_range (rng, 0, 7) : r < 75 ? rng_range (rng, 8, 28)
                 : rng_range (rng, 29, 90);

      c->assessment = c->contact + d;
      j->last = c->assessment;
    }
}

/* Case closure, as it would happen: the reason follows the stage reached. Then a
 * few cases are never closed on the system, and recorded dates go missing now and
 * then. */
static void
close_case (Gen           *g,
            Case          *c,
            const Journey *j)
{
  Rng *rng = &g->rng;

  if (j->planned)
    c->reason = R_PLANNED;
  else if (j->started)
    c->reason = PICK_REASON (reasons_started_unplanned, rng);
  else if (j->allocated)
    c->reason = PICK_REASON (reasons_not_started, rng);
  else if (j->assessed)
    c->reason = PICK_REASON (reasons_no_service, rng);
  else if (j->contacted)
    c->reason = PICK_REASON (reasons_not_assessed, rng);
  else
    c->reason = PICK_REASON (reasons_not_contacted, rng);
  if (c->n_services > 0)
    c->closure = j->last + rng_range (rng, 0, 30);
  else
    c->closure = j->last + rng_range (rng, 7, 90);
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
}

/* Cut at the snapshot: what has not happened yet is not in the export. */
static void
cut_at_snapshot (Gen  *g,
                 Case *c)
{
  guint j = 0;

  if (c->closure <= g->snapshot)
    return;

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

/* Will this person come back? If so, they join the pool with a date from which a
 * later case may be theirs. */
static void
maybe_return (Gen        *g,
              const Case *c,
              gint32      birth)
{
  static const guint32 age_ret[N_AGE] = { 1250, 1150, 950, 1050, 850, 700, 0, 1000 };
  Rng *rng = &g->rng;
  guint32 pr;
  Returner r;

  if (c->closure == NO_DATE)
    return;

  pr = c->returning ? 330000 : c->reason == R_PLANNED ? 120000 : 180000;
  pr = scale_ppm (pr, age_ret[c->age_band]);
  pr = scale_ppm (pr, 1400);
  if (!rng_chance (rng, pr))
    return;

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

void
gen_case (Gen     *g,
          Case    *c,
          guint64  index,
          gint32   referral)
{
  Journey j = { 0 };
  gint32 birth;

  memset (c, 0, sizeof *c);
  c->number = index + 1;
  c->referral = referral;
  c->contact = c->assessment = c->closure = NO_DATE;
  c->reason = NONE;
  c->tbs = NONE;

  birth = gen_person (g, c, index, referral);
  j.inc_table = gen_referral (g, c);
  gen_time_before_support (g, c);
  gen_needs (g, c);

  /* The journey, as it would run without the snapshot. */
  plan_journey (g, c, &j);
  j.planned = j.started && rng_chance (&g->rng, planned_chance (c, &j));
  gen_contact_and_assessment (g, c, &j);
  if (j.allocated)
    gen_services (g, c, &j);
  close_case (g, c, &j);

  cut_at_snapshot (g, c);
  gen_unrecorded_reasons (g, c);
  maybe_return (g, c, birth);
}
