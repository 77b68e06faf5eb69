# SPDX-License-Identifier: GPL-3.0-or-later
# Anchor for build-aux/bench-anchors: pandas reads the quirky case and service files
# (';', UK dates, every other column as text), then counts the journey funnel, the
# closure reasons and the median waits.
# Usage: python3 pandas-measures.py CASES SERVICES
import json
import sys

import pandas as pd


def read(path, dates):
    frame = pd.read_csv(path, sep=';', dtype=str, keep_default_na=False, na_values=[''])
    for name in dates:
        frame[name] = pd.to_datetime(frame[name], format='%d/%m/%Y', errors='coerce')
    return frame


cases = read(sys.argv[1], ['referral_date', 'first_contact_date', 'assessment_date',
                           'closure_date'])
services = read(sys.argv[2], ['service_referral_date', 'service_start_date',
                              'service_end_date'])
started = set(services.loc[services['service_start_date'].notna(), 'case_id'])
closed = cases[cases['closure_date'].notna()]
print(json.dumps({
    'funnel': {
        'referred': len(cases),
        'contacted': int(cases['first_contact_date'].notna().sum()),
        'assessed': int(cases['assessment_date'].notna().sum()),
        'supported': int(cases['case_id'].isin(started).sum()),
        'closed': len(closed),
    },
    'closures': {k: int(v) for k, v in closed['closure_reason'].value_counts().items()},
    'waits': {
        'to_contact': (cases['first_contact_date'] - cases['referral_date']).dt.days.median(),
        'to_service': (services['service_start_date']
                       - services['service_referral_date']).dt.days.median(),
    },
}))
