"""A reproducible synthetic national corpus of steering-committee charters, for speed and scale only.

:func:`generate_corpus` writes one charter per locality of the real gazetteer (the 34
provinces and 3,321 communes of 2025, and a share of pre-2025 wards and districts dated
2024) in the genre of the seed charters: a decision with its attached regulation (Quy chế),
or a regulation alone; working groups drawn from a pool (Đề án 06, KH&CN & ĐMST, CCHC, đô
thị thông minh, chính quyền số…), different standing agencies, meeting and reporting
cadences and delegation wordings; and the seeds' noise (hard wraps, ``**`` bold markers,
Uỷ/Ủy, blank draft numbers, "Ban chỉ đạo" in lower case). Every ward and commune charter
cites its province's charter in a căn cứ ("Quyết định số N/QĐ-BCĐ … của Ban Chỉ đạo …
tỉnh X"), and every province charter cites the Government's 730/QĐ-TTg, so chains span
the levels. A ``manifest.json`` maps each file to its locality.

.. warning::
   This corpus measures **speed and scale only**. It is written beside the parser, from
   the same seeds, so a high extraction yield on it proves nothing about fidelity to real
   charters; extraction quality is measured against the gold fixtures (``govkg eval``).

The same ``seed`` gives the same bytes: every charter draws from its own random stream,
keyed by the seed and its locality, so a smaller corpus holds the same texts as a larger one
for the localities they share.

Examples
--------
>>> import tempfile
>>> m = generate_corpus(tempfile.mkdtemp(), seed=1, provinces=1, communes=2, legacy=0)
>>> [e.level for e in m.entries]
['province', 'commune', 'commune']
>>> m.entries[1].cites == m.entries[0].number
True
>>> Manifest.load(m.path).entries == m.entries
True
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from govkg.errors import ConfigError, ParseError
from govkg.vn import gazetteer
from govkg.vn.gazetteer import AdminUnit
from govkg.vn.words import DISTRICT_KINDS, depth

__all__ = [
    "GENERATOR_VERSION",
    "MANIFEST_NAME",
    "WORKING_GROUPS",
    "Manifest",
    "ManifestEntry",
    "generate_corpus",
]

#: Bumped whenever the texts change, so that figures name the corpus they were measured on.
GENERATOR_VERSION = "1"
MANIFEST_NAME = "manifest.json"
# pre-2025 units per 2025 commune: 45 legacy charters beside 3,355 current ones make 3,400
_LEGACY_SHARE = 45 / 3321

# --------------------------------------------------------------------------- pools
#: Working-group names (the extractor adds the locality) and the field each one serves.
WORKING_GROUPS: tuple[tuple[str, str], ...] = (
    ("Tổ Công tác về triển khai Đề án 06; cải cách hành chính, chuyển đổi số gắn với Đề án 06", "triển khai các nhiệm vụ của Đề án 06"),
    ("Tổ Công tác về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số", "phát triển khoa học, công nghệ, đổi mới sáng tạo"),
    ("Tổ Công tác KH&CN và ĐMST", "phát triển khoa học, công nghệ và đổi mới sáng tạo"),
    ("Tổ Công tác về cải cách hành chính", "cải cách hành chính"),
    ("Tổ Công tác CCHC và chuyển đổi số", "cải cách hành chính gắn với chuyển đổi số"),
    ("Tổ Công tác về phát triển đô thị thông minh", "xây dựng và phát triển đô thị thông minh"),
    ("Tổ Công tác về xây dựng chính quyền số", "xây dựng chính quyền số"),
    ("Tổ Công tác về kinh tế số và xã hội số", "phát triển kinh tế số, xã hội số"),
    ("Tổ Công tác về dữ liệu số và an toàn thông tin", "phát triển dữ liệu số, bảo đảm an toàn thông tin"),
)
_TOPICS_2025 = (
    "về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06",
    "về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, cải cách hành chính và Đề án 06",
    "về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06",
)
_TOPICS_2024 = (
    "cải cách hành chính, chuyển đổi số và Đề án 06",
    "chuyển đổi số và Đề án 06",
    "cải cách hành chính và chuyển đổi số",
)
_SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Phan".split()
_MIDDLE = "Văn Thị Minh Hoàng Thanh Quốc Đức Ngọc Hữu Thu Xuân Anh Công".split()
_GIVEN = "An Bình Cường Dũng Giang Hà Hải Hùng Lan Long Mai Nam Phong Quang Sơn Tâm Thảo Trung Tuấn Vân Yến Hiếu Khánh".split()
_MEETINGS = (
    "Ban Chỉ đạo họp định kỳ 6 tháng một lần; họp đột xuất khi cần thiết theo quyết định của Trưởng Ban Chỉ đạo.",
    "Ban Chỉ đạo họp định kỳ 03 tháng/01 lần, họp đột xuất khi cần thiết, sơ kết 6 tháng, họp tổng kết cuối năm.",
    "Ban Chỉ đạo họp định kỳ 01 quý/01 lần để đánh giá tình hình, kết quả thực hiện nhiệm vụ theo kế hoạch của Ban Chỉ đạo; xác định chương trình, kế hoạch công tác cho thời gian tiếp theo.",
    "Ban Chỉ đạo làm việc thông qua các phiên họp định kỳ 6 tháng, hằng năm hoặc đột xuất theo quyết định của Trưởng Ban Chỉ đạo với thành viên Ban Chỉ đạo, các Tổ Công tác và các cơ quan, đơn vị liên quan.",
    "Ban Chỉ đạo họp định kỳ mỗi quý một lần và họp đột xuất khi có yêu cầu của Trưởng Ban Chỉ đạo.",
    "Ban Chỉ đạo họp định kỳ 06 tháng một lần hoặc đột xuất do Trưởng Ban Chỉ đạo triệu tập họp bất thường.",
)
_MEMBER_REPORTS = (
    "Định kỳ 6 tháng hoặc khi có yêu cầu của các cơ quan thẩm quyền cấp trên liên quan, các thành viên Ban Chỉ đạo báo cáo bằng văn bản với Ban Chỉ đạo và Trưởng Ban Chỉ đạo (qua Cơ quan thường trực để tổng hợp) về kết quả thực hiện nhiệm vụ được phân công. Báo cáo đột xuất theo yêu cầu của Trưởng Ban Chỉ đạo.",
    "Các thành viên Ban Chỉ đạo báo cáo Trưởng Ban Chỉ đạo kết quả thực hiện nhiệm vụ định kỳ 03 tháng/01 lần, thông qua Cơ quan thường trực của Ban Chỉ đạo.",
    "Định kỳ 01 quý/01 lần, các thành viên Ban Chỉ đạo báo cáo Ban Chỉ đạo kết quả thực hiện nhiệm vụ thuộc lĩnh vực phụ trách.",
    "Định kỳ ngày 20 hằng tháng, các thành viên Ban Chỉ đạo báo cáo Cơ quan thường trực kết quả thực hiện nhiệm vụ được giao để tổng hợp, báo cáo Trưởng Ban Chỉ đạo.",
)
_GROUP_REPORTS = (
    "Định kỳ ngày 20 hằng tháng, các Tổ Công tác báo cáo Cơ quan thường trực của Ban Chỉ đạo kết quả thực hiện nhiệm vụ được giao.",
    "Các Tổ Công tác gửi báo cáo định kỳ 03 tháng/01 lần về Cơ quan thường trực của Ban Chỉ đạo để tổng hợp.",
    "Hằng tháng, các Tổ Công tác báo cáo Phó Trưởng Ban Thường trực Ban Chỉ đạo kết quả thực hiện nhiệm vụ.",
    "Các Tổ Công tác định kỳ 01 quý/01 lần báo cáo Trưởng Ban Chỉ đạo kết quả thực hiện nhiệm vụ theo lĩnh vực được giao.",
)
_AGENCY_REPORTS = (
    "Định kỳ ngày 20 của tháng 3, tháng 6, tháng 9, tháng 12, Cơ quan thường trực tổng hợp, báo cáo Trưởng Ban Chỉ đạo tình hình thực hiện nhiệm vụ của Ban Chỉ đạo.",
    "Định kỳ 6 tháng, hằng năm, Cơ quan thường trực của Ban Chỉ đạo tổng hợp, báo cáo Ban Chỉ đạo kết quả thực hiện nhiệm vụ.",
    "Cơ quan thường trực báo cáo Trưởng Ban Chỉ đạo định kỳ 01 quý/01 lần và đột xuất theo yêu cầu.",
)
_GENERIC_PRINCIPLES = (
    "Ban Chỉ đạo làm việc theo nguyên tắc tập trung dân chủ, công khai, tập thể thảo luận, Trưởng Ban Chỉ đạo kết luận để triển khai thực hiện.",
    "Ban Chỉ đạo và thành viên Ban Chỉ đạo, các Tổ Công tác và thành viên Tổ Công tác phát huy cao nhất vai trò, trách nhiệm nhưng không làm thay chức năng, nhiệm vụ của các cơ quan, đơn vị và người đứng đầu các cơ quan, đơn vị trong hệ thống hành chính nhà nước.",
    "Đề cao trách nhiệm cá nhân của các thành viên Ban Chỉ đạo trong hoạt động của Ban Chỉ đạo và trong thực hiện chức trách, nhiệm vụ được phân công; giải quyết công việc theo đúng thẩm quyền và trách nhiệm được phân công, đúng trình tự, thủ tục theo quy định của pháp luật và tại Quy chế này.",
    "Các thành viên Ban Chỉ đạo chủ động giải quyết công việc, tăng cường phối hợp công tác, trao đổi thông tin trong giải quyết công việc theo chức năng, nhiệm vụ, quyền hạn được giao.",
    "Bảo đảm yêu cầu phối hợp công tác, trao đổi thông tin trong giải quyết các nhiệm vụ được giao. Trường hợp có nhiều ý kiến khác nhau thì kịp thời báo cáo, xin ý kiến Trưởng Ban Chỉ đạo xem xét, quyết định.",
)
_FORMS = (
    "Ban Chỉ đạo làm việc thông qua các hình thức: Tổ chức phiên họp định kỳ, họp đột xuất; họp trực tiếp hoặc trực tuyến; tổ chức hội nghị, hội thảo; lấy ý kiến bằng văn bản; tổ chức các đoàn kiểm tra, giám sát và các hình thức phù hợp khác theo quyết định của Trưởng Ban Chỉ đạo.",
    "Ban Chỉ đạo làm việc theo các hình thức: Tổ chức phiên họp định kỳ; họp đột xuất; tổ chức hội nghị, hội thảo; cho ý kiến bằng văn bản; tổ chức đoàn kiểm tra, giám sát.",
)
_MEMBER_DUTIES = (
    "Chấp hành và chịu trách nhiệm trước Trưởng Ban Chỉ đạo về việc thực hiện nhiệm vụ, quyền hạn theo sự phân công của Trưởng Ban Chỉ đạo. Tham gia đầy đủ các cuộc họp của Ban Chỉ đạo và các hoạt động chung của Ban Chỉ đạo.",
    "Tham mưu giúp Trưởng Ban Chỉ đạo về các nhiệm vụ liên quan đến {topic} thuộc lĩnh vực phụ trách. Kịp thời báo cáo Trưởng Ban Chỉ đạo về những vấn đề phát sinh trong quá trình triển khai nhiệm vụ được giao và đề xuất sáng kiến, giải pháp tháo gỡ vướng mắc, khó khăn.",
    "Tham gia xây dựng chương trình, kế hoạch công tác của Ban Chỉ đạo; phối hợp tham gia chuẩn bị nội dung, tài liệu phục vụ các phiên họp của Ban Chỉ đạo theo chức trách, nhiệm vụ được giao.",
    "Trực tiếp chỉ đạo, lồng ghép các nội dung về {topic} trong các chương trình, hoạt động của ngành, lĩnh vực do cơ quan mình quản lý, chủ trì thực hiện và chịu trách nhiệm trước Trưởng Ban Chỉ đạo trong việc tổ chức thực hiện.",
    "Chịu trách nhiệm triển khai thực hiện các ý kiến kết luận của Trưởng Ban Chỉ đạo liên quan đến ngành, lĩnh vực cơ quan mình phụ trách. Tham gia hội nghị, các đoàn kiểm tra, giám sát theo phân công của Trưởng Ban Chỉ đạo.",
    "Đề xuất biểu dương, khen thưởng những tập thể, cá nhân thuộc lĩnh vực mình, đơn vị phụ trách thực hiện tốt các nhiệm vụ về {topic}; huy động, phân công cán bộ, công chức, viên chức và phương tiện của đơn vị mình để phục vụ công việc của Ban Chỉ đạo khi có yêu cầu.",
    "Thực hiện các nhiệm vụ khác do Trưởng Ban Chỉ đạo phân công.",
)
_COMMITTEE_DUTIES = (
    "Yêu cầu các phòng, ban, đơn vị thuộc {ubnd}, cơ quan, tổ chức, đơn vị, người có thẩm quyền báo cáo về công tác chỉ đạo và tổ chức thực hiện các mục tiêu, nhiệm vụ, giải pháp {topic}.",
    "Yêu cầu các phòng, ban, đơn vị thuộc {ubnd}, cơ quan, tổ chức, đơn vị, người có thẩm quyền đôn đốc, kiểm tra việc thực hiện các chiến lược, chương trình, cơ chế, chính sách, đề án, dự án, giải pháp về {topic}.",
    "Kiến nghị với {ubnd}, Chủ tịch {ubnd} xem xét, quyết định hoặc yêu cầu các cơ quan có thẩm quyền xử lý công chức, viên chức, người lao động có hành vi cản trở, gây khó khăn hoặc không thực hiện các mục tiêu, nhiệm vụ, giải pháp {topic}.",
    "Nghiên cứu, tư vấn, đề xuất với {ubnd}, Chủ tịch {ubnd} phương hướng, giải pháp để giải quyết những vấn đề quan trọng, liên ngành trong thực hiện các chủ trương, chiến lược, cơ chế, chính sách {topic}.",
)
_RELATIONS = (
    "Quan hệ công tác giữa các thành viên với Trưởng Ban Chỉ đạo: Các thành viên Ban Chỉ đạo tham gia các hoạt động chung của Ban Chỉ đạo và thực hiện nhiệm vụ do Trưởng Ban Chỉ đạo phân công.",
    "Quan hệ công tác giữa các thành viên Ban Chỉ đạo: Các thành viên Ban Chỉ đạo có trách nhiệm phối hợp trong việc theo dõi, chỉ đạo triển khai thực hiện các chương trình, kế hoạch, nhiệm vụ {topic} theo chức năng, nhiệm vụ được phân công.",
    "Cơ quan thường trực có trách nhiệm điều phối, đôn đốc, tiếp nhận báo cáo; phối hợp các Tổ Công tác tham mưu, phục vụ hoạt động và các phiên họp của Ban Chỉ đạo.",
)
_FUNDING = (
    "Kinh phí hoạt động của Ban Chỉ đạo và các Tổ Công tác được bố trí từ nguồn ngân sách {level_budget} cấp cho {agency}, các cơ quan, đơn vị liên quan và các nguồn kinh phí hợp pháp khác.",
    "Kinh phí hoạt động của Ban Chỉ đạo được bố trí trong dự toán ngân sách hằng năm của {agency}.",
)


# --------------------------------------------------------------------------- manifest
@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One generated charter: its file (relative to the corpus folder) and its locality.

    ``locality`` is the gazetteer key (``2025/commune/10525``); ``province`` the key of the
    province it lies in; ``cites`` the number of the higher charter its căn cứ cites
    (``730/QĐ-TTg`` for a province); ``number`` its own number (None for a blank draft).
    """

    file: str
    locality: str
    code: str
    level: str
    name: str
    province: str
    layout: str
    issued_on: str
    number: str | None
    cites: str | None
    standing_agency: str
    groups: tuple[str, ...] = ()
    noise: tuple[str, ...] = ()


