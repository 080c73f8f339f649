"""Errors of ``genrec-rasa``."""


class MergeConflict(Exception):
    """The shop's project holds something the assistant cannot be merged with."""
