"""Đồng bộ: the office's key, its peers and what went each way, bundles out and in, conflicts.

Bundles are written for one unit or for every child unit into a chosen folder (a USB
stick), and many received files are imported at once with a result per file; all of it
runs on the background job helper. A conflict shows both versions side by side, and the
choice becomes a new revision that syncs like any change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.errors import EduDeskError
from services.accounts.permissions import Action
from services.core.vietnamese import format_date
from services.sync import server_key
from services.sync.apply import ImportResult, import_bundles
from services.sync.bundle import export_all_children, export_bundle
from services.sync.conflicts import (
    ConflictRow,
    DescribedConflict,
    describe_conflict,
    list_conflicts,
    resolve_conflict,
)
from services.sync.keys import (
    OwnKey,
    PeerRow,
    fingerprint,
    list_peers,
    own_key,
    protect_own_key,
    replace_own_key,
    replace_peer_key,
    revoke_peer,
)
from services.sync.server_key import KeyState
from services.sync.setup import create_setup_bundle
from ui.context import AppContext
from ui.flow import FlowLayout
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import Job, read_soon, run_job
from ui.row_table import Cell, RowTable
from ui.slots import on_click
from ui.writes import refusal_shown, run_write

SYNC_TABLES = {"peers", "sent_bundles", "received_bundles", "conflicts"}


def _when(value: Any) -> str:
    return f"{format_date(value.date())} {value:%H:%M}" if value else "—"


def _table(parent: QWidget, headers: list[str], stretch: tuple[int, ...] = ()) -> RowTable:
    return RowTable(parent, headers, stretch=stretch, stretch_last=not stretch)


def _fill(table: RowTable, rows: list[tuple[str, ...]]) -> None:
    # a long task title is elided in its cell and shown whole on hover
    table.set_rows([Cell(text, tooltip=text if len(text) > 40 else "") for text in cells] for cells in rows)


def _key_facts(db: Any) -> tuple[OwnKey | None, KeyState | None]:
    """The office's key (None: no key yet) and, on a server, its state on this PC."""
    state = None if db.is_sqlite else server_key.state(db)
    try:
        return own_key(db), state
    except EduDeskError:
        return None, state


