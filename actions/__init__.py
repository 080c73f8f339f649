"""Custom actions of the rasa-genrec shopping assistant (run with ``rasa run actions``).

Thin by design: each module turns tracker state into one recommender call (through
:mod:`actions.api`) and the answer into channel messages. No model is loaded here.
"""

from genrec_core import redacting_log

from . import settings
from .answer import ActionAnswerQuestion
from .fallback import ActionFallbackReply
from .faq import ActionAnswerFaq
from .feedback import ActionRecordFeedback
from .handoff import ActionHandoff
from .privacy import ActionSetPersonalisation
from .product_details import ActionProductDetails
from .recommend import ActionRecommendProducts
from .scope import ActionOutOfScope
from .show_more import ActionShowMore
from .similar import ActionSimilarProducts
from .welcome import ActionGreet

__all__ = [
    "ActionAnswerFaq",
    "ActionAnswerQuestion",
    "ActionFallbackReply",
    "ActionGreet",
    "ActionHandoff",
    "ActionOutOfScope",
    "ActionProductDetails",
    "ActionRecommendProducts",
    "ActionRecordFeedback",
    "ActionSetPersonalisation",
    "ActionShowMore",
    "ActionSimilarProducts",
]

# The action server has configured its log handlers when it imports this package: redact
# what they write (a user's message in an exception or a warning).
redacting_log.install()
# A malformed setting (docs/CONFIG.md) stops the action server at start, not at a turn.
settings.get_settings()
