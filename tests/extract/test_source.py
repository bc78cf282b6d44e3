"""The source pass (``passes/source.py``): how far an attribution carries. Texts written
for these tests; P = 2025-07-03."""

from __future__ import annotations

from supplyline import extract

P = "2025-07-03"


def test_a_carried_source_does_not_carry_itself_further() -> None:
    text = ("Finnish military intelligence said on Friday that Belarus had sent 40 trucks of "
            "ammunition to Russia in June. Belarus also shipped artillery shells to Russia. "
            "Minsk has delivered tank engines to Moscow as well. Iran has supplied drones to "
            "Russia for years. China sold drone engines to Russia last year.")
    kinds = {c.item: c.source.kind for c in extract(text, published=P)}
    assert kinds["artillery shells"] == "intelligence"  # the quote runs on
    assert kinds["drones"] == "unattributed"  # three sentences on, the journalist speaks
    assert kinds["drone engines"] == "unattributed"
