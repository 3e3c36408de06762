from __future__ import annotations

from pathlib import Path

from models.enums import Role
from services.accounts.office import get_print_settings
from services.accounts.permissions import Action
from services.accounts.users import list_users
from services.operations.backup import verify_backup
from tests.gui.fixtures import login
from ui.pages.accounts.admin import AdminPage
from ui.pages.accounts.settings import SettingsTab
from ui.pages.accounts.users import UserDialog, UsersTab
from ui.pages.operations import BackupTab
from ui.writes import wait_idle


def test_tabs_follow_the_role(ctx, demo_db, qtbot) -> None:
    admin = AdminPage(ctx)
    qtbot.addWidget(admin)
    assert admin.tabs.count() == 4
    staff = AdminPage(login(demo_db, "th001"))
    qtbot.addWidget(staff)
    titles = [staff.tabs.tabText(i) for i in range(staff.tabs.count())]
    assert "Tài khoản" not in titles and "Nhật ký thao tác" not in titles
    assert ("Sao lưu và kiểm tra" in titles) == staff.ctx.can(Action.BACKUP)
    assert not staff.tab(titles[0]).save_button.isEnabled()


def test_add_user_and_see_it(ctx, qtbot) -> None:
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    before = tab.table.rowCount()
    dialog = UserDialog(ctx, None, tab)
    qtbot.addWidget(dialog)
    dialog.username.setText("ketoan")
    dialog.full_name.setText("Lê Thị Kế Toán")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.OFFICER))
    dialog.password.setText("Ke-toan-2026!")
    dialog.again.setText("Ke-toan-2026!")
    dialog.save()
    assert wait_idle() and dialog.message.text() == ""
    tab.refresh()
    assert tab.table.rowCount() == before + 1
    assert "ketoan" in [u.username for u in list_users(ctx.db, ctx.actor)]


def test_weak_password_is_explained(ctx, qtbot) -> None:
    dialog = UserDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.username.setText("yeu")
    dialog.full_name.setText("Mật Khẩu Yếu")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.OFFICER))
    dialog.password.setText("123")
    dialog.again.setText("123")
    dialog.save()
    assert wait_idle() and "Mật khẩu" in dialog.message.text()
    assert "yeu" not in [u.username for u in list_users(ctx.db, ctx.actor)]


def test_settings_round_trip(ctx, qtbot, boxes) -> None:
    tab = SettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.fields["signer_name"].setText("Nguyễn Văn Ký")
    tab.recipients.setPlainText("Như trên;\nLưu: VT.")
    tab.save()
    assert wait_idle()
    saved = get_print_settings(ctx.db)
    assert saved.signer_name == "Nguyễn Văn Ký"
    assert saved.recipients == ["Như trên;", "Lưu: VT."]


def test_settings_refuse_an_empty_issuing_body(ctx, qtbot, boxes) -> None:
    tab = SettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.fields["issuing_body"].setText("")
    tab.save()
    assert wait_idle() and boxes.texts("warning")
    assert get_print_settings(ctx.db).issuing_body


def test_backup_to_a_stick_is_verified_and_clears_the_reminder(ctx, qtbot, boxes, typed, tmp_path: Path) -> None:
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    assert "Chưa từng sao lưu" in tab.reminder.text()
    target = tmp_path / "usb" / "copy.sqlite"
    typed.answers = [""]  # no passphrase: the key stays out, once the clerk says so
    tab.backup(str(target))
    assert tab.last_job.wait()
    assert verify_backup(target).office_code == ctx.office.code and verify_backup(target).key == "omitted"
    assert "không kèm khóa" in boxes.texts("question")[0]
    tab.refresh()
    assert "Chưa từng" not in tab.reminder.text()


def test_the_backup_button_seals_the_key_with_the_typed_passphrase(ctx, qtbot, boxes, typed, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    target = tmp_path / "usb" / "copy.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    typed.answers = ["mat-khau-sao-luu", "mat-khau-khac"]  # the second differs: nothing is written
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    assert not target.exists() and "không khớp" in boxes.texts("warning")[-1]
    typed.answers = ["mat-khau-sao-luu", "mat-khau-sao-luu"]
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    assert tab.last_job.wait() and tab.last_job.ok
    assert verify_backup(target).key == "included"
    assert len(typed.prompts) == 4


def test_restore_refuses_a_corrupt_file(ctx, qtbot, boxes, tmp_path: Path) -> None:
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(4000))
    before = ctx.db.path.read_bytes()
    assert tab.restore(str(bad)) is False
    assert "không dùng để khôi phục" in boxes.texts("warning")[0]
    assert ctx.db.path.read_bytes() == before


def test_data_check_reports_ok(ctx, qtbot) -> None:
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    tab.check()
    assert tab.last_job.wait()
    assert "toàn vẹn" in tab.report.toPlainText()


def test_audit_tab_filters_by_user(ctx, qtbot) -> None:
    page = AdminPage(ctx)
    qtbot.addWidget(page)
    audit = page.tab("Nhật ký thao tác")
    combo = audit.combos["username"]
    assert combo.count() > 1
    combo.setCurrentIndex(1)
    name = combo.currentData()
    rows = [audit.table.model.row(i) for i in range(min(audit.table.model.rowCount(), 50))]
    assert rows and all(r["username"] == name for r in rows)


def test_backup_while_the_gui_writes(ctx, qtbot, boxes, typed, tmp_path: Path) -> None:
    from services.accounts.orgunits import UnitInput, create_unit, list_units

    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    target = tmp_path / "during.sqlite"
    typed.answers = ["mat-khau-sao-luu", "mat-khau-sao-luu"]
    tab.backup(str(target))
    for n in range(30):  # the GUI thread keeps writing while the job copies
        create_unit(ctx.db, ctx.actor, UnitInput(code=f"BK{n:03d}", name=f"Trường thử sao lưu {n}", kind="school",
                                                 school_level="TH"))  # fmt: skip
        qtbot.wait(1)
    assert tab.last_job.wait() and tab.last_job.ok
    copy = verify_backup(target)
    assert copy.office_code == ctx.office.code
    assert len([u for u in list_units(ctx.db) if u.code.startswith("BK")]) == 30


def test_restore_from_the_window_says_what_became_of_the_key(ctx, qtbot, boxes, typed, tmp_path: Path) -> None:
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    target = tmp_path / "usb" / "copy.sqlite"
    typed.answers = ["mat-khau-sao-luu", "mat-khau-sao-luu"]
    tab.backup(str(target))
    assert tab.last_job.wait() and tab.last_job.ok
    tab.window().backup_on_close = False
    assert tab.restore(str(target), confirm=False) is True
    said = boxes.texts("information")[-1]
    assert "Đã khôi phục" in said and "Khóa đơn vị trên máy này trùng" in said
