"""No input, however broken, makes the checker raise: every problem is a finding."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam.checker import check
from tests.conftest import FORBUND, TESTS

VALID = TESTS / "cases" / "valid" / "komplett"
NAMES = ("ansokan.md", "budget.yaml", "beslut.yaml")


def _mutations() -> st.SearchStrategy[bytes]:
    """Bytes close to a real document: slices, insertions and random garbage."""
    originals = [(VALID / name).read_bytes() for name in NAMES]
    noise = st.binary(max_size=64) | st.sampled_from(
        [
            b"&a ",
            b"*a",
            b"!!str ",
            b"%YAML 1.1\n",
            b"---\n",
            b"[[[[",
            b"{",
            b'"',
            b"\t",
            b"\xe5",
            b": ",
            b"- ",
            b"\x00",
            b"2026-02-30",
            b"\r\n",
            b"? ",
            b"\xef\xbb\xbf",
        ]
    )
    return st.builds(
        lambda doc, cut, extra, tail: doc[:cut] + extra + doc[cut + tail :],
        st.sampled_from(originals),
        st.integers(0, 2000),
        noise,
        st.integers(0, 40),
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(contents=st.tuples(_mutations(), _mutations(), _mutations()))
def test_mutated_documents_never_raise(
    tmp_path: Path, contents: tuple[bytes, bytes, bytes]
) -> None:
    folder = tmp_path / "applications" / "komplett"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in zip(NAMES, contents, strict=True):
        (folder / name).write_bytes(data)
    result = check([folder], tmp_path, FORBUND)
    for finding in result.findings:
        assert finding.message and finding.rule
        assert finding.file.startswith("applications/komplett/")
