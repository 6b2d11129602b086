"""The text versions of the sample documents: tables, codes, values, figures and metadata."""

from decimal import Decimal as D

import pytest

from extract import load_bytes
from extract.text import parse_text


def test_document_metadata(sample_text_docs):
    meta = {n: (d.doc_type, d.year, d.department) for n, d in sample_text_docs.items()}
    assert meta == {
        "000_4aab53e2ab223d76": ("部门决算", 2023, "岳阳市屈原管理区医疗保障局"),
        "001_5a7f61d3c3cbf9f1": ("部门决算", 2021, "邻水县医疗保障局"),
        "002_78b07d84ccf1ecd6": ("部门决算", 2021, "醴陵市医疗保障局"),
        "003_f8e6bfb918ad5980": ("部门预算", 2023, "峨边彝族自治县医疗保障局"),
        "004_2958b8ff77e9055f": ("绩效评价报告", 2024, "道县医保局"),
    }


def test_standard_tables_recognised(sample_text_docs):
    kinds = {n: [(t.kind, t.part) for t in d.tables] for n, d in sample_text_docs.items()}
    assert kinds["000_4aab53e2ab223d76"][:11] == [
        ("summary", "income"),
        ("summary", "expense"),
        ("income", ""),
        ("expense", ""),
        ("fiscal_summary", "income"),
        ("fiscal_summary", "expense"),
        ("gpb_expense", ""),
        ("gpb_basic_detail", ""),
        ("gov_fund", ""),
        ("state_capital", ""),
        ("three_public", ""),
    ]
    assert (
        kinds["000_4aab53e2ab223d76"][11:] == [("perf_basic_data", ""), ("perf_dept_eval", "")] + [("perf_project_eval", "")] * 5
    )
    assert [k for k, _ in kinds["002_78b07d84ccf1ecd6"]] == [
        "summary",
        "summary",
        "income",
        "expense",
        "fiscal_summary",
        "fiscal_summary",
        "gpb_expense",
        "gpb_basic_detail",
        "three_public",
        "gov_fund",
        "state_capital",
    ]
    assert [k for k, _ in kinds["003_f8e6bfb918ad5980"]] == [
        "summary",
        "summary",
        "income",
        "expense",
        "fiscal_summary",
        "fiscal_summary",
        "gpb_expense",
        "gpb_basic_detail",
        "gpb_project",
        "three_public",
        "gov_fund",
        "three_public",
        "state_capital",
        "perf_project_target",
        "perf_dept_target",
        "perf_project_target",
        "gov_procurement",
    ]
    # the Word export: six 项目支出绩效目标完成情况表 twice (body and 附件) and the 资金分配表
    assert [k for k, _ in kinds["001_5a7f61d3c3cbf9f1"]] == ["perf_project_eval"] * 6 + ["allocation"] + ["perf_project_eval"] * 6
    assert kinds["004_2958b8ff77e9055f"] == []


def test_table_numbers_and_units(sample_text_docs):
    d = sample_text_docs["000_4aab53e2ab223d76"]
    assert [t.number for t in d.tables[:11]] == [
        "公开01表",
        "公开01表",
        "公开02表",
        "公开03表",
        "公开04表",
        "公开04表",
        "公开05表",
        "公开06表",
        "公开07表",
        "公开08表",
        "公开09表",
    ]
    d3 = sample_text_docs["003_f8e6bfb918ad5980"]
    assert [t.number for t in d3.tables[:4]] == ["表1", "表1", "表1-1", "表1-2"]
    assert {t.unit for t in d3.tables} == {"万元"}


def test_shuffled_expense_rows_read_as_printed(sample_text_docs):
    d = sample_text_docs["000_4aab53e2ab223d76"]
    income, expense = d.table_of("income"), d.table_of("expense")
    assert [c.role for c in expense.columns] == ["code", "label", "total", "basic", "project", "remit", "operating", "subsidiary"]
    row = expense.find_row(code="2101501")
    assert row.label == "行政运行"
    assert (expense.value(row, "total"), expense.value(row, "basic"), expense.value(row, "project")) == (
        D("105.6"),
        D("0"),
        D("105.6"),
    )
    assert income.value(income.find_row(code="2101501"), "total") == D("45.83")
    wrapped = income.find_row(code="2080505")
    assert wrapped.label == "机关事业单位基本养老保险缴费支出"
    assert wrapped.cells[0].text == "2080505"
    assert [r.code for r in income.rows][:3] == ["", "2080505", "2080508"]


