"""The review app in a real browser: Debian's chromium (headless, driven by Playwright) against
``streamlit run app.py`` on a free port with its own SQLite store. Upload a sample PDF, open its
top finding, confirm it, export Excel and read the workbook back."""

from __future__ import annotations

import hashlib
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install -y chromium); the browser tests drive it"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAMPLE = "002_78b07d84ccf1ecd6.pdf"
REVIEWER = "浏览器测试员"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run app.py`` on a free port, with the database ``db_url``."""

    def __init__(self, folder: Path, db_url: str, *args: str, address: str = "127.0.0.1"):
        self.port = _free_port()
        self.db_url = db_url
        self.log_path = folder / f"streamlit-{self.port}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                "--server.address",
                address,
                "--server.fileWatcherType",
                "none",
                *args,
            ],
            cwd=ROOT,
            env={**os.environ, "AUDIT_ASSIST_DB": db_url},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("streamlit did not start:\n" + self.log_path.read_text(errors="replace"))
            time.sleep(0.3)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    s = Server(tmp, f"sqlite:///{tmp / 'review.db'}")
    yield s.url, s.db_url
    s.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def settle(page, timeout: float = 300) -> None:
    """Wait until the script run the last action started has finished."""
    time.sleep(0.4)
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-testid="stApp"]');
                   return app && app.getAttribute('data-test-script-state') === 'notRunning'; }""",
        timeout=timeout * 1000,
    )
    time.sleep(0.4)  # the last deltas of the run reach the page just after
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def goto_page(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.wait_for_selector(f'h1:has-text("{title}")')
    settle(page)


def wait_for_cell(page, text: str) -> None:
    page.wait_for_function(
        """(text) => [...document.querySelectorAll('[data-testid="stDataFrame"] [role="gridcell"]')]
                        .some((c) => c.innerText === text)""",
        arg=text,
    )
    settle(page)


def grid_texts(page) -> list[str]:
    """The cells of the first dataframe on the page (the grid keeps an accessible copy of the
    rows in view)."""
    return page.locator('[data-testid="stDataFrame"]').first.locator('[role="gridcell"]').all_inner_texts()


def test_upload_open_confirm_export(server, browser, tmp_path):
    import pikepdf
    from openpyxl import load_workbook

    from audit_assist.pipeline import analyse_bytes
    from audit_assist.results import ResultStore
    from audit_assist.store import Store

    url, db_url = server
    data = (SAMPLES / SAMPLE).read_bytes()
    findings = analyse_bytes(data, SAMPLE).findings
    top = sorted(findings, key=lambda f: (-f.score, f.doc, f.rule, f.fingerprint))[0]

    # wide enough for the documents list up to its 部门 column (the grid leaves columns out of view out of the page)
    page = browser.new_page(viewport={"width": 1800, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(300_000)
    page.goto(url)
    page.wait_for_selector('h1:has-text("文档")')
    page.wait_for_selector('[data-testid="stDataFrame"]')  # the samples, analysed
    settle(page)

    # start from an empty list and upload the one sample
    page.get_by_role("button", name="清空列表").click()
    page.wait_for_selector("text=还没有文档")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(SAMPLES / SAMPLE))
    page.wait_for_selector('[data-testid="stDataFrame"]')
    settle(page)
    cells = grid_texts(page)
    assert SAMPLE in cells and "✔ 已分析" in cells and "醴陵市医疗保障局" in cells
    assert not any(c.endswith(".pdf") and c != SAMPLE for c in cells)
    # read in a process of its own, as a scan reads a file: its peak memory is stored with it
    results = ResultStore(db_url)
    assert results.extraction(hashlib.sha256(data).hexdigest()).peak_mb > 50
    results.dispose()

    reviewer = page.get_by_label("复核人", exact=True)
    reviewer.fill(REVIEWER)
    reviewer.press("Enter")
    settle(page)

    # 发现 → the top finding → 详情
    goto_page(page, "发现")
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == str(len(findings))
    cells = grid_texts(page)  # the grid only keeps the rows in view: the top ones
    assert cells[:4] == ["1", f"{top.score:.2f}", top.severity.label, "○ 待复核"] and cells[4] == top.message
    # a click on the first row (its 说明 cell; the grid draws on a canvas) opens it
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + grid["width"] * 0.55, grid["y"] + 35 + 17)
    page.wait_for_selector('h1:has-text("详情")')
    settle(page)
    assert page.locator("h2", has_text=top.title).count() == 1
    # the page rendered, with the evidence drawn (cropped around it by default)
    img = page.locator('[data-testid="stImage"] img').first
    img.wait_for()
    page.wait_for_function("(el) => el.complete && el.naturalWidth > 300", arg=img.element_handle(), timeout=30_000)
    assert (
        f"{SAMPLE} 第 {min(e.page for e in top.evidence if e.page)} 页"
        in page.locator('[data-testid="stImage"]').first.inner_text()
    )

    page.get_by_role("button", name="确认").click()
    page.wait_for_selector("text=已保存：确认")
    settle(page)

    store = Store(db_url)
    decision = store.decision(top.fingerprint)
    assert (decision.status, decision.reviewer, decision.version) == ("confirmed", REVIEWER, 1)
    store.dispose()

    # 导出 → only the confirmed → Excel
    goto_page(page, "导出")
    page.get_by_text("只导出已确认的发现").click()
    settle(page)
    page.wait_for_selector('[data-testid="stMetricValue"]:has-text("1")')
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel 工作簿").click()
    target = tmp_path / "export.xlsx"
    info.value.save_as(target)
    assert info.value.suggested_filename.startswith("审核发现-") and info.value.suggested_filename.endswith(".xlsx")

    wb = load_workbook(io.BytesIO(target.read_bytes()))
    assert wb.sheetnames == ["发现", "汇总", "覆盖情况", "摘要-002_78b07d84ccf1ecd6"]
    ws = wb["发现"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "文件",
        "规则",
        "类别",
        "严重程度",
        "排序分",
        "置信度",
        "标题",
        "说明",
        "证据（原文）",
        "数值",
        "指纹",
        "页码",
        "复核状态",
        "复核人",
        "意见",
        "复核时间",
        "指派给",
        "排除理由",
    )
    assert len(rows) == 2
    got = dict(zip(rows[0], rows[1]))
    assert (got["文件"], got["规则"], got["指纹"], got["说明"]) == (SAMPLE, top.rule, top.fingerprint, top.message)
    assert (got["严重程度"], got["排序分"]) == (top.severity.label, round(top.score, 2))
    assert (got["复核状态"], got["复核人"]) == ("已确认", REVIEWER)
    assert got["复核时间"] and got["复核时间"].startswith("20")
    summary = list(wb["汇总"].iter_rows(values_only=True))
    head = summary[0]
    line = dict(zip(head, summary[1]))
    assert len(summary) == 2
    assert (line["文件"], line["已确认"], line["本次导出"]) == (SAMPLE, 1, 1)
    assert line["发现"] == len(findings)

    # the same (confirmed) finding boxed on the PDF, with its note, after a summary page
    with page.expect_download() as info:
        page.get_by_role("button", name="批注版 PDF").click()
    assert info.value.suggested_filename.startswith("审核批注-002_78b07d84ccf1ecd6-")
    annotated = pikepdf.open(io.BytesIO(Path(info.value.path()).read_bytes()))
    front = len(annotated.pages) - 19
    notes = [str(a.Contents) for p in annotated.pages[front:] for a in p.obj.get("/Annots", [])]
    assert len(notes) == sum(1 for e in top.evidence if e.page)  # only the confirmed one was exported
    assert notes[0].startswith(
        f"【{top.severity.label}】{top.rule} {top.title}\n{top.message}\n复核状态：已确认\n复核人：{REVIEWER}"
    )
    shot(page, "export-page")
    page.close()


def test_unreadable_upload_and_corrected_version(server, browser, tmp_path):
    """A file that cannot be read gets its own message; a corrected version of a document (same
    name, other content) replaces it, and the list says how many findings are new and gone."""
    from audit_assist.pipeline import analyse_bytes
    from extract import ExtractionError, load_bytes

    url, _ = server
    name = "002_78b07d84ccf1ecd6.txt"
    original = (SAMPLES / name).read_text(encoding="utf-8")
    corrected = original.replace("合计\t\t52,889.12\t778.27\t52,110.86", "合计\t\t52,889.13\t778.27\t52,110.86", 1).replace(
        "2101301\t城乡医疗救助\t628.59\t\t628.59", "2101301\t城乡医疗救助\t682.59\t\t682.59", 1
    )
    assert corrected != original
    before = {f.fingerprint for f in analyse_bytes(original.encode("utf-8"), name).findings}
    after = {f.fingerprint for f in analyse_bytes(corrected.encode("utf-8"), name).findings}
    assert after - before and before - after
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(ExtractionError) as err:
        load_bytes(bad.read_bytes(), bad.name)
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v1" / name).write_text(original, encoding="utf-8")
    (tmp_path / "v2" / name).write_text(corrected, encoding="utf-8")

    # wide enough for every column of the list: the grid leaves columns out of view out of the page
    page = browser.new_page(viewport={"width": 2400, "height": 1000})
    page.set_default_timeout(300_000)
    page.goto(url)
    page.wait_for_selector('[data-testid="stDataFrame"]')
    settle(page)
    page.get_by_role("button", name="清空列表").click()
    page.wait_for_selector("text=还没有文档")
    settle(page)

    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files([str(bad), str(tmp_path / "v1" / name)])
    wait_for_cell(page, name)
    wait_for_cell(page, "坏文件.pdf")
    alert = page.locator('[data-testid="stAlert"]', has_text="坏文件.pdf").first
    assert alert.inner_text().strip() == f"坏文件.pdf 无法读取：{err.value.reason}"
    cells = grid_texts(page)
    assert name in cells and "首次分析" in cells and "✘ 无法读取" in cells

    uploader.set_input_files([str(tmp_path / "v2" / name)])
    page.wait_for_selector(f"text=“{name}”已替换为新上传的版本（1 次）")
    settle(page)
    cells = grid_texts(page)
    assert cells.count(name) == 1
    assert f"新增 {len(after - before)}，消失 {len(before - after)}" in cells
    assert page.locator('[data-testid="stExpander"]', has_text=f"{name}：与 ").count() == 1
    page.close()

    # restarted (a new server on the same database): the documents come back, not the samples,
    # without uploading them again, still compared with the analysis before the correction
    url, db_url = server
    again = Server(tmp_path, db_url)
    try:
        page = browser.new_page(viewport={"width": 2400, "height": 1000})
        page.set_default_timeout(300_000)
        page.goto(again.url)
        wait_for_cell(page, name)
        cells = grid_texts(page)
        assert (
            cells.count(name) == 1 and "坏文件.pdf" in cells and not any(c.endswith(".pdf") and c != "坏文件.pdf" for c in cells)
        )
        assert f"新增 {len(after - before)}，消失 {len(before - after)}" in cells
        page.close()
    finally:
        again.stop()


SHOTS = os.environ.get("AUDIT_ASSIST_SCREENSHOTS")  # a folder: the tests save what they see there


def test_coverage_view(server, browser, tmp_path):
    """A document whose tables were renamed comes first in the list, flagged; a click on a row
    opens its coverage: the checks with their results, a failed case opening its finding, the
    text's amounts that found no table cell with their sentences."""
    from test_coverage import _variants

    from audit_assist.pipeline import analyse_bytes

    url, _ = server
    name = "002_78b07d84ccf1ecd6.txt"
    (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "renamed.txt").write_text(_variants()["renamed.txt"], encoding="utf-8")
    coverage = analyse_bytes((SAMPLES / name).read_bytes(), name).coverage
    renamed = analyse_bytes(_variants()["renamed.txt"].encode("utf-8"), "renamed.txt").coverage

    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.set_default_timeout(300_000)
    page.goto(url)
    page.wait_for_selector('[data-testid="stDataFrame"]')
    settle(page)
    page.get_by_role("button", name="清空列表").click()
    page.wait_for_selector("text=还没有文档")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(tmp_path / name), str(tmp_path / "renamed.txt")]
    )
    wait_for_cell(page, "renamed.txt")
    alert = page.locator('[data-testid="stAlert"]', has_text="renamed.txt").first
    assert alert.inner_text().strip() == f"renamed.txt：⚠ 覆盖不足，需人工审阅（{'；'.join(renamed.low_coverage_reasons)}）"
    cells = grid_texts(page)
    # the flagged document first, never presented as clean
    assert cells.index("renamed.txt") < cells.index(name)
    assert "⚠ 覆盖不足，需人工审阅" in cells and coverage.summary() in cells

    # a click on the second row (the sample) opens its coverage
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 80, grid["y"] + 35 + 35 + 17)
    page.wait_for_selector('h1:has-text("覆盖情况")')
    settle(page)
    assert page.locator('[data-testid="stAlert"]').first.inner_text().strip() == f"覆盖充分：{coverage.summary()}。"
    checks = page.locator('[data-testid="stDataFrame"]').nth(1).locator('[role="gridcell"]').all_inner_texts()
    assert coverage.checks[0].name in checks
    sought = page.locator('[data-testid="stDataFrame"]').nth(2).locator('[role="gridcell"]').all_inner_texts()
    assert coverage.sought[0].sentence in sought

    # a failed case opens its finding
    failing = next(k for k in coverage.checks if k.failures)
    finding = failing.failures[0].finding
    page.locator('[data-testid="stExpander"]', has_text=f"{failing.rule} {failing.name}").first.click()
    settle(page)
    page.get_by_role("button", name="查看发现").first.click()
    page.wait_for_selector('h1:has-text("详情")')
    settle(page)
    assert page.locator("h2", has_text=finding.title).count() == 1
    page.close()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def log_in(browser, url: str, name: str, password: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # a context of its own: no cookie
    page.set_default_timeout(300_000)
    page.goto(url)
    page.wait_for_selector('input[aria-label="账号"]')
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # nothing but the form
    page.get_by_label("账号", exact=True).fill(name)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    return page


def only_status(page, label: str) -> None:
    """The 发现 page's 复核状态 filter set to one status."""
    page.locator('[data-testid="stMultiSelect"]', has_text="复核状态").locator("input").click()
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")
    settle(page)


def test_family_both_pages_and_confirm(server, browser, tmp_path):
    """Two budgets of one body, a year apart, whose later one misstates the change from the earlier
    (tests/fixtures/rules/LNK001.yml, rendered to PDF): the 文档族 page shows the family and its
    finding, the 详情 page both documents' pages side by side, and the finding is confirmed."""
    import yaml

    from audit_assist.families import analyse_families
    from audit_assist.render import to_pdf
    from audit_assist.store import Store
    from extract import load_bytes
    from extract.text import read_text

    url, db_url = server
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "rules" / "LNK001.yml").read_text(encoding="utf-8"))
    docs = next(c for c in data["cases"] if c["name"] == "fail_change_from_a_previous_year_never_published")["docs"]
    paths = []
    for name, text in docs.items():
        path = tmp_path / name.replace(".txt", ".pdf")
        path.write_bytes(to_pdf(read_text(text.encode("utf-8")), title=path.stem))
        paths.append(path)

    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.set_default_timeout(300_000)
    page.goto(url)
    page.wait_for_selector('h1:has-text("文档")')
    settle(page)
    page.get_by_role("button", name="清空列表").click()
    page.wait_for_selector("text=还没有文档")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in paths])
    page.wait_for_selector('[data-testid="stDataFrame"]')
    settle(page)
    reviewer = page.get_by_label("复核人", exact=True)
    reviewer.fill(REVIEWER)
    reviewer.press("Enter")
    settle(page)

    goto_page(page, "文档族")
    assert page.get_by_text("上年与本年：2024预算.pdf ↔ 2025预算.pdf").count() == 1
    assert page.get_by_text("同为上海市普陀区某某街道办事处的部门预算：2024年与2025年", exact=False).count() == 1
    finding = page.get_by_text("称比2024年增加3,000.00万元", exact=False)
    assert finding.count() == 1
    page.get_by_role("button", name="查看").first.click()
    page.wait_for_selector('h1:has-text("详情")')
    settle(page)
    assert page.get_by_text("原文页面（两份文件对照）").count() == 1
    captions = page.locator('[data-testid="stImage"]')
    captions.nth(1).wait_for()
    texts = captions.all_inner_texts()
    assert any(t.startswith("2025预算.pdf 第 1 页") for t in texts) and any(t.startswith("2024预算.pdf 第 1 页") for t in texts)
    for img in page.locator('[data-testid="stImage"] img').all():
        page.wait_for_function("(el) => el.complete && el.naturalWidth > 300", arg=img.element_handle(), timeout=30_000)
    page.screenshot(path=str(tmp_path / "family-detail.png"), full_page=True)

    page.get_by_role("button", name="确认").click()
    page.wait_for_selector("text=已保存：确认")
    settle(page)
    (linked,) = analyse_families([load_bytes(p.read_bytes(), p.name) for p in paths]).findings
    store = Store(db_url)
    decision = store.decision(linked.fingerprint)
    store.dispose()
    assert (linked.rule, decision.status, decision.reviewer) == ("LNK001", "confirmed", REVIEWER)


