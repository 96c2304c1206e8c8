"""Where the charter's committee sits: its locality, district and province, and the charter's date.

:func:`locate` reads the committee's name, the titles, the issuers and the head of the text
for locality words ("phường Hải Dương", "Đảng ủy xã …"), and resolves them in the gazetteer
for the charter's date (units before and after the 2025 reform differ).

Examples
--------
>>> from govkg.loaders.parse import parse_file
>>> from govkg.loaders.extract.charter import Charter
>>> ch = Charter(parse_file("data/charters/000_5614ed0167487373.txt"))
>>> locate(ch)
>>> (ch.locality.name, ch.province.name, ch.level.value)
('phường Hải Dương', 'thành phố Hải Phòng', 'commune')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from govkg.loaders.extract.charter import Charter, committee_name
from govkg.ontology.vocab import Level
from govkg.vn import gazetteer
from govkg.vn.text import deaccent, loose_key
from govkg.vn.words import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    KIND_OF_FOLDED,
    PROVINCE_KINDS,
    kind_pattern,
    level_of_word,
)

__all__ = ["locate"]

_LOCALITY_WORDS = re.compile(
    rf"\b(?P<kind>{kind_pattern()})\s+(?P<name>(?-i:[A-Z][a-z]*(?:\s+[A-Z][a-z]*){{0,3}}))",
    re.IGNORECASE,
)

# the national motto names no place: "CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is not "xã Hội Chủ Nghĩa Việt"
_MOTTO = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam", re.IGNORECASE)


def _locality_mentions(text: str) -> Iterator[tuple[str, str]]:
    r"""(type word, name) of each locality ``text`` names, the national motto blanked out first.

    >>> list(_locality_mentions(_smart_case("CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nỦY BAN NHÂN DÂN XÃ KHÁNH KHÊ")))
    [('xã', 'Khánh Khê')]
    """
    plain = _MOTTO.sub(lambda m: " " * len(m.group()), deaccent(text))
    for m in _LOCALITY_WORDS.finditer(plain):
        kind = KIND_OF_FOLDED[re.sub(r"\s+", " ", m.group("kind").lower())]
        yield kind, text[m.start("name") : m.end("name")]


_PARTY_LOCALITY = re.compile(
    r"\b(?:(?P<p>tinh|thanh)\s+uy|dang\s+uy\s+(?P<c>xa|phuong))\s+(?P<name>(?-i:[A-Z][a-z]*(?:\s+[A-Z][a-z]*){{0,3}}))",
    re.IGNORECASE,
)

_LEVEL_TAIL = re.compile(rf"\b({kind_pattern()})\b", re.IGNORECASE)


# issuers of the central level: a ministry, the Government and its Office, the Party's central organs.
# Their place of signing ("Hà Nội, ngày …") is where they sit, not a locality of theirs.
_CENTRAL_ISSUER = re.compile(
    r"^\s*(?:bo\s|van\s+phong\s+chinh\s+phu|chinh\s+phu|thu\s+tuong|quoc\s+hoi|ban\s+chap\s+hanh\s+trung\s+uong|"
    r"bo\s+chinh\s+tri|ban\s+bi\s+thu|.*\b(?:trung\s+uong|quoc\s+gia)\b)",
    re.IGNORECASE,
)


def _central_issuer(doc) -> bool:
    """Whether the charter is issued by a central organ ("BỘ NỘI VỤ", "VĂN PHÒNG CHÍNH PHỦ" …)."""
    return any(_CENTRAL_ISSUER.match(deaccent(b)) for p in doc.parts for b in p.header.issuing_bodies[:1])


def _smart_case(text: str) -> str:
    """ALL-CAPS header lines in title case, so that proper names can be told by their capitals."""
    return "\n".join(line.title() if line.isupper() else line for line in text.split("\n"))


def locate(ch: Charter) -> None:
    """Find the committee's locality (and its province/district) from its name, the titles and the header."""
    doc = ch.doc
    dates = [p.header.date for p in doc.parts if p.header.date and p.header.date.year]
    cited_years = [c.issued_on.year for p in doc.parts for c in p.bases if c.issued_on and c.issued_on.year]
    ch.year = dates[0].year if dates else (max(cited_years) if cited_years else None)
    # a full date tells pre- from post-reform units within 2025 (the reform took effect on 2025-07-01)
    if dates and dates[0].complete:
        ch.year = _dt.date(dates[0].year, dates[0].month, dates[0].day)
    elif dates and dates[0].month and dates[0].year == 2025:
        ch.year = _dt.date(2025, dates[0].month, 28)
    own_name = committee_name(ch) or ""
    texts = [own_name]
    for part in doc.parts:
        texts += [part.header.title or "", _smart_case(part.header.issuer_line or "")]
    for part in doc.parts:
        texts += [_smart_case(b) for b in part.header.issuing_bodies]
        if part.header.attached_to:
            texts.append(part.header.attached_to.text)
    texts.append(doc.source.text[:4000])
    found: list[tuple[str, str]] = [m for t in texts for m in _locality_mentions(t)]
    for t in texts[:-1]:
        for pm in _PARTY_LOCALITY.finditer(deaccent(t)):
            kind = "tỉnh" if pm.group("p") else KIND_OF_FOLDED[pm.group("c").lower()]
            found.append((kind, t[pm.start("name") : pm.end("name")]))
    provinces = [(k, n) for k, n in found if k in PROVINCE_KINDS]
    districts = [(k, n) for k, n in found if k in DISTRICT_KINDS]
    communes = [(k, n) for k, n in found if k in COMMUNE_KINDS]
    places = [p.header.place for p in doc.parts if p.header.place]
    province_name = None
    for k, n in provinces:
        unit = gazetteer.province_of(f"{k} {n}".strip(), year=ch.year)
        if unit:
            ch.province, province_name = unit, unit.name
            break
    # the place of signing names the province only when no commune is named ("Hải Dương, ngày …"
    # in a ward charter is the ward)
    commune_names = {loose_key(n) for _, n in communes}
    if ch.province is None and not communes and not _central_issuer(doc):
        for pl in places:
            unit = gazetteer.province_of(pl, year=ch.year) if loose_key(pl) not in commune_names else None
            if unit:
                ch.province, province_name = unit, unit.name
                break
    if districts:
        k, n = districts[0]
        ch.district = gazetteer.resolve(f"{k} {n}", level=Level.district, province=province_name, year=ch.year)
    # the committee's own level, from the locality word its name ends with ("Ban Chỉ đạo tỉnh …")
    words = [re.sub(r"\s+", " ", w.lower()) for w in _LEVEL_TAIL.findall(deaccent(own_name))]
    level = level_of_word(words[-1]) if words else None
    named_communes = any(k in COMMUNE_KINDS for k, _ in _locality_mentions(own_name))
    if level in ("province", "city") and not named_communes and not (level == "city" and ch.district):
        ch.locality = ch.province
    elif level in ("district", "city") and ch.district is not None and not named_communes:
        ch.locality = ch.district
    else:
        for k, n in communes:
            unit = gazetteer.resolve(
                f"{k} {n}", level=Level.commune, province=province_name, year=ch.year,
                district=ch.district.name if ch.district else None,
            )
            if unit:
                ch.locality = unit
                break
        if ch.locality is None and not communes and ch.province is not None:
            ch.locality = ch.province
        if ch.locality is None and communes:
            # a commune the gazetteer does not know (or cannot tell apart): keep its name
            ch._unresolved_locality = f"{communes[0][0]} {communes[0][1]}"  # type: ignore[attr-defined]
    if ch.locality is not None:
        if ch.province is None:
            ch.province = gazetteer.parent(ch.locality) if ch.locality.level != Level.province else ch.locality
            while ch.province is not None and ch.province.level != Level.province:
                ch.province = gazetteer.parent(ch.province)
        if ch.district is None and ch.locality.district_name and ch.locality.code_system == "legacy":
            ch.district = gazetteer.parent(ch.locality)
        ch.level = ch.locality.level

