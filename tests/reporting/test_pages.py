"""Tổng quan, Báo cáo định kỳ and Chỉ tiêu over the demo district's rounds and indicators."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from services.reporting.rounds import ShownStatus
from services.reporting.views import review_grid, rounds
from tests.gui.fixtures import login
from ui.pages.reporting.indicators import IndicatorsPage
from ui.pages.reporting.overview import OverviewPage
from ui.pages.reporting.reports import ReportsPage
from ui.writes import wait_idle


def _hk1(ctx) -> str:
    return next(r.id for r in rounds(ctx.db, ctx.actor) if r.period.endswith("HK1"))


def test_overview_shows_the_dashboard_and_opens_what_is_behind(window, qtbot) -> None:
    page = window.show_page_key("overview")
    assert isinstance(page, OverviewPage)
    page.as_of.setDate(dt.date(2024, 4, 15))
    # the dashboard is read off the GUI thread: the page shows it when the read arrives
    qtbot.waitUntil(lambda: page.dashboard is not None and page.dashboard.as_of == dt.date(2024, 4, 15))
    d = page.dashboard
    assert page.rounds.rowCount() == len(d.rounds) >= 2
    hk1 = next(n for n, r in enumerate(d.rounds) if r.period.endswith("HK1"))
    assert page.rounds.item(hk1, 2).text().startswith(f"{d.rounds[hk1].received}/{d.rounds[hk1].expected} · ")
    assert str(d.overdue_assignments) in page.overdue.text()
    assert page.indicators.rowCount() == len(d.indicators) > 0
    page.open_round(hk1)
    assert isinstance(window.current_page(), ReportsPage)
    assert window.current_page().current_round() == d.rounds[hk1].id
    window.show_page_key("overview").open_overdue()
    assert window.current_page().assignments.overdue.isChecked()


@pytest.mark.parametrize("decision", ["accept", "return"])
def test_review_accept_or_return(window, qtbot, boxes, decision: str) -> None:
    ctx = window.ctx
    page = window.show_page_key("reports")
    page.open_round(_hk1(ctx))
    submitted = [n for n, r in enumerate(page.rows) if r.status == ShownStatus.SUBMITTED]
    assert submitted, "the demo has submitted reports waiting for review"
    page.grid.setCurrentCell(submitted[0], 0)
    unit = page.rows[submitted[0]].unit_id
    if decision == "accept":
        page.accept()
    else:
        page.give_back("Thiếu số liệu mục II, đề nghị bổ sung.")
    assert page.last_write.wait() and page.last_write.ok  # the change notice reads the grid again
    row = next(r for r in review_grid(ctx.db, ctx.actor, _hk1(ctx)) if r.unit_id == unit)
    if decision == "accept":
        assert row.status == ShownStatus.ACCEPTED
    else:
        assert row.status == ShownStatus.RETURNED and "bổ sung" in row.reviewer_comment
    assert page.grid.item(submitted[0], 3).text() == row.status_label


def test_school_staff_fill_in_save_and_submit(demo_db, qtbot, boxes) -> None:
    staff = login(demo_db, "th001")
    page = ReportsPage(staff)
    qtbot.addWidget(page)
    grid_rounds = [r for r in rounds(staff.db, staff) if not r.period.endswith("HK1")]
    page.open_round(grid_rounds[0].id)
    assert len(page.rows) == 1 and page.rows[0].unit_id == staff.actor.unit_id
    form = page.open_form(0)
    assert form is not None and form.editable
    assert form.narratives and form.tables
    first = next(iter(form.narratives.values()))
    first.setPlainText("Nhà trường đã hoàn thành kế hoạch năm học.")
    table = form.tables[0]
    table.item(0, 0).setText("không phải số")
    assert not form.save(quiet=True)
    assert "ô cần nhập hoặc sửa" in form.message.text() and "«" in form.problems.item(0).text()
    assert table.currentItem() is table.item(0, 0)
    table.item(0, 0).setText("12")
    assert form.save(quiet=True), form.message.text()
    reopened = page.open_form(0)
    assert reopened.form.values
    text = [e for e in reopened.narratives.values() if isinstance(e, QPlainTextEdit)]
    assert any("hoàn thành kế hoạch" in e.toPlainText() for e in text)


def test_decisions_are_offered_only_on_a_report_awaiting_one(ctx, qtbot) -> None:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_round(_hk1(ctx))
    decisions = [b for b in page.findChildren(QPushButton) if b.text() in ("Duyệt", "Trả lại…")]
    assert len(decisions) == 2
    tried = set()
    for status, offered in ((ShownStatus.SUBMITTED, True), (ShownStatus.ACCEPTED, False),
                            (ShownStatus.NOT_STARTED, False), (ShownStatus.LATE, False)):  # fmt: skip
        number = next((n for n, r in enumerate(page.rows) if r.status == status), None)
        if number is None:
            continue
        tried.add(offered)
        rect = page.grid.visualItemRect(page.grid.item(number, 1))
        qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert page.grid.currentRow() == number
        assert [b.isEnabled() for b in decisions] == [offered, offered], status
        if not offered:
            assert "chưa duyệt" in decisions[0].toolTip()
            before = page.rows[number]
            qtbot.mouseClick(decisions[0], Qt.MouseButton.LeftButton)  # a disabled button does nothing
            assert page.rows[number] == before
    assert tried == {True, False}, "the round has a sent report and one that is not"


def test_staff_cannot_review(demo_db, qtbot) -> None:
    page = ReportsPage(login(demo_db, "th001"))
    qtbot.addWidget(page)
    buttons = {b.text(): b.isEnabled() for b in page.findChildren(QPushButton)}
    assert buttons["Duyệt"] is False and buttons["Trả lại…"] is False
    assert buttons["Mở báo cáo"] is True


@pytest.mark.parametrize("by", ["overall", "level", "commune"])
def test_indicators_page_breakdowns(ctx, qtbot, by: str) -> None:
    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    page.breakdown.setCurrentIndex(page.breakdown.findData(by))
    assert page.table.rowCount() == len(page.figures) > 0
    with_values = [f for f in page.figures if f.value is not None and f.denominator]
    assert with_values, "the demo's first round with reports gives values"
    f = with_values[0]
    assert abs(f.value - round(100 * f.numerator / f.denominator, 2)) < 0.01 or f.unit != "%"


def test_indicator_from_a_plan_target(ctx, qtbot, monkeypatch) -> None:
    """The button asks for a plan, then one of its targets; the indicator carries the target."""
    from PySide6.QtWidgets import QInputDialog
    from sqlalchemy import select

    from models import Indicator
    from services.core.paging import PageRequest
    from services.plans.task_lists import DocumentQuery
    from services.reporting.views import document_targets

    page = IndicatorsPage(ctx)
    qtbot.addWidget(page)
    docs = DocumentQuery(ctx.db, ctx.actor).fetch(PageRequest(limit=200))
    chosen = next(n for n, d in enumerate(docs) if document_targets(ctx.db, ctx.actor, d["id"]))
    doc = docs[chosen]
    target = document_targets(ctx.db, ctx.actor, doc["id"])[0]
    asked: list[tuple[str, list[str]]] = []

    def pick(_parent, _title, label, items, *_args):
        asked.append((label, list(items)))
        return (items[chosen] if len(asked) == 1 else items[0]), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    with ctx.db.session() as session:
        before = set(session.scalars(select(Indicator.id)))
    qtbot.mouseClick(page.from_plan, Qt.MouseButton.LeftButton)
    assert wait_idle(), "the write runs off the GUI thread"

    assert [label for label, _items in asked] == ["Kế hoạch:", "Chỉ tiêu của kế hoạch:"]
    assert asked[1][1][0] == target.text[:140]
    with ctx.db.session() as session:
        [made] = session.scalars(select(Indicator).where(Indicator.id.not_in(before))).all()
    assert made.document_id == doc["id"]
    assert made.target_value == target.value and made.comparator.value == target.comparator
    assert made.name.startswith("Tỷ lệ" if target.unit == "%" else "Số")
    page.refresh()
    qtbot.waitUntil(lambda: made.name in {page.table.item(n, 0).text() for n in range(page.table.rowCount())})


def test_template_editor_saves_a_new_version(ctx, qtbot, tmp_path) -> None:
    from services.reporting.templates import list_templates, load_template_document
    from ui.dialogs.reporting import TemplateEditor, TemplatesDialog

    dialog = TemplatesDialog(ctx)
    qtbot.addWidget(dialog)
    before = list_templates(ctx.db)
    dialog.list.setCurrentRow(0)
    chosen = next(t for t in before if t["id"] == dialog.current_id())
    editor = TemplateEditor(ctx, chosen["id"], dialog)
    qtbot.addWidget(editor)
    editor.tree.setCurrentItem(editor.tree.topLevelItem(0))
    editor.add(child=True)
    editor.number.setText("9")
    editor.heading.setText("Kiến nghị, đề xuất")
    editor.prompt.setPlainText("Nêu kiến nghị với Phòng.")
    editor.save()
    assert editor.last_write.wait()
    assert editor.saved is not None, editor.message.text()
    assert editor.saved["version"] == chosen["version"] + 1
    saved = load_template_document(ctx.db, editor.saved["id"])
    children = saved["sections"][0]["children"]
    assert children[-1]["heading"] == "Kiến nghị, đề xuất"
    dialog.refresh()
    assert dialog.list.count() == len(before) + 1
    target = tmp_path / "de-cuong.json"
    newest = next(n for n in range(dialog.list.count()) if dialog.list.item(n).data(Qt.ItemDataRole.UserRole)
                  == editor.saved["id"])  # fmt: skip
    dialog.list.setCurrentRow(newest)
    dialog.export_json(str(target))
    assert target.exists()
    dialog.import_json(str(target))  # the same content again adds no version
    assert dialog.last_write.wait() and dialog.last_write.ok
    assert len(list_templates(ctx.db)) == len(before) + 1


def test_rounds_from_a_plan_in_one_step(ctx, qtbot, boxes) -> None:
    from services.core.paging import PageRequest
    from services.plans.task_lists import DocumentQuery

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    before = page.round_list.count()
    docs = DocumentQuery(ctx.db, ctx.actor).fetch(PageRequest(limit=10))
    plan = next(d for d in docs if (d.get("school_year") or "") == "2023-2024")
    # The demo made its two rounds from this plan already: doing it again adds none, and says so.
    job = page.rounds_from_plan(plan["id"])
    assert job.wait() and job.result == []
    assert "đã có từ trước" in boxes.texts("information")[-1]
    page.refresh()
    assert page.round_list.count() == before == 2
