"""What the text checks found in an item's text, kept so that each text is analysed once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from monitor.store.models import Base


class ItemAnalysis(Base):
    """One item's text analysed for one account: valid while its text and the checks' settings are the same."""

    __tablename__ = "item_analyses"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[str] = mapped_column(String(64))  # the checks' settings and version it was made with
    text_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
