"""Read and write catalog files: JSON Lines, CSV and Google Merchant Center feeds (TSV, XML).

Every reader streams its file, validates each record strictly and raises
:class:`~recommender.errors.CatalogError` naming the row (1-based, data rows only)
and the field. The schema and the formats are documented in ``docs/CATALOG.md``.

Modules: ``fields`` (record -> Product), ``lines`` (safe line reading), ``jsonl``,
``delimited`` (CSV and the TSV table), ``merchant`` (Merchant Center TSV and XML),
``readers`` (format detection, cross-record checks) and ``writers`` (``dump_*``).
"""

from recommender.data.loaders.fields import product_from_record
from recommender.data.loaders.lines import MAX_LINE_BYTES
from recommender.data.loaders.readers import FORMATS, detect_format, iter_products, load_catalog
from recommender.data.loaders.writers import dump_csv, dump_jsonl

__all__ = [
    "FORMATS",
    "MAX_LINE_BYTES",
    "detect_format",
    "dump_csv",
    "dump_jsonl",
    "iter_products",
    "load_catalog",
    "product_from_record",
]
