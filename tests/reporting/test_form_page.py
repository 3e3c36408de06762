"""The school's report form as a clerk uses it: typing, autosave, draft, checks in place, submit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableWidget, QWidget

from models.db import Database
from models.enums import ReportStatus
from services.reporting.views import rounds, unit_form
from tests.gui.driving import find_button
from tests.gui.fixtures import login
from ui.main_window import MainWindow
from ui.pages.reporting.form import CHECK_MS, ReportForm
from ui.pages.reporting.reports import ReportsPage


@pytest.fixture
def school_window(demo_db: Database, qtbot) -> Iterator[MainWindow]:
    win = MainWindow(login(demo_db, "th001"), idle_minutes=0)
    win.backup_on_close = False
    qtbot.addWidget(win)
    win.show()
    yield win


def _year_end(ctx) -> str:
    """The round th001 has not reported in yet (the demo's year-end round)."""
    return next(r.id for r in rounds(ctx.db, ctx.actor) if r.period.endswith("CN"))


def double_click(view, rect, qtbot) -> None:
    # QTest's double click needs the press before it, as a real double click has
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_form(window: MainWindow, qtbot) -> tuple[ReportsPage, ReportForm]:
    page = window.show_page_key("reports")
    page.open_round(_year_end(window.ctx))
    rect = page.grid.visualItemRect(page.grid.item(0, 1))
    double_click(page.grid, rect, qtbot)
    assert page.editing(), "a double click opens the unit's report"
    return page, page.form


def cell(form: ReportForm, code: str) -> tuple[QTableWidget, int]:
    for table in form.tables:
        for r in range(table.rowCount()):
            if table.item(r, 0).data(Qt.ItemDataRole.UserRole)[0] == code:
                return table, r
    raise AssertionError(code)


def type_into(form: ReportForm, code: str, text: str, qtbot) -> str | QComboBox:
    """Click the cell (every click edits), type, press Enter: what a clerk does."""
    table, r = cell(form, code)
    form.scroll.ensureWidgetVisible(table)
    rect = table.visualItemRect(table.item(r, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if table.state() != QTableWidget.State.EditingState:
        qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = next(w for w in table.viewport().findChildren(QWidget)
                  if w.isVisible() and isinstance(w, QLineEdit | QComboBox))  # fmt: skip
    if isinstance(editor, QComboBox):
        return editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    shown = editor.text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on a later turn of the event loop: wait for the cell, not for a time
    qtbot.waitUntil(lambda: table.item(r, 0).text() == shown)
    return shown


def test_autosave_while_typing_keeps_the_form_and_the_text(school_window, qtbot) -> None:
    page, form = open_form(school_window, qtbot)
    form.autosave.setInterval(40)
    narrative = next(iter(form.narratives.values()))
    qtbot.mouseClick(narrative.viewport(), Qt.MouseButton.LeftButton)

    def saved_text() -> str:
        return unit_form(form.ctx.db, form.ctx.actor, form.round_id, form.unit_id).sections[0].narrative

    qtbot.keyClicks(narrative, "Nha truong co 28 lop")
    qtbot.waitUntil(lambda: "28 lop" in saved_text())  # the autosave fired while the form is open
    qtbot.keyClicks(narrative, ", 920 hoc sinh.")
    qtbot.waitUntil(lambda: "920 hoc sinh" in saved_text())  # and again: its change notice reached the page
    assert page.editing() and page.form is form and school_window.current_page() is page
    assert narrative.toPlainText() == "Nha truong co 28 lop, 920 hoc sinh."
    saved = unit_form(form.ctx.db, form.ctx.actor, form.round_id, form.unit_id)
    assert saved.report_id is not None
    assert saved.sections[0].narrative == "Nha truong co 28 lop, 920 hoc sinh."


def test_save_draft_stays_on_the_form_and_shows_a_draft(school_window, qtbot, boxes) -> None:
    page, form = open_form(school_window, qtbot)
    assert "Trễ hạn" in form.heading.text(), "nothing written yet, past the due date"
    type_into(form, "SO_LOP", "28", qtbot)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.editing() and page.form is form
    assert form.message.text() == "Đã lưu nháp."
    assert not boxes.shown
    assert "Đang soạn" in form.heading.text() and "Trễ hạn" not in form.heading.text()
    qtbot.mouseClick(_back(form), Qt.MouseButton.LeftButton)
    assert not page.editing()
    assert page.grid.item(0, 3).text() == "Đang soạn" and page.grid.item(0, 5).text() == "quá hạn"


def _back(form: ReportForm):
    return next(b for b in form.findChildren(type(form.save_button)) if b.text().startswith("←"))


def test_number_cells_refuse_letters_and_yes_no_is_a_choice(school_window, qtbot) -> None:
    _page, form = open_form(school_window, qtbot)
    assert type_into(form, "SO_LOP", "abc12", qtbot) == "12"
    table, r = cell(form, "SO_LOP")
    assert table.item(r, 0).text() == "12"
    combo = type_into(form, "HOA_NHAP", "", qtbot)
    assert isinstance(combo, QComboBox) and [combo.itemText(i) for i in range(3)] == ["", "Có", "Không"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    table, r = cell(form, "HOA_NHAP")
    qtbot.waitUntil(lambda: table.item(r, 0).text() != "")  # committed on a later turn of the loop
    assert table.item(r, 0).text() == "Có"


def test_impossible_numbers_are_flagged_as_typed_and_each_selects_its_cell(school_window, qtbot) -> None:
    _page, form = open_form(school_window, qtbot)
    type_into(form, "SO_GV", "38", qtbot)
    type_into(form, "GV_DAT_CHUAN", "45", qtbot)
    type_into(form, "TL_PHONG_KIEN_CO", "120,5", qtbot)
    qtbot.waitUntil(lambda: form.problems.count() == 2, timeout=CHECK_MS + 5000)  # the check after a pause
    texts = [form.problems.item(n).text() for n in range(form.problems.count())]
    assert form.problems.isVisible() and len(texts) == 2, texts
    assert any("45" in t and "38" in t for t in texts) and any("120,5" in t for t in texts)
    for n in range(2):
        item = form.problems.item(n)
        qtbot.mouseClick(form.problems.viewport(), Qt.MouseButton.LeftButton,
                         pos=form.problems.visualItemRect(item).center())  # fmt: skip
        table = next(t for t in form.tables if t.currentItem() is not None and t.hasFocus())
        assert table.currentItem().data(Qt.ItemDataRole.UserRole + 1) == item.data(Qt.ItemDataRole.UserRole + 1)
    type_into(form, "GV_DAT_CHUAN", "36", qtbot)
    type_into(form, "TL_PHONG_KIEN_CO", "85,5", qtbot)
    qtbot.waitUntil(lambda: not form.problems.isVisible(), timeout=CHECK_MS + 5000)
    assert not form.problems.isVisible() and form.message.text() == "Mọi ô đã đúng."


def test_submit_lists_every_missing_cell_before_asking_anything(school_window, qtbot, boxes) -> None:
    page, form = open_form(school_window, qtbot)
    type_into(form, "SO_LOP", "28", qtbot)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert not boxes.shown, "no confirmation (and no error box) for a form with problems"
    missing = [c for c in form.form.cells() if c[4] and c[1].code != "SO_LOP"]
    assert form.problems.count() == len(missing) > 3
    assert page.editing()
    last = form.problems.item(form.problems.count() - 1)
    qtbot.mouseClick(form.problems.viewport(), Qt.MouseButton.LeftButton,
                     pos=form.problems.visualItemRect(last).center())  # fmt: skip
    focused = next(t for t in form.tables if t.hasFocus())
    assert focused.currentItem().data(Qt.ItemDataRole.UserRole + 1) == last.data(Qt.ItemDataRole.UserRole + 1)


def test_only_the_schools_own_level_is_shown(school_window, qtbot) -> None:
    _page, form = open_form(school_window, qtbot)
    headings = [label.text() for label in form.body.findChildren(QLabel)]
    assert any("tiểu học" in h for h in headings)
    assert not any("mầm non" in h or "trung học cơ sở" in h for h in headings)


def test_after_a_refused_submit_the_list_keeps_the_missing_cells(school_window, qtbot, boxes) -> None:
    _page, form = open_form(school_window, qtbot)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    missing = form.problems.count()
    assert missing > 3 and not boxes.shown
    type_into(form, "SO_LOP", "28", qtbot)
    qtbot.waitUntil(lambda: form.problems.count() != missing, timeout=CHECK_MS + 5000)  # the live check
    assert form.problems.count() == missing - 1, "one cell filled, the others still listed"


def test_a_decision_that_arrives_shows_on_the_open_form(school_window, qtbot, boxes) -> None:
    """A return reaching the page (a bundle, another clerk) shows its comment on the form left open."""
    from services.reporting.review import return_report
    from tests.gui.test_clerk_loop import _fill_what_is_asked

    page, form = open_form(school_window, qtbot)
    qtbot.mouseClick(find_button(form, "Gửi báo cáo"), Qt.MouseButton.LeftButton)
    _fill_what_is_asked(form, qtbot)
    qtbot.mouseClick(find_button(form, "Gửi báo cáo"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.form.status == ReportStatus.SUBMITTED and not form.editable)
    district = login(form.ctx.db, "admin")
    return_report(form.ctx.db, district.actor, form.form.report_id, "Bổ sung số giáo viên.")
    form.ctx.notify({"reports", "report_events"})
    qtbot.waitUntil(lambda: "Bổ sung số giáo viên." in form.heading.text())
    assert page.form is form and page.editing(), "the form stays on screen"
    assert form.editable and form.submit_button.isEnabled()


@pytest.mark.parametrize(("language", "typed", "stored"), [
    ("vi", {"SO_HS": "1.234", "TL_PHONG_KIEN_CO": "85,5"}, {"SO_HS": 1234.0, "TL_PHONG_KIEN_CO": 85.5}),
    ("en", {"SO_HS": "1,234", "TL_PHONG_KIEN_CO": "85.5"}, {"SO_HS": 1234.0, "TL_PHONG_KIEN_CO": 85.5}),
])  # fmt: skip
def test_numbers_are_read_the_way_the_interface_language_writes_them(
    school_window, qtbot, qapp, language, typed, stored
) -> None:
    """1.234 is one thousand two hundred and thirty-four in Vietnamese, 1,234 in English."""
    from ui.i18n import install_language

    install_language(qapp, language)
    try:
        _page, form = open_form(school_window, qtbot)
        for code, text in typed.items():
            type_into(form, code, text, qtbot)
        qtbot.mouseClick(find_button(form, form.save_button.text()), Qt.MouseButton.LeftButton)
        saved = unit_form(form.ctx.db, form.ctx.actor, form.round_id, form.unit_id)
        assert {code: saved.values[(code, "")] for code in stored} == stored
        form.load()  # shown back as the language writes it
        table, r = cell(form, "TL_PHONG_KIEN_CO")
        assert table.item(r, 0).text() == typed["TL_PHONG_KIEN_CO"]
    finally:
        install_language(qapp, "vi")
