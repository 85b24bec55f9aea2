"""Prices as responses show them: USD as listed, CNY at the configured rate (`search.currency`), and the optional
landed estimate."""

from __future__ import annotations

import math

from search.analysis.intent import PriceIntent as QueryPrice
from search.api.schemas import FacetStats, LandedEstimate, Price, PriceIntent
from search.config import Settings
from search.currency import Currency, ExchangeRate


def price_of(usd: float, settings: Settings) -> Price:
    rate = ExchangeRate(settings.cny_per_usd)
    return Price(usd=usd, cny=rate.from_usd(usd, Currency.CNY), landed=landed_estimate(usd, settings))


def discount_percent(price: float, list_price: float | None) -> int | None:
    """Whole percent off the regular price, rounded down but at least 1; None when not on sale."""
    if list_price is None or list_price <= price:
        return None
    return max(1, math.floor(round((list_price - price) / list_price * 100, 6)))  # 6: no 19.999… for 20


def landed_estimate(usd: float, settings: Settings) -> LandedEstimate | None:
    """Price + shipping, plus cross-border tax on both: an estimate, labelled so; None unless shipping is set."""
    shipping = settings.landed_shipping_usd
    if shipping is None:
        return None
    landed = (usd + shipping) * (1 + settings.landed_tax_rate)
    note = (
        f"估算（非报价）：商品价 + 运费 ${shipping:.2f} + 跨境电商综合税 {settings.landed_tax_rate:.1%}，以结算为准 / "
        f"estimate, not a quote: price + shipping ${shipping:.2f} + cross-border tax {settings.landed_tax_rate:.1%}"
    )
    rate = ExchangeRate(settings.cny_per_usd)
    return LandedEstimate(usd=round(landed, 2), cny=rate.from_usd(landed, Currency.CNY), note=note)


def price_range_in(currency: Currency, usd_range: tuple[float, float] | None, rate: ExchangeRate) -> FacetStats | None:
    """The lowest and highest price of a result (USD from the backend) in the shopper's currency."""
    if usd_range is None:
        return None
    low, high = usd_range
    return FacetStats(min=rate.from_usd(low, currency), max=rate.from_usd(high, currency), currency=currency)


def price_intent_in(currency: Currency, intent: QueryPrice | None, rate: ExchangeRate) -> PriceIntent | None:
    """The query's price ("500元以下") in the shopper's currency: as written when the currencies agree."""
    if intent is None:
        return None

    def convert(amount: float | None) -> float | None:
        if amount is None or Currency(intent.currency) is currency:
            return amount
        return round(amount / rate.per_usd(intent.currency) * rate.per_usd(currency), 2)

    return PriceIntent(
        text=intent.text, min=convert(intent.min_amount), max=convert(intent.max_amount), currency=currency
    )
