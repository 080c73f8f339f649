"""Custom actions of the rasa-genrec shopping assistant (run with ``rasa run actions``).

Thin by design: each module turns tracker state into one recommender call (through
:mod:`actions.api`) and the answer into channel messages. No model is loaded here.
"""

from actions.answer import ActionAnswerQuestion
from actions.fallback import ActionFallbackReply
from actions.faq import ActionAnswerFaq
from actions.feedback import ActionRecordFeedback
from actions.handoff import ActionHandoff
from actions.privacy import ActionSetPersonalisation
from actions.product_details import ActionProductDetails
from actions.recommend import ActionRecommendProducts
from actions.scope import ActionOutOfScope
from actions.show_more import ActionShowMore
from actions.similar import ActionSimilarProducts
from actions.welcome import ActionGreet
from genrec_core import redacting_log

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
