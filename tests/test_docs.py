"""The README says what the two commands install with apt-get: every Debian package that ``dev``
installs is in its table, for the command that installs it."""

from __future__ import annotations

import re

from conftest import ROOT


def _dev_packages() -> dict[str, set[str]]:
    """command → the packages ``dev`` passes to system_packages for it."""
    text = (ROOT / "dev").read_text(encoding="utf-8")
    out = {}
    for command, body in re.findall(r"^  (\w+)\)\n(.*?);;", text, flags=re.M | re.S):
        for line in body.splitlines():
            if line.strip().startswith("system_packages "):
                out[command] = set(line.split()[1:])
    return out


def test_the_readme_lists_what_dev_installs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (`[^|]+`) \| (yes|—) \| (yes|—) \| (.+) \|$", readme, flags=re.M)
    listed = {"app": set(), "test": set()}
    for names, app, test, why in rows:
        assert why.strip()
        for name in re.findall(r"`([^`]+)`", names):
            if app == "yes":
                listed["app"].add(name)
            if test == "yes":
                listed["test"].add(name)
    assert (
        _dev_packages()
        == listed
        == {
            "app": {"fonts-wqy-microhei", "libgl1", "libglib2.0-0"},
            "test": {"fonts-wqy-microhei", "chromium", "libgl1", "libglib2.0-0"},
        }
    )
