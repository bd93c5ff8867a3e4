"""The corpus view: findings by kind x outlet x month, the most divergent cases, name renderings seen.

Built from the per-case summaries in the state file (no report is re-read), for the cases of the
current manifest only, and written as aggregate.csv, renderings.csv, aggregate.json and an
index.html that links every case's report. Output is deterministic: sorted, no timings.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

from ..fileio import atomic_write
from ..model import FINDING_KINDS
from .manifest import Case
from .state import CaseRecord

UNKNOWN = "unknown"


def build_aggregate(cases: Sequence[Case], records: dict[str, CaseRecord], top: int = 20) -> dict[str, Any]:
    """One plain dict with every table the CSV, JSON and HTML outputs show."""
    findings: Counter = Counter()
    with_kind: Counter = Counter()
    groups: set[tuple[str, str]] = set()
    renders: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    rows, status = [], Counter()
    for case in cases:
        record = records.get(case.id)
        state = record.status if record else "pending"
        status[state] += 1
        summary = (record.summary if record else {}) or {}
        outlet = case.outlet or UNKNOWN
        rows.append({
            "id": case.id,
            "outlet": outlet,
            "month": case.month,
            "date": case.date or "",
            "status": state,
            "title": summary.get("title") or "",
            "title_lang": summary.get("title_lang") or case.original.lang or "",  # older records lack it
            "findings": summary.get("findings", 0),
            "score": summary.get("score", 0.0),
            "by_kind": summary.get("by_kind", {}),
            "top": summary.get("top", []),
            "error": record.error if record else "",
            "outputs": record.outputs if record else {},
        })
        if state != "ok":
            continue
        groups.add((outlet, case.month))
        for kind, n in summary.get("by_kind", {}).items():
            findings[(outlet, case.month, kind)] += n
            with_kind[(outlet, case.month, kind)] += 1 if n else 0
        for item in summary.get("renderings", []):
            renders[(item.get("zh", ""), item.get("en", ""), item.get("expected", ""))].add(case.id)
    kinds = list(FINDING_KINDS) + sorted({k for (_, _, k) in findings} - set(FINDING_KINDS))
    table = [
        {"outlet": outlet, "month": month, "kind": kind, "findings": findings[(outlet, month, kind)],
         "cases": with_kind[(outlet, month, kind)]}
        for outlet, month in sorted(groups) for kind in kinds
    ]
    ranked = sorted((r for r in rows if r["status"] == "ok" and r["findings"]), key=lambda r: (-r["score"], r["id"]))
    renderings = [
        {"zh": zh, "en": en, "expected": expected, "cases": len(ids), "case_ids": sorted(ids)}
        for (zh, en, expected), ids in sorted(renders.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    totals = Counter()
    for row in table:
        totals[row["kind"]] += row["findings"]
    return {
        "cases": len(cases),
        "status": dict(sorted(status.items())),
        "findings_by_kind": {kind: totals[kind] for kind in kinds},
        "table": table,
        "top_cases": [{k: r[k] for k in ("id", "outlet", "month", "title", "findings", "score", "top", "outputs")}
                      for r in ranked[:top]],
        "renderings": renderings,
        "case_rows": rows,
    }


def write_aggregate(out: Path, cases: Sequence[Case], records: dict[str, CaseRecord], top: int = 20) -> dict[str, Any]:
    """Write aggregate.csv, renderings.csv, aggregate.json and index.html into ``out``."""
    data = build_aggregate(cases, records, top)
    atomic_write(out / "aggregate.csv", _csv(data["table"], ("outlet", "month", "kind", "findings", "cases")))
    atomic_write(out / "renderings.csv", _csv(
        [{**r, "case_ids": " ".join(r["case_ids"])} for r in data["renderings"]],
        ("zh", "en", "expected", "cases", "case_ids"),
    ))
    atomic_write(out / "aggregate.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    atomic_write(out / "index.html", render_index(data))
    return data


def _csv(rows: list[dict], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def render_index(data: dict[str, Any]) -> str:
    """The corpus index page: tables and links, escaped by Jinja (article text is never trusted)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    kinds = list(data["findings_by_kind"])
    pivot: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in data["table"]:
        pivot[(row["outlet"], row["month"])][row["kind"]] = row["findings"]
    pivot_rows = [{"outlet": o, "month": m, "counts": [pivot[(o, m)].get(k, 0) for k in kinds]} for o, m in sorted(pivot)]
    from ..report.html import CSP

    return env.from_string(_INDEX).render(data=data, kinds=kinds, pivot=pivot_rows, report=_report_link, csp=CSP)


