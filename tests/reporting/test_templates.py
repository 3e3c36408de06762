"""Built-in templates, JSON export/import, versions, and refusals that change nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from models import ReportTemplate, TemplateSection
from models.errors import PermissionDenied, ValidationError
from services.accounts.permissions import SYSTEM
from services.reporting.templates import (
    builtin_paths,
    export_template,
    flat,
    import_template,
    install_builtins,
    list_templates,
    outline,
    read_template_file,
)
from tests.reporting.conftest import LEADER, Town


def _count(town: Town, model) -> int:
    with town.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_builtins_are_the_three_outlines(town: Town) -> None:
    assert len(builtin_paths()) == 3
    codes = {t["code"]: t for t in list_templates(town.db)}
    assert set(codes) == {"DE_CUONG_KQ_GDDT", "SO_KET_HK1", "TONG_KET_NAM_HOC"}
    with town.db.session() as s:
        sections = flat(outline(s, codes["DE_CUONG_KQ_GDDT"]["id"]))
    titles = [x.title for x in sections]
    # The outline at the end of sample 001, in its order.
    assert titles[:4] == ["I Kết quả thực hiện công tác giáo dục và đào tạo năm học",
                          "1 Đánh giá chung về tình hình tại địa phương", "1.1 Thuận lợi", "1.2 Khó khăn"]  # fmt: skip
    assert "4.1 Việc tổ chức lựa chọn sách giáo khoa" in titles
    assert titles[-3:] == ["III Kiến nghị, đề xuất", "1 Đối với Bộ GDĐT", "2 Đối với UBND tỉnh"]
    assert sections[2].depth == 2


def test_installing_twice_adds_no_version(town: Town) -> None:
    before = _count(town, ReportTemplate)
    install_builtins(town.db, SYSTEM)
    assert _count(town, ReportTemplate) == before == 3


def test_export_import_round_trip_and_versions(town: Town, tmp_path) -> None:
    path = export_template(town.db, town.templates["SO_KET_HK1"], tmp_path / "so_ket.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["code"] == "SO_KET_HK1" and data["version"] == 1
    assert any(e["code"] == "TH_L1_DAT" for e in data["elements"])
    assert any(i["code"] == "CT_L1_DOC_VIET" for i in data["indicators"])
    assert import_template(town.db, SYSTEM, path)["version"] == 1  # same content: nothing new
    data["sections"][-1]["prompt"] = "Kiến nghị với Phòng GD&ĐT và UBND huyện."
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    made = import_template(town.db, SYSTEM, path)
    assert made["version"] == 2
    with town.db.session() as s:
        last = flat(outline(s, made["id"]))[-1]
        first = flat(outline(s, town.templates["SO_KET_HK1"]))[-1]
    assert last.prompt.startswith("Kiến nghị với Phòng") and first.prompt != last.prompt
    # The exported file of the new version reads back the same.
    again = export_template(town.db, made["id"], tmp_path / "v2.json")
    assert read_template_file(again)["sections"] == data["sections"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="other"), "không phải đề cương"),
        (lambda d: d.update(sections=[]), "không có mục"),
        (lambda d: d["sections"][0].update(table={"rows": ["KHONG_CO"]}), "KHONG_CO"),
        (lambda d: d["sections"][1].update(heading=""), "tiêu đề"),
        (lambda d: d.update(period_type="tuần"), "Loại kỳ"),
        (lambda d: d["elements"][0].update(type="số"), "Số liệu không hợp lệ"),
    ],
)
def test_bad_template_refused_whole(town: Town, tmp_path, change, words) -> None:
    data = json.loads(builtin_paths()[1].read_text(encoding="utf-8"))
    data["code"] = "MOI"
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sections = _count(town, TemplateSection)
    with pytest.raises(ValidationError) as err:
        import_template(town.db, SYSTEM, path)
    assert words in err.value.message and "bad.json" in err.value.place
    assert _count(town, TemplateSection) == sections


def test_not_json_and_no_right(town: Town, tmp_path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{không phải json", encoding="utf-8")
    with pytest.raises(ValidationError, match="Không đọc được"):
        import_template(town.db, SYSTEM, path)
    with pytest.raises(PermissionDenied):
        import_template(town.db, LEADER, builtin_paths()[0])
