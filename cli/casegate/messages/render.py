"""Messages of casegate.render: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations
