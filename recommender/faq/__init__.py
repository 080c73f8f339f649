"""FAQ/QA answers from the shop's knowledge base, with "don't know" below a threshold."""

from recommender.faq.config import FaqConfig
from recommender.faq.knowledge_base import (
    KnowledgeBaseError,
    Passage,
    load_file,
    load_knowledge_base,
)
from recommender.faq.retriever import Encoder, FaqHit, FaqRetriever, RetrievedAnswer

__all__ = [
    "Encoder",
    "FaqConfig",
    "FaqHit",
    "FaqRetriever",
    "KnowledgeBaseError",
    "Passage",
    "RetrievedAnswer",
    "load_file",
    "load_knowledge_base",
]
