"""Currencies and the one conversion between them: prices are stored in USD; shoppers filter, facet and read
prices in CNY (or USD) at the configured rate (`HAITAO_CNY_PER_USD`). Every conversion in the service, the API and
query understanding goes through `ExchangeRate`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Currency(StrEnum):
    CNY = "CNY"
    USD = "USD"


@dataclass(frozen=True)
class ExchangeRate:
    cny_per_usd: float

    def per_usd(self, currency: Currency | str) -> float:
        """Units of `currency` in one US dollar."""
        return self.cny_per_usd if Currency(currency) is Currency.CNY else 1.0

    def to_usd(self, amount: float | None, currency: Currency | str) -> float | None:
        """An amount in `currency` → USD, to the cent (None stays None; -0.0 becomes 0.0)."""
        return None if amount is None else round(amount / self.per_usd(currency), 2) + 0.0

    def from_usd(self, usd: float, currency: Currency | str) -> float:
        """A USD amount → `currency`, to the cent."""
        return round(usd * self.per_usd(currency), 2)