class SyncPage(QWidget):
    SHOWS = frozenset(SYNC_TABLES)
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.peers: list[PeerRow] = []
        self.conflicts: list[ConflictRow] = []
        self.described: list[DescribedConflict] = []
        self.last_job: Job | None = None
        self.results: list[ImportResult] = []
        self.key_label = QLabel(self)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setWordWrap(True)  # the long state lines wrap in a 1024-px window
        self.peer_table = _table(self, [self.tr("Mã"), self.tr("Đơn vị"), self.tr("Dấu vân tay khóa"),
                                        self.tr("Đã gửi"), self.tr("Gửi lúc"), self.tr("Đã nhận"),
                                        self.tr("Nhận lúc"), self.tr("Đã xác nhận"), self.tr("Trạng thái")])  # fmt: skip
        self.result_table = _table(self, [self.tr("Tệp"), self.tr("Kết quả")])
        # the task and school take the room left; the date and the fields stay in view
        self.conflict_table = _table(self, [self.tr("Loại dữ liệu"), self.tr("Nhiệm vụ / đơn vị"),
                                            self.tr("Phát hiện lúc"), self.tr("Khác nhau ở")], stretch=(1,))  # fmt: skip
        self.conflict_table.currentCellChanged.connect(lambda row, *_: self.show_conflict(row))
        self.sides = _table(self, [self.tr("Trường dữ liệu"), self.tr("Bản đang dùng (thắng)"),
                                   self.tr("Bản kia (thua)")], stretch=(1, 2))  # fmt: skip
        tabs = QTabWidget(self)
        tabs.addTab(self._peers_tab(), self.tr("Đơn vị kết nối"))
        tabs.addTab(self._conflicts_tab(), self.tr("Xung đột"))
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>" + self.tr("Đồng bộ") + "</h3>", self))
        layout.addWidget(self.key_label)
        self.key_buttons: dict[str, QPushButton] = {}
        if not ctx.db.is_sqlite:  # an office on a server: its key is sealed in the database
            layout.addLayout(self._server_key_row())
        layout.addWidget(tabs, 1)
        self.refresh()

    def _buttons(self, items: list[tuple[str, Any, Action]]) -> FlowLayout:
        row = FlowLayout()
        for text, slot, action in items:
            button = QPushButton(text, self)
            on_click(button, slot)
            row.addWidget(button)
            # the office above issues bundles to all its children and setup bundles to schools
            gate(button, self.ctx, action, district_only=slot in (self.export_children, self.setup_school))
        row.addStretch(1)
        return row

    def _server_key_row(self) -> FlowLayout:
        row = FlowLayout()
        for name, text, slot, action in [
            ("unlock", self.tr("Mở khóa trên máy này…"), self.unlock_key, Action.RUN_SYNC),
            ("show", self.tr("Mật khẩu khóa…"), self.show_key_passphrase, Action.MANAGE_KEYS),
            ("protect", self.tr("Mã hóa khóa trên máy chủ…"), self.protect_key, Action.MANAGE_KEYS),
        ]:  # fmt: skip
            button = QPushButton(text, self)
            on_click(button, slot)
            gate(button, self.ctx, action)
            row.addWidget(button)
            self.key_buttons[name] = button
        return row

    def _peers_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.peer_table, 2)
        layout.addLayout(self._buttons([
            (self.tr("Xuất gói cho đơn vị đã chọn…"), self.export_selected, Action.RUN_SYNC),
            (self.tr("Xuất gói cho mọi đơn vị cấp dưới…"), self.export_children, Action.RUN_SYNC),
            (self.tr("Nhập các gói nhận được…"), self.import_files, Action.RUN_SYNC),
            (self.tr("Tạo gói khởi tạo cho trường…"), self.setup_school, Action.MANAGE_KEYS),
            (self.tr("Thu hồi khóa"), self.revoke, Action.MANAGE_KEYS),
            (self.tr("Tin khóa mới…"), self.trust_new_key, Action.MANAGE_KEYS),
            (self.tr("Tạo khóa mới cho đơn vị này…"), self.new_key, Action.MANAGE_KEYS),
        ]))  # fmt: skip
        layout.addWidget(QLabel(self.tr("Kết quả lần nhập gần nhất:"), tab))
        layout.addWidget(self.result_table, 1)
        return tab

    def _conflicts_tab(self) -> QWidget:
        tab = QWidget(self)
        split = QSplitter(Qt.Orientation.Vertical, tab)
        split.addWidget(self.conflict_table)
        split.addWidget(self.sides)
        layout = QVBoxLayout(tab)
        layout.addWidget(split, 1)
        layout.addLayout(self._buttons([
            (self.tr("Giữ bản đang dùng"), lambda: self.resolve("winner"), Action.RUN_SYNC),
            (self.tr("Dùng bản kia"), lambda: self.resolve("loser"), Action.RUN_SYNC),
        ]))  # fmt: skip
        return tab

    # --- showing ---------------------------------------------------------------------

    def refresh(self) -> None:
        self._show_key()
        self.peers = list_peers(self.ctx.db)
        _fill(self.peer_table, [
            (p.code, p.name, p.fingerprint, str(p.last_sent_seq), _when(p.last_sent_at), str(p.last_received_seq),
             _when(p.last_received_at), str(p.acked_seq), self.tr("ĐÃ THU HỒI") if p.revoked else self.tr("Tin cậy"))
            for p in self.peers
        ])  # fmt: skip
        self.conflicts = list_conflicts(self.ctx.db)
        self.described = [describe_conflict(self.ctx.db, c) for c in self.conflicts]
        _fill(self.conflict_table, [(tr_label(d.what), d.subject, d.detected_at,
                                     ", ".join(tr_label(label) for label in d.differing))
                                    for d in self.described])  # fmt: skip
        self.tabs.setTabText(1, self.tr("Xung đột ({n})").format(n=len(self.conflicts)))
        if self.conflicts and self.conflict_table.currentRow() < 0:
            self.conflict_table.setCurrentCell(0, 0)  # both versions in view at once
        self.show_conflict(self.conflict_table.currentRow())

    def _show_key(self) -> None:
        # opening a server office's sealed key costs a scrypt (~0.1 s): read off the GUI thread
        read_soon(self, "key", lambda: _key_facts(self.ctx.db), self._apply_key)

    def _apply_key(self, facts: tuple[OwnKey | None, KeyState | None]) -> None:
        key, state = facts
        if key is None:  # no key yet: one is made with the first bundle
            text = self.tr("Đơn vị chưa có khóa; khóa được tạo khi xuất gói đầu tiên.")
        else:  # the public key is what a peer types into «Tin khóa mới…» after a new key
            text = self.tr("Dấu vân tay khóa của đơn vị (đọc qua điện thoại để đối chiếu): "
                           "<b>{fp}</b><br><small>Khóa công khai (gửi cho đơn vị kết nối khi thay khóa): {pk}</small>").format(
                fp=key.fingerprint, pk=key.public_key)  # fmt: skip
        if state is not None and state.stored:
            text += "<br>" + self._server_key_text(state)
        self.key_label.setText(text)
        if state is not None:
            self.key_buttons["unlock"].setVisible(state.sealed and not state.unlocked)
            self.key_buttons["show"].setVisible(state.sealed and state.unlocked)
            self.key_buttons["protect"].setVisible(state.stored and not state.sealed)

    def _server_key_text(self, state: KeyState) -> str:
        if not state.sealed:
            return self.tr("Khóa lưu trên máy chủ <b>chưa được mã hóa</b> (bản EduDesk cũ): "
                           "hãy bấm «Mã hóa khóa trên máy chủ…».")  # fmt: skip
        if state.unlocked:
            return self.tr("Khóa lưu mã hóa trên máy chủ; máy này đã mở khóa và ký gói được.")
        where = self.tr(" (tạo trên máy {pc})").format(pc=state.made_on) if state.made_on else ""
        return self.tr("Khóa lưu mã hóa trên máy chủ; <b>máy này chưa mở khóa</b>: cần mật khẩu khóa đơn vị"
                       "{where}. Bấm «Mở khóa trên máy này…».").format(where=where)  # fmt: skip

    def show_conflict(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            self.sides.set_rows([])
            return
        d = self.described[row]

        def side(text: str, differs: bool) -> Cell:
            return Cell(text, "yellow" if differs else None, text if len(text) > 40 else "")

        self.sides.set_rows([Cell(tr_label(f.label)), side(tr_label(f.kept), f.differs),
                             side(tr_label(f.other), f.differs)] for f in d.fields)  # fmt: skip

    def selected_peer(self) -> PeerRow | None:
        row = self.peer_table.currentRow()
        if not 0 <= row < len(self.peers):
            QMessageBox.information(self, self.tr("Đồng bộ"), self.tr("Hãy chọn một đơn vị trong bảng."))
            return None
        return self.peers[row]

    # --- actions ---------------------------------------------------------------------

    def _folder(self, folder: str | None) -> Path | None:
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục (USB) để ghi gói"))
        return Path(folder) if folder else None

    def _job(self, title: str, work: Any, done: Any) -> Job:
        self.last_job = run_job(self, self.ctx, title, work, done, changes=SYNC_TABLES)
        return self.last_job

    def export_selected(self, folder: str | None = None) -> Job | None:
        peer = self.selected_peer()
        target = self._folder(folder) if peer else None
        if peer is None or target is None:
            return None
        me = self.ctx.office.code
        out = target / f"{me}-{peer.code}-{peer.last_sent_seq + 1:05d}.edusync"
        return self._job(self.tr("Xuất gói đồng bộ"),
                         lambda p: export_bundle(self.ctx.db, self.ctx.actor, peer.code, out, progress=p),
                         lambda r: self._said(self.tr("Đã ghi {path} ({n} dòng).").format(path=r.path, n=r.records)))  # fmt: skip

    def export_children(self, folder: str | None = None) -> Job | None:
        target = self._folder(folder)
        if target is None:
            return None
        return self._job(self.tr("Xuất gói cho các đơn vị cấp dưới"),
                         lambda p: export_all_children(self.ctx.db, self.ctx.actor, target, progress=p),
                         lambda rs: self._said(self.tr("Đã ghi {n} gói vào {path}.").format(n=len(rs), path=target)))  # fmt: skip

    def import_files(self, paths: list[str] | None = None) -> Job | None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn các gói đồng bộ"), str(Path.home()),
                                                    self.tr("Gói EduDesk (*.edusync);;Mọi tệp (*)"))  # fmt: skip
        if not paths:
            return None
        files = [Path(p) for p in paths]
        return self._job(self.tr("Nhập gói đồng bộ"),
                         lambda p: import_bundles(self.ctx.db, self.ctx.actor, files, progress=p), self._show_results)  # fmt: skip

    def _show_results(self, results: list[ImportResult]) -> None:
        self.results = results
        _fill(self.result_table, [(r.path.name, (self.tr("Đã nhập: {n} dòng mới, {c} xung đột").format(
            n=r.applied, c=r.conflicts) if r.ok and not r.already else (self.tr("Đã nhập từ trước") if r.ok
            else self.tr("TỪ CHỐI: {why}").format(why=r.message)))) for r in results])  # fmt: skip

    def setup_school(self, code: str | None = None, folder: str | None = None) -> Job | None:
        if code is None:
            code, ok = QInputDialog.getText(self, self.tr("Gói khởi tạo"), self.tr("Mã trường:"))
            if not ok or not code.strip():
                return None
        target = self._folder(folder)
        if target is None:
            return None
        out = target / f"khoi-tao-{code.strip()}.edusync"
        return self._job(self.tr("Tạo gói khởi tạo"),
                         lambda p: create_setup_bundle(self.ctx.db, self.ctx.actor, code.strip(), out, progress=p),
                         lambda r: self._said(self.setup_written_text(r.path, r.code)))  # fmt: skip

    def setup_written_text(self, path: Any, code: str = "") -> str:
        """What the district does next with the file: carry it, read the code and the fingerprint on the phone."""
        return self.tr(
            "Đã ghi gói khởi tạo {path}.\n\nMã khởi tạo: {code}\n\nChép tệp này vào USB hoặc gửi qua thư điện "
            "tử cho trường; KHÔNG gửi mã kèm tệp. Ở trường, cài EduDesk, mở lần đầu và chọn «Mở gói khởi tạo từ "
            "Phòng GD&ĐT», chọn tệp này và nhập mã. Khi trường gọi điện, đọc cho trường mã khởi tạo (chỉ hiện "
            "lần này; quên thì tạo gói mới) và dấu vân tay khóa của Phòng (ô phía trên trang này)."
        ).format(path=path, code=code)

    def revoke(self) -> None:
        peer = self.selected_peer()
        if peer is None:
            return
        question = self.tr(
            "Thu hồi khóa của {name}? Gói ký bằng khóa này sẽ bị từ chối cho đến khi có khóa mới.\n\n"
            "Chỉ thu hồi khi khóa của đơn vị đó bị lộ hoặc máy bị mất. Để nhận gói lại, đơn vị đó tạo khóa "
            "mới và gửi khóa công khai; bấm «Tin khóa mới…» và đối chiếu dấu vân tay qua điện thoại."
        )
        if QMessageBox.question(self, self.tr("Thu hồi khóa"), question.format(name=peer.name)) \
                == QMessageBox.StandardButton.Yes:  # fmt: skip
            self._run(lambda: revoke_peer(self.ctx.db, self.ctx.actor, peer.code))

    def trust_new_key(self) -> None:
        peer = self.selected_peer()
        if peer is None:
            return
        typed, ok = QInputDialog.getText(self, self.tr("Tin khóa mới"), self.tr(
            "Khóa công khai mới của {name} (44 ký tự; đơn vị đó xem ở trang Đồng bộ của mình và gửi qua "
            "thư hoặc USB):").format(name=peer.name))  # fmt: skip
        public = typed.strip()
        if not ok or not public:
            return
        shown, print_ = refusal_shown(self, self.tr("Tin khóa mới"), lambda: fingerprint(public))
        if not shown:
            return
        question = self.tr(
            "Dấu vân tay của khóa mới: {fp}\n\nGọi điện cho {name} và đối chiếu từng nhóm với dấu vân tay ở "
            "trang Đồng bộ của họ. Khớp hết thì tin khóa này?"
        ).format(fp=print_, name=peer.name)
        if QMessageBox.question(self, self.tr("Tin khóa mới"), question) == QMessageBox.StandardButton.Yes:
            self._run(lambda: replace_peer_key(self.ctx.db, self.ctx.actor, peer.code, public),
                      lambda _row: self.refresh())  # fmt: skip

    def new_key(self) -> None:
        question = self.tr(
            "Tạo khóa mới? Các đơn vị kết nối phải nhận dấu vân tay mới trước khi nhận gói tiếp theo."
        )
        if QMessageBox.question(self, self.tr("Khóa mới"), question) == QMessageBox.StandardButton.Yes:
            self._run(lambda: replace_own_key(self.ctx.db, self.ctx.actor),
                      lambda key: self._tell_passphrase(key.new_passphrase))

    # --- the key of an office on a server ----------------------------------------------

    def unlock_key(self) -> None:
        typed, ok = QInputDialog.getText(
            self, self.tr("Mở khóa trên máy này"),
            self.tr("Mật khẩu khóa đơn vị (16 ký tự, ví dụ ABCD-EFGH-JKMN-PQRT).\nNgười quản trị xem ở một máy "
                    "đã mở khóa, nút «Mật khẩu khóa…»; máy này chỉ cần nhập một lần:"),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if ok and typed.strip():
            self._run(lambda: server_key.unlock(self.ctx.db, self.ctx.actor, typed),
                      lambda _none: self._unlocked())  # fmt: skip

    def _unlocked(self) -> None:
        self.refresh()
        self._said(self.tr("Máy này đã mở khóa đồng bộ của đơn vị: từ nay ký gói được."))

    def show_key_passphrase(self) -> None:
        self._run(lambda: server_key.show_passphrase(self.ctx.db, self.ctx.actor), self._tell_passphrase)

    def protect_key(self) -> None:
        question = self.tr("Mã hóa khóa đồng bộ đang lưu dạng rõ trên máy chủ? Mỗi máy khác của đơn vị sẽ "
                           "cần nhập mật khẩu khóa đơn vị một lần trước khi ký gói.")  # fmt: skip
        if QMessageBox.question(self, self.tr("Mã hóa khóa"), question) == QMessageBox.StandardButton.Yes:
            self._run(lambda: protect_own_key(self.ctx.db, self.ctx.actor), self._tell_passphrase)

    def _tell_passphrase(self, passphrase: str | None) -> None:
        self.refresh()
        if passphrase:
            self._said(self.passphrase_text(passphrase))

    def passphrase_text(self, passphrase: str) -> str:
        return self.tr(
            "Mật khẩu khóa đơn vị: {p}\n\nGhi lại và giữ kín như mật khẩu quản trị. Mỗi máy khác dùng đơn vị "
            "này nhập một lần (nút «Mở khóa trên máy này…»); đọc qua điện thoại, không gửi kèm gói hay thư."
        ).format(p=passphrase)

    def resolve(self, keep: str) -> None:
        row = self.conflict_table.currentRow()
        if not 0 <= row < len(self.conflicts):
            QMessageBox.information(self, self.tr("Xung đột"), self.tr("Hãy chọn một xung đột."))
            return
        conflict_id = self.conflicts[row].id
        self._run(lambda: resolve_conflict(self.ctx.db, self.ctx.actor, conflict_id, keep=keep))

    def _run(self, change: Any, done: Any = None) -> None:
        self.last_write = run_write(self, self.ctx, self.tr("Đồng bộ"), change, done)

    def _said(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Đồng bộ"), text)
