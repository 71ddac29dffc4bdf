"""Findings written back into the reviewer's Word document as comments on the offending
words (`drafter check REPORT.docx --annotate OUT.docx`)."""

from __future__ import annotations

from .command import annotate_check

__all__ = ["annotate_check"]
