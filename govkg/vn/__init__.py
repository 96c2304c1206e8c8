"""govkg.vn: what govkg knows of Vietnamese text, in one place every layer imports downward.

:mod:`govkg.vn.text` normalises and folds text and builds name keys; :mod:`govkg.vn.words`
holds the locality type words, the abbreviations and the order of administrative levels;
:mod:`govkg.vn.gazetteer` resolves names to administrative units, before and after the
2025 reform.
"""

__all__: list[str] = []
