"""Names typed by people resolved through the vocabulary (vocab/names.py)."""

from __future__ import annotations

import pytest

from supplyline.errors import UnknownName
from supplyline.vocab import load_vocabulary
from supplyline.vocab.names import canonical_name, close_names, fold, name_forms

FORMS = name_forms(load_vocabulary(()), known=["Freedonia"])


@pytest.mark.parametrize(("typed", "name"), [
    ("DPRK", "North Korea"), ("pyongyang", "North Korea"), ("  North   Korean ", "North Korea"),
    ("the Kremlin", "Russia"), ("Kremlin", "Russia"), ("MOSCOW", "Russia"),
    ("Russia's", "Russia"), ("Russia’s", "Russia"), ("Tehran", "Iran"),
    ("freedonia", "Freedonia"),  # known to the database only
])
def test_forms_resolve_to_canonical_names(typed: str, name: str) -> None:
    assert canonical_name(typed, FORMS, "actor") == name


def test_fold() -> None:
    assert fold("The  Kremlin") == "kremlin"
    assert fold("the") == "the"  # a lone "the" stays


def test_unknown_names_come_with_the_closest() -> None:
    with pytest.raises(UnknownName) as caught:
        canonical_name("Nroth Korea", FORMS, "recipient")
    assert caught.value.suggestions[0] == "North Korea"
    assert caught.value.role == "recipient"
    assert set(close_names("korea", FORMS)) >= {"North Korea", "South Korea"}
    assert close_names("zzzzqx", FORMS) == []
