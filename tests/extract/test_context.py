"""``context.replace``: the same copies as ``dataclasses.replace``, made without ``__init__``
for the plain frozen classes of the passes, and by ``dataclasses.replace`` for the rest."""

from __future__ import annotations

import dataclasses

import pytest

from supplyline.extract.context import Draft, Memory, replace
from supplyline.model import Quantity, Source


def test_same_copy_as_dataclasses_replace() -> None:
    draft = Draft(rule="item", type="weapons", item="rifles", anchor=3)
    for changes in ({}, {"status": "done"}, {"actor": "Ruritania", "recipient": "Freedonia",
                                             "quantity": Quantity(value=40.0)}):
        fast, slow = replace(draft, **changes), dataclasses.replace(draft, **changes)
        assert fast == slow and hash(fast) == hash(slow) and type(fast) is Draft
        assert fast is not draft
    assert draft.status is None  # the original is left as it was
    memory = replace(Memory(), last_actor="Ruritania")
    assert memory == Memory(last_actor="Ruritania")


def test_a_copy_stays_frozen() -> None:
    copy = replace(Draft(rule="item", type="weapons", item="rifles"), status="done")
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.status = "pledged"  # type: ignore[misc]


def test_an_unknown_field_fails_as_dataclasses_replace_does() -> None:
    with pytest.raises(TypeError):
        replace(Draft(rule="item", type="weapons", item="rifles"), colour="red")


def test_a_class_with_post_init_goes_through_its_init() -> None:
    # Quantity checks its figures in __post_init__: a copy must be checked too
    q = replace(Quantity(value=5.0), value=float("inf"))
    assert q == dataclasses.replace(Quantity(value=5.0), value=float("inf"))
    assert replace(Source(kind="official"), name="a spokesman") == dataclasses.replace(
        Source(kind="official"), name="a spokesman")
