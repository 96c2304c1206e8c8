"""Tests of ``govkg.vn.gazetteer`` against the real GSO data in ``vietnam-provinces``.

The five seed charters name phường Hải Dương, tỉnh Bắc Ninh, phường Phúc La (quận Hà Đông,
Hà Nội, 2024), phường Hải An (thành phố Hải Phòng) and xã Khánh Khê (tỉnh Lạng Sơn); each
must resolve to the right code in the right code system, with the right parent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from govkg.errors import Ambiguous, NotFound
from govkg.ontology.vocab import Level
from govkg.vn import gazetteer as gz
from govkg.vn.gazetteer import (
    AdminUnit,
    candidates,
    exists_in_2025,
    find_localities,
    iter_units,
    parent,
    predecessors,
    province_of,
    require,
    resolve,
    successors,
)

CHARTERS = Path(__file__).resolve().parents[1] / "data" / "charters"


def _seed(prefix: str) -> str:
    (path,) = CHARTERS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the seeds


def test_phuong_hai_duong_is_a_2025_ward_of_hai_phong():
    u = resolve("phường Hải Dương", year=2026)
    assert (u.name, u.code, u.code_system, u.level, u.kind) == (
        "phường Hải Dương",
        "10525",
        "2025",
        Level.commune,
        "phường",
    )
    p = parent(u)
    assert (p.name, p.code, p.code_system, p.level) == ("thành phố Hải Phòng", "31", "2025", Level.province)
    # Formed from four wards of the former thành phố Hải Dương (district) of tỉnh Hải Dương.
    preds = predecessors(u)
    assert {w.district_name for w in preds} == {"thành phố Hải Dương"}
    assert {w.province_name for w in preds} == {"tỉnh Hải Dương"}
    assert sorted(w.bare_name for w in preds) == ["Ngọc Châu", "Nhị Châu", "Quang Trung", "Trần Hưng Đạo"]
    # and tỉnh Hải Dương itself went into Hải Phòng
    old = province_of("tỉnh Hải Dương", year=2024)
    assert (old.code, old.code_system) == ("30", "legacy")
    assert [s.key for s in successors(old)] == ["2025/province/31"]
    assert not exists_in_2025(old)


def test_tinh_bac_ninh_2026():
    u = resolve("tỉnh Bắc Ninh", year=2026)
    assert (u.code, u.code_system, u.level) == ("24", "2025", Level.province)
    assert parent(u) is None
    # The package's 2025 data calls it a centrally-run city although the June 2026 seed says
    # "tỉnh": the type word is not part of the identity of a province.
    assert u.name == "thành phố Bắc Ninh"
    assert [p.name for p in predecessors(u)] == ["tỉnh Bắc Giang", "tỉnh Bắc Ninh"]
    assert exists_in_2025(province_of("Bắc Ninh", year=2024))


def test_phuong_phuc_la_is_legacy_and_has_a_successor():
    u = resolve("phường Phúc La", province="Hà Nội", year=2024)
    assert (u.code, u.code_system, u.district_code, u.district_name) == (
        "09553",
        "legacy",
        "268",
        "quận Hà Đông",
    )
    d = parent(u)
    assert (d.name, d.code, d.level, d.code_system) == ("quận Hà Đông", "268", Level.district, "legacy")
    assert (parent(d).name, parent(d).code) == ("thành phố Hà Nội", "01")
    assert not exists_in_2025(u)
    (s,) = successors(u)
    assert (s.name, s.code, s.code_system, s.province_code) == ("phường Hà Đông", "09556", "2025", "01")
    assert u in predecessors(s)
    # Old and new GSO codes reuse numbers: legacy 09556 is another ward altogether.
    assert gz._index("legacy").units[(Level.commune, "09556")].name == "phường Hà Cầu"
    # Phúc La is gone in 2025: a 2026 text naming it still finds the legacy ward.
    assert resolve("phường Phúc La", year=2026).key == "legacy/commune/09553"
    # The quận is gone too; its communes all went to 2025 wards of Hà Nội.
    ha_dong = resolve("quận Hà Đông")
    assert ha_dong.code_system == "legacy" and not exists_in_2025(ha_dong)
    assert s in successors(ha_dong) and {w.province_code for w in successors(ha_dong)} == {"01"}


def test_phuong_hai_an_hai_phong_2026():
    u = resolve("phường Hải An", province="thành phố Hải Phòng", year=2026)
    assert (u.code, u.code_system, u.province_code) == ("11413", "2025", "31")
    assert parent(u).name == "thành phố Hải Phòng"
    # type word stripped, level given
    assert resolve("Hải An", level=Level.commune, province="Hải Phòng") == u
    # the legacy Hải An of Hải Phòng is a district (quận), and a legacy phường Hải An is in Thanh Hóa
    assert resolve("Hải An", province="Hải Phòng", year=2024).name == "quận Hải An"
    assert resolve("phường Hải An", year=2024).province_name == "tỉnh Thanh Hóa"
    assert resolve("phường Hải An", province="Hải Phòng", year=2024) is None


def test_xa_khanh_khe_same_code_in_both_systems():
    new = resolve("xã Khánh Khê", province="tỉnh Lạng Sơn", year=2025)
    old = resolve("xã Khánh Khê", province="tỉnh Lạng Sơn", year=2024)
    assert (new.code, new.code_system, parent(new).name) == ("06286", "2025", "tỉnh Lạng Sơn")
    assert (old.code, old.code_system, parent(old).name) == ("06286", "legacy", "huyện Văn Quan")
    assert new != old and new.key != old.key  # same number, different units
    assert exists_in_2025(old) and successors(old) == [new]
    assert sorted(p.bare_name for p in predecessors(new)) == ["Bình Trung", "Khánh Khê", "Xuân Long"]


def test_address_string_fills_district_and_province():
    u = resolve("phường Phúc La, quận Hà Đông, Hà Nội")
    assert u.key == "legacy/commune/09553"
    assert resolve("phường Hải An, thành phố Hải Phòng").key == "2025/commune/11413"
    assert resolve("Phúc La", district="Hà Đông").key == u.key


# --------------------------------------------------------------------------- ambiguity


def test_repeated_ward_name_without_province_is_none():
    assert resolve("xã Tân Hòa", year=2026) is None
    cs = candidates("xã Tân Hòa", year=2026)
    assert len([c for c in cs if c.code_system == "2025"]) >= 2
    assert len({c.province_code for c in cs if c.code_system == "2025"}) >= 2
    assert all(c.kind == "xã" for c in cs)
    # with the province it resolves, to one of the candidates
    u = resolve("xã Tân Hòa", province="Đồng Tháp", year=2026)
    assert u in cs and u.province_name == "tỉnh Đồng Tháp"
    with pytest.raises(Ambiguous) as err:
        require("xã Tân Hòa", year=2026)
    assert len(err.value.candidates) == len(cs) and err.value.candidates[0]["level"] == "commune"


def test_repeated_names_are_counted_from_the_data():
    from collections import Counter

    per_name = Counter(u.name for u in iter_units("commune"))
    repeated = {n for n, k in per_name.items() if k > 1}
    assert len(repeated) == 243  # ward names (with type word) shared by 2025 provinces
    assert all(len({c.province_code for c in candidates(n, year=2026)}) > 1 for n in sorted(repeated)[:20])


def test_type_word_disambiguates_within_a_district():
    # xã Đạ M'ri and thị trấn Đạ M'ri were both in huyện Đạ Huoai
    assert resolve("Đạ M'ri", year=2024) is None
    assert resolve("thị trấn Đạ M'ri", year=2024).kind == "thị trấn"
    assert resolve("xã Đạ M’ri", year=2024).kind == "xã"


def test_not_found():
    assert resolve("phường Không Có Thật") is None
    assert resolve("Thành phố") is None and resolve("") is None and resolve("TP.") is None
    assert resolve("Hà Nội", level=Level.national) is None
    with pytest.raises(NotFound):
        require("phường Không Có Thật")


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "written",
    ["tỉnh Bắc Ninh", "Bắc Ninh", "BẮC NINH", "bac ninh", "Thành phố Bắc Ninh", "TP. Bắc Ninh", "Bắc  Ninh"],
)
def test_province_of_bac_ninh(written):
    assert province_of(written).key == "2025/province/24"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("thành phố Hải Phòng", "31"),
        ("Hải Phòng", "31"),
        ("Hà Nội", "01"),
        ("TP Hà Nội", "01"),
        ("TP. Hồ Chí Minh", "79"),
        ("TP.HCM", "79"),
        ("TP HCM", "79"),
        ("TPHCM", "79"),
        ("Thành phố Hồ Chí Minh", "79"),
        ("tỉnh Lạng Sơn", "20"),
        ("Thanh Hoá", "38"),
        ("Khánh Hoà", "56"),
    ],
)
def test_province_of_variants(written, code):
    u = province_of(written)
    assert (u.code, u.code_system, u.level) == (code, "2025", Level.province)


def test_province_of_is_not_a_ward():
    assert province_of("phường Hải An") is None
    assert province_of("Hải Dương").code_system == "legacy"  # gone in 2025
    assert province_of("Thừa Thiên Huế", year=2024).name == "thành phố Huế"
    assert province_of("Bà Rịa-Vũng Tàu", year=2024).name == "tỉnh Bà Rịa - Vũng Tàu"


def test_tone_placement_and_case_are_ignored():
    old_style = resolve("phường Bình Hưng Hoà A", year=2024)
    assert old_style is not None
    assert resolve("PHƯỜNG BÌNH HƯNG HÒA A", year=2024) == old_style
    assert resolve("xã Thuỵ An", year=2024) == resolve("xã Thụy An", year=2024) is not None
    assert resolve("Hòa Bình", level="province", year=2024).name == "tỉnh Hoà Bình"


def test_typo_only_within_a_province():
    assert resolve("xã Khánh Kê", province="Lạng Sơn").key == "2025/commune/06286"
    assert resolve("xã Khánh Kê") is None  # nationwide a near-miss is a guess
    assert province_of("Lạng Sơm").code == "20"
    assert resolve("Phường 141", province="HCM", year=2024) is None  # numbers never fuzzy


def test_year_and_date_choose_the_system():
    assert resolve("xã Khánh Khê", year=date(2025, 6, 30)).code_system == "legacy"
    assert resolve("xã Khánh Khê", year=date(2025, 7, 1)).code_system == "2025"
    assert resolve("xã Khánh Khê").code_system == "2025"
    assert resolve("phường Hải Dương", year=2024) is None  # no such ward before the reform
    assert candidates("phường Hải Dương", year=2024) == []  # (a xã Hải Dương was in Quảng Trị)
    # a changed type word is accepted within the named province, and for provinces
    assert resolve("xã Hải An", province="Hải Phòng").key == "2025/commune/11413"
    with pytest.raises(TypeError):
        resolve("Hà Nội", year="2024")


def test_province_is_mapped_across_systems():
    # a 2026 text may still say "tỉnh Hải Dương": its 2025 successor is Hải Phòng
    assert resolve("phường Hải Dương", province="tỉnh Hải Dương", year=2026).code == "10525"
    assert resolve("Phường 14", province="HCM", district="Quận 10", year=2024).code == "27169"
    assert resolve("Phường 14", province="HCM", year=2024) is None  # one in many districts


# --------------------------------------------------------------------------- successors


def test_legacy_province_successors_from_the_ward_table():
    # The package's province table also lists Tây Ninh for Tiền Giang, because one Long An
    # ward (phường 4, thành phố Tân An) carries Tiền Giang's code in the ward table.
    tien_giang = province_of("Tiền Giang", year=2024)
    assert [s.name for s in successors(tien_giang)] == ["tỉnh Đồng Tháp"]
    assert {s.code for s in successors(province_of("Long An", year=2024))} == {"80"}
    every = [s for p in iter_units("province", "legacy") for s in successors(p)]
    assert {s.code for s in every} == {u.code for u in iter_units("province")}
    assert all(len(successors(p)) == 1 for p in iter_units("province", "legacy"))


def test_every_2025_commune_has_a_predecessor():
    # the five đặc khu without communes before were island districts (huyện)
    no_ward_preds = [u for u in iter_units("commune") if not gz._bridge().ward_prev.get(u.code)]
    assert len(no_ward_preds) == 5 and {u.kind for u in no_ward_preds} == {"đặc khu"}
    for u in no_ward_preds:
        (d,) = predecessors(u)
        assert (d.kind, d.bare_name, d.level) == ("huyện", u.bare_name, Level.district)
        assert successors(d) == [u]


def test_legacy_communes_missing_from_the_conversion_table():
    # Data fact (package 2026.9.0): 28 legacy communes of the 2025-01-04 snapshot are not in
    # the conversion table (merged earlier under other codes), so they have no successor.
    orphans = [u for u in iter_units("commune", "legacy") if not successors(u)]
    assert len(orphans) == 28
    assert all(not exists_in_2025(u) for u in orphans)
    assert sum(1 for _ in iter_units("commune", "legacy")) - len(orphans) == 10023


def test_2025_units_have_no_successors_and_legacy_no_predecessors():
    u = resolve("phường Hải Dương")
    assert successors(u) == [] and exists_in_2025(u)
    assert predecessors(resolve("phường Phúc La", year=2024)) == []


# --------------------------------------------------------------------------- counts


def test_counts_2025():
    provinces = list(iter_units("province"))
    communes = list(iter_units(Level.commune))
    assert len(provinces) == 34 and len(communes) == 3321
    assert list(iter_units("district")) == [] and list(iter_units("national")) == []
    from collections import Counter

    assert Counter(u.kind for u in communes) == {"xã": 2621, "phường": 687, "đặc khu": 13}
    # The package lists 9 centrally-run cities (Bắc Ninh, Quảng Ninh and Đồng Nai among them).
    assert Counter(u.kind for u in provinces) == {"tỉnh": 25, "thành phố": 9}
    by_code = {p.code: p for p in provinces}
    assert all(by_code[c.province_code].name == c.province_name for c in communes)
    assert len({c.code for c in communes}) == 3321


def test_counts_legacy():
    assert sum(1 for _ in iter_units("province", "legacy")) == 63
    assert sum(1 for _ in iter_units("district", "legacy")) == 696
    communes = list(iter_units("commune", "legacy"))
    assert len(communes) == 10051
    assert all(c.district_code and parent(c).code == c.district_code for c in communes[::97])


def test_iter_units_names_carry_their_type_word():
    for system in gz.SYSTEMS:
        for level in (Level.province, Level.district, Level.commune):
            for u in iter_units(level, system):
                assert isinstance(u, AdminUnit) and u.name == f"{u.kind} {u.bare_name}"
                assert level in gz.KINDS[u.kind] and len(u.code) == gz._CODE_WIDTH[level]
    with pytest.raises(ValueError):
        list(iter_units("commune", "1990"))


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Căn cứ Quyết định số 895/QĐ-UBND ngày 01/7/2026 của UBND phường Hải Dương về kiện toàn Ban Chỉ đạo",
            [("phường", "Hải Dương")],
        ),
        (
            "Căn cứ Quyết định số 1455/QĐ-UBND ngày 03 tháng 6 năm 2026 của Chủ tịch UBND tỉnh Bắc Ninh về việc",
            [("tỉnh", "Bắc Ninh")],
        ),
        ("- UBND quận Hà Đông;\n- BCĐ CCHC, Chuyển đổi số và Đề án 06 quận;", [("quận", "Hà Đông")]),
        (
            "Căn cứ Quyết định số 1780/QĐ-UBND ngày 13/5/2026 của Ủy ban nhân dân thành phố Hải Phòng về kiện "
            "toàn Ban chỉ đạo của thành phố về phát triển khoa học",
            [("thành phố", "Hải Phòng")],
        ),
        ("chuyển đổi số và Đề án 06 xã Khánh Khê (sau đây gọi tắt", [("xã", "Khánh Khê")]),
        (
            "về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Lạng Sơn; ",
            [("tỉnh", "Lạng Sơn")],
        ),
        ("UBND PHƯỜNG PHÚC LA\nBAN CHỈ ĐẠO", [("phường", "Phúc La")]),
        ("ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN", [("phường", "Hải An")]),
        ("Phát triển phường thông minh tại phường Hải An", [("phường", "Hải An")]),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", []),
        ("Thành phố và quận; Tỉnh ủy; Trưởng phòng Văn hóa - Xã hội phường.", []),
        (
            "TP. Hồ Chí Minh, TP.HCM và tỉnh Bà Rịa - Vũng Tàu",
            [("thành phố", "Hồ Chí Minh")] * 2 + [("tỉnh", "Bà Rịa - Vũng Tàu")],
        ),
    ],
)
def test_find_localities_in_seed_sentences(sentence, expected):
    found = find_localities(sentence)
    assert [(k, n) for _, _, k, n in found] == expected
    for s, e, kind, _ in found:  # the span is the mention as written
        assert sentence[s:e].lower().startswith(("tp", kind))


def test_find_localities_spans_in_seed_files():
    text = _seed("003")
    found = find_localities(text)
    assert {(k, n) for _, _, k, n in found} == {("phường", "Hải An"), ("thành phố", "Hải Phòng")}
    assert "phường thông minh" in text  # present, and not taken for a locality
    assert all(text[s:e].lower() in ("phường hải an", "thành phố hải phòng") for s, e, _, _ in found)
    seeds = {
        "000": {("phường", "Hải Dương")},
        "001": {("tỉnh", "Bắc Ninh")},
        "002": {("phường", "Phúc La"), ("quận", "Hà Đông")},
        "004": {("xã", "Khánh Khê"), ("tỉnh", "Lạng Sơn")},
    }
    for prefix, want in seeds.items():
        assert {(k, n) for _, _, k, n in find_localities(_seed(prefix))} == want, prefix


def test_find_localities_longest_valid_name():
    text = "quận Hà Đông Nguyễn Văn A; xã Khánh\nKhê; phường Phan Rang-Tháp Chàm; xã Đồng ý kiến"
    got = [(text[s:e], k, n) for s, e, k, n in find_localities(text)]
    assert got == [
        ("quận Hà Đông", "quận", "Hà Đông"),
        ("xã Khánh\nKhê", "xã", "Khánh Khê"),
        ("phường Phan Rang", "phường", "Phan Rang"),  # the city Phan Rang-Tháp Chàm was a district
        ("xã Đồng ý", "xã", "Đồng ý"),  # a real lower-case name word
    ]


# --------------------------------------------------------------------------- speed


def test_resolve_is_fast_after_warm_up():
    queries = [
        ("phường Hải Dương", {"year": 2026}),
        ("tỉnh Bắc Ninh", {}),
        ("phường Phúc La", {"province": "Hà Nội", "year": 2024}),
        ("Hải An", {"level": "commune", "province": "Hải Phòng"}),
        ("xã Tân Hòa", {}),
    ]
    for q, kw in queries:
        resolve(q, **kw)
    n = 2000
    t0 = time.perf_counter()
    for _ in range(n):
        for q, kw in queries:
            resolve(q, **kw)
    per_call = (time.perf_counter() - t0) / (n * len(queries))
    print(f"resolve: {per_call * 1e6:.1f} µs per call")
    assert per_call < 2e-4  # ≪ 1 ms (about 10 µs on a laptop)


def test_first_call_index_build_time():
    # A fresh interpreter, so the indexes (and the package's data modules) are really cold.
    code = (
        "import json, time; t0 = time.perf_counter(); from govkg.vn import gazetteer as g; "
        "t1 = time.perf_counter(); g.resolve('phường Hải Dương'); t2 = time.perf_counter(); "
        "g.resolve('phường Phúc La', year=2024); g.successors(g.resolve('Phúc La', year=2024)); "
        "t3 = time.perf_counter(); g.find_localities('tỉnh Bắc Ninh'); t4 = time.perf_counter(); "
        "print(json.dumps({'import': t1 - t0, 'index_2025': t2 - t1, 'legacy_and_bridge': t3 - t2, "
        "'text_index': t4 - t3}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    timings = json.loads(out)
    print("first call:", {k: f"{v:.3f}s" for k, v in timings.items()})
    assert sum(timings.values()) < 15


def test_the_fast_legacy_bridge_matches_the_packages_public_lookup():
    """The bridge reads the conversion table directly; it must say what Ward.search_from_legacy says."""
    import random

    import vietnam_provinces as vp

    successors_of = gz._legacy_ward_successors()
    legacy_codes = sorted(int(code) for (level, code) in gz._index("legacy").units if level is gz.Level.commune)
    for code in random.Random(3).sample(legacy_codes, 150):
        assert list(successors_of(code)) == [r.ward.code for r in vp.Ward.search_from_legacy(code=code)], code


def test_warm_builds_the_typo_indexes_that_a_forked_worker_then_shares():
    from govkg.vn import gazetteer

    gazetteer.warm()
    assert all(gazetteer._index(system)._typo is not None for system in gazetteer.SYSTEMS)
    # a one-letter typo within a province still resolves as before
    assert gazetteer.resolve("phường Hai Anh", province="Hải Phòng", year=2026) is not None
