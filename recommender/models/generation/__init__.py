"""Generative replies: prompt building, generation and verification of shop-assistant replies."""

from recommender.models.generation.config import GenerationConfig
from recommender.models.generation.fallback import deterministic_reply
from recommender.models.generation.generator import Generator, load_model
from recommender.models.generation.prompt import Prompt, build_prompt
from recommender.models.generation.types import (
    ChosenProduct,
    GeneratedReply,
    ProfileFacts,
    ReplyContext,
)
from recommender.models.generation.verify import FactVocabulary, ReplyVerifier, Verdict
from recommender.models.generation.writer import GenerativeReplyWriter

__all__ = [
    "ChosenProduct",
    "FactVocabulary",
    "GeneratedReply",
    "GenerationConfig",
    "GenerativeReplyWriter",
    "Generator",
    "ProfileFacts",
    "Prompt",
    "ReplyContext",
    "ReplyVerifier",
    "Verdict",
    "build_prompt",
    "deterministic_reply",
    "load_model",
]
