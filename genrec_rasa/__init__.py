"""Pieces of rasa-genrec that run inside the Rasa server (Python 3.8-3.10, rasa 3.6).

Each module imports only Rasa and :mod:`genrec_core`; Rasa loads them by their dotted path
from ``endpoints.yml`` and ``credentials.yml``. Installed with the ``genrec-actions`` package
(``pip install ./genrec_core ./actions`` in Rasa's environment), or from a checkout with the
folder above this one on ``PYTHONPATH``.
"""
