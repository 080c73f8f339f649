"""Slot names of the shopping assistant, in one place (domain/*.yml declares them)."""

from __future__ import annotations

# What the shopper wants (set from the recommender's understanding; domain/shopping.yml).
CATEGORY = "category"
BRAND = "brand"
BUDGET = "budget"  # readable label: "under $100", "cheap", "any"
BUDGET_MIN = "budget_min"
BUDGET_MAX = "budget_max"
PRICE_TIER = "price_tier"  # "low" / "high" for "cheap" / "premium": no amount was said
ATTRIBUTES = "attributes"
DECLINED = "declined"  # fields the shopper does not care about: "brand", "attributes.color"
ASKED = "asked"  # the field of the refining question asked last

# What was shown (domain/shopping.yml, domain/feedback.yml).
SHOWN_IDS = "shown_product_ids"
LAST_PRODUCTS = "last_products"
SEARCH_FILTERS = "search_filters"
LAST_TRACE_ID = "last_trace_id"
LAST_REPLY_SOURCE = "last_reply_source"  # "generated" or "template", for review (domain/review.yml)
DISCUSSED_PRODUCT = "discussed_product"

# Fallbacks and handoff (domain/support.yml).
HUMAN_OFFERED = "human_offered"
FALLBACK_STREAK = "fallback_streak"
