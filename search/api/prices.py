"""Prices as responses show them: USD as listed, CNY at the configured rate, and the optional landed estimate."""

from __future__ import annotations

from search.api.schemas import FacetStats, LandedEstimate, Price
from search.config import Settings
from search.service import Currency, SearchService


def price_of(usd: float, settings: Settings) -> Price:
    return Price(usd=usd, cny=round(usd * settings.cny_per_usd, 2), landed=landed_estimate(usd, settings))


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
    return LandedEstimate(usd=round(landed, 2), cny=round(landed * settings.cny_per_usd, 2), note=note)


def price_range_in(
    currency: Currency, usd_range: tuple[float, float] | None, service: SearchService
) -> FacetStats | None:
    """The lowest and highest price of a result (USD from the backend) in the shopper's currency."""
    if usd_range is None:
        return None
    rate = service.per_usd(currency)
    low, high = usd_range
    return FacetStats(min=round(low * rate, 2), max=round(high * rate, 2), currency=currency)