def _report_link(outputs: dict[str, str]) -> str:
    return outputs.get("html") or outputs.get("json") or ""


_INDEX = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<title>transcompare batch: {{ data.cases }} cases</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0 2em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #a00; }
</style>
</head>
<body>
<h1>transcompare batch</h1>
<p>{{ data.cases }} cases:
{% for state, n in data.status.items() %}{{ n }} {{ state }}{% if not loop.last %}, {% endif %}{% endfor %}.
Tables: <a href="aggregate.csv">aggregate.csv</a>, <a href="renderings.csv">renderings.csv</a>,
<a href="aggregate.json">aggregate.json</a>.</p>

<h2>Findings by outlet, month and kind</h2>
<table id="by-kind">
<tr><th>outlet</th><th>month</th>{% for kind in kinds %}<th>{{ kind }}</th>{% endfor %}</tr>
{% for row in pivot %}
<tr><td>{{ row.outlet }}</td><td>{{ row.month }}</td>{% for n in row.counts %}<td class="n">{{ n }}</td>{% endfor %}</tr>
{% endfor %}
<tr><th colspan="2">all</th>{% for kind in kinds %}<th class="n">{{ data.findings_by_kind[kind] }}</th>{% endfor %}</tr>
</table>

<h2>Most divergent cases</h2>
<table id="top-cases">
<tr><th>case</th><th>outlet</th><th>month</th><th>score</th><th>findings</th><th>worst findings</th></tr>
{% for case in data.top_cases %}
<tr><td><a href="{{ report(case.outputs) }}">{{ case.id }}</a></td><td>{{ case.outlet }}</td><td>{{ case.month }}</td>
<td class="n">{{ case.score }}</td><td class="n">{{ case.findings }}</td>
<td>{% for f in case.top %}{{ f.severity }} {{ f.kind }}: {{ f.explanation }}{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}
</table>

<h2>Name renderings seen</h2>
<table id="renderings">
<tr><th>original</th><th>rendered</th><th>glossary</th><th>cases</th></tr>
{% for r in data.renderings %}
<tr><td>{{ r.zh }}</td><td>{{ r.en }}</td><td>{{ r.expected }}</td><td class="n">{{ r.cases }}</td></tr>
{% else %}
<tr><td colspan="4">none recorded</td></tr>
{% endfor %}
</table>

<h2>All cases</h2>
<table id="cases">
<tr><th>case</th><th>outlet</th><th>date</th><th>title</th><th>status</th><th>findings</th><th>score</th><th>reports</th></tr>
{% for case in data.case_rows %}
<tr><td>{{ case.id }}</td><td>{{ case.outlet }}</td><td>{{ case.date }}</td><td lang="{{ case.title_lang }}">{{ case.title }}</td>
<td{% if case.status != "ok" %} class="error" title="{{ case.error }}"{% endif %}>{{ case.status }}{% if case.error %}: {{ case.error }}{% endif %}</td>
<td class="n">{{ case.findings }}</td><td class="n">{{ case.score }}</td>
<td>{% for fmt, path in case.outputs|dictsort %}<a href="{{ path }}">{{ fmt }}</a>{% if not loop.last %} {% endif %}{% endfor %}</td></tr>
{% endfor %}
</table>
</body>
</html>
"""
