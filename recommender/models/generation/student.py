"""A small student model and its domain tokenizer (byte-level BPE, slots as single tokens)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

CHAT_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
    "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]
MAX_PRODUCTS = 5


def slot_tokens() -> list[str]:
    """Slot names that get one token each (attribute slots are spelled from BPE pieces)."""
    names = ["[BUDGET]", "[CATEGORY]"]
    names += [f"[{k}{i}]" for k in ("BRAND", "BOUGHT", "VIEWED") for i in (1, 2)]
    for i in range(1, MAX_PRODUCTS + 1):
        names += [f"[P{i}]", f"[P{i}_BRAND]", f"[P{i}_PRICE]"]
    return names


def train_tokenizer(texts: Iterable[str], vocab_size: int = 2048) -> Any:
    """Byte-level BPE on ``texts`` wrapped as a ``PreTrainedTokenizerFast`` with chat template."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL,
        show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(texts, trainer)
    tok.add_tokens([AddedToken(s, normalized=False, special=False) for s in slot_tokens()])
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        unk_token="<|endoftext|>",
        pad_token="<pad>",
    )
    fast.chat_template = CHAT_TEMPLATE
    return fast


def student_config(
    vocab_size: int,
    *,
    hidden: int = 128,
    layers: int = 4,
    heads: int = 4,
    kv_heads: int = 2,
    intermediate: int = 384,
    max_positions: int = 1024,
    pad_token_id: int = 0,
    eos_token_id: int = 0,
) -> Any:
    """A Llama-shaped config for the student (same code path as SmolLM2)."""
    from transformers import LlamaConfig

    return LlamaConfig(  # type: ignore[call-arg]
        vocab_size=vocab_size,
        hidden_size=hidden,
        intermediate_size=intermediate,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=max_positions,
        tie_word_embeddings=True,
        pad_token_id=pad_token_id,
        eos_token_id=eos_token_id,
        bos_token_id=eos_token_id,
        rope_theta=10000.0,
    )
