#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hardening tests of pathways-cli: hostile files, lost work and privacy.

Run by meson (tests/hardening/meson.build), one check per invocation:

  hardening.py bad-inputs   run every line of tests/data/bad/expected.txt
  hardening.py valgrind CMD run `pathways-cli CMD` over the sample under valgrind
  hardening.py kill-save    SIGKILL the CLI while it saves over a workspace, 50 times
  hardening.py save-errors  a full disk and a read-only folder keep the old workspace
  hardening.py privacy      no network socket; no date of birth, free text or
                            identifiers in a saved workspace; mode 0600

Environment: PATHWAYS_CLI (the binary), PATHWAYS_SAMPLE_DIR, and
PATHWAYS_SANITIZED=1 when the binary is built with AddressSanitizer (which needs
unlimited virtual memory, so no `ulimit -v` then). Exit 0 when every check passes,
1 otherwise, with one line per failure.
"""

import datetime
import hashlib
import os
import random
import re
import resource
import shutil
import signal
import struct
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
BAD = os.path.join(DATA, 'bad')
CLI = os.environ.get('PATHWAYS_CLI', '')
SAMPLE = os.environ.get('PATHWAYS_SAMPLE_DIR', os.path.join(HERE, '..', '..', 'data', 'sample'))
SANITIZED = os.environ.get('PATHWAYS_SANITIZED', '0') == '1'

# The stated limits a hostile input may make the CLI use.
MEMORY_LIMIT = 1024 * 1024 * 1024      # bytes of address space (ulimit -v 1 GiB)
TIME_LIMIT = 120 if SANITIZED else 60  # seconds, for one run

SAMPLE_CASES = os.path.join(SAMPLE, 'pathways-sample-cases.csv')
SAMPLE_SERVICES = os.path.join(SAMPLE, 'pathways-sample-services.csv')
GOOD_CASES = os.path.join(DATA, 'import', 'cases.csv')

failures = []


def fail(message):
    failures.append(message)
    print('FAIL: ' + message, flush=True)


def limits(memory=True, fsize=None, user=None):
    """A preexec_fn for the child: memory and file size limits, then maybe another user."""
    def apply():
        if memory and not SANITIZED:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if fsize is not None:
            # A write past the limit then fails with EFBIG instead of killing the child.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if user is not None:
            os.setgroups([])
            os.setgid(user[1])
            os.setuid(user[0])
    return apply


def run_cli(args, cwd=None, **limit_args):
    """Runs the CLI; returns (status, output). A signal gives a negative status."""
    try:
        p = subprocess.run([CLI] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIME_LIMIT, cwd=cwd,
                           preexec_fn=limits(**limit_args))
    except subprocess.TimeoutExpired:
        return 'timeout', ''
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def case_count(path):
    """Cases in a workspace as the CLI reads it, or None when it does not open."""
    status, out = run_cli(['check', '--workspace', path])
    m = re.search(r': (\d+) cases', out)
    if status != 0 or m is None:
        return None
    return int(m.group(1))


# ---- generated hostile inputs (too big to commit) ------------------------------------

HEADER = 'Case Ref,Person ID,Date Referred,Gender\n'


def gen_columns_100000(path):
    with open(path, 'w') as f:
        f.write(','.join('c%d' % i for i in range(100000)) + '\n')
        f.write(','.join('1' for _ in range(100000)) + '\n')


def gen_cell_100mb(path):
    with open(path, 'w') as f:
        f.write(HEADER + 'C1,P1,04/01/2023,"')
        block = 'x' * (1024 * 1024)
        for _ in range(100):
            f.write(block)
        f.write('"\n')


def gen_line_100mb_unquoted(path):
    with open(path, 'w') as f:
        f.write(HEADER + 'C1,P1,04/01/2023,')
        block = 'y' * (1024 * 1024)
        for _ in range(100):
            f.write(block)
        f.write('\n')


def gen_header_16384_same(path):
    # 16,384 columns all called "a" besides the two that matter: the de-duplication of
    # header names once took n²/2 lookups here.
    with open(path, 'w') as f:
        f.write('Case Ref,Date Referred,' + ','.join('a' for _ in range(16382)) + '\n')
        f.write('C1,04/01/2023,' + ','.join('' for _ in range(16382)) + '\n')


def gen_rows_of_commas(path):
    # 200,000 rows with 16,384 empty fields each would be 3 GB: instead many short
    # rows whose fields are all empty (blank rows are skipped).
    with open(path, 'w') as f:
        f.write(HEADER)
        line = ',,,\n'
        f.write(line * 500000)
        f.write('C1,P1,04/01/2023,Female\n')


def gen_xlsx_zip_bomb(path):
    # A sheet part that inflates to 3 GB from a few MB: a cell of 3 GB text.
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr('_rels/.rels',
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr('xl/workbook.xml',
                   '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships"><sheets><sheet name="Cases" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels',
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                       b'<is><t>Case Ref</t></is></c><c r="B1" t="inlineStr"><is><t>')
            block = b'z' * (16 * 1024 * 1024)
            for _ in range(192):
                part.write(block)
            part.write(b'</t></is></c></row></sheetData></worksheet>')


def gen_mapping_11mb(path):
    with open(path, 'w') as f:
        f.write('{"format": "pathways-mapping", "version": 1, "name": "')
        f.write('m' * (11 * 1024 * 1024))
        f.write('"}\n')


GENERATORS = {
    'columns-100000.csv': gen_columns_100000,
    'cell-100mb.csv': gen_cell_100mb,
    'line-100mb-unquoted.csv': gen_line_100mb_unquoted,
    'header-16384-same-name.csv': gen_header_16384_same,
    'rows-of-commas.csv': gen_rows_of_commas,
    'xlsx-zip-bomb.xlsx': gen_xlsx_zip_bomb,
    'mapping-11mb.json': gen_mapping_11mb,
}


# ---- bad inputs ----------------------------------------------------------------------

def command_for(mode, path, tmp):
    """The CLI arguments that feed PATH to the program as MODE says."""
    out = os.path.join(tmp, 'out.pathways')
    if mode == 'check':
        return ['check', '--cases', path]
    if mode == 'import':
        return ['import', '--cases', path, '--output', out]
    if mode == 'services':
        return ['check', '--cases', GOOD_CASES, '--services', path]
    if mode == 'mapping':
        return ['check', '--cases', GOOD_CASES, '--mapping', path]
    if mode == 'workspace':
        return ['summary', '--workspace', path]
    if mode == 'output':
        # PATH is the destination itself (see the special names below).
        return ['import', '--cases', GOOD_CASES, '--output', path]
    raise ValueError('unknown mode ' + mode)


def special_path(name, tmp):
    """Destinations that cannot be committed as files."""
    if name == '@output-under-a-file':
        # A folder path that goes through a regular file: no one, root included, can
        # create anything there (ENOTDIR), which is how a read-only destination is
        # tested when the tests run as root.
        blocker = os.path.join(tmp, 'not-a-folder')
        with open(blocker, 'w') as f:
            f.write('x')
        return os.path.join(blocker, 'out.pathways')
    if name == '@output-missing-folder':
        return os.path.join(tmp, 'no', 'such', 'folder', 'out.pathways')
    if name == '@output-is-a-folder':
        folder = os.path.join(tmp, 'a-folder.pathways')
        os.makedirs(folder, exist_ok=True)
        return folder
    if name == '@missing-file':
        return os.path.join(tmp, 'no-such-file.csv')
    if name == '@folder-as-input':
        return tmp
    raise ValueError('unknown special name ' + name)


def bad_inputs():
    manifest = os.path.join(BAD, 'expected.txt')
    n = 0
    with tempfile.TemporaryDirectory(prefix='pathways-bad-') as tmp:
        with open(manifest, encoding='utf-8') as f:
            lines = [l.rstrip('\n') for l in f]
        for lineno, line in enumerate(lines, 1):
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) != 4:
                fail('expected.txt:%d: want 4 tab-separated fields, got %d' % (lineno, len(parts)))
                continue
            name, mode, want_status, want_text = parts
            if name.startswith('@'):
                path = special_path(name, tmp)
            elif name in GENERATORS:
                path = os.path.join(tmp, name)
                GENERATORS[name](path)
            else:
                path = os.path.join(BAD, name)
                if not os.path.isfile(path):
                    fail('%s: listed in expected.txt but not in tests/data/bad' % name)
                    continue
            started = time.monotonic()
            status, out = run_cli(command_for(mode, path, tmp), cwd=tmp)
            took = time.monotonic() - started
            n += 1
            if status != int(want_status):
                fail('%s (%s): exit status %s, expected %s; output:\n%s'
                     % (name, mode, status, want_status, out[:2000]))
            elif want_text not in out:
                fail('%s (%s): output lacks “%s”; output:\n%s' % (name, mode, want_text, out[:2000]))
            else:
                print('ok %s (%s) %.1fs' % (name, mode, took), flush=True)
            if name in GENERATORS:
                os.unlink(path)
            out_file = os.path.join(tmp, 'out.pathways')
            if os.path.exists(out_file) and int(want_status) != 0:
                fail('%s: a failed import left %s behind' % (name, out_file))
            if os.path.isfile(out_file):
                os.unlink(out_file)

        # Every committed file is in the manifest.
        listed = set(l.split('\t')[0] for l in lines if l.strip() and not l.startswith('#'))
        for entry in sorted(os.listdir(BAD)):
            if entry != 'expected.txt' and entry not in listed:
                fail('tests/data/bad/%s is not in expected.txt' % entry)
    print('%d bad inputs run' % n)


# ---- valgrind ------------------------------------------------------------------------

def valgrind(command):
    with tempfile.TemporaryDirectory(prefix='pathways-valgrind-') as tmp:
        sample = ['--cases', SAMPLE_CASES, '--services', SAMPLE_SERVICES]
        if command == 'import':
            args = ['import'] + sample + ['--output', os.path.join(tmp, 's.pathways')]
        elif command == 'summary':
            args = ['summary'] + sample
        elif command == 'summary-workspace':
            ws = os.path.join(tmp, 's.pathways')
            status, out = run_cli(['import'] + sample + ['--output', ws])
            if status != 0:
                fail('import for the workspace: %s' % out)
                return
            args = ['summary', '--json', '--workspace', ws]
        elif command == 'check':
            args = ['check'] + sample
        elif command in ('export-pdf', 'export-xlsx', 'export-csv'):
            fmt = command.split('-')[1]
            args = ['export'] + sample + ['--format', fmt, '--output', os.path.join(tmp, 'report.' + fmt)]
        elif command == 'export-png':
            args = ['export'] + sample + ['--format', 'png', '--chart', 'closure-reasons',
                                          '--output', os.path.join(tmp, 'chart.png')]
        else:
            raise ValueError(command)
        supp = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'valgrind.supp')
        cmd = ['valgrind', '-q', '--error-exitcode=1', '--leak-check=full',
               '--errors-for-leak-kinds=definite', '--show-leak-kinds=definite',
               '--suppressions=' + supp, CLI] + args
        env = dict(os.environ, G_SLICE='always-malloc')
        env.pop('MALLOC_CHECK_', None)
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600, env=env)
        out = p.stdout.decode('utf-8', 'replace')
        if p.returncode != 0 or re.search(r'==\d+==', out):
            fail('valgrind %s: exit %d\n%s' % (' '.join(args), p.returncode, out[-6000:]))
        else:
            print('ok valgrind pathways-cli %s' % command)


# ---- lost work -----------------------------------------------------------------------

def kill_save():
    rng = random.Random(int(os.environ.get('PATHWAYS_KILL_SEED', '20231')))
    with tempfile.TemporaryDirectory(prefix='pathways-kill-') as tmp:
        ws = os.path.join(tmp, 'work.pathways')
        status, out = run_cli(['import', '--cases', GOOD_CASES, '--output', ws])
        if status != 0:
            fail('the first workspace: %s' % out)
            return
        old_hash = sha256(ws)
        old_cases = case_count(ws)
        new_args = ['import', '--cases', SAMPLE_CASES, '--services', SAMPLE_SERVICES,
                    '--output', ws]

        # How long a whole save takes, to kill anywhere within it.
        probe = os.path.join(tmp, 'probe.pathways')
        started = time.monotonic()
        status, out = run_cli(new_args[:-1] + [probe])
        duration = time.monotonic() - started
        if status != 0:
            fail('the probe import: %s' % out)
            return
        new_cases = case_count(probe)
        os.unlink(probe)

        outcomes = {'old': 0, 'new': 0}
        for i in range(50):
            delay = rng.uniform(0, duration * 1.1)
            p = subprocess.Popen([CLI] + new_args, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 preexec_fn=limits())
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            if sha256(ws) == old_hash:
                outcomes['old'] += 1
                if case_count(ws) != old_cases:
                    fail('kill %d after %.3fs: the old workspace no longer opens' % (i, delay))
            else:
                # Only a complete new workspace may have replaced it.
                n = case_count(ws)
                if n != new_cases:
                    fail('kill %d after %.3fs: the workspace was replaced by one with %s cases'
                         % (i, delay, n))
                    return
                outcomes['new'] += 1
                # Put the old one back for the next round.
                status, out = run_cli(['import', '--cases', GOOD_CASES, '--output', ws])
                old_hash = sha256(ws)
            # What a killed save leaves behind is its temporary file, never the target.
            for entry in os.listdir(tmp):
                if entry != 'work.pathways' and not entry.startswith('work.pathways.'):
                    fail('kill %d: unexpected file %s' % (i, entry))
        leftovers = [e for e in os.listdir(tmp) if e.startswith('work.pathways.')]
        print('ok 50 kills in a %.2fs save: %d kept the old workspace, %d found the new one '
              'complete; %d temporary files left behind'
              % (duration, outcomes['old'], outcomes['new'], len(leftovers)))


def save_errors():
    with tempfile.TemporaryDirectory(prefix='pathways-save-') as tmp:
        ws = os.path.join(tmp, 'work.pathways')
        status, out = run_cli(['import', '--cases', GOOD_CASES, '--output', ws])
        if status != 0:
            fail('the first workspace: %s' % out)
            return
        old_hash = sha256(ws)
        sample = ['import', '--cases', SAMPLE_CASES, '--services', SAMPLE_SERVICES, '--output', ws]

        # A full disk: every file the child writes stops growing at 256 KiB.
        status, out = run_cli(sample, fsize=256 * 1024)
        if status != 1 or 'work.pathways' not in out:
            fail('full disk: exit %s, output: %s' % (status, out))
        elif sha256(ws) != old_hash:
            fail('full disk: the old workspace was changed')
        elif sorted(os.listdir(tmp)) != ['work.pathways']:
            fail('full disk: files left behind: %s' % os.listdir(tmp))
        else:
            print('ok full disk: exit 1, “%s”, old workspace kept' % out.strip())

        # A read-only folder. chmod does not stop root, so as root the child runs as
        # nobody (who owns nothing there); otherwise the folder is made 0555.
        os.chmod(tmp, 0o755)
        user = None
        if os.geteuid() == 0:
            user = (65534, 65534)
            os.chmod(ws, 0o644)
            old_hash = sha256(ws)
        else:
            os.chmod(tmp, 0o555)
        try:
            status, out = run_cli(sample, user=user)
        finally:
            os.chmod(tmp, 0o755)
        if status != 1 or 'work.pathways' not in out:
            fail('read-only folder: exit %s, output: %s' % (status, out))
        elif sha256(ws) != old_hash:
            fail('read-only folder: the old workspace was changed')
        elif sorted(os.listdir(tmp)) != ['work.pathways']:
            fail('read-only folder: files left behind: %s' % os.listdir(tmp))
        else:
            print('ok read-only folder%s: exit 1, “%s”, old workspace kept'
                  % (' (as nobody)' if user else '', out.strip()))


# ---- privacy -------------------------------------------------------------------------

def privacy():
    with tempfile.TemporaryDirectory(prefix='pathways-privacy-') as tmp:
        # 1. No network: not one AF_INET or AF_INET6 socket in import, summary, check.
        ws = os.path.join(tmp, 'net.pathways')
        sample = ['--cases', SAMPLE_CASES, '--services', SAMPLE_SERVICES]
        out = lambda name: os.path.join(tmp, name)
        for args in (['import'] + sample + ['--output', ws], ['summary'] + sample,
                     ['check'] + sample, ['summary', '--workspace', ws],
                     ['export', '--workspace', ws, '--format', 'pdf', '--output', out('r.pdf')],
                     ['export', '--workspace', ws, '--format', 'xlsx', '--output', out('r.xlsx')],
                     ['export', '--workspace', ws, '--format', 'csv', '--output', out('csv')],
                     ['export', '--workspace', ws, '--format', 'png', '--chart', 'funnel',
                      '--output', out('f.png')],
                     ['export', '--workspace', ws, '--format', 'svg', '--chart', 'waiting-times',
                      '--output', out('w.svg')]):
            trace = os.path.join(tmp, 'strace.txt')
            # LeakSanitizer cannot work under ptrace: leaks are the other tests' business.
            env = dict(os.environ)
            env['ASAN_OPTIONS'] = env.get('ASAN_OPTIONS', '') + ':detect_leaks=0'
            p = subprocess.run(['strace', '-f', '-qq', '-e', 'trace=network', '-o', trace,
                                CLI] + args, stdin=subprocess.DEVNULL, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
            with open(trace) as f:
                calls = f.read()
            if p.returncode != 0:
                fail('strace %s: exit %d %s' % (args[0], p.returncode, p.stderr.decode()[-500:]))
            elif 'AF_INET' in calls:     # AF_INET6 contains it too
                fail('pathways-cli %s opened an internet socket:\n%s' % (' '.join(args[:4]), calls))
            else:
                n = len([l for l in calls.splitlines() if l.strip()])
                print('ok no internet socket in pathways-cli %s (%d network calls, all local)'
                      % (' '.join(args[:4]), n))

        # 2. Date of birth derives the age and is never stored.
        for name, secrets, kind in (
                ('date-of-birth.csv', ['1987-03-14', '14/03/1987', '1990-11-02', '02/11/1990',
                                       '1962-07-30', '30/07/1962'], 'date of birth'),
                ('date-of-birth-malformed.csv', ['31/02/1985', 'sometime 1971', '14/07/1885',
                                                 '1885-07-14', '14/03/1987', '1987-03-14'],
                 'malformed date of birth'),
                ('identifiers.csv', None, 'personal data')):
            path = os.path.join(DATA, 'privacy', name)
            out_ws = os.path.join(tmp, name + '.pathways')
            status, out = run_cli(['import', '--cases', path, '--output', out_ws])
            if status != 0:
                fail('import %s: %s' % (name, out))
                continue
            if secrets is None:
                secrets = identifier_values(path)
            check_not_stored(out_ws, secrets, kind, name)
            mode = os.stat(out_ws).st_mode & 0o777
            if mode != 0o600:
                fail('%s: workspace mode %o, expected 600' % (name, mode))
            else:
                print('ok %s: workspace mode 0600' % name)

        # A malformed date of birth is a finding that names its row and column, never
        # its value: not in check's text, not in its JSON.
        path = os.path.join(DATA, 'privacy', 'date-of-birth-malformed.csv')
        for extra in ([], ['--json']):
            status, out = run_cli(['check', '--cases', path] + extra)
            leaked = [v for v in ('31/02/1985', 'sometime 1971', '14/07/1885') if v in out]
            if status != 0 or leaked:
                fail('check %s: exit %d, dates of birth shown: %s' % (' '.join(extra), status, leaked))
            elif 'Date of birth' not in out:
                fail('check %s: the date-of-birth findings are missing:\n%s' % (' '.join(extra), out))
            else:
                print('ok check %s names the date-of-birth findings without their values' % ' '.join(extra))

        # The age that the date of birth gives is there.
        status, out = run_cli(['mapping', '--cases', os.path.join(DATA, 'privacy', 'date-of-birth.csv')])
        if '"date_of_birth"' not in out:
            fail('the date-of-birth column is not detected (to derive the age):\n' + out)

        # 3. An auto-detected mapping does not map free text or identifiers.
        status, out = run_cli(['mapping', '--cases', os.path.join(DATA, 'privacy', 'identifiers.csv')])
        for column in ('Client name', 'Address', 'Postcode', 'Phone', 'Email', 'Notes',
                       'NHS number', 'Case notes'):
            if '"%s"' % column in out:
                fail('the detected mapping maps the column “%s”:\n%s' % (column, out))
        print('ok detected mapping leaves names, addresses, phones and notes out')


def identifier_values(path):
    """Every value of the personal columns of the identifiers fixture."""
    import csv
    personal = {'Client name', 'Address', 'Postcode', 'Phone', 'Email', 'Notes',
                'NHS number', 'Case notes'}
    values = []
    with open(path, newline='', encoding='utf-8') as f:
        for row in csv.DictReader(f):
            values += [v for k, v in row.items() if k in personal and len(v) >= 5]
    return values


def check_not_stored(ws, secrets, kind, name):
    with open(ws, 'rb') as f:
        raw = f.read()
    found = [s for s in secrets if s.encode() in raw or s.encode('utf-16-le') in raw]
    # Every value of every table, dates as SQLite shows them too.
    db = sqlite3.connect('file:%s?mode=ro' % ws, uri=True)
    cells = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"):
        for row in db.execute('SELECT * FROM "%s"' % table):
            cells += [str(v) for v in row if not isinstance(v, bytes)]
    db.close()
    text = '\n'.join(cells)
    found += [s for s in secrets if s in text]
    # Dates live in column blobs as little-endian GDate day numbers (day 1 = 0001-01-01,
    # as Python's ordinal): a stored date of birth would show as those four bytes.
    for s in secrets:
        m = re.fullmatch(r'(\d{4})-(\d{2})-(\d{2})', s)
        if m:
            day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
            if struct.pack('<i', day) in raw:
                found.append(s + ' (as a day number)')
    if 'date_of_birth' in [r[0] for r in sqlite3.connect('file:%s?mode=ro' % ws, uri=True)
                           .execute('SELECT field FROM column_data')]:
        found.append('a date_of_birth column')
    if found:
        fail('%s: the workspace holds %s: %s' % (name, kind, sorted(set(found))[:5]))
    else:
        print('ok %s: no %s in the workspace bytes or tables (%d values looked for)'
              % (name, kind, len(secrets)))


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print('PATHWAYS_CLI is not set to the pathways-cli binary')
        return 1
    what = sys.argv[1] if len(sys.argv) > 1 else ''
    if what == 'bad-inputs':
        bad_inputs()
    elif what == 'valgrind':
        valgrind(sys.argv[2])
    elif what == 'kill-save':
        kill_save()
    elif what == 'save-errors':
        save_errors()
    elif what == 'privacy':
        privacy()
    else:
        print(__doc__)
        return 2
    if failures:
        print('%d check(s) failed' % len(failures))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
