"""The highlighted report: escaped text, non-overlapping segments, spans at the edges."""

from __future__ import annotations

import re

from pages._shared.highlight import FOCUS_ANCHOR, Span, highlight_html, segments


def _text_of(rendered: str) -> str:
    """What a browser would show: tags dropped, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_segments_split_overlapping_spans_into_non_overlapping_pieces():
    outer = Span(2, 8, "focus")
    inner = Span(4, 6, "fact", row_id="f1")
    assert segments(10, [inner, outer]) == [
        (0, 2, ()),
        (2, 4, (outer,)),
        (4, 6, (outer, inner)),
        (6, 8, (outer,)),
        (8, 10, ()),
    ]


def test_segments_handle_partly_overlapping_spans():
    first = Span(0, 5, "fact", row_id="a")
    second = Span(3, 7, "project", row_id="b")
    assert segments(7, [first, second]) == [(0, 3, (first,)), (3, 5, (first, second)), (5, 7, (second,))]


def test_segments_clip_spans_to_the_text_and_drop_empty_ones():
    beyond = Span(5, 99, "fact")
    before = Span(-3, 2, "fact")
    empty = Span(4, 4, "fact")
    assert segments(6, [beyond, before, empty]) == [(0, 2, (before,)), (2, 5, ()), (5, 6, (beyond,))]


def test_spans_at_the_very_start_and_end_of_the_text_are_highlighted():
    text = "29.95亿元的投资达到102.5亿元"
    assert len(text) == 19
    spans = [
        Span(0, 7, "fact", "投资 29.95亿元", "#aec7e8", "f1"),
        Span(12, 19, "fact", "收入", "#98df8a", "f2"),
    ]
    assert highlight_html(text, spans) == (
        '<div class="zd-report">'
        '<mark class="zd-fact" style="background-color:#aec7e8" title="投资 29.95亿元" data-ids="f1">29.95亿元</mark>'
        "的投资达到"
        '<mark class="zd-fact" style="background-color:#98df8a" title="收入" data-ids="f2">102.5亿元</mark>'
        "</div>"
    )


def test_a_span_covering_the_whole_text_is_one_mark():
    assert highlight_html("104家", [Span(0, 4, "fact", "入驻企业", None, "f9")]) == (
        '<div class="zd-report"><mark class="zd-fact" title="入驻企业" data-ids="f9">104家</mark></div>'
    )


def test_report_text_with_script_is_escaped_and_shown_as_text():
    text = '<script>alert("x")</script>收入12亿元 & **bold**'
    rendered = highlight_html(
        text, [Span(text.index("12"), text.index("12") + 4, "fact", 'a"<b>', row_id="f")]
    )
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered
    assert 'title="a&quot;&lt;b&gt;"' in rendered
    assert "&amp; **bold**" in rendered
    assert _text_of(rendered) == text


def test_overlapping_numbers_keep_every_character_once_and_join_hover_texts():
    text = "总投资22.92亿元"
    spans = [
        Span(3, 10, "fact", "项目总投资", "#aec7e8", "f1"),
        Span(3, 8, "project", "项目", "#c5b0d5", "p1"),
    ]
    rendered = highlight_html(text, spans)
    assert rendered == (
        '<div class="zd-report">总投资'
        '<mark class="zd-fact zd-project" style="background-color:#c5b0d5" title="项目总投资&#10;项目"'
        ' data-ids="f1 p1">22.92</mark>'
        '<mark class="zd-fact" style="background-color:#aec7e8" title="项目总投资" data-ids="f1">亿元</mark>'
        "</div>"
    ).replace("&#10;", "\n")
    assert _text_of(rendered) == text


def test_the_focused_sentence_gets_one_anchor_and_the_target_number_an_outline():
    text = "甲。鹤淇实现主营业务收入102.5亿元。乙"
    sentence = Span(2, 20, "focus")
    number = Span(text.index("102"), text.index("102") + 7, "fact", "收入", "#98df8a", "f1", target=True)
    rendered = highlight_html(text, [sentence, number])
    assert rendered.count(f'id="{FOCUS_ANCHOR}"') == 1
    assert rendered == (
        '<div class="zd-report">甲。'
        f'<span id="{FOCUS_ANCHOR}" class="zd-focus">鹤淇实现主营业务收入</span>'
        '<mark class="zd-focus zd-fact zd-target" style="background-color:#98df8a" title="收入"'
        ' data-ids="f1">102.5亿元</mark>'
        '<span class="zd-focus">。</span>乙</div>'
    )


def test_colours_that_are_not_hex_codes_are_dropped():
    rendered = highlight_html("12亿元", [Span(0, 4, "fact", color='red;" onmouseover="x')])
    assert rendered == '<div class="zd-report"><mark class="zd-fact">12亿元</mark></div>'


def test_chinese_and_full_width_text_survive_intact():
    text = "鹤淇产业集聚区规划建设用地２５平方公里，22万伏数字变电站正在建设。\n第二段"
    rendered = highlight_html(text, [Span(13, 19, "fact"), Span(20, 24, "item")])
    assert _text_of(rendered) == text
    assert "\n第二段" in rendered


def test_an_empty_text_gives_an_empty_report():
    assert highlight_html("", [Span(0, 3, "fact")]) == '<div class="zd-report"></div>'


def test_the_logic_modules_never_import_streamlit_even_indirectly():
    import subprocess
    import sys
    from pathlib import Path

    modules = ("model", "latest", "targets", "progress", "coverage", "highlight", "provenance", "i18n", "queries")
    modules += ("display", "export")
    modules += ("figures", "views")
    code = "; ".join(f"import pages._shared.{module}" for module in modules)
    code += "; import sys; print('streamlit' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
