"""The terminal summary: counts by kind and severity, top findings with both sides, colour only on a terminal."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console

from test_report_samples import CORPORA, planted_comparison, synthetic_comparison
from transcompare.report.terminal import NO_COUNTERPART, print_summary, top_findings

ANSI = "\x1b["


def summary(comparison, terminal: bool = False, top: int = 10, width: int = 160) -> str:
    out = io.StringIO()
    print_summary(comparison, console=Console(file=out, force_terminal=terminal, width=width, color_system="standard" if terminal else None), top=top)
    return out.getvalue()


def test_counts_and_top_findings_with_both_sides():
    text = summary(planted_comparison("003-two-editions"))
    assert "Findings by kind and severity" in text
    assert "edition-a.en" in text and "edition-b.en" in text
    assert "2100多亿元" in text and "more than 120 billion yuan" in text
    assert "Top 5 of 5 findings" in text
    assert "signature: version:" in text
    assert ANSI not in text


def test_top_findings_ranked_by_severity_then_confidence():
    comparison = synthetic_comparison(200, with_mt=False)
    ranked = top_findings(comparison, 5)
    assert [f.severity for _, f in ranked] == ["high"] * 5
    assert len(top_findings(comparison, 1000)) == len(comparison.findings)


def test_gap_side_says_no_counterpart():
    comparison = synthetic_comparison(60, with_mt=False)
    omission = next(f for f in comparison.findings if f.kind == "omission")
    ec = comparison.editions[0]
    only = replace(comparison, editions=(replace(ec, findings=(replace(omission, edition_spans=()),)),))
    text = summary(only)
    assert NO_COUNTERPART in text and "第17句" in text


def test_colour_only_on_a_terminal():
    comparison = planted_comparison("001-cadre-loyalty")
    assert ANSI in summary(comparison, terminal=True)
    assert ANSI not in summary(comparison, terminal=False)


def test_article_markup_is_printed_literally():
    comparison = synthetic_comparison(20, with_mt=False)
    ec = comparison.editions[0]
    finding = replace(ec.findings[0], explanation="[bold red]not markup[/bold red] [link=http://x]y[/link]")
    text = summary(replace(comparison, editions=(replace(ec, findings=(finding,)),)))
    assert "[bold red]not markup[/bold red]" in text


def test_cli_summary_through_a_pipe_has_no_colour(run_cli):
    case = CORPORA / "003-two-editions"
    result = run_cli("compare", case / "original.zh.txt", case / "edition-a.en.txt", case / "edition-b.en.txt")
    assert result.exit_code == 0, result.stderr
    assert "Findings by kind and severity" in result.stdout
    assert ANSI not in result.stdout


def test_counts_of_one_are_singular():
    """The summary said "1 findings" and "Top 1 of 1 findings"."""
    comparison = planted_comparison("003-two-editions")
    ec = comparison.editions[0]
    one = replace(comparison, editions=(replace(ec, findings=ec.findings[:1]),))
    text = summary(one)
    assert "1 finding)" in text and "Top 1 of 1 finding" in text and "1 findings" not in text
    assert "sentences," in text and "beads," in text


def test_control_characters_in_an_article_do_not_reach_the_terminal():
    """An escape sequence in a hostile page went to the terminal as is: it could hide text (ESC[8m),
    retitle the window or rewrite earlier lines. It is shown as a symbol instead."""
    comparison = synthetic_comparison(60, with_mt=False)
    omission = next(f for f in comparison.findings if f.kind == "omission")
    ec = comparison.editions[0]
    original = comparison.original
    sid = ec.beads[omission.bead].src[0]
    sentences = list(original.sentences)
    sentences[sid] = replace(sentences[sid], text="据称\x1b]0;PWNED\x07有人\x1b[8m隐藏\x1b[0m\x9b2J参加。")
    original = replace(original, title="标题\x1b[2K", sentences=tuple(sentences))
    finding = replace(omission, edition_spans=(), original_spans=(), explanation="It said \x1b[8mhidden\x1b[0m.")
    hostile = replace(comparison, original=original, editions=(replace(ec, findings=(finding,)),))
    for terminal in (False, True):
        text = summary(hostile, terminal=terminal)
        assert "PWNED" in text and "隐藏" in text and "hidden" in text
        for injected in ("\x1b]", "\x07", "\x1b[8m", "\x1b[2K", "\x9b"):
            assert injected not in text
        assert "␛" in text


def test_off_a_terminal_finding_ids_are_not_split(capsys, monkeypatch):
    """With stdin, stdout and stderr all redirected, rich drew the summary 80 columns wide and split
    ids (edition.en / :f0003) across lines; off a terminal nothing wraps, unless COLUMNS says so."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("os.get_terminal_size", lambda *a: (_ for _ in ()).throw(OSError("not a terminal")))
    comparison = planted_comparison("001-cadre-loyalty")
    print_summary(comparison)
    text = capsys.readouterr().out
    assert all(f.id in text for f in comparison.findings)
    from transcompare.report.terminal import summary_console

    monkeypatch.setenv("COLUMNS", "60")
    assert summary_console().width == 60


def test_bidi_controls_in_an_article_are_named_in_the_terminal():
    """A right-to-left override left open reorders what a bidi-aware terminal shows after it (as in the
    HTML report, where it is shown by name too)."""
    from transcompare.report.terminal import shown

    assert shown("审计\u202e署称\u2066x\u2069") == "审计[RLO]署称[LRI]x[PDI]"
    assert shown("a\x1b[8mb") == "a␛[8mb"