def test_two_sided_summary_split(sample_text_docs):
    d = sample_text_docs["002_78b07d84ccf1ecd6"]
    inc, exp = d.table_of("summary", "income"), d.table_of("summary", "expense")
    assert inc.value(inc.find_row(label="本年收入合计"), "total") == D("52888.95")
    assert exp.value(exp.find_row(label="本年支出合计"), "total") == D("52889.12")
    assert inc.value(inc.find_row(label="年初结转和结余"), "total") == D("0.18")
    assert exp.value(exp.find_row(label="九、卫生健康支出"), "total") == D("51672.69")
    fiscal = d.table_of("fiscal_summary", "expense")
    assert [c.role for c in fiscal.columns] == ["label", "line_no", "total", "gpb", "gov_fund", "state_capital"]


def test_split_codes_and_misaligned_markdown(sample_text_docs):
    d = sample_text_docs["003_f8e6bfb918ad5980"]
    exp = d.table_of("expense")
    assert [r.code for r in exp.rows if r.code] == ["2080109", "2080506", "2089999", "2080505", "2210201", "2101101"]
    assert exp.value(exp.find_row(code="2080109"), "project") == D("1108.00")
    basic = d.table_of("gpb_basic_detail")
    # the 项 code shifted into the unit-code column is still read as the row's code
    codes = [r.code for r in basic.rows if r.code]
    assert codes[:7] == ["302", "30299", "30228", "30217", "30207", "30239", "3023901"]
    # the expense side of 部门收支总表 continues in a second markdown table
    summary = d.table_of("summary", "expense")
    assert summary.value(summary.find_row(label="二十、住房保障支出"), "total") == D("21.37")
    assert summary.value(summary.find_row(label="本年支出合计"), "total") == D("1397.18")


def test_split_codes_leave_the_parts_shared_with_the_row_above_blank():
    """类 and 款 cells merged down (or left blank as a ditto) over the rows of one 类."""
    text = "\n".join(
        [
            "部门支出总表",
            "金额单位：万元",
            "科目编码			科目名称	合计	基本支出	项目支出",
            "类	款	项				",
            "			合计	1212.76	710.53	502.23",
            "208	05	05	机关事业单位基本养老保险缴费支出	64.39	64.39	0.00",
            "	08	01	死亡抚恤	4.15	4.15	0.00",
            "213	01	01	行政运行	708.75	552.18	156.57",
            "		02	一般行政管理事务	140.36	0.00	140.36",
            "	05	04	农村基础设施建设	83.76	0.00	83.76",
            "221			住房保障支出	48.29	48.29	0.00",
            "	02		住房改革支出	48.29	48.29	0.00",
            "		01	住房公积金	48.29	48.29	0.00",
            "",
        ]
    )
    exp = load_bytes(text.encode("utf-8"), "t.txt").table_of("expense")
    assert [r.code for r in exp.rows] == ["", "2080505", "2080801", "2130101", "2130102", "2130504", "221", "22102", "2210201"]


def test_a_table_title_between_cell_per_line_tables_is_not_a_wrapped_cell():
    rows = [["合计", "因公出国(境)费", "公务接待费"], ["1.65", "0.00", "1.65"]]
    cells = "\n\n".join("\n".join("\t" + c for c in r) for r in rows)
    project = "\n\n".join(
        "\n".join("\t" + c for c in r) for r in [["项目名称", "项目金额", "指标值"], ["业务培训经费", "223.58", "≥95%"]]
    )
    text = f"部门“三公”经费预算表\n\n单位：万元\n\n{cells}\n\n2022年部门项目绩效目标表\n\n{project}\n"
    doc = load_bytes(text.encode("utf-8"), "cells.txt")
    assert [(t.kind, t.title, len(t.rows)) for t in doc.tables] == [
        ("three_public", "部门“三公”经费预算表", 1),
        ("perf_project_target", "2022年部门项目绩效目标表", 2),
    ]


def test_three_public_halves(sample_text_docs):
    t = sample_text_docs["000_4aab53e2ab223d76"].table_of("three_public")
    row = t.rows[0]
    assert (
        t.value(row, "total@budget"),
        t.value(row, "reception@budget"),
        t.value(row, "total@final"),
        t.value(row, "reception@final"),
    ) == (
        D("2"),
        D("2"),
        D("0.89"),
        D("0.89"),
    )


