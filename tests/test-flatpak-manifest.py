#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest is valid and in step with the project.

Usage: test-flatpak-manifest.py SOURCE_ROOT APPLICATION_ID

It cannot be built offline, so this checks what can drift: the file parses as JSON and
is named after the application ID it declares, which is meson.build's; it runs a program
the project installs, on the GNOME runtime; every module has a name, a build system and
sources; libxlsxwriter is one of the modules; and the project's own module passes every
option of meson_options.txt (-Dname=value) and no option that meson_options.txt does not
have.
"""

import json
import os
import re
import sys


def main():
    root, app_id = sys.argv[1], sys.argv[2]
    failures = []
    path = os.path.join(root, "build-aux", "flatpak", app_id + ".json")
    if not os.path.exists(path):
        sys.exit(f"no manifest {path} for the application ID {app_id}")
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    if manifest.get("app-id") != app_id:
        failures.append(f"app-id is {manifest.get('app-id')!r}, meson.build's is {app_id!r}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        failures.append("not on the GNOME runtime and SDK")
    if not str(manifest.get("runtime-version", "")):
        failures.append("no runtime-version")
    if manifest.get("command") != "pathways":
        failures.append(f"command is {manifest.get('command')!r}, not the installed program 'pathways'")
    if any(a.startswith("--share=network") for a in manifest.get("finish-args", [])):
        failures.append("network access: Pathways opens no network connection")

    modules = manifest.get("modules", [])
    for m in modules:
        if not isinstance(m, dict):
            continue
        for key in ("name", "buildsystem", "sources"):
            if not m.get(key):
                failures.append(f"module {m.get('name')!r} has no {key}")
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    if "libxlsxwriter" not in names:
        failures.append("libxlsxwriter is not a module")
    if not names or names[-1] != "pathways":
        failures.append("the last module is not pathways")
        own = {}
    else:
        own = modules[-1]
    if own and own.get("buildsystem") != "meson":
        failures.append("pathways is not built with meson")

    with open(os.path.join(root, "meson_options.txt"), encoding="utf-8") as f:
        options = set(re.findall(r"option\(\s*'([^']+)'", f.read()))
    given = {}
    for opt in own.get("config-opts", []) if own else []:
        m = re.fullmatch(r"-D([\w-]+)=(.+)", opt)
        if m is None:
            failures.append(f"pathways config-opt {opt!r} is not -Dname=value")
            continue
        given[m.group(1)] = m.group(2)
    builtin = {"buildtype", "prefix", "libdir", "b_lto", "b_ndebug", "werror", "warning_level"}
    for name in sorted(options - set(given)):
        failures.append(f"meson_options.txt's {name!r} is not set in the manifest")
    for name in sorted(set(given) - options - builtin):
        failures.append(f"the manifest sets {name!r}, which meson_options.txt does not have")

    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print(f"{os.path.basename(path)}: {len(modules)} modules, options {sorted(given)} agree")


if __name__ == "__main__":
    main()