@dataclass(slots=True)
class Manifest:
    """What :func:`generate_corpus` wrote: the corpus folder, the parameters and one entry per file."""

    out_dir: Path
    seed: int
    entries: list[ManifestEntry] = field(default_factory=list)
    params: dict = field(default_factory=dict)

    @property
    def path(self) -> Path:
        """The ``manifest.json`` inside the corpus folder."""
        return self.out_dir / MANIFEST_NAME

    def files(self) -> list[Path]:
        """The charter files, in manifest order (provinces first, then their communes)."""
        return [self.out_dir / e.file for e in self.entries]

    def to_dict(self) -> dict:
        """The JSON form (paths relative to the folder, so a corpus can be moved)."""
        return {
            "generator": "govkg.bench.corpus",
            "version": GENERATOR_VERSION,
            "purpose": "speed and scale only; not evidence of extraction fidelity",
            "seed": self.seed,
            "params": self.params,
            "files": [asdict(e) for e in self.entries],
        }

    def write(self) -> Path:
        """Write ``manifest.json`` (stable key order, so the same seed gives the same bytes)."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        self.path.write_bytes(text.encode("utf-8"))
        return self.path

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        """Read a manifest (the file, or the corpus folder holding it).

        Raises
        ------
        ParseError
            The file is missing or is not a govkg corpus manifest.
        """
        p = Path(path)
        if p.is_dir():
            p = p / MANIFEST_NAME
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            entries = [ManifestEntry(**{**e, "groups": tuple(e.get("groups", ())), "noise": tuple(e.get("noise", ()))}) for e in data["files"]]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ParseError(f"not a corpus manifest: {err}", path=str(p)) from err
        return cls(p.parent, int(data.get("seed", 0)), entries, dict(data.get("params", {})))


# --------------------------------------------------------------------------- places
@dataclass(frozen=True, slots=True)
class _Place:
    """A locality as the charter texts name it."""

    unit: AdminUnit
    era: int  # 2025 units or legacy units (dated 2024)

    @property
    def kind(self) -> str:
        return self.unit.kind  # "phường", "xã", "tỉnh", "thành phố", "quận", …

    @property
    def bare(self) -> str:
        return self.unit.bare_name

    @property
    def full(self) -> str:
        return self.unit.name

    @property
    def level(self) -> str:
        return self.unit.level.value

    @property
    def ubnd(self) -> str:
        return f"Ủy ban nhân dân {self.kind}"


def _fmt_date(d: date, rng: random.Random) -> str:
    """A date as the genre writes it: dd/mm/yyyy, d/m/yyyy or "ngày … tháng … năm …"."""
    style = rng.random()
    if style < 0.4:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style < 0.7:
        return f"{d.day}/{d.month}/{d.year}"
    return f"{d.day:02d} tháng {d.month:02d} năm {d.year}"


def _number(n: int, suffix: str, rng: random.Random) -> str:
    if suffix.startswith("QĐ-BCĐ") and rng.random() < 0.2:
        return f"{n:02d}-QĐ/BCĐ"  # the party-style numbering of seed 004
    return f"{n:02d}/{suffix}" if n < 10 and rng.random() < 0.5 else f"{n}/{suffix}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _agencies(place: _Place) -> list[tuple[str, str]]:
    """(agency, its head's title) that may serve as Cơ quan thường trực at this level."""
    k = place.kind
    if place.level == "province":
        return [
            (f"Công an {k}", f"Giám đốc Công an {k}"),
            ("Sở Khoa học và Công nghệ", "Giám đốc Sở Khoa học và Công nghệ"),
            (f"Văn phòng Ủy ban nhân dân {k}", f"Chánh Văn phòng Ủy ban nhân dân {k}"),
            ("Sở Nội vụ", "Giám đốc Sở Nội vụ"),
        ]
    if place.level == "district":
        return [
            (f"Công an {k}", f"Trưởng Công an {k}"),
            (f"Văn phòng HĐND và UBND {k}", f"Chánh Văn phòng HĐND và UBND {k}"),
            ("Phòng Nội vụ", "Trưởng phòng Nội vụ"),
        ]
    if place.era == 2024:
        return [(f"Công an {k}", f"Trưởng Công an {k}"), (f"Văn phòng UBND {k}", f"Chánh Văn phòng UBND {k}")]
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if k == "phường" else "Phòng Kinh tế"
    return [
        (f"Công an {k}", f"Trưởng Công an {k}"),
        (f"Văn phòng HĐND và UBND {k}", f"Chánh Văn phòng HĐND và UBND {k}"),
        (f"Phòng Văn hóa - Xã hội {k}", f"Trưởng phòng Văn hóa - Xã hội {k}"),
        (f"{economy} {k}", f"Trưởng {economy.replace('Phòng', 'phòng', 1)} {k}"),
    ]


def _member_heads(place: _Place) -> list[str]:
    k = place.kind
    if place.level == "province":
        return [
            "Giám đốc Sở Khoa học và Công nghệ", f"Giám đốc Công an {k}", "Giám đốc Sở Nội vụ", "Giám đốc Sở Tài chính",
            f"Chánh Văn phòng Ủy ban nhân dân {k}", "Giám đốc Sở Giáo dục và Đào tạo", "Giám đốc Sở Y tế", "Giám đốc Sở Xây dựng",
        ]
    heads = [f"Trưởng Công an {k}", f"Trưởng phòng Văn hóa - Xã hội {k}", f"Chánh Văn phòng HĐND và UBND {k}"]
    if place.level == "district":
        heads += ["Trưởng phòng Nội vụ", "Trưởng phòng Tài chính - Kế hoạch"]
    else:
        heads += [f"Giám đốc Trung tâm phục vụ hành chính công {k}", f"Trưởng phòng Kinh tế {k}"]
    return heads


# --------------------------------------------------------------------------- one charter
@dataclass(slots=True)
class _Spec:
    """Everything one charter says, drawn before any text is written."""

    place: _Place
    upper: _Place | None  # the province whose charter this one cites (None for a province)
    upper_number: str | None
    upper_date: date | None
    upper_topic: str | None
    topic: str
    committee: str
    issued: date
    number: str | None  # None: a blank draft number
    layout: str
    agency: tuple[str, str]
    groups: list[tuple[str, str]]
    noise: list[str]


class _Writer:
    """Renders a :class:`_Spec` to text; every choice comes from the charter's own ``rng``."""

    def __init__(self, spec: _Spec, rng: random.Random):
        self.s = spec
        self.rng = rng
        self.lines: list[str] = []
        self.bcd = "Ban Chỉ đạo"

    # -- small pieces
    def out(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(line)
            self.lines.append("")

    def pick(self, seq: Sequence):
        return self.rng.choice(seq)

    def sample(self, seq: Sequence, lo: int, hi: int) -> list:
        return self.rng.sample(list(seq), self.rng.randint(lo, min(hi, len(seq))))

    def upper_name(self) -> str:
        s = self.s
        return f"Ban Chỉ đạo {s.upper_topic} {s.upper.full}" if s.upper else ""

    # -- header
    def header(self, kind: str) -> None:
        s, p = self.s, self.s.place
        if self.rng.random() < 0.6:
            top = "UBND TỈNH" if p.kind == "tỉnh" else f"UBND {p.kind.upper()}"
            self.lines += [f"{top} {p.bare.upper()}", "BAN CHỈ ĐẠO", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
        d = s.issued
        when = f"ngày {d.day:02d} tháng {d.month} năm {d.year}" if s.number else f"ngày    tháng {d.month} năm {d.year}"
        self.out(f"{p.bare}, {when}")
        suffix = "QĐ-BCĐ" if kind == "decision" else "QC-BCĐ"
        self.out(f"Số: {s.number}" if s.number else f"Số:      /{suffix}")

    def bases(self) -> None:
        s, p, rng = self.s, self.s.place, self.rng
        law = "ngày 16 tháng 6 năm 2025" if p.era == 2025 else "ngày 19/6/2015"
        self.out(f"Căn cứ Luật Tổ chức chính quyền địa phương {law};")
        if p.era == 2025 and rng.random() < 0.8:
            self.out("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;")
        if rng.random() < 0.5:
            self.out("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030 (sau đây gọi tắt là Đề án 06);")
        if p.level == "province" or (p.era == 2025 and rng.random() < 0.3):
            self.out("Căn cứ Quyết định số 730/QĐ-TTg ngày 24/4/2026 của Thủ tướng Chính phủ về kiện toàn Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06;")
        if s.upper:
            what = self.pick(("ban hành Quy chế hoạt động", "ban hành Quy chế tổ chức và hoạt động", "ban hành Quy chế làm việc"))
            self.out(
                f"Căn cứ Quyết định số {s.upper_number} ngày {_fmt_date(s.upper_date, rng)} của {self.upper_name()} "
                f"về {what} của {self.upper_name()};"
            )
        if p.era == 2024 and p.level == "commune" and p.unit.district_name:
            # a pre-2025 ward is told apart from its namesakes by its district
            self.out(
                f"Căn cứ Kế hoạch số {rng.randint(10, 300)}/KH-UBND ngày {_fmt_date(date(2024, 1, rng.randint(5, 28)), rng)} "
                f"của UBND {p.unit.district_name} về cải cách hành chính, chuyển đổi số năm 2024;"
            )
        k_date = s.issued - timedelta(days=rng.randint(3, 40))
        k_no = rng.randint(100, 2999)
        issuer = self.pick((f"UBND {p.full}", f"Ủy ban nhân dân {p.full}", f"Chủ tịch UBND {p.full}"))
        self.out(f"Căn cứ Quyết định số {k_no}/QĐ-UBND ngày {_fmt_date(k_date, rng)} của {issuer} về việc kiện toàn {s.committee};")

    def proposer(self) -> None:
        head = self.s.agency[1]
        self.out(self.pick((f"Theo đề nghị của {head}.", f"Xét đề nghị của {head}.", f"Theo đề nghị của {head} tại Tờ trình số {self.rng.randint(10, 999)}/TTr ngày {_fmt_date(self.s.issued - timedelta(days=2), self.rng)}.")))

    def signature(self) -> None:
        p = self.s.place
        title = f"CHỦ TỊCH UBND {p.kind.upper()}"
        name = _person(self.rng)
        if self.rng.random() < 0.3:
            name = name.upper()
        self.out("TRƯỞNG BAN")
        if "bold" in self.s.noise:
            self.lines += [f"**{title}", f"{name}**", ""]
        else:
            self.lines += [title, name, ""]

    # -- the decision
    def decision(self) -> None:
        s, p = self.s, self.s.place
        self.header("decision")
        self.out("QUYẾT ĐỊNH")
        kind = self.reg_kind
        title = f"Ban hành Quy chế {kind} của {s.committee}"
        self.out(f"**{title}**" if "bold" in s.noise else title)
        issuer = f"TRƯỞNG {s.committee.upper()}"
        self.out(f"**{issuer}**" if "bold" in s.noise else issuer)
        self.bases()
        self.proposer()
        self.out("QUYẾT ĐỊNH:")
        self.out(f"Điều 1. Ban hành kèm theo Quyết định này Quy chế {kind} của {s.committee}.")
        art2 = "Điều 2. Quyết định này có hiệu lực kể từ ngày ký"
        if self.rng.random() < 0.3:
            old = s.issued - timedelta(days=self.rng.randint(120, 330))
            art2 += f"; thay thế Quyết định số {_number(self.rng.randint(1, 60), 'QĐ-BCĐ', self.rng)} ngày {_fmt_date(old, self.rng)} của Trưởng {s.committee}"
        self.out(art2 + ".")
        self.out("Điều 3. Các thành viên Ban Chỉ đạo, các Tổ Công tác, Cơ quan thường trực Ban Chỉ đạo và các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.")
        self.lines += ["Nơi nhận:", "", "- Như Điều 3;", f"- TT Đảng ủy, HĐND {p.kind};", f"- Chủ tịch, các PCT UBND {p.kind};", "- Thành viên BCĐ;", "- Lưu: VT.", ""]
        self.signature()
        self.out("QUY CHẾ")
        self.out(f"{kind[0].upper()}{kind[1:]} của {s.committee}")
        when = f"ngày {s.issued.day:02d} tháng {s.issued.month} năm {s.issued.year}" if s.number else f"ngày    /{s.issued.month}/{s.issued.year}"
        self.out(f"(Kèm theo Quyết định số {s.number or '     /QĐ-BCĐ'} {when} của Trưởng {s.committee})")

    def regulation_head(self) -> None:
        s = self.s
        if self.rng.random() < 0.5:
            self.header("regulation")
        self.out("QUY CHẾ LÀM VIỆC")
        self.out(s.committee)
        self.out("-----")
        self.bases()
        self.out(f"{s.committee} ban hành Quy chế làm việc như sau:")

    # -- the regulation
    def chapter(self, n: int, title: str) -> None:
        roman = "I II III IV V VI".split()[n - 1]
        if self.rng.random() < 0.5:
            self.out(f"Chương {roman}", title)
        else:
            self.out(f"CHƯƠNG {roman} {title}")

    def article(self, title: str, clauses: Sequence[str | tuple[str, Sequence[str]]], *, intro: str | None = None) -> None:
        self.art += 1
        self.out(f"Điều {self.art}. {title}")
        if intro:
            self.out(intro)
        if len(clauses) == 1 and isinstance(clauses[0], str) and not intro:
            self.out(clauses[0])
            return
        for i, c in enumerate(clauses, 1):
            if isinstance(c, str):
                self.out(f"{i}. {c}")
            else:
                head, points, *style = c
                self.out(f"{i}. {head}")
                marks = ["-"] * len(points) if style == ["-"] else [f"{letter})" for letter in "abcdeghik"]
                for mark, pt in zip(marks, points, strict=False):
                    self.out(f"{mark} {pt}")

    def regulation(self) -> None:
        s, p, rng = self.s, self.s.place, self.rng
        topic = s.topic.removeprefix("về ")
        fill = {"topic": topic, "ubnd": p.ubnd}
        agency, head = s.agency
        self.art = 0
        self.chapter(1, "NHỮNG QUY ĐỊNH CHUNG")
        self.article("Phạm vi, đối tượng áp dụng", [
            f"Phạm vi điều chỉnh: Quy chế này quy định về nguyên tắc, nhiệm vụ, quyền hạn, chế độ làm việc, mối quan hệ công tác của {s.committee} (sau đây gọi là Ban Chỉ đạo).",
            "Đối tượng áp dụng: Quy chế này áp dụng đối với các thành viên Ban Chỉ đạo, các Tổ Công tác của Ban Chỉ đạo (sau đây gọi tắt là các Tổ Công tác), Cơ quan thường trực Ban Chỉ đạo và các cơ quan, tổ chức, cá nhân có liên quan.",
        ])
        self.article("Nguyên tắc làm việc", self.sample(_GENERIC_PRINCIPLES, 2, 5))
        if rng.random() < 0.6:
            self.article("Hình thức làm việc của Ban Chỉ đạo", [self.pick(_FORMS)])
        self.chapter(2, "NHIỆM VỤ VÀ QUYỀN HẠN")
        if rng.random() < 0.6:
            members = self.sample([m for m in _member_heads(p) if m != head], 2, 5)
            self.article("Thành phần Ban Chỉ đạo", [
                f"Trưởng Ban Chỉ đạo: Chủ tịch {p.ubnd}.",
                f"Phó Trưởng Ban Thường trực: Phó Chủ tịch {p.ubnd}.",
                f"Phó Trưởng Ban Chỉ đạo: {head}.",
                ("Các thành viên:", [f"{m}{';' if i < len(members) - 1 else '.'}" for i, m in enumerate(members)], "-")
                if rng.random() < 0.5
                else "Các thành viên: " + ", ".join(members) + ".",
            ])
        self.article("Nhiệm vụ, quyền hạn của Ban Chỉ đạo", [d.format(**fill) for d in self.sample(_COMMITTEE_DUTIES, 2, 4)])
        chair = [
            "Chỉ đạo, điều hành mọi hoạt động của Ban Chỉ đạo; phân công nhiệm vụ cho các thành viên Ban Chỉ đạo; triệu tập, chủ trì các cuộc họp định kỳ và đột xuất của Ban Chỉ đạo.",
            "Thay mặt Ban Chỉ đạo ký ban hành Quy chế tổ chức và hoạt động của Ban Chỉ đạo, chương trình, kế hoạch công tác, kiểm tra, giám sát hằng năm và các văn bản quan trọng khác của Ban Chỉ đạo.",
        ]
        delegate = self.pick((
            "Trong trường hợp cần thiết, ủy quyền cho Phó Trưởng Ban Thường trực hoặc Phó Trưởng Ban giải quyết công việc thuộc thẩm quyền của Trưởng Ban.",
            "Triệu tập, chủ trì các cuộc họp của Ban Chỉ đạo, có thể ủy quyền cho đồng chí Phó Trưởng Ban Chỉ đạo triệu tập, chủ trì cuộc họp của Ban Chỉ đạo.",
            "Khi vắng mặt, Trưởng Ban Chỉ đạo ủy quyền cho Phó Trưởng Ban Thường trực điều hành hoạt động của Ban Chỉ đạo.",
        ))
        chair.insert(rng.randint(1, len(chair)), delegate)
        chair.append("Quyết định những vấn đề thuộc phạm vi, chức năng, nhiệm vụ, quyền hạn của Ban Chỉ đạo.")
        self.article("Nhiệm vụ, quyền hạn của Trưởng Ban Chỉ đạo", chair)
        acting = self.pick((
            "Giúp Trưởng Ban Chỉ đạo trực tiếp điều phối các hoạt động của Ban Chỉ đạo; thay mặt Trưởng Ban Chỉ đạo chủ trì và điều phối hoạt động chung của Ban Chỉ đạo khi Trưởng Ban vắng mặt hoặc được Trưởng Ban ủy quyền.",
            "Khi Trưởng Ban Chỉ đạo vắng mặt hoặc bận công tác, Phó Trưởng Ban Thường trực Ban Chỉ đạo thay mặt Trưởng Ban Chỉ đạo lãnh đạo công tác của Ban Chỉ đạo; chủ trì các phiên họp và ký văn bản của Ban Chỉ đạo.",
            "Thay mặt Trưởng Ban Chỉ đạo lãnh đạo công tác của Ban Chỉ đạo khi Trưởng Ban Chỉ đạo vắng mặt hoặc được Trưởng Ban Chỉ đạo ủy quyền.",
        ))
        self.article("Nhiệm vụ, quyền hạn của các Phó Trưởng Ban Chỉ đạo", [
            ("Phó Trưởng Ban Thường trực Ban Chỉ đạo:", [acting, "Trực tiếp chỉ đạo hoạt động của Cơ quan thường trực Ban Chỉ đạo và các Tổ Công tác."]),
            ("Các Phó Trưởng Ban Chỉ đạo:", [
                f"Thực hiện đầy đủ nhiệm vụ của thành viên Ban Chỉ đạo; giúp Trưởng Ban Chỉ đạo chỉ đạo, đôn đốc các cơ quan, đơn vị thuộc lĩnh vực phụ trách xử lý các nhiệm vụ liên quan đến {topic}.",
                "Tham dự đầy đủ các cuộc họp của Ban Chỉ đạo; tham gia thảo luận, quyết định các vấn đề thuộc thẩm quyền của Ban Chỉ đạo.",
                "Thực hiện các nhiệm vụ khác theo phân công của Trưởng Ban Chỉ đạo.",
            ]),
        ])
        self.article("Nhiệm vụ, quyền hạn của các thành viên Ban Chỉ đạo", [d.format(**fill) for d in self.sample(_MEMBER_DUTIES, 3, 7)])
        self.groups_article(fill)
        self.agency_article(agency)
        self.chapter(3, "CHẾ ĐỘ LÀM VIỆC VÀ QUAN HỆ CÔNG TÁC")
        work = [self.pick(_MEETINGS), "Các thành viên Ban Chỉ đạo và các Tổ Công tác làm việc theo chế độ kiêm nhiệm."]
        if rng.random() < 0.5:
            level_budget = "địa phương"
            work.append(self.pick(_FUNDING).format(level_budget=level_budget, agency=agency))
        self.article("Chế độ làm việc", work)
        reports = [self.pick(_MEMBER_REPORTS), self.pick(_AGENCY_REPORTS)]
        if s.upper:
            reports.append(f"Định kỳ 6 tháng, hằng năm, Ban Chỉ đạo báo cáo {self.upper_name()} và Ủy ban nhân dân {s.upper.full} kết quả thực hiện nhiệm vụ.")
        elif p.level == "province":
            reports.append("Định kỳ 6 tháng, hằng năm, Ban Chỉ đạo báo cáo Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 kết quả thực hiện nhiệm vụ.")
        self.article("Chế độ báo cáo", reports)
        self.article("Mối quan hệ công tác", [r.format(**fill) for r in self.sample(_RELATIONS, 2, 3)])
        self.chapter(4, "TỔ CHỨC THỰC HIỆN")
        self.article("Tổ chức thực hiện", [
            "Trưởng Ban Chỉ đạo có trách nhiệm tổ chức, chỉ đạo các thành viên Ban Chỉ đạo, các Tổ Công tác và Cơ quan thường trực Ban Chỉ đạo thực hiện Quy chế này.",
            "Trong quá trình thực hiện Quy chế này, nếu có vấn đề phát sinh hoặc cần sửa đổi, bổ sung, Cơ quan thường trực của Ban Chỉ đạo trình Trưởng Ban Chỉ đạo xem xét, quyết định./.",
        ])

    def groups_article(self, fill: dict) -> None:
        s, p, rng = self.s, self.s.place, self.rng
        clauses: list = [("Nhiệm vụ, quyền hạn chung của các Tổ Công tác", [
            "Triển khai thực hiện các ý kiến chỉ đạo, kết luận của Trưởng Ban Chỉ đạo liên quan đến chức năng, nhiệm vụ được giao.",
            "Kịp thời báo cáo những vấn đề phát sinh trong quá trình triển khai nhiệm vụ được giao và đề xuất sáng kiến, giải pháp tháo gỡ vướng mắc, khó khăn thông qua Cơ quan thường trực của Ban Chỉ đạo.",
            self.pick(_GROUP_REPORTS),
        ])]
        leaders = self.sample(_member_heads(p), len(s.groups), len(s.groups)) if len(_member_heads(p)) >= len(s.groups) else _member_heads(p)
        for (name, field_), leader in zip(s.groups, leaders * 3, strict=False):
            points = [
                f"Nghiên cứu, đề xuất với {p.ubnd}, Chủ tịch {p.ubnd} và Ban Chỉ đạo triển khai các nhiệm vụ về {field_} trên địa bàn {p.kind}.",
                f"Tham mưu giúp Trưởng Ban Chỉ đạo các nhiệm vụ về {field_} trong chương trình, kế hoạch hoạt động hằng năm của Ban Chỉ đạo. Đôn đốc, theo dõi tiến độ, kết quả thực hiện; gửi báo cáo định kỳ về Cơ quan thường trực của Ban Chỉ đạo để phục vụ các buổi họp định kỳ và đột xuất của Ban Chỉ đạo.",
            ]
            if rng.random() < 0.7:
                points.append(f"Tổ trưởng là đồng chí {leader}.")
            clauses.append((name, points))
        self.article("Nhiệm vụ, quyền hạn của các Tổ Công tác giúp việc của Ban Chỉ đạo", clauses)

    def agency_article(self, agency: str) -> None:
        rng = self.rng
        duties = [
            "Xây dựng, trình Trưởng Ban Chỉ đạo phê duyệt Quy chế tổ chức và hoạt động của Ban Chỉ đạo; xây dựng quyết định bổ sung, thay thế thành viên Ban Chỉ đạo theo chỉ đạo của Trưởng Ban Chỉ đạo.",
            "Xây dựng, trình Trưởng Ban Chỉ đạo ban hành chương trình, kế hoạch công tác, kiểm tra, giám sát hằng năm của Ban Chỉ đạo và theo dõi, đôn đốc việc tổ chức thực hiện. Chủ trì, phối hợp với các Tổ Công tác tổng hợp, chuẩn bị nội dung, tài liệu phục vụ các hoạt động và cuộc họp của Ban Chỉ đạo.",
            "Lưu giữ hồ sơ tài liệu liên quan đến hoạt động của Ban Chỉ đạo. Bảo đảm các điều kiện cần thiết cho hoạt động của Ban Chỉ đạo.",
            "Thực hiện các nhiệm vụ khác do Trưởng Ban Chỉ đạo, Phó Trưởng Ban Chỉ đạo phân công.",
        ]
        wording = rng.randrange(3)
        if wording == 0:
            self.article("Nhiệm vụ, quyền hạn của Cơ quan thường trực của Ban Chỉ đạo", duties,
                         intro=f"{agency} làm nhiệm vụ Cơ quan thường trực của Ban Chỉ đạo có nhiệm vụ, quyền hạn sau đây:")
        elif wording == 1:
            self.article("Nhiệm vụ, quyền hạn của Cơ quan thường trực của Ban Chỉ đạo", duties,
                         intro=f"Cơ quan thường trực của Ban Chỉ đạo là {agency}, có nhiệm vụ, quyền hạn sau:")
        else:
            self.article(f"Trách nhiệm của {agency}", [f"Là cơ quan thường trực của Ban Chỉ đạo; {duties[0][0].lower()}{duties[0][1:]}", *duties[1:]])

    def render(self) -> str:
        s = self.s
        self.reg_kind = self.pick(("hoạt động", "tổ chức và hoạt động", "làm việc"))
        if s.layout == "decision+regulation":
            self.decision()
        else:
            self.regulation_head()
        self.regulation()
        text = "\n".join(self.lines).rstrip() + "\n"
        if "lowercase" in s.noise:
            # "Ban chỉ đạo" after the title block, as seed 004 writes it
            m = re.search(r"^(?:Chương|CHƯƠNG) ", text, re.MULTILINE)
            if m:
                text = text[: m.start()] + text[m.start() :].replace("Ban Chỉ đạo", "Ban chỉ đạo")
        if "uy" in s.noise:
            text = text.replace("Ủy", "Uỷ").replace("ủy", "uỷ")
        if "wrap" in s.noise:
            text = _hard_wrap(text, self.rng.randint(68, 86), blank=self.rng.random() < 0.5)
        return text


# A wrapped line must not open with what the parser reads as structure.
_UNSAFE_START = re.compile(r"^(?:\d+[.)\-]|[a-zđ]\)|[-–+]$|Điều$|Chương$|CHƯƠNG$|Căn$|Theo$|Xét$|Nơi$|[IVX]+[.\-]|\(|[A-ZĐ]{2,})")


def _hard_wrap(text: str, width: int, *, blank: bool) -> str:
    """Wrap long lines at ``width`` like a PDF copy: ``\\n``, or `` \\n\\n`` as in seed 004."""
    out: list[str] = []
    joiner = " \n\n" if blank else "\n"
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        words = line.split(" ")
        cur: list[str] = []
        pieces: list[str] = []
        length = 0
        for w in words:
            if cur and length + 1 + len(w) > width and not _UNSAFE_START.match(w):
                pieces.append(" ".join(cur))
                cur, length = [w], len(w)
            else:
                cur.append(w)
                length += len(w) + (1 if len(cur) > 1 else 0)
        pieces.append(" ".join(cur))
        out.append(joiner.join(pieces))
    return "\n".join(out)


# --------------------------------------------------------------------------- the corpus
def _rng(seed: int, *key: str) -> random.Random:
    # str seeds hash with sha512: stable across runs and Python versions
    return random.Random(":".join(("govkg-bench", str(seed), *key)))


def _noise(rng: random.Random, number_blank: bool) -> list[str]:
    out = [name for name, p in (("wrap", 0.25), ("bold", 0.3), ("uy", 0.3), ("lowercase", 0.2)) if rng.random() < p]
    if number_blank:
        out.append("draft")
    return out


def _spec(place: _Place, upper: _Spec | None, seed: int, *, number_no: int | None = None) -> _Spec:
    rng = _rng(seed, place.unit.key)
    topic = rng.choice(_TOPICS_2025 if place.era == 2025 else _TOPICS_2024)
    committee = f"Ban Chỉ đạo {topic} {place.full}"
    if rng.random() < 0.15 and topic.startswith("về "):
        committee = f"Ban Chỉ đạo của {place.full} {topic}"  # seed 003's word order
    if place.level == "province":
        issued = date(2026, 5, 4) + timedelta(days=rng.randint(0, 50))
    elif place.era == 2025:
        start = upper.issued if upper else date(2026, 6, 1)
        issued = min(start + timedelta(days=rng.randint(5, 150)), date(2026, 12, 28))
    else:
        issued = date(2024, 2, 1) + timedelta(days=rng.randint(0, 290))
    blank = place.level != "province" and rng.random() < 0.08
    n = number_no if number_no is not None else rng.randint(1, 150)
    number = None if blank else _number(n, "QĐ-BCĐ", rng)
    layout = "decision+regulation" if rng.random() < 0.7 else "regulation"
    agencies = _agencies(place)
    groups = rng.sample(WORKING_GROUPS, rng.randint(2, 5))
    if place.era == 2024:
        groups = groups[:3]
    noise = _noise(rng, blank)
    return _Spec(
        place=place,
        upper=upper.place if upper else None,
        upper_number=upper.number if upper else None,
        upper_date=upper.issued if upper else None,
        upper_topic=upper.topic if upper else None,
        topic=topic,
        committee=committee,
        issued=issued,
        number=number,
        layout=layout,
        agency=rng.choice(agencies),
        groups=groups,
        noise=noise,
    )


def _legacy_province_spec(unit: AdminUnit, seed: int) -> _Spec:
    """The (unwritten) 2024 charter of a legacy province, which its wards and districts cite."""
    province = next(u for u in gazetteer.iter_units("province", "legacy") if u.code == unit.province_code)
    place = _Place(province, 2024)
    rng = _rng(seed, "legacy-upper", province.key)
    spec = _spec(place, None, seed, number_no=rng.randint(1, 400))
    spec.issued = date(2024, 1, 2) + timedelta(days=rng.randint(0, 25))
    return spec


def _choose(seq: list, k: int, rng: random.Random) -> list:
    return seq if k >= len(seq) else sorted(rng.sample(seq, k), key=seq.index)


def _legacy_units(n: int, seed: int) -> list[AdminUnit]:
    rng = _rng(seed, "legacy")
    # legacy districts named "thành phố" read as provinces; wards of merged towns read fine
    districts = [u for u in gazetteer.iter_units("district", "legacy") if u.kind in DISTRICT_KINDS]
    communes = list(gazetteer.iter_units("commune", "legacy"))
    n_d = n // 3
    picked = _choose(districts, n_d, rng) + _choose(communes, n - n_d, rng)
    return sorted(picked, key=lambda u: (u.province_code, u.level.value != "district", u.code))


def _file_name(e: _Spec) -> str:
    u = e.place.unit
    era = "2025" if e.place.era == 2025 else "2024"
    rank = depth(u.level) - 1  # provinces first
    return f"{era}-{u.province_code}-{rank}-{u.level.value}-{u.code}.txt"


def _iter_specs(seed: int, provinces: int, communes: int, legacy: int) -> Iterator[_Spec]:
    rng = _rng(seed, "sample")
    all_provinces = list(gazetteer.iter_units("province", "2025"))
    chosen = _choose(all_provinces, provinces, rng)
    codes = {p.code for p in chosen}
    pool = [c for c in gazetteer.iter_units("commune", "2025") if c.province_code in codes]
    picked = set(map(id, _choose(pool, communes, rng)))
    by_province: dict[str, list[AdminUnit]] = {}
    for c in pool:
        if id(c) in picked:
            by_province.setdefault(c.province_code, []).append(c)
    numbers = _rng(seed, "numbers").sample(range(1, 1000), len(all_provinces))
    for prov in chosen:
        pspec = _spec(_Place(prov, 2025), None, seed, number_no=numbers[all_provinces.index(prov)])
        yield pspec
        for c in by_province.get(prov.code, []):
            yield _spec(_Place(c, 2025), pspec, seed)
    uppers: dict[str, _Spec] = {}
    for u in _legacy_units(legacy, seed):
        if u.province_code not in uppers:
            uppers[u.province_code] = _legacy_province_spec(u, seed)
        yield _spec(_Place(u, 2024), uppers[u.province_code], seed)


def generate_corpus(
    out_dir: str | Path, seed: int = 0, provinces: int = 34, communes: int = 3321, *, legacy: int | None = None
) -> Manifest:
    """Write a synthetic national corpus of charters and its manifest (for speed and scale only).

    Parameters
    ----------
    out_dir
        The folder to write (created; files of an earlier run with other parameters are
        not removed, but the manifest lists only this run's files).
    seed
        The random seed: the same seed and sizes give the same bytes.
    provinces
        How many of the 34 provinces of 2025 get a charter (a seeded sample).
    communes
        How many of the 2025 communes of those provinces get a charter (3,321 in all 34).
    legacy
        How many pre-2025 wards and districts (dated 2024) to add; default 45 per 3,321
        communes, which makes 3,400 charters for the whole country.

    Returns
    -------
    Manifest
        The files (relative to ``out_dir``) and their localities, also written to
        ``out_dir/manifest.json``.

    Raises
    ------
    ConfigError
        A size is negative or more than the gazetteer holds.

    Notes
    -----
    The corpus is for speed and scale only. It is written beside the parser, from the
    same seeds, so extracting it well proves nothing about fidelity to real charters.
    """
    if not 0 <= provinces <= 34:
        raise ConfigError("provinces must be between 0 and 34", subject="provinces")
    if communes < 0:
        raise ConfigError("communes must be >= 0", subject="communes")
    if legacy is None:
        legacy = round(communes * _LEGACY_SHARE)
    if legacy < 0:
        raise ConfigError("legacy must be >= 0", subject="legacy")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out, seed, params={"provinces": provinces, "communes": communes, "legacy": legacy})
    for spec in _iter_specs(seed, provinces, communes, legacy):
        rng = _rng(seed, "text", spec.place.unit.key)
        text = _Writer(spec, rng).render()
        name = _file_name(spec)
        (out / name).write_bytes(text.encode("utf-8"))
        u = spec.place.unit
        province_key = f"{u.code_system}/province/{u.province_code}"
        cites = spec.upper_number if spec.upper else "730/QĐ-TTg"
        manifest.entries.append(
            ManifestEntry(
                file=name,
                locality=u.key,
                code=u.code,
                level=u.level.value,
                name=u.name,
                province=province_key,
                layout=spec.layout,
                issued_on=spec.issued.isoformat(),
                number=spec.number,
                cites=cites,
                standing_agency=spec.agency[0],
                groups=tuple(g for g, _ in spec.groups),
                noise=tuple(spec.noise),
            )
        )
    manifest.params["charters"] = len(manifest.entries)
    manifest.write()
    return manifest