def test_word_export_cells(sample_text_docs):
    t = sample_text_docs["001_5a7f61d3c3cbf9f1"].tables[5]
    texts = [r.text for r in t.rows]
    assert texts[0] == "项目名称\t2021医疗保障与服务能力提升补助资金项目"
    assert "预算执行情况(万元)\t预算数:\t36.5\t执行数:\t36.5" in texts
    assert "\t其中-财政拨款:\t36.5\t其中-财政拨款:\t365" in texts
    # a header cell wrapped onto a line of its own is joined to its cell
    assert any(c.text == "预期指标值(包含数字及文字描述)" for r in t.rows for c in r.cells)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "卫生健康（类）支出329.85万元，占4.87%；",
            [("amount", "329.85", "万元", "卫生健康（类）支出", 0), ("percent", "4.87", "%", "占", 0)],
        ),
        ("与上年相比，减少408.65万元，减少52.98%，", [("change", "408.65", "万元", "", -1), ("change", "52.98", "%", "", -1)]),
        (
            "全年共接待来访团组16个、来宾85人次，",
            [("count", "16", "个", "全年共接待来访团组", 0), ("count", "85", "人次", "来宾", 0)],
        ),
        ("2023年度总收入362.62万元。", [("amount", "362.62", "万元", "2023年度总收入", 0)]),
        ("支出52,738.73万元", [("amount", "52738.73", "万元", "支出", 0)]),
        # 万 before a unit of count is a count in ten thousands, not money
        ("资助困难群众3万户，", [("count", "3", "万户", "资助困难群众", 0)]),
        ("补助资金3万，", [("amount", "3", "万元", "补助资金", 0)]),
    ],
)
def test_narrative_figures(sentence, expected):
    from extract.builder import build_document

    doc = build_document(parse_text(sentence), path="x.txt", name="x.txt", sha256="0", fmt="txt")
    got = [(f.kind, str(f.value), f.unit, f.subject, f.direction) for f in doc.figures]
    assert got == [(k, v, u, s, d) for k, v, u, s, d in expected]


def test_figures_carry_their_sentence(sample_text_docs):
    d = sample_text_docs["000_4aab53e2ab223d76"]
    f = next(f for f in d.figures if f.text == "329.85万元")
    assert f.subject == "卫生健康（类）支出"
    assert f.sentence.startswith("2023年度一般公共预算财政拨款支出362.62万元，主要用于以下方面")
    assert d.paragraphs[f.paragraph].text[f.start : f.start + 6] == "329.85"


ENCODED = {
    "utf-16 with BOM": lambda t: t.encode("utf-16"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "utf-16-be without BOM": lambda t: t.encode("utf-16-be"),
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-32 with BOM": lambda t: t.encode("utf-32"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
}


@pytest.mark.parametrize("encoding", ENCODED)
def test_text_files_in_other_encodings_read_as_in_utf8(encoding):
    """Before: a UTF-16 copy of sample 002 (BOM or not) gave 107 findings, every one of them
    CMP003's 乱码, and exit status 0 (the UTF-8 copy: 39); now every encoding gives the UTF-8
    document and its findings."""
    from conftest import SAMPLES

    from audit_assist.pipeline import analyse_document
    from extract import load_bytes

    text = (SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8")
    utf8 = analyse_document(load_bytes(text.encode("utf-8"), "002.txt"))
    other = analyse_document(load_bytes(ENCODED[encoding](text), "002.txt"))
    assert [p.text for p in other.doc.paragraphs] == [p.text for p in utf8.doc.paragraphs]
    assert [[r.text for r in t.rows] for t in other.doc.tables] == [[r.text for r in t.rows] for t in utf8.doc.tables]
    assert [f.fingerprint for f in other.findings] == [f.fingerprint for f in utf8.findings] and utf8.findings
    assert not any("乱码" in f.message for f in other.findings)


def test_big5_text_is_recognised():
    from extract import load_bytes

    doc = load_bytes("2023年度部門決算\n收入合計\t362.62\n".encode("big5"), "big5.txt")
    assert [p.text for p in doc.paragraphs] == ["2023年度部門決算"]
    assert [r.text for r in doc.tables[0].rows] == ["收入合計\t362.62"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 40, "无法识别文件的文字编码（不是 UTF-8、UTF-16、GB18030/GBK 等文本），请另存为 UTF-8 文本后再上传"),
        (
            "2023年部门决算".encode() + b"\x00\x01\x02\x03" * 20,
            "文件内容不是文本（含大量控制字符），可能是二进制文件或编码无法识别",
        ),
        (
            b"\xff\xfe" + "部门决算".encode("utf-16-le") + b"\x00\xd8",
            "文件的文字编码（utf-16）中有无法解码的字节，文件可能已损坏，请另存为 UTF-8 文本后再上传",
        ),
    ],
    ids=["binary", "control characters", "broken utf-16"],
)
def test_undecodable_text_is_refused_naming_the_file(data, reason):
    from extract import ExtractionError, load_bytes

    with pytest.raises(ExtractionError) as exc:
        load_bytes(data, "坏文本.txt")
    assert (exc.value.path, exc.value.reason) == ("坏文本.txt", reason)
