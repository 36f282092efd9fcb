"""Adapters that plug cjkclean into other data-processing engines.

Each adapter lives in its own module and imports its engine only when that module is imported,
so ``import cjkclean`` never needs them:

* :mod:`cjkclean.integrations.datatrove`: pipeline steps for `datatrove
  <https://github.com/huggingface/datatrove>`_ (``pip install cjkclean[datatrove]``).

>>> import cjkclean.integrations
>>> "datatrove" in cjkclean.integrations.__doc__
True
"""

from __future__ import annotations
