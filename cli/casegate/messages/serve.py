"""Messages of casegate.serve: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations
