"""The countdown as the page shows it: every change of its text recorded in the page, and checked
(no second skipped or repeated, each shown about a second)."""

from __future__ import annotations

import re
import statistics
from typing import Any

from tests.browser.conftest import AppPage

CLOCK = re.compile(r"(\d+):(\d{2})")


# Records, in the page, every change of the countdown's text with the page's own clock (a
# MutationObserver runs when the DOM changes, so nothing is missed however busy the machine is).
WATCH_COUNTDOWN = """() => {
  window.__countdown = [];
  let last = null;
  new MutationObserver(() => {
    const e = document.querySelector('[flt-semantics-identifier="countdown"]');
    const text = e ? (e.getAttribute('aria-label') || e.textContent) : null;
    if (text !== null && text !== last) { window.__countdown.push([performance.now() / 1000, text]); last = text; }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def watch_countdown(app: AppPage) -> None:
    app.page.evaluate(WATCH_COUNTDOWN)


def countdown_changes(app: AppPage) -> list[tuple[float, str]]:
    return [(float(t), str(text)) for t, text in app.page.evaluate("() => window.__countdown || []")]


def countdown_check(labels: list[tuple[float, str]]) -> dict[str, Any]:
    """Within each phase the shown seconds must go down by exactly one at each change, each shown
    about a second (the first of a phase may be cut by when watching began)."""
    phases: list[list[tuple[float, int]]] = []
    phase_name = None
    for t, label in labels:
        match = CLOCK.search(label)
        if not match or label.startswith("Paused"):
            continue
        name = label[: match.start()]
        seconds = int(match[1]) * 60 + int(match[2])
        if name != phase_name:
            phases.append([])
            phase_name = name
        phases[-1].append((t, seconds))
    skips = repeats = 0
    durations: list[float] = []
    for shown in phases:
        for (t0, s0), (t1, s1) in zip(shown, shown[1:]):
            if s1 == s0 - 1:
                durations.append(t1 - t0)
            elif s1 < s0 - 1:
                skips += 1
            else:
                repeats += 1
        # The same phase text seen again later (a value shown twice) counts as a repeat too.
    inner = durations[1:-1] if len(durations) > 2 else durations
    return {
        "phases": len(phases),
        "changes": sum(len(p) for p in phases),
        "skips": skips,
        "repeats": repeats,
        "min_s": min(inner, default=float("nan")),
        "max_s": max(inner, default=float("nan")),
        "median_s": statistics.median(inner) if inner else float("nan"),
        "within_50ms": sum(1 for d in inner if abs(d - 1) <= 0.05) / len(inner) if inner else float("nan"),
    }
