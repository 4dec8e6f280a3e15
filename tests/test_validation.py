"""The shared argument checks: every failure names the argument and the allowed range."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from physics_lib import _validation as v


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, [1.0, math.nan]])
def test_check_finite_rejects_nan_and_inf(bad):
    with pytest.raises(ValueError, match="width must be finite"):
        v.check_finite(bad, "width")


@pytest.mark.parametrize("bad", ["3", None, True, [1, "a"], 1 + 2j, object()])
def test_non_numbers_raise_type_error_naming_the_argument(bad):
    with pytest.raises(TypeError, match="width"):
        v.check_finite(bad, "width")


def test_ragged_input_raises_type_error():
    with pytest.raises(TypeError, match="width"):
        v.check_finite([[1, 2], [3]], "width")


@pytest.mark.parametrize("bad", [0.0, -1e-30, [1.0, -2.0]])
def test_check_positive(bad):
    with pytest.raises(ValueError, match=r"period must be > 0"):
        v.check_positive(bad, "period")


def test_check_nonnegative_accepts_zero_and_rejects_negative():
    assert v.check_nonnegative(0.0, "sigma") == 0.0
    with pytest.raises(ValueError, match="sigma must be >= 0"):
        v.check_nonnegative(-1.0, "sigma")


def test_check_in_range_open_and_closed_ends():
    assert v.check_in_range(1.0, "mfu", 0.0, 1.0, low_open=True) == 1.0
    with pytest.raises(ValueError, match=r"mfu must lie in \(0, 1\]"):
        v.check_in_range(0.0, "mfu", 0.0, 1.0, low_open=True)
    with pytest.raises(ValueError, match=r"mfu must lie in \(0, 1\]"):
        v.check_in_range(1.5, "mfu", 0.0, 1.0, low_open=True)


def test_check_integer():
    assert v.check_integer(3, "order", minimum=1) == 3
    assert v.check_integer(np.int64(2), "order") == 2
    assert v.check_integer(4.0, "order") == 4
    with pytest.raises(TypeError, match="order must be an integer"):
        v.check_integer(2.5, "order")
    with pytest.raises(TypeError, match="order must be an integer"):
        v.check_integer(True, "order")
    with pytest.raises(ValueError, match="order must be an integer >= 1"):
        v.check_integer(0, "order", minimum=1)


def test_check_count_accepts_whole_numbers_and_rejects_the_rest():
    assert v.check_count([1, 8.0, 1024], "n_gpus").tolist() == [1.0, 8.0, 1024.0]
    with pytest.raises(ValueError, match="n_gpus must be >= 1, got min 0"):
        v.check_count([4, 0], "n_gpus")
    with pytest.raises(ValueError, match="n_gpus must be a whole number, got 2.5"):
        v.check_count([1, 2.5, 3.5], "n_gpus")
    with pytest.raises(ValueError, match="n_gpus must be finite"):
        v.check_count(math.inf, "n_gpus")
    with pytest.raises(TypeError, match="n_gpus"):
        v.check_count("8", "n_gpus")


@given(st.integers(min_value=1, max_value=2**52))
def test_check_count_keeps_every_whole_number(n):
    assert v.as_result(v.check_count(n, "n")) == n


def test_check_complex_signal():
    x = v.check_complex_signal(np.ones(4) + 1j, "x")
    assert x.dtype == complex
    with pytest.raises(TypeError, match="x must be a complex baseband signal"):
        v.check_complex_signal(np.ones(4), "x")
    with pytest.raises(ValueError, match="x must be 1-D"):
        v.check_complex_signal(np.ones((2, 2)) * 1j, "x")
    with pytest.raises(ValueError, match="x must hold at least 1 samples"):
        v.check_complex_signal(np.array([], dtype=complex), "x")
    with pytest.raises(ValueError, match="x must be finite"):
        v.check_complex_signal(np.array([1j, np.nan]), "x")


def test_check_same_length_names_every_array():
    assert v.check_same_length(a=[1, 2], b=[3, 4]) == 2
    with pytest.raises(ValueError, match="a=2, b=3"):
        v.check_same_length(a=[1, 2], b=[1, 2, 3])


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_as_result_round_trips_scalars(x):
    assert v.as_result(v.check_finite(x, "x")) == x
