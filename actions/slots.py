"""Slot names of the shopping assistant, in one place (domain/*.yml declares them).

The assistant's own bookkeeping slots start with ``genrec_`` so that they never meet a slot of
the shop's bot (``asked``, ``attributes``, ``last_feedback`` are ordinary names); the three a
shop's NLU may fill from the same entities (``category``, ``brand``, ``budget``) are shared on
purpose (docs/DROPIN.md).
"""

from __future__ import annotations

# What the shopper wants (set from the recommender's understanding; domain/shopping.yml).
CATEGORY = "category"
BRAND = "brand"
BUDGET = "budget"  # readable label: "under $100", "cheap", "any"
BUDGET_MIN = "genrec_budget_min"
BUDGET_MAX = "genrec_budget_max"
PRICE_TIER = "genrec_price_tier"  # "low" / "high" for "cheap" / "premium": no amount was said
ATTRIBUTES = "genrec_attributes"
DECLINED = "genrec_declined"  # fields the shopper does not care about: "brand", "attributes.color"
ASKED = "genrec_asked"  # the field of the refining question asked last

# What was shown (domain/shopping.yml, domain/feedback.yml).
SHOWN_IDS = "genrec_shown_product_ids"
LAST_PRODUCTS = "genrec_last_products"
SEARCH_FILTERS = "genrec_search_filters"
LAST_TRACE_ID = "genrec_last_trace_id"
DISCUSSED_PRODUCT = "genrec_discussed_product"
# For review (domain/review.yml): "generated" or "template"; "up" or "down".
LAST_REPLY_SOURCE = "genrec_last_reply_source"
LAST_FEEDBACK = "genrec_last_feedback"

# Fallbacks and handoff (domain/support.yml).
HUMAN_OFFERED = "genrec_human_offered"
FALLBACK_STREAK = "genrec_fallback_streak"
