"""Test-wide settings.

Hypothesis runs derandomized by default, so that a run is replayable and CI sees the same
examples as the developer who committed. ``HYPOTHESIS_PROFILE=explore`` searches with fresh
random examples (and more of them) to look for new failures before committing:

    HYPOTHESIS_PROFILE=explore python -m pytest -q tests/test_boilerplate.py
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("replayable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "replayable"))
