"""rasa-genrec recommender service: catalog, retrieval, ranking and grounded replies."""

__version__ = "0.1.0"
__all__ = ["__version__"]
