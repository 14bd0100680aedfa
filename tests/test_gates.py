"""Gates marked with the dimensions they hold for are asked of those figures only: the mark must say what the
gate's own first test says, or a widened gate would silently never be asked."""

from __future__ import annotations

import inspect
import re

import pytest

from loaders.facts import gates

DIMENSIONS = ("money", "area", "count", "person", "percent", "ratio", "voltage")
MARKED = [gate for gate in gates.AMOUNT_GATES if hasattr(gate, "dimensions")]


def test_the_marked_gates_are_the_ones_read_amount_filters():
    assert len(MARKED) == 22
    money = gates.amount_gates("money")
    assert gates.threshold_amount in money and gates.turned_away not in money
    assert gates.turned_away in gates.amount_gates("count")
    unmarked = [gate for gate in gates.AMOUNT_GATES if not hasattr(gate, "dimensions")]
    assert all(gate in gates.amount_gates(dimension) for gate in unmarked for dimension in DIMENSIONS)
    assert [gate for gate in gates.AMOUNT_GATES if gate in money] == list(money)  # their order is kept


@pytest.mark.parametrize("gate", MARKED, ids=lambda gate: gate.__name__)
def test_a_gate_s_mark_names_the_dimensions_its_body_tests(gate):
    body = inspect.getsource(gate).split("\n", 1)[1]  # without the mark's own line
    tested = set(re.findall(r'dimension\s*(?:==|!=)\s*"(\w+)"', body))
    groups = re.findall(r"dimension\s+(?:not\s+)?in\s+\(([^)]*)\)", body)
    tested |= {word for group in groups for word in re.findall(r'"(\w+)"', group)}
    assert tested == set(gate.dimensions), f"{gate.__name__}: body tests {sorted(tested)}, marked {gate.dimensions}"
