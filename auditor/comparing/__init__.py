"""Comparing reports: what changed between two years, and text one report repeats from another.

Fed Documents and ReportResults only (the caller reads the files): ``units`` turns a Document into
comparable sentences, ``reuse`` finds the passages of one report that repeat another, ``diff``
compares two audits item by item, ``signature``/``similar`` do the same at batch scale without
the texts leaving the worker that read them.
"""

from __future__ import annotations

from auditor.comparing.boilerplate import Boilerplate, load_boilerplate
from auditor.comparing.diff import diff_results
from auditor.comparing.reuse import Passage, Reuse, find_reuse
from auditor.comparing.units import Unit, units

__all__ = ["Boilerplate", "Passage", "Reuse", "Unit", "diff_results", "find_reuse", "load_boilerplate",
           "units"]
