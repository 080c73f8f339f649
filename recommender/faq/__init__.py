"""FAQ/QA answers from the shop's knowledge base, with "don't know" below a threshold."""

from recommender.faq.config import FaqConfig
from recommender.faq.knowledge_base import (
    KnowledgeBaseError,
    Passage,
    load_file,
    load_knowledge_base,
)

__all__ = [
    "FaqConfig",
    "KnowledgeBaseError",
    "Passage",
    "load_file",
    "load_knowledge_base",
]
