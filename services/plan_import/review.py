"""The person's review of an imported plan: pure edits of the importer's dataclasses.

Drop, merge, split and add tasks, add a target, list the units the text names. Nothing is
written until ``services.plan_import.reviewed`` saves the reviewed plan.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.enums import Comparator
from models.errors import ValidationError
from services.plan_import.model import Node, ParsedPlan, ParsedTask, Responsibility, Target
from services.plan_import.tasks import split_title
from services.plan_import.units import unit_key


def drop_task(plan: ParsedPlan, index: int) -> ParsedTask:
    return plan.tasks.pop(index)


def merge_tasks(plan: ParsedPlan, indices: Sequence[int]) -> ParsedTask:
    """One task from several: the first's title and section, every text, unit and the earliest deadline."""
    picked = sorted(set(indices))
    if len(picked) < 2:
        raise ValidationError("Hãy chọn ít nhất hai nhiệm vụ để gộp.", "Choose at least two tasks to merge.")
    tasks = [plan.tasks[i] for i in picked]
    first = tasks[0]
    parts = [first.description] + [f"{t.title}\n{t.description}".strip() for t in tasks[1:]]
    units: dict[str, Responsibility] = {}
    for task in tasks:
        for item in task.responsibilities:
            key = unit_key(item.unit)
            if key not in units:
                units[key] = Responsibility(item.unit, item.role)
            elif item.role == "lead":
                units[key].role = "lead"
    deadlines = [t.deadline for t in tasks if t.deadline]
    merged = ParsedTask(
        title=first.title, description="\n".join(p for p in parts if p).strip(), section=first.section,
        line=first.line, deadline=min(deadlines) if deadlines else None, recurrence=first.recurrence,
        responsibilities=list(units.values()), node=first.node,
    )  # fmt: skip
    for i in reversed(picked):
        plan.tasks.pop(i)
    plan.tasks.insert(picked[0], merged)
    return merged


def split_task(plan: ParsedPlan, index: int, at_line: int) -> tuple[ParsedTask, ParsedTask]:
    """Split a task's description at one of its lines: that line starts the second task."""
    task = plan.tasks[index]
    lines = task.description.split("\n")
    if not 0 <= at_line < len(lines) or not lines[at_line].strip():
        raise ValidationError(
            "Chọn một dòng của phần mô tả để tách.", "Choose a description line to split at."
        )
    title, rest = split_title(lines[at_line].lstrip("-+*• "))
    second = ParsedTask(
        title=title, description="\n".join([rest, *lines[at_line + 1 :]]).strip(), section=task.section,
        line=task.line, deadline=task.deadline, recurrence=task.recurrence,
        responsibilities=[Responsibility(r.unit, r.role) for r in task.responsibilities], node=task.node,
    )  # fmt: skip
    task.description = "\n".join(lines[:at_line]).strip()
    plan.tasks.insert(index + 1, second)
    return task, second


def add_task(plan: ParsedPlan, title: str, *, after: int | None = None, node: Node | None = None) -> ParsedTask:
    """A task the importer missed: after task ``after`` (in its section), else at the end of
    section ``node`` (else of the plan, outside the outline)."""
    if after is not None:
        anchor = plan.tasks[after]
        task = ParsedTask(title=title, description="", section=anchor.section, line=anchor.line, node=anchor.node)
        plan.tasks.insert(after + 1, task)
        return task
    line = node.line if node is not None else 0
    task = ParsedTask(title=title, description="", section=node.path if node is not None else "", line=line,
                      node=node)  # fmt: skip
    same = [n for n, t in enumerate(plan.tasks) if node is not None and t.node is node]
    plan.tasks.insert(same[-1] + 1 if same else len(plan.tasks), task)
    return task


def add_target(plan: ParsedPlan) -> Target:
    """An empty target at the end, for the reviewer to fill in (text, value, unit …)."""
    target = Target(text="", value=0.0, unit="%", comparator=Comparator.GE.value, year=None, level="",
                    hint="", section="", line=0)  # fmt: skip
    plan.targets.append(target)
    return target


def named_units(plan: ParsedPlan) -> list[str]:
    """Every unit name the reviewed tasks still carry, one per ``unit_key``, in order of mention."""
    seen: dict[str, str] = {}
    for task in plan.tasks:
        for item in task.responsibilities:
            key = unit_key(item.unit)
            if key not in seen or len(item.unit) > len(seen[key]):
                seen[key] = item.unit  # the fullest spelling
    return list(seen.values())