def test_login_and_roles(server, browser):
    """Once accounts exist (added to the running server's database), every new session logs in;
    decisions are the account's; 审核员 cannot reopen nor see the supervisor view, 复核主管 can.
    Runs last: the module's server requires a login from here on."""
    from audit_assist.accounts import AUDITOR, SUPERVISOR, Accounts
    from audit_assist.store import Store

    url, db_url = server
    store = Store(db_url)
    accounts = Accounts(store)
    accounts.add("王审计", AUDITOR, "audit-pass-1")
    accounts.add("张主管", SUPERVISOR, "super-pass-1")

    page = log_in(browser, url, "王审计", "wrong-password")
    page.wait_for_selector("text=账号或密码不正确。")
    shot(page, "login-refused")
    page.close()

    page = log_in(browser, url, "王审计", "audit-pass-1")
    page.wait_for_selector('h1:has-text("文档")')
    page.wait_for_selector('[data-testid="stDataFrame"]')
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "复核人　王审计（审核员）" in sidebar.inner_text()
    assert page.get_by_label("复核人", exact=True).count() == 0  # no typed name
    assert page.locator('input[aria-label="账号"]').count() == 0  # the form is gone
    shot(page, "logged-in-auditor")
    goto_page(page, "发现")
    only_status(page, "待复核")
    page.get_by_role("button", name="查看详情 →").click()
    page.wait_for_selector('h1:has-text("详情")')
    settle(page)
    fp = page.locator("code").filter(has_text=re.compile(r"^[0-9a-f]{16}$")).first.inner_text()
    page.get_by_role("button", name="确认").click()
    page.wait_for_selector("text=已保存：确认")
    settle(page)
    d = store.decision(fp)
    assert (d.status, d.reviewer) == ("confirmed", "王审计")
    assert page.get_by_role("button", name="重新打开").is_disabled()
    shot(page, "auditor-decided")
    goto_page(page, "复核")
    page.get_by_role("tab", name="主管视图").click()
    page.wait_for_selector("text=主管视图仅复核主管可见。")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_selector('input[aria-label="账号"]')
    page.close()

    page = log_in(browser, url, "张主管", "super-pass-1")
    page.wait_for_selector('h1:has-text("文档")')
    settle(page)
    goto_page(page, "复核")
    page.get_by_role("tab", name="主管视图").click()
    page.wait_for_selector("text=签发复核完成的文档")
    shot(page, "supervisor-view")
    goto_page(page, "发现")
    search = page.get_by_placeholder("标题、说明、原文、意见中的文字（空格分隔多个词）")
    search.fill(fp)
    search.press("Enter")
    settle(page)
    page.get_by_role("button", name="查看详情 →").click()
    page.wait_for_selector('h1:has-text("详情")')
    settle(page)
    page.get_by_role("button", name="重新打开").click()
    page.wait_for_selector("text=已保存：重新打开")
    assert [(h.action, h.reviewer) for h in store.history(fp)] == [("confirm", "王审计"), ("reopen", "张主管")]
    page.close()
    store.dispose()
