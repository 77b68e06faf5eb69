#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The manual page and `pathways-cli --help` agree.

Usage: test-manpage.py PATHWAYS-CLI MANPAGE

- The commands under COMMANDS in the page are the commands `pathways-cli --help`
  lists (the lines under "Commands:").
- For each command, the options its --help-all lists (help options left out) are the
  options the page describes in the OPTIONS subsections whose title names that command
  in brackets ("(summary, export)"), or "(every command)". Both ways: an option the
  program has and the page misses fails, and so does an option the page gives a command
  that the command does not take.

Nothing is listed here by hand, so a new command or option fails until it is documented.
"""

import re
import subprocess
import sys

OPTION_RE = re.compile(r"(?<![\w-])(--?[A-Za-z0-9][\w-]*)")


def run(cli, *args):
    out = subprocess.run([cli, *args], capture_output=True, text=True,
                         env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        sys.exit(f"{cli} {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return out.stdout


def cli_commands(cli):
    text = run(cli, "--help")
    commands = []
    in_list = False
    for line in text.splitlines():
        if line.strip() == "Commands:":
            in_list = True
            continue
        if in_list:
            if not line.strip():
                break
            commands.append(line.split()[0])
    if not commands:
        sys.exit("pathways-cli --help lists no commands")
    return commands


def cli_options(cli, command):
    text = run(cli, command, "--help")
    if "--help-all" in text:
        text = run(cli, command, "--help-all")
    options = set()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("-"):
            continue
        # "-o, --output=FILE   Where to write": the names before the description
        names = re.split(r"\s{2,}", stripped)[0]
        for name in OPTION_RE.findall(names.split("=")[0]):
            if name in ("-h", "--help") or name.startswith("--help-"):
                continue
            options.add(name)
    return options


def plain(troff):
    """A troff line as text: font escapes gone, \\- and \\e as - and \\."""
    text = re.sub(r"\\f[BIRP]", "", troff)
    text = text.replace("\\-", "-").replace("\\e", "\\")
    text = re.sub(r'^\.(B|I|BI|IB|BR|RB|IR|RI)\s+', "", text)
    return text.replace('"', "")


def page_sections(path):
    """{section: [lines]} and {(subsection title): [lines]} of OPTIONS."""
    sections, subsections = {}, {}
    section = subsection = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(".SH"):
                section = plain(line[3:].strip())
                subsection = None
                sections[section] = []
            elif line.startswith(".SS") and section == "OPTIONS":
                subsection = plain(line[3:].strip())
                subsections[subsection] = []
            elif section is not None:
                sections[section].append(line)
                if subsection is not None:
                    subsections[subsection].append(line)
    return sections, subsections


def tags(lines):
    """The tag line after each .TP, as text."""
    return [plain(lines[i + 1]) for i, line in enumerate(lines[:-1]) if line.startswith(".TP")]


def main():
    cli, page = sys.argv[1], sys.argv[2]
    failures = []
    commands = cli_commands(cli)
    sections, subsections = page_sections(page)

    page_commands = [t.split()[0] for t in tags(sections.get("COMMANDS", []))]
    if sorted(page_commands) != sorted(commands):
        failures.append(f"commands: --help lists {sorted(commands)}, the page {sorted(page_commands)}")

    page_options = {c: {} for c in commands}
    for title, lines in subsections.items():
        m = re.search(r"\(([^)]*)\)\s*$", title)
        if m is None:
            failures.append(f"OPTIONS subsection '{title}' names no commands in brackets")
            continue
        named = commands if m.group(1) == "every command" else [c.strip() for c in m.group(1).split(",")]
        for c in named:
            if c not in page_options:
                failures.append(f"'{title}' names '{c}', which --help does not list")
                continue
            for tag in tags(lines):
                for name in OPTION_RE.findall(tag):
                    page_options[c][name] = title

    for c in commands:
        program = cli_options(cli, c)
        documented = set(page_options[c])
        for name in sorted(program - documented):
            failures.append(f"{c}: {name} is in `pathways-cli {c} --help-all` but not in the page")
        for name in sorted(documented - program):
            failures.append(f"{c}: the page's '{page_options[c][name]}' gives it {name}, "
                            f"which `pathways-cli {c} --help-all` does not list")
        if not program:
            failures.append(f"{c}: --help-all lists no option (the parsing is broken)")
        print(f"{c}: {len(program)} options, {len(documented)} in the page")

    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print(f"{len(commands)} commands agree with the manual page")


if __name__ == "__main__":
    main()
