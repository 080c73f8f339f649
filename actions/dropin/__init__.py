"""``genrec-rasa``: merge the shopping assistant into a shop's Rasa project and check it."""
