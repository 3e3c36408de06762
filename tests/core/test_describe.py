"""Rows in a person's words: labels, formatted values, linked rows by name."""

from __future__ import annotations

import datetime as dt

from services.accounts.orgunits import list_units
from services.core.describe import changes_text, describe_fields, local_time, value_text


def test_values_are_formatted_for_a_person() -> None:
    assert value_text(None, "assignments", "due_on", "2023-09-20") == "20/09/2023"
    assert value_text(None, "assignments", "status", "in_progress") == "Đang thực hiện"
    assert value_text(None, "assignments", "role", "lead") == "Chủ trì"
    assert value_text(None, "assignments", "percent", 70) == "70%"
    assert value_text(None, "org_units", "active", True) == "Có"
    assert value_text(None, "documents", "recipients", '["Như trên", "Lưu: VT"]') == "Như trên; Lưu: VT"
    assert value_text(None, "tasks", "task_id", "0cd67ad2-e3c9-4ce3-ac1f-409ed669395c") == "(không còn)"
    assert value_text(None, "reports", "note", None) == "—"


def test_links_are_named_and_changes_listed_by_label(sqlite_office) -> None:
    unit = next(u for u in list_units(sqlite_office) if u.kind == "district")
    with sqlite_office.session() as session:
        fields = {f.label: f.text for f in describe_fields(session, "assignments", {
            "unit_id": unit.id, "status": "done", "id": "x", "rev": "y"})}  # fmt: skip
        assert fields == {"Đơn vị": unit.name, "Tình trạng": "Hoàn thành"}
        line = changes_text(session, "assignments", {"status": "in_progress", "percent": 70},
                            {"status": "done", "percent": 100})  # fmt: skip
    assert line == "Tiến độ: 70% → 100%; Tình trạng: Đang thực hiện → Hoàn thành"


def test_a_stored_utc_moment_is_shown_on_the_local_clock() -> None:
    moment = dt.datetime(2024, 4, 13, 9, 8)
    expected = moment.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")
    assert local_time(moment) == expected


def test_a_link_keyed_by_another_column_is_named(sqlite_office) -> None:
    """Bundles point to their peer by office id, not by an ``id`` column: the audit trail names the peer."""
    from models import Peer

    with sqlite_office.session() as session, session.begin():
        session.add(Peer(office_id="peer-1", code="TH009", name="Trường Tiểu học Hòa Bình", public_key="k",
                         fingerprint="f", added_at=dt.datetime(2024, 1, 1)))  # fmt: skip
    with sqlite_office.session() as session:
        assert value_text(session, "sent_bundles", "peer_id", "peer-1") == "Trường Tiểu học Hòa Bình"
