"""Gazetteer of Vietnam's administrative units, before and after the July 2025 reform.

The data come from the installed ``vietnam-provinces`` package (GSO names and codes;
GPL-3.0-or-later, a runtime dependency, never downloaded at run time). It holds two
*code systems*:

``"2025"``
    the units in force since 2025-07-01: 34 provinces and 3,321 communes (phường, xã,
    đặc khu). There are no districts any more.
``"legacy"``
    the three-level units before the reform (GSO snapshot of 2025-01-04): 63 provinces,
    696 districts (quận, huyện, thị xã, thành phố) and 10,051 communes (phường, xã, thị trấn).

GSO reused the same numbers in both systems (legacy xã Khánh Khê and 2025 xã Khánh Khê
are both 06286, legacy 09556 is phường Hà Cầu but 2025 09556 is phường Hà Đông), so an
:class:`AdminUnit` always carries ``code_system`` as well as ``code``.

Names are matched exactly, but tolerant of case, of tone-mark placement ("Hoà"/"Hòa",
"Uỷ"/"Ủy"), of missing accents and, when nothing else matches and the province is known
(or a province is sought), of a one-letter typo.
A name that several units share (about 243 ward names recur across the 34 provinces)
resolves only with a province; otherwise :func:`resolve` returns ``None`` and
:func:`candidates` lists the units.

Indexes are built once per code system, on first use (about a second for both), then
a lookup is a few dictionary probes.

Examples
--------
>>> u = resolve("phường Hải An", province="Hải Phòng", year=2026)
>>> u.name, u.code, u.code_system, u.province_name
('phường Hải An', '11413', '2025', 'thành phố Hải Phòng')
>>> old = resolve("phường Phúc La", province="Hà Nội", year=2024)
>>> old.district_name, exists_in_2025(old)
('quận Hà Đông', False)
>>> [s.name for s in successors(old)]
['phường Hà Đông']
>>> resolve("Tân Hòa", level="commune") is None     # many provinces have one
True
>>> find_localities("Ủy ban nhân dân thành phố Hải Phòng")
[(16, 35, 'thành phố', 'Hải Phòng')]
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import NamedTuple

import vietnam_provinces as _vp

from govkg.errors import Ambiguous, NotFound
from govkg.ontology.vocab import Level
from govkg.vn.text import nfc, strip_marks, tone_last
from govkg.vn.words import DISTRICT_KINDS, KIND_ABBREVIATIONS, LEVELS, LOCALITY_KINDS, height

__all__ = [
    "DATA_VERSION",
    "KINDS",
    "REFORM_DATE",
    "SYSTEMS",
    "AdminUnit",
    "candidates",
    "exists_in_2025",
    "find_localities",
    "iter_units",
    "parent",
    "predecessors",
    "province_of",
    "require",
    "resolve",
    "successors",
    "warm",
]

#: Date the 2025 units came into force (Nghị quyết 202/2025/QH15 and the ward resolutions).
REFORM_DATE = date(2025, 7, 1)
#: The code systems, newest first.
SYSTEMS = ("2025", "legacy")
#: Version of the GSO data inside ``vietnam-provinces``.
DATA_VERSION: str = _vp.__data_version__

#: Type words and the levels each can name ("thành phố" is a province or a legacy district).
KINDS = LOCALITY_KINDS
# Short forms that are not type word + name; keys are accentless.
_ALIASES = {"hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "thua thien hue": "Huế"}
_UNIT_LEVELS = frozenset(LEVELS) - {Level.national}  # the levels a unit can have
_CODE_WIDTH = {Level.province: 2, Level.district: 3, Level.commune: 5}


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """One administrative unit of one code system.

    ``name`` is the full name with a lower-case type word ("phường Hải Dương"), ``kind``
    that type word, ``code`` the GSO code zero-padded (2 digits for a province, 3 for a
    district, 5 for a commune). ``province_*`` (and for legacy units ``district_*``) name
    the unit it lies in, itself for a province (district).

    Examples
    --------
    >>> u = resolve("xã Khánh Khê", province="Lạng Sơn")
    >>> u.key, u.bare_name, u.district_code is None
    ('2025/commune/06286', 'Khánh Khê', True)
    """

    name: str
    level: Level
    code: str
    code_system: str
    kind: str
    province_code: str
    province_name: str
    district_name: str | None = None
    district_code: str | None = None

    @property
    def bare_name(self) -> str:
        """The name without its type word ("Hải Dương")."""
        return self.name[len(self.kind) + 1 :]

    @property
    def key(self) -> str:
        """Globally unique id: ``system/level/code`` (codes repeat across systems and levels)."""
        return f"{self.code_system}/{self.level.value}/{self.code}"

    def as_dict(self) -> dict:
        """Plain-value dict (``level`` as a string), e.g. for :class:`~govkg.errors.Ambiguous`.

        >>> resolve("Hà Nội").as_dict()["level"]
        'province'
        """
        d = asdict(self)
        d["level"] = self.level.value
        return d


# --------------------------------------------------------------------------- normalisation

_APOS = re.compile(r"['’ʼ‘`]\s*")  # "Ia H' Drai" and "Ia H'Drai" are the same unit
_SEPS = re.compile(r"[\s\-–—.,;:()/*_]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _SEPS.split(_APOS.sub("", nfc(text).lower())) if t]


# Two keys per token: the tone mark moved to the end ("hoà" and "hòa" both give "hoa2"),
# and no marks at all (for accentless input).
_acc = tone_last
_plain = strip_marks


def _keys(text: str) -> tuple[str, str]:
    toks = _tokens(text)
    return " ".join(map(_acc, toks)), " ".join(map(_plain, toks))


_TYPE_ACC = {tuple(map(_acc, _tokens(k))): k for k in KINDS}
_TYPE_PLAIN = {tuple(map(_plain, _tokens(k))): k for k in KINDS}
_ABBREV_RE = re.compile(r"^\s*(?:(?P<a>tp|tx|tt|p|q|h)\s*\.|(?P<b>tp|tx)\s)\s*", re.IGNORECASE)


class _Query(NamedTuple):
    kind: str | None
    acc: str
    plain: str
    alt: _Query | None = None  # an unstripped reading, for accentless input like "Quan Hoa"


def _aliased(kind: str | None, acc: list[str], plain: list[str]) -> _Query:
    if (canon := _ALIASES.get(" ".join(plain))) is not None:
        a, p = _keys(canon)
        return _Query(kind, a, p)
    return _Query(kind, " ".join(acc), " ".join(plain))


@lru_cache(maxsize=8192)
def _parse(text: str) -> _Query | None:
    """Split a name into its type word and the keys of the bare name."""
    kind = None
    if m := _ABBREV_RE.match(text):
        kind, text = KIND_ABBREVIATIONS[(m["a"] or m["b"]).lower()], text[m.end() :]
    toks = _tokens(text)
    if not toks:
        return None
    acc, plain = [_acc(t) for t in toks], [_plain(t) for t in toks]
    if kind is None and plain == ["tphcm"]:
        kind = "thành phố"
    if kind is not None:
        return _aliased(kind, acc, plain)
    for n in (2, 1):
        if len(toks) > n and (k := _TYPE_ACC.get(tuple(acc[:n]))):
            return _aliased(k, acc[n:], plain[n:])
    # Accentless type words only for all-ASCII input ("quan Ha Dong"); "Quan Hóa" is a name.
    if text.isascii():
        for n in (2, 1):
            if len(toks) > n and (k := _TYPE_PLAIN.get(tuple(plain[:n]))):
                return _aliased(k, acc[n:], plain[n:])._replace(alt=_aliased(None, acc, plain))
    return _aliased(None, acc, plain)


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


# --------------------------------------------------------------------------- indexes


class _Index:
    """All units of one code system, with name indexes (built once, never mutated)."""

    def __init__(self, system: str, units: list[AdminUnit]):
        self.system = system
        self.units = {(u.level, u.code): u for u in units}
        by_acc: dict[str, list[AdminUnit]] = defaultdict(list)
        by_plain: dict[str, list[AdminUnit]] = defaultdict(list)
        self.children: dict[tuple[Level, str], list[AdminUnit]] = defaultdict(list)
        for u in units:
            a, p = _keys(u.bare_name)
            by_acc[a].append(u)
            by_plain[p].append(u)
            if u.level is Level.commune and u.district_code:
                self.children[(Level.district, u.district_code)].append(u)
            elif u.level is not Level.province:
                self.children[(Level.province, u.province_code)].append(u)
        self.by_acc = {k: tuple(v) for k, v in by_acc.items()}
        self.by_plain = {k: tuple(v) for k, v in by_plain.items()}
        self._typo: dict[str, set[str]] | None = None
        self._lock = threading.Lock()

    def typo_keys(self, plain: str) -> set[str]:
        """Accentless keys one edit away from ``plain`` (symmetric-delete index, built on first use)."""
        with self._lock:
            if self._typo is None:
                typo: dict[str, set[str]] = defaultdict(set)
                for k in self.by_plain:
                    for d in _deletes(k):
                        typo[d].add(k)
                self._typo = dict(typo)
        found = set(self._typo.get(plain, ()))
        for d in _deletes(plain):
            found |= self._typo.get(d, set())
            if d in self.by_plain:
                found.add(d)
        return {k for k in found if _one_edit(plain, k)}


def _kind_of(division_type: str) -> str:
    return "thành phố" if division_type.startswith("thành phố") else division_type


def _bare(name: str, kind: str) -> str:
    return name[len(kind) :].strip() if name.lower().startswith(kind + " ") else name


def _code(level: Level, value: int) -> str:
    return f"{int(value):0{_CODE_WIDTH[level]}d}"


def _build_2025() -> _Index:
    units, provinces = [], {}
    for p in _vp.Province.iter_all():
        kind = _kind_of(p.division_type.value)
        code, name = _code(Level.province, p.code), f"{kind} {_bare(p.name, kind)}"
        provinces[int(p.code)] = u = AdminUnit(name, Level.province, code, "2025", kind, code, name)
        units.append(u)
    for w in _vp.Ward.iter_all():
        kind, prov = _kind_of(w.division_type.value), provinces[int(w.province_code)]
        units.append(
            AdminUnit(
                f"{kind} {_bare(w.name, kind)}",
                Level.commune,
                _code(Level.commune, w.code),
                "2025",
                kind,
                prov.code,
                prov.name,
            )
        )
    return _Index("2025", units)


def _build_legacy() -> _Index:
    from vietnam_provinces import legacy as _vpl  # 10k units: only loaded when needed

    units, provinces, districts = [], {}, {}
    for p in _vpl.Province.iter_all():
        kind = _kind_of(p.division_type.value)
        code = _code(Level.province, p.code)
        name = f"{kind} {_bare(p.name, kind)}"
        provinces[int(p.code)] = u = AdminUnit(name, Level.province, code, "legacy", kind, code, name)
        units.append(u)
    for d in _vpl.District.iter_all():
        kind, prov = _kind_of(d.division_type.value), provinces[int(d.province_code)]
        code, name = _code(Level.district, d.code), f"{kind} {_bare(d.name, kind)}"
        districts[int(d.code)] = u = AdminUnit(
            name, Level.district, code, "legacy", kind, prov.code, prov.name, name, code
        )
        units.append(u)
    for w in _vpl.Ward.iter_all():
        kind, dist = _kind_of(w.division_type.value), districts[int(w.district_code)]
        units.append(
            AdminUnit(
                f"{kind} {_bare(w.name, kind)}",
                Level.commune,
                _code(Level.commune, w.code),
                "legacy",
                kind,
                dist.province_code,
                dist.province_name,
                dist.name,
                dist.code,
            )
        )
    return _Index("legacy", units)


# The API serves threads: build each index once. Re-entrant, as the bridge needs both indexes.
_BUILD_LOCK = threading.RLock()
_INDEXES: dict[str, _Index] = {}
_BUILDERS = {"2025": _build_2025, "legacy": _build_legacy}


def _index(system: str) -> _Index:
    if (idx := _INDEXES.get(system)) is None:
        if system not in _BUILDERS:
            raise ValueError(f"code system must be one of {SYSTEMS}, not {system!r}")
        with _BUILD_LOCK:
            if (idx := _INDEXES.get(system)) is None:
                idx = _INDEXES[system] = _BUILDERS[system]()
    return idx


def warm() -> None:
    """Build every lookup index now, the one-typo indexes included (~0.3 s), instead of at a
    charter's first typo: before forking workers, which then share them.

    >>> warm()
    >>> all(_index(system)._typo is not None for system in SYSTEMS)
    True
    """
    for system in SYSTEMS:
        _index(system).typo_keys("")


class _Bridge(NamedTuple):
    ward_next: dict[str, tuple[str, ...]]  # legacy commune code -> 2025 commune codes
    ward_prev: dict[str, tuple[str, ...]]  # 2025 commune code -> legacy commune codes
    province_next: dict[str, tuple[str, ...]]
    province_prev: dict[str, tuple[str, ...]]


_BRIDGE: list[_Bridge] = []


def _bridge() -> _Bridge:
    if not _BRIDGE:
        with _BUILD_LOCK:
            if not _BRIDGE:
                _BRIDGE.append(_build_bridge())
    return _BRIDGE[0]


def _legacy_ward_successors() -> Callable[[int], Iterable[int]]:
    """Legacy ward code → the 2025 ward codes it went to.

    The package's conversion table read directly: its public ``Ward.search_from_legacy``
    builds a ``Ward`` per result by a linear lookup (48 s for the ~10,000 legacy wards,
    the first time an audit or a legacy charter needed the bridge; 0.1 s this way).
    """
    try:
        from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW
    except ImportError:  # a later release moved it: the public, slow way
        return lambda code: [r.ward.code for r in _vp.Ward.search_from_legacy(code=code)]
    return lambda code: [nw.code for nw in entry.new_wards] if (entry := OLD_TO_NEW.get(code)) else []


def _build_bridge() -> _Bridge:
    """The legacy→2025 mapping, from the package's ward conversion table.

    Province successors are derived from where each province's communes went (with the
    province taken from the legacy district list): the package's own province table says
    Tiền Giang went partly to Tây Ninh only because one Long An ward (phường 4, Tân An)
    carries Tiền Giang's code in the conversion table.
    """
    old = _index("legacy")
    new_codes = _legacy_ward_successors()
    ward_next: dict[str, tuple[str, ...]] = {}
    prev: dict[str, list[str]] = defaultdict(list)
    prov_next: dict[str, list[str]] = defaultdict(list)
    for (level, code), u in old.units.items():
        if level is not Level.commune:
            continue
        new = tuple(dict.fromkeys(_code(Level.commune, c) for c in new_codes(int(code))))
        ward_next[code] = new
        for n in new:
            prev[n].append(code)
            pc = _index("2025").units[(Level.commune, n)].province_code
            if pc not in prov_next[u.province_code]:
                prov_next[u.province_code].append(pc)
    for (level, code), _u in old.units.items():
        if level is Level.province and code not in prov_next:  # no communes: trust the package table
            prov_next[code] = [
                _code(Level.province, r.province.code)
                for r in _vp.Province.search_from_legacy(code=int(code))
            ]
    prov_prev: dict[str, list[str]] = defaultdict(list)
    for o, news in prov_next.items():
        for n in news:
            prov_prev[n].append(o)
    return _Bridge(
        ward_next,
        {k: tuple(sorted(set(v))) for k, v in prev.items()},
        {k: tuple(sorted(v)) for k, v in prov_next.items()},
        {k: tuple(sorted(v)) for k, v in prov_prev.items()},
    )


# --------------------------------------------------------------------------- matching


def _levels(level: Level | str | None, kind: str | None) -> frozenset[Level]:
    allowed = _UNIT_LEVELS if level is None else frozenset({Level(level)}) & _UNIT_LEVELS
    return allowed & KINDS[kind] if kind else allowed


def _systems(year: int | date | None) -> tuple[str, ...]:
    if year is None:
        return SYSTEMS
    if isinstance(year, datetime):
        year = year.date()
    if isinstance(year, date):
        return ("legacy",) if year < REFORM_DATE else SYSTEMS
    if isinstance(year, int) and not isinstance(year, bool):
        return ("legacy",) if year < REFORM_DATE.year else SYSTEMS
    raise TypeError(f"year must be an int, a date or None, not {type(year).__name__}")


class _Scope(NamedTuple):
    """Where to look: one code system, optionally within some provinces (districts)."""

    system: str
    provinces: frozenset[str] | None = None
    districts: frozenset[str] | None = None


def _filtered(units: Iterable[AdminUnit], levels: frozenset[Level], scope: _Scope) -> list[AdminUnit]:
    return [
        u
        for u in units
        if u.level in levels
        and (scope.provinces is None or u.province_code in scope.provinces)
        and (scope.districts is None or u.district_code in scope.districts)
    ]


_TIERS = ("exact", "accentless", "typo")


def _tier(q: _Query, levels: frozenset[Level], sc: _Scope, tier: str) -> list[AdminUnit]:
    idx = _index(sc.system)
    if tier == "exact":
        return _filtered(idx.by_acc.get(q.acc, ()), levels, sc)
    if tier == "accentless":
        return _filtered(idx.by_plain.get(q.plain, ()), levels, sc)
    # A one-letter typo is trusted only among few names (within a province, or among the
    # provinces): nationwide "Thuỵ Anh" would become an unrelated "Thụy An". Never for numbers.
    if sc.provinces is None and levels != {Level.province}:
        return []
    if len(q.plain.replace(" ", "")) < 5 or any(c.isdigit() for c in q.plain):
        return []
    return _filtered((u for k in sorted(idx.typo_keys(q.plain)) for u in idx.by_plain[k]), levels, sc)


def _best(
    q: _Query,
    levels: frozenset[Level],
    scopes: Iterable[_Scope],
    *,
    tiers: tuple[str, ...] = _TIERS,
    scoped: bool = False,
    every: bool = False,
) -> list[AdminUnit]:
    """Units matching ``q`` at the best tier: exact (tone-placement-free), accentless, one typo.

    Match quality comes first and the system order second, so an exact legacy name beats
    an accentless 2025 near-namesake. Only the first system with a match counts, unless
    ``every`` (then all systems' matches at that tier). Units of another type word than
    ``q.kind`` count only as :func:`_by_kind` allows.
    """
    scopes = tuple(scopes)
    for tier in tiers:
        found: list[AdminUnit] = []
        for sc in scopes:
            found += _tier(q, levels, sc, tier)
            if not every and (found := _by_kind(found, q.kind, scoped)):
                return found
        if found := _by_kind(found, q.kind, scoped):
            return found
    return []


def _by_kind(units: list[AdminUnit], kind: str | None, scoped: bool) -> list[AdminUnit]:
    """Units of the written type word; others only where a changed type word is plausible.

    A province's type word is not part of its name (the seeds' "tỉnh Bắc Ninh" is a "thành
    phố" in the 2025 data), and within a named province a "xã" may have become a "phường";
    nationwide, "phường Hải Dương" in 2024 is not the xã Hải Dương of Quảng Trị.
    """
    if not kind:
        return units
    if same := [u for u in units if u.kind == kind]:
        return same
    return [u for u in units if scoped or u.level is Level.province]


@lru_cache(maxsize=4096)
def _province_codes(province: str, system: str) -> frozenset[str]:
    """Codes in ``system`` of the province named ``province``, mapped across systems if needed.

    "Hải Dương" names no 2025 province, so in 2025 it stands for its successor Hải Phòng;
    "Hải Phòng" in the legacy system is legacy Hải Phòng (and only if absent, its sources).
    """
    q = _parse(province)
    if q is None:
        return frozenset()
    levels = frozenset({Level.province})
    if own := _best(q, levels, [_Scope(system)]):
        return frozenset(u.code for u in own)
    other = "legacy" if system == "2025" else "2025"
    b = _bridge()
    table = b.province_next if other == "legacy" else b.province_prev
    return frozenset(c for u in _best(q, levels, [_Scope(other)]) for c in table.get(u.code, ()))


@lru_cache(maxsize=4096)
def _district_codes(district: str, provinces: frozenset[str] | None) -> frozenset[str]:
    q = _parse(district)
    if q is None:
        return frozenset()
    found = _best(q, frozenset({Level.district}), [_Scope("legacy", provinces)], tiers=_TIERS[:2])
    return frozenset(u.code for u in found)


def _choose(units: list[AdminUnit]) -> AdminUnit | None:
    """The one unit meant, or None: the higher level wins, a tie is ambiguous."""
    if not units:
        return None
    top = max(height(u.level) for u in units)
    units = [u for u in units if height(u.level) == top]
    return units[0] if len(units) == 1 else None


def _split_address(
    name: str, province: str | None, district: str | None
) -> tuple[str, str | None, str | None]:
    """Split an address: "phường Phúc La, quận Hà Đông, Hà Nội" → ward, district, province."""
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if len(parts) < 2:
        return name, province, district
    for part in reversed(parts[1:]):
        q = _parse(part)
        if (q is not None and q.kind in DISTRICT_KINDS) or province is not None:
            district = district or part
        else:
            province = part
    return parts[0], province, district


def _scopes(province: str | None, district: str | None, year: int | date | None) -> list[_Scope]:
    # A district exists only in the legacy system, so naming one rules the 2025 units out.
    systems = ("legacy",) if district is not None else _systems(year)
    scopes = []
    for s in systems:
        provs = _province_codes(province, s) if province is not None else None
        dists = _district_codes(district, provs) if district is not None else None
        scopes.append(_Scope(s, provs, dists))
    return scopes


def _matches(
    name: str,
    level: Level | str | None,
    province: str | None,
    district: str | None,
    year: int | date | None,
    every: bool = False,
) -> list[AdminUnit]:
    name, province, district = _split_address(name, province, district)
    q = _parse(name)
    if q is None:
        return []
    scopes = _scopes(province, district, year)
    scoped = province is not None or district is not None
    for tiers in (_TIERS[:2], _TIERS[2:]):  # a typo only when no reading matches as written
        for query in (q, q.alt) if q.alt else (q,):
            levels = _levels(level, query.kind)
            if found := _best(query, levels, scopes, tiers=tiers, scoped=scoped, every=every):
                return found
    return []


# --------------------------------------------------------------------------- public API


def resolve(
    name: str,
    *,
    level: Level | str | None = None,
    province: str | None = None,
    year: int | date | None = None,
    district: str | None = None,
) -> AdminUnit | None:
    """The unit ``name`` refers to, or ``None`` if there is none or more than one.

    Parameters
    ----------
    name
        With or without its type word ("phường Hải An", "Hải An", "TP. Hồ Chí Minh");
        a comma-separated address ("phường Phúc La, quận Hà Đông, Hà Nội") fills in
        ``district`` and ``province``.
    level
        Restrict to a :class:`~govkg.ontology.vocab.Level`.
    province, district
        The province (district) named alongside in the text; a district implies the
        legacy system.
    year
        Year (or date) of the text: before 2025 (before 2025-07-01) only legacy units are
        searched, otherwise the 2025 units first, then the legacy ones; ``None`` as 2025.

    Returns
    -------
    AdminUnit or None
        With no level or type word, a province wins over a namesake commune (how a bare
        "Hà Nội" is meant); units of the same level sharing the name give ``None``.

    Examples
    --------
    >>> resolve("phường Hải Dương", year=2026).province_name
    'thành phố Hải Phòng'
    >>> resolve("TP.HCM").name
    'thành phố Hồ Chí Minh'
    >>> province_of("Thanh Hoá").name                 # tone placement
    'tỉnh Thanh Hóa'
    >>> resolve("phuong Phuc La", year=2024).code    # accentless
    '09553'
    >>> resolve("Khánh Kê", province="tỉnh Lạng Sơn").name   # one-letter typo
    'xã Khánh Khê'
    >>> resolve("quận Hà Đông", year=2026).code_system   # no districts after the reform
    'legacy'
    """
    return _choose(_matches(name, level, province, district, year))


def candidates(
    name: str,
    level: Level | str | None = None,
    *,
    province: str | None = None,
    district: str | None = None,
    year: int | date | None = None,
) -> list[AdminUnit]:
    """Every unit the name could mean, 2025 units first.

    These are the units :func:`resolve` chooses among: those at the best match tier, of the
    written type word when any has it.

    Examples
    --------
    >>> cs = candidates("xã Tân Hòa", year=2026)
    >>> len(cs) > 2, sorted({c.code_system for c in cs})
    (True, ['2025', 'legacy'])
    >>> [c.province_name for c in candidates("Phường Hải An", year=2026)]
    ['thành phố Hải Phòng', 'tỉnh Thanh Hóa']
    """
    found = _matches(name, level, province, district, year, every=True)
    return sorted(
        found, key=lambda u: (SYSTEMS.index(u.code_system), -height(u.level), u.province_code, u.code)
    )


def require(name: str, **kwargs) -> AdminUnit:
    """Like :func:`resolve`, but raise instead of returning ``None``.

    Raises
    ------
    NotFound
        No unit has the name.
    Ambiguous
        Several do; ``candidates`` lists them as dicts.

    Examples
    --------
    >>> require("Tân Hòa", level="commune")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govkg.errors.Ambiguous: Tân Hòa: name shared by ... units; give the province
    """
    unit = resolve(name, **kwargs)
    if unit is not None:
        return unit
    cands = candidates(
        name,
        kwargs.get("level"),
        province=kwargs.get("province"),
        district=kwargs.get("district"),
        year=kwargs.get("year"),
    )
    if not cands:
        raise NotFound("no administrative unit has this name", subject=name)
    raise Ambiguous(
        f"name shared by {len(cands)} units; give the province",
        subject=name,
        candidates=[c.as_dict() for c in cands],
    )


def province_of(name: str, *, year: int | date | None = None) -> AdminUnit | None:
    """The province named ``name`` ("tỉnh Bắc Ninh", "Hà Nội", "TP. Hồ Chí Minh", "TP.HCM").

    A legacy province that no longer exists ("tỉnh Hải Dương") comes back as the legacy
    unit; :func:`successors` maps it forward.

    Examples
    --------
    >>> province_of("TP. Hồ Chí Minh").code, province_of("Hà Nội").code
    ('79', '01')
    >>> province_of("tỉnh Hải Dương").code_system
    'legacy'
    >>> province_of("phường Hải An") is None
    True
    """
    return resolve(name, level=Level.province, year=year)


def parent(unit: AdminUnit) -> AdminUnit | None:
    """The unit directly above: commune → district (legacy) or province (2025); district → province.

    Examples
    --------
    >>> old = resolve("Phúc La", year=2024)
    >>> parent(old).name, parent(parent(old)).name, parent(parent(parent(old)))
    ('quận Hà Đông', 'thành phố Hà Nội', None)
    """
    idx = _index(unit.code_system)
    if unit.level is Level.commune and unit.district_code:
        return idx.units[(Level.district, unit.district_code)]
    if unit.level in (Level.commune, Level.district):
        return idx.units[(Level.province, unit.province_code)]
    return None


def successors(unit: AdminUnit) -> list[AdminUnit]:
    """The 2025 unit(s) a legacy unit became; ``[]`` for a 2025 unit.

    A commune split between several new ones has several successors. A district gets the
    communes its communes went to (island districts without communes, the đặc khu of the
    same name). A few legacy communes are missing from the package's conversion table and
    have none.

    Examples
    --------
    >>> [u.name for u in successors(province_of("Hải Dương", year=2024))]
    ['thành phố Hải Phòng']
    >>> [u.name for u in successors(resolve("huyện Côn Đảo", year=2024))]
    ['đặc khu Côn Đảo']
    """
    if unit.code_system == "2025":
        return []
    b, new = _bridge(), _index("2025")
    if unit.level is Level.province:
        return [new.units[(Level.province, c)] for c in b.province_next.get(unit.code, ())]
    if unit.level is Level.commune:
        return [new.units[(Level.commune, c)] for c in b.ward_next.get(unit.code, ())]
    codes = sorted(
        {c for w in _index("legacy").children[(Level.district, unit.code)] for c in b.ward_next[w.code]}
    )
    if codes:
        return [new.units[(Level.commune, c)] for c in codes]
    # No communes (the island districts): the 2025 commune of the same name in the successor province.
    provinces = set(b.province_next.get(unit.province_code, ()))
    a, _ = _keys(unit.bare_name)
    return [u for u in new.by_acc.get(a, ()) if u.level is Level.commune and u.province_code in provinces]


def predecessors(unit: AdminUnit) -> list[AdminUnit]:
    """The legacy unit(s) a 2025 unit was formed from; ``[]`` for a legacy unit.

    Examples
    --------
    >>> [u.name for u in predecessors(province_of("Hải Phòng"))]
    ['tỉnh Hải Dương', 'thành phố Hải Phòng']
    >>> sorted(u.name for u in predecessors(resolve("xã Khánh Khê", province="Lạng Sơn")))
    ['xã Bình Trung', 'xã Khánh Khê', 'xã Xuân Long']
    """
    if unit.code_system == "legacy":
        return []
    b, old = _bridge(), _index("legacy")
    if unit.level is Level.province:
        return [old.units[(Level.province, c)] for c in b.province_prev.get(unit.code, ())]
    if codes := b.ward_prev.get(unit.code):
        return [old.units[(Level.commune, c)] for c in codes]
    provinces = set(b.province_prev.get(unit.province_code, ()))
    a, _ = _keys(unit.bare_name)
    return [u for u in old.by_acc.get(a, ()) if u.level is Level.district and u.province_code in provinces]


def exists_in_2025(unit: AdminUnit) -> bool:
    """True for a 2025 unit, and for a legacy one that lives on under its own name.

    "Its own name" means a successor of the same level with the same bare name (the type
    word may change: tỉnh Bắc Ninh is a "thành phố" in the package's 2025 data). No legacy
    district exists in 2025.

    Examples
    --------
    >>> exists_in_2025(resolve("xã Khánh Khê", province="Lạng Sơn", year=2024))
    True
    >>> exists_in_2025(resolve("quận Hà Đông", year=2024))
    False
    """
    if unit.code_system == "2025":
        return True
    a, _ = _keys(unit.bare_name)
    return any(s.level is unit.level and _keys(s.bare_name)[0] == a for s in successors(unit))


def iter_units(level: Level | str, system: str = "2025") -> Iterator[AdminUnit]:
    """All units of one level of one code system, by province then code.

    Examples
    --------
    >>> sum(1 for _ in iter_units("province")), sum(1 for _ in iter_units(Level.commune))
    (34, 3321)
    >>> sum(1 for _ in iter_units("district", "legacy")), list(iter_units("district"))
    (696, [])
    """
    lv = Level(level)
    units = [u for (ul, _), u in _index(system).units.items() if ul is lv]
    return iter(sorted(units, key=lambda u: (u.province_code, u.code)))


# --------------------------------------------------------------------------- text scanning

_TYPE_RE = re.compile(
    r"(?<!\w)(?:(?P<kind>thành\s+phố|thị\s+trấn|thị\s+xã|đặc\s+khu|tỉnh|phường|quận|huyện|xã)"
    r"(?P<gap>[ \t]+\n?[ \t]*|\n[ \t]*)|(?P<tp>(?-i:T[Pp]))(?P<tgap>\.[ \t]*|[ \t]+))",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ] ?[^\W_]+)*")
_GAP_RE = re.compile(r"[ \t]*[-–][ \t]*|[ \t]+\n?[ \t]*|\n[ \t]*")
_MAX_WORDS = 6  # the longest bare names ("Văn Miếu - Quốc Tử Giám") have five words


@cache
def _all_names() -> tuple[dict[str, tuple[AdminUnit, ...]], dict[str, tuple[AdminUnit, ...]]]:
    """Name keys over both systems, 2025 units first (for canonical spelling)."""
    acc: dict[str, list[AdminUnit]] = defaultdict(list)
    plain: dict[str, list[AdminUnit]] = defaultdict(list)
    for s in SYSTEMS:
        for k, us in _index(s).by_acc.items():
            acc[k] += us
        for k, us in _index(s).by_plain.items():
            plain[k] += us
    return {k: tuple(v) for k, v in acc.items()}, {k: tuple(v) for k, v in plain.items()}


def _words(name: str) -> list[str]:
    return [w for w in _SEPS.split(_APOS.sub("", name)) if w]


def _validate(kind: str, words: list[str]) -> AdminUnit | None:
    """The unit the words name at a level ``kind`` allows (2025 spelling first), or None."""
    acc_ix, plain_ix = _all_names()
    levels = KINDS[kind]
    text = " ".join(words)
    acc, plain = _keys(text)
    if (alias := _ALIASES.get(plain)) is not None:
        acc, plain = _keys(alias)
    mine = _words(text)
    lower = [w[:1].islower() for w in mine]
    for ix, key in ((acc_ix, acc), (plain_ix, plain)):
        units = [u for u in ix.get(key, ()) if u.level in levels]
        if alias is None and any(lower):
            # A lower-case word may continue a name only where the real name has one ("xã Đồng ý").
            units = [
                u
                for u in units
                if all(t[:1].islower() for t, low in zip(_words(u.bare_name), lower, strict=False) if low)
            ]
        if units:
            same = [u for u in units if u.kind == kind]
            return (same or units)[0]
    return None


def find_localities(text: str) -> list[tuple[int, int, str, str]]:
    """Spans of locality mentions: a type word followed by the name of a real unit.

    Returns ``(start, end, kind, bare name)`` for each, in text order; ``text[start:end]``
    is the mention as written, ``kind`` the type word as written (lower case, "TP" read as
    "thành phố") and the bare name the gazetteer's spelling. The name must start with a
    capital (or a digit) and must name a unit of a level the type word allows, in either
    code system, so "phường thông minh" and "Thành phố" alone are not localities. Expects
    NFC text (as :class:`~govkg.loaders.model.SourceText` has it).

    Examples
    --------
    >>> find_localities("Chủ tịch UBND tỉnh Bắc Ninh về việc kiện toàn")
    [(14, 27, 'tỉnh', 'Bắc Ninh')]
    >>> find_localities("xây dựng phường thông minh; Thành phố và quận; Xã hội")
    []
    >>> find_localities("UBND PHƯỜNG PHÚC LA, quận Hà Đông, TP.HCM")
    [(5, 19, 'phường', 'Phúc La'), (21, 33, 'quận', 'Hà Đông'), (35, 41, 'thành phố', 'Hồ Chí Minh')]
    """
    out: list[tuple[int, int, str, str]] = []
    pos = 0
    while m := _TYPE_RE.search(text, pos):
        pos = m.end()
        kind = " ".join(m["kind"].lower().split()) if m["kind"] else "thành phố"
        words: list[tuple[int, int]] = []
        at = m.end()
        while len(words) < _MAX_WORDS and (w := _WORD_RE.match(text, at)):
            if not words and not (w.group()[0].isupper() or w.group()[0].isdigit()):
                break
            words.append(w.span())
            g = _GAP_RE.match(text, w.end())
            if not g:
                break
            at = g.end()
        for n in range(len(words), 0, -1):  # the longest run of words that names a unit
            unit = _validate(kind, [text[s:e] for s, e in words[:n]])
            if unit is not None:
                out.append((m.start(), words[n - 1][1], kind, unit.bare_name))
                pos = words[n - 1][1]
                break
    return out
