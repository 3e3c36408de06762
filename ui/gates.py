"""Each office sees its own job, each account its own rights.

A control belongs to the district's job (review a school's report, manage units, templates
and rounds, assign tasks, issue setup bundles) or to everyone. On a school's database the
district's controls are hidden, whatever the account's role: a school does not approve its
own report. A control the account's role may not use stays visible but disabled, and its
tooltip says why.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from models.enums import UnitKind
from models.labels import ROLE_LABELS
from services.accounts.office import OfficeInfo
from services.accounts.permissions import ACTION_LABELS, Action
from ui.context import AppContext
from ui.i18n import tr_label

# What the office above does for a school, so a school's database never shows it.
DISTRICT_JOB = frozenset({Action.REVIEW_REPORTS, Action.MANAGE_REPORTING, Action.MANAGE_UNITS, Action.ASSIGN_TASKS})


def is_school(office: OfficeInfo) -> bool:
    return UnitKind(office.kind) == UnitKind.SCHOOL


def office_does(ctx: AppContext, action: Action | None, *, district_only: bool = False) -> bool:
    """Whether this office's job includes the control at all."""
    if not is_school(ctx.office):
        return True
    return not district_only and action not in DISTRICT_JOB


def why_not(ctx: AppContext, action: Action) -> str:
    role = tr_label(ROLE_LABELS.get(ctx.actor.role, str(ctx.actor.role)))
    return QCoreApplication.translate("gates", "Tài khoản {role} không được {what}.").format(
        role=role, what=tr_label(ACTION_LABELS[action])
    )


def gate(widget: QWidget, ctx: AppContext, action: Action | None, *, district_only: bool = False) -> bool:
    """Hide the control if it is not this office's job; disable it, saying why, if not this role's.

    Returns whether it can be used.
    """
    if not office_does(ctx, action, district_only=district_only):
        widget.hide()
        widget.setEnabled(False)
        return False
    allowed = action is None or ctx.can(action)
    widget.setEnabled(allowed)
    if not allowed:
        widget.setToolTip(why_not(ctx, action))
    return allowed
