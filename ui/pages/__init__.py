"""The main window's pages, in navigation order.

A page is a QWidget subclass ``Page(ctx, parent=None)`` with ``refresh()``; it lives in
its own module. A page whose module is not written yet shows an honest empty state.
A page declares the tables it shows in ``SHOWS``: a write's change notice refreshes only the
pages that show one of the tables it changed (``EVERYTHING``: every write; none declared: the
same, to be safe).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from services.core.changes import Changes

# The tables of a page that shows something of every write (the audit log): a marker.
EVERYTHING: frozenset[str] = frozenset({"*"})


def shows(page: Any, changes: Changes) -> bool:
    """Whether ``page`` shows something ``changes`` changed (by its ``SHOWS``)."""
    tables = getattr(page, "SHOWS", None)
    return tables is None or tables is EVERYTHING or changes.touches(tables)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # Vietnamese; translated in the "pages" context
    module: str
    class_name: str
    purpose: str  # what the page is for, shown while it is empty


PAGES = [
    PageSpec("overview", QT_TRANSLATE_NOOP("pages", "Tổng quan"), "ui.pages.reporting.overview", "OverviewPage",
             QT_TRANSLATE_NOOP("pages", "Tỉ lệ báo cáo đã nộp và đúng hạn, việc quá hạn, chỉ tiêu so với mục tiêu.")),
    PageSpec("plans", QT_TRANSLATE_NOOP("pages", "Kế hoạch & nhiệm vụ"), "ui.pages.plans.page", "PlansPage",
             QT_TRANSLATE_NOOP("pages", "Nhập kế hoạch, chỉ thị; giao nhiệm vụ cho đơn vị và theo dõi tiến độ.")),
    PageSpec("reports", QT_TRANSLATE_NOOP("pages", "Báo cáo định kỳ"), "ui.pages.reporting.reports", "ReportsPage",
             QT_TRANSLATE_NOOP("pages", "Đề cương, kỳ báo cáo, nhập và duyệt báo cáo của các trường.")),
    PageSpec("indicators", QT_TRANSLATE_NOOP("pages", "Chỉ tiêu"), "ui.pages.reporting.indicators", "IndicatorsPage",
             QT_TRANSLATE_NOOP("pages", "Chỉ tiêu của kế hoạch, giá trị theo cấp học, theo xã và toàn huyện.")),
    PageSpec("units", QT_TRANSLATE_NOOP("pages", "Đơn vị"), "ui.pages.accounts.units", "UnitsPage",
             QT_TRANSLATE_NOOP("pages", "Phòng ban, xã, thị trấn và trường học.")),
    PageSpec("sync", QT_TRANSLATE_NOOP("pages", "Đồng bộ"), "ui.pages.sync", "SyncPage",
             QT_TRANSLATE_NOOP("pages", "Trao đổi gói dữ liệu đã ký qua USB hoặc thư điện tử.")),
    PageSpec("printing", QT_TRANSLATE_NOOP("pages", "In ấn & xuất"), "ui.pages.printing", "PrintingPage",
             QT_TRANSLATE_NOOP("pages", "In báo cáo theo thể thức văn bản hành chính, xuất Word và Excel.")),
    PageSpec("admin", QT_TRANSLATE_NOOP("pages", "Quản trị"), "ui.pages.accounts.admin", "AdminPage",
             QT_TRANSLATE_NOOP("pages", "Tài khoản, nhật ký thao tác, thiết lập, sao lưu và kiểm tra dữ liệu.")),
    PageSpec("register", QT_TRANSLATE_NOOP("pages", "Văn bản đến, đi"), "ui.pages.register", "RegisterPage",
             QT_TRANSLATE_NOOP("pages", "Sổ văn bản đến, đi; phiếu giải quyết; lấy số khi phát hành.")),
]  # fmt: skip
