"""Messages of casegate.report: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations
