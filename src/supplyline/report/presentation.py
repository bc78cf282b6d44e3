"""The presentation settings of ``presentation.yaml``: phases, item-class labels, chart size."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from supplyline.errors import PresentationError
from supplyline.model import CLAIM_TYPES, STATUSES

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Phase:
    """A group of statuses shown together: deliveries, pledges, forecasts, denials."""

    name: str
    label: str
    statuses: tuple[str, ...]
    shape: str


@dataclass(frozen=True)
class Presentation:
    phases: tuple[Phase, ...]
    type_labels: dict[str, str]
    changes_window_days: int
    chart_width: int
    chart_height: int

    def phase_of(self, status: str) -> Phase:
        for phase in self.phases:
            if status in phase.statuses:
                return phase
        raise KeyError(status)

    def phase_named(self, name: str) -> Phase:
        """The phase of that name (a series' phase: delivered, pledged, expected, denied)."""
        return next((ph for ph in self.phases if ph.name == name),
                    Phase(name, name.capitalize(), (), "circle"))

    def type_label(self, claim_type: str) -> str:
        return self.type_labels.get(claim_type, claim_type)

    def type_order(self, claim_type: str) -> int:
        order = list(self.type_labels)
        return order.index(claim_type) if claim_type in order else len(order)


@lru_cache(maxsize=4)
def load_presentation(path: Path = HERE / "presentation.yaml") -> Presentation:
    """Read and check the presentation settings (cached)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    phases = tuple(
        Phase(p["name"], p.get("label", p["name"]), tuple(p["statuses"]), p.get("shape", "circle"))
        for p in data.get("phases", ())
    )
    placed = [s for p in phases for s in p.statuses]
    if sorted(placed) != sorted(STATUSES):
        raise PresentationError(f"{path}: phases must hold each status once: "
                                f"{', '.join(STATUSES)}")
    labels = {str(k): str(v) for k, v in (data.get("types") or {}).items()}
    unknown = set(labels) - set(CLAIM_TYPES)
    if unknown:
        raise PresentationError(f"{path}: unknown types {', '.join(sorted(unknown))}")
    chart = data.get("chart") or {}
    return Presentation(
        phases=phases,
        type_labels=labels,
        changes_window_days=int(data.get("changes_window_days", 30)),
        chart_width=int(chart.get("width", 560)),
        chart_height=int(chart.get("height", 180)),
    )
