"""Hypothesis strategies shared by the tests: document trees (document_trees.py)."""

from __future__ import annotations

from tests.strategies.document_trees import blocks, documents, inlines, without_lines

__all__ = ["blocks", "documents", "inlines", "without_lines"]
