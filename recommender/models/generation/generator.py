"""Stage 2: a causal LM loaded with ``from_pretrained`` and a fast greedy decoder for it.

Speed techniques, each switchable for the benchmark:

* KV cache: every step feeds one new token per row.
* Prompt-prefix cache: the fixed system rules are run through the model once; each request
  starts from a copy of that cache and only computes its own body.
* Batching: bodies of concurrent requests are padded *between* prefix and body (left of the
  body), with explicit position ids, so all rows share the cached prefix.
* bf16 weights or dynamic int8 linear layers.
* Decode steps of unpadded batches without transformers' per-call machinery
  (:mod:`recommender.models.generation.fast_decode`; the same logits, bit for bit).
* Plain ``model.generate`` (baseline; optional prompt-lookup decoding) for comparison.
"""

from __future__ import annotations

import inspect
import logging
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from recommender.models.generation.fast_decode import FastLlamaDecoder
from recommender.models.generation.prompt import Prompt

logger = logging.getLogger(__name__)
_DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16}


def load_model(
    path: str, *, adapter_path: str = "", dtype: str = "float32", int8: bool = False
) -> tuple[Any, Any]:
    """``(model, tokenizer)`` from a ``from_pretrained`` folder, ready for inference.

    Args:
        path: model folder or Hugging Face id (nothing is downloaded: ``local_files_only``).
        adapter_path: LoRA adapter folder, merged into the weights.
        dtype: ``float32`` or ``bfloat16``.
        int8: dynamically quantize the linear layers to int8 (CPU).
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=_DTYPES[dtype], local_files_only=True)
    if adapter_path:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, adapter_path).merge_and_unload()
    model.eval()
    if int8:
        with warnings.catch_warnings():
            # torch.ao.quantization is deprecated in favour of torchao (not a dependency here);
            # its dynamic int8 Linear still works in torch 2.13 and is measured in the bench
            warnings.simplefilter("ignore", DeprecationWarning)
            from torch.ao.quantization import quantize_dynamic

            model = quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return model, tokenizer


def stop_ids(tokenizer: Any) -> set[int]:
    """Token ids that end a reply (EOS and the chat end-of-turn marker)."""
    ids = {tokenizer.eos_token_id}
    for tok in ("<|im_end|>", "<|endoftext|>"):
        tid = tokenizer.convert_tokens_to_ids(tok)
        if isinstance(tid, int) and tid != tokenizer.unk_token_id:
            ids.add(tid)
    return {i for i in ids if i is not None}


def encode(tokenizer: Any, text: str) -> list[int]:
    """Token ids of ``text`` without added special tokens."""
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def _cache_kwarg(model: Any) -> str:
    """Name of the KV-cache argument (``cache`` in transformers >= 5.2x, else the old name)."""
    params = inspect.signature(model.forward).parameters
    return "cache" if "cache" in params else "past_key_values"


def _cache_of(out: Any) -> Any:
    cache = getattr(out, "cache", None)
    return cache if cache is not None else out.past_key_values


@dataclass
class _Prefix:
    text: str
    ids: list[int]
    kv: list[tuple[torch.Tensor, torch.Tensor]]


class Generator:
    """Greedy generation for prompts from ``build_prompt`` (thread-safe, one model)."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        max_new_tokens: int = 64,
        prefix_cache: bool = True,
        fast_decode: bool = True,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.max_new_tokens = max_new_tokens
        self.prefix_cache = prefix_cache
        self.stop = stop_ids(tokenizer)
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self._prefixes: dict[str, _Prefix] = {}
        self._lock = threading.Lock()
        self._kv_arg = _cache_kwarg(model)
        params = inspect.signature(model.forward).parameters
        # prefill: project only the last position onto the vocabulary
        self._last_logits = {"logits_to_keep": 1} if "logits_to_keep" in params else {}
        # decode steps of unpadded batches without transformers' per-call overhead (same logits)
        self._fast = (
            FastLlamaDecoder(model) if fast_decode and FastLlamaDecoder.supports(model) else None
        )

    @classmethod
    def from_pretrained(cls, path: str, **kwargs: Any) -> Generator:
        """Load a model folder (see ``load_model``) and wrap it."""
        load_kw = {k: kwargs.pop(k) for k in ("adapter_path", "dtype", "int8") if k in kwargs}
        model, tokenizer = load_model(path, **load_kw)
        return cls(model, tokenizer, **kwargs)

    # ------------------------------------------------------------------ fast path
    @torch.inference_mode()
    def _prefix(self, text: str) -> _Prefix:
        cached = self._prefixes.get(text)
        if cached is None:
            ids = encode(self.tokenizer, text)
            out = self.model(torch.tensor([ids]), use_cache=True)
            kv = [(layer.keys, layer.values) for layer in _cache_of(out).layers]
            cached = _Prefix(text, ids, kv)
            self._prefixes[text] = cached
        return cached

    @torch.inference_mode()
    def generate(
        self,
        prompts: Sequence[Prompt],
        max_new_tokens: int | None = None,
        *,
        temperature: float = 0.0,
        seed: int = 0,
        min_new_tokens: int = 0,
    ) -> list[str]:
        """Replies for a batch of prompts sharing one prefix (KV cache + prefix cache).

        Greedy when ``temperature`` is 0, else top-20 sampling seeded with ``seed``.
        ``min_new_tokens`` suppresses the stop tokens until then (benchmarks use it to time
        replies of a fixed length).
        """
        from transformers import DynamicCache

        if not prompts:
            return []
        with self._lock:
            max_new = max_new_tokens or self.max_new_tokens
            prefix_text = prompts[0].prefix if self.prefix_cache else ""
            assert all(p.prefix == prompts[0].prefix for p in prompts), "mixed prompt prefixes"
            bodies = [
                encode(self.tokenizer, (p.body if self.prefix_cache else p.text)) for p in prompts
            ]
            b, width = len(bodies), max(len(x) for x in bodies)
            cache = DynamicCache(config=self.model.config)
            past = 0
            if prefix_text:
                pre = self._prefix(prefix_text)
                past = len(pre.ids)
                for i, (k, v) in enumerate(pre.kv):
                    cache.update(
                        k.expand(b, -1, -1, -1).contiguous(),
                        v.expand(b, -1, -1, -1).contiguous(),
                        i,
                    )
            ids = torch.full((b, width), self.pad_id, dtype=torch.long)
            mask = torch.zeros((b, past + width), dtype=torch.long)
            mask[:, :past] = 1
            pos = torch.zeros((b, width), dtype=torch.long)
            padded = any(len(body) != width for body in bodies)  # no mask: causal fast path
            for r, body in enumerate(bodies):
                pad = width - len(body)
                ids[r, pad:] = torch.tensor(body)
                mask[r, past + pad :] = 1
                pos[r, pad:] = torch.arange(past, past + len(body))
            out = self.model(
                input_ids=ids,
                attention_mask=mask if padded else None,
                position_ids=pos,
                use_cache=True,
                **self._last_logits,
                **{self._kv_arg: cache},
            )
            next_pos = pos[:, -1] + 1
            generated: list[list[int]] = [[] for _ in range(b)]
            done = [False] * b
            rng = torch.Generator().manual_seed(seed)
            stop_list = sorted(self.stop)
            fast = self._fast if not padded else None
            kv = [[layer.keys, layer.values] for layer in _cache_of(out).layers] if fast else []
            logits = out.logits[:, -1, :]
            for step in range(max_new):
                if step < min_new_tokens:
                    logits = logits.clone()
                    logits[:, stop_list] = float("-inf")
                nxt = self._pick(logits, temperature, rng)
                for r, tok in enumerate(nxt.tolist()):
                    if not done[r]:
                        if tok in self.stop:
                            done[r] = True
                        else:
                            generated[r].append(tok)
                if all(done):
                    break
                if fast is not None:
                    logits = fast.step(nxt[:, None], next_pos[:, None], kv)
                else:
                    if padded:
                        mask = torch.cat([mask, torch.ones((b, 1), dtype=torch.long)], dim=1)
                    out = self.model(
                        input_ids=nxt[:, None],
                        attention_mask=mask if padded else None,
                        position_ids=next_pos[:, None],
                        use_cache=True,
                        **{self._kv_arg: _cache_of(out)},
                    )
                    logits = out.logits[:, -1, :]
                next_pos = next_pos + 1
            return [self.tokenizer.decode(g, skip_special_tokens=True).strip() for g in generated]

    @staticmethod
    def _pick(logits: torch.Tensor, temperature: float, rng: torch.Generator) -> torch.Tensor:
        if temperature <= 0:
            return logits.argmax(dim=-1)
        top = torch.topk(logits.float() / temperature, k=min(20, logits.shape[-1]), dim=-1)
        choice = torch.multinomial(torch.softmax(top.values, dim=-1), 1, generator=rng)
        return top.indices.gather(-1, choice).squeeze(-1)

    # ------------------------------------------------------------------ baseline path
    @torch.inference_mode()
    def hf_generate(
        self,
        prompt: Prompt,
        max_new_tokens: int | None = None,
        *,
        use_cache: bool = True,
        prompt_lookup_tokens: int = 0,
        min_new_tokens: int = 0,
    ) -> str:
        """Plain ``model.generate`` on the whole prompt (the baseline), greedy."""
        ids = torch.tensor([encode(self.tokenizer, prompt.text)])
        kwargs: dict[str, Any] = {}
        if prompt_lookup_tokens:
            kwargs["prompt_lookup_num_tokens"] = prompt_lookup_tokens
        if min_new_tokens:
            kwargs["min_new_tokens"] = min_new_tokens
        out = self.model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=max_new_tokens or self.max_new_tokens,
            do_sample=False,
            use_cache=use_cache,
            eos_token_id=sorted(self.stop),
            pad_token_id=self.pad_id,
            **kwargs,
        )
        return self.tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True).strip()
