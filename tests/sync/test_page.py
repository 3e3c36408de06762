"""Đồng bộ: peers of the demo, a bundle written for one of them, a refused file, a conflict decided."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton

from services.sync.conflicts import list_conflicts
from ui.pages.sync import SyncPage


def test_peers_and_fingerprint_are_shown(ctx, qtbot) -> None:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    assert page.peer_table.rowCount() == len(page.peers) > 0
    assert page.peer_table.item(0, 2).text() == page.peers[0].fingerprint
    assert "<b>" in page.key_label.text()


def test_export_for_the_selected_peer(ctx, qtbot, boxes, tmp_path: Path) -> None:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.peer_table.setCurrentCell(0, 0)
    peer = page.peers[0]
    job = page.export_selected(str(tmp_path))
    assert job.wait(120_000) and job.ok, job.error
    written = list(tmp_path.glob("*.edusync"))
    assert len(written) == 1 and peer.code in written[0].name
    page.refresh()
    assert page.peers[0].last_sent_seq == peer.last_sent_seq + 1


def test_import_gives_a_result_per_file(ctx, qtbot, tmp_path: Path) -> None:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    junk = tmp_path / "hong.edusync"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    missing = tmp_path / "khong-co.edusync"
    job = page.import_files([str(junk), str(missing)])
    assert job.wait(60_000) and job.ok, job.error
    assert page.result_table.rowCount() == 2
    assert all("TỪ CHỐI" in page.result_table.item(r, 1).text() for r in range(2))


def test_conflict_side_by_side_and_decided(ctx, qtbot) -> None:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    before = len(page.conflicts)
    assert before > 0, "the demo has conflicts to show"
    page.conflict_table.setCurrentCell(0, 0)
    assert page.sides.rowCount() >= len(page.conflicts[0].differences) > 0
    page.resolve("winner")
    assert page.last_write.wait() and page.last_write.ok
    assert len(list_conflicts(ctx.db)) == before - 1


def test_a_revoked_peer_is_trusted_again_with_its_new_key_after_the_fingerprint(ctx, qtbot, boxes, typed) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from PySide6.QtCore import Qt

    from services.sync import keys

    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.peer_table.setCurrentCell(0, 0)
    peer = page.peers[0]
    keys.revoke_peer(ctx.db, ctx.actor, peer.code)
    new_public = keys.encode_public(Ed25519PrivateKey.generate().public_key())
    trust = next(b for b in page.findChildren(QPushButton) if b.text() == "Tin khóa mới…")

    typed.answers = ["not a key"]
    qtbot.mouseClick(trust, Qt.MouseButton.LeftButton)
    assert "không hợp lệ" in boxes.texts()[-1]
    boxes.answer = QMessageBox.StandardButton.No  # the fingerprints did not match on the phone
    typed.answers = [new_public]
    qtbot.mouseClick(trust, Qt.MouseButton.LeftButton)
    assert keys.fingerprint(new_public) in boxes.texts("question")[-1]
    assert next(p for p in keys.list_peers(ctx.db) if p.code == peer.code).revoked
    boxes.answer = QMessageBox.StandardButton.Yes
    typed.answers = [new_public]
    qtbot.mouseClick(trust, Qt.MouseButton.LeftButton)
    assert page.last_write.wait() and page.last_write.ok
    again = next(p for p in keys.list_peers(ctx.db) if p.code == peer.code)
    assert not again.revoked and again.fingerprint == keys.fingerprint(new_public)
