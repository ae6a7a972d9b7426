import pytest
import torch

from textsynth.config import SamplingConfig
from textsynth.models import decode

torch.set_num_threads(1)


@pytest.mark.parametrize("top_p", [0.5, 0.9, 0.95, 0.999])
@pytest.mark.parametrize("candidates", [3, 256])  # 3: most rows need the full-sort fallback
def test_nucleus_mask_keeps_what_transformers_top_p_keeps(top_p, candidates):
    from transformers import TopPLogitsWarper

    g = torch.Generator().manual_seed(0)
    logits = torch.randn(16, 500, generator=g) * torch.linspace(0.1, 8, 16)[:, None]  # flat to peaked rows
    probs = torch.softmax(logits, -1)
    expected = TopPLogitsWarper(top_p)(None, logits.clone()) > -float("inf")
    assert torch.equal(decode.nucleus_mask(probs, top_p, candidates), expected)


@pytest.fixture(scope="module")
def tiny(tiny_llama_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_llama_dir)
    tok.padding_side = "left"
    return AutoModelForCausalLM.from_pretrained(tiny_llama_dir).eval(), tok


def test_greedy_rows_leaving_the_batch_match_transformers_generate(tiny):
    """Rows that stop early leave the batch; the others go on exactly as in one ``generate`` call."""
    model, tok = tiny
    prompts = ["a gripping film", "the service was friendly and the food", "dull", "terrible support, they never"]
    enc = tok(prompts, return_tensors="pt", padding=True)
    params = SamplingConfig(temperature=0.0, max_new_tokens=12, repetition_penalty=1.3)
    stop_mask = torch.zeros(model.config.vocab_size, dtype=torch.bool)
    with torch.inference_mode():
        ref = model.generate(**enc, max_new_tokens=12, do_sample=False, repetition_penalty=1.3,
                             pad_token_id=tok.pad_token_id, eos_token_id=None)[:, enc["input_ids"].shape[1]:]
    # stop tokens chosen so that the rows end at different steps (one never stops)
    cut = {0: 2, 1: 5, 2: 8}
    for row, k in cut.items():
        stop_mask[ref[row, k]] = True
    out = decode.sample(model, enc["input_ids"], enc["attention_mask"], torch.arange(4), params, 0, stop_mask, 1,
                        set())
    for row, ids in enumerate(out):
        first_stop = next((k for k, t in enumerate(ref[row].tolist()) if stop_mask[t]), 11)
        assert ids == ref[row, :first_stop + 1].tolist()
    assert len({len(ids) for ids in out}) > 1


def test_finished_rows_cost_nothing_and_shared_prompts_prefill_once(tiny):
    model, tok = tiny
    enc = tok(["a gripping film", "dull"], return_tensors="pt", padding=True)
    index = torch.tensor([0, 0, 0, 1, 1])
    rows_run = []
    hook = model.register_forward_pre_hook(lambda mod, args, kwargs: rows_run.append(kwargs["input_ids"].shape),
                                           with_kwargs=True)
    stop_mask = torch.zeros(model.config.vocab_size, dtype=torch.bool)
    stop_mask[::3] = True  # a third of the vocabulary ends a row: rows stop at different steps
    try:
        out = decode.sample(model, enc["input_ids"], enc["attention_mask"], index,
                            SamplingConfig(temperature=1.0, top_p=0.9, max_new_tokens=30), 7, stop_mask, 2, set())
    finally:
        hook.remove()
    assert rows_run[0][0] == 2  # one prefill row per distinct prompt
    # every later step runs exactly the rows that had not finished: row-steps == tokens written - first tokens
    assert sum(shape[0] for shape in rows_run[1:]) == sum(len(ids) for ids in out) - len(out)
    assert all(len(ids) == 30 or sum(bool(stop_mask[t]) for t in ids) == 2 for ids in out)
    again = decode.sample(model, enc["input_ids"], enc["attention_mask"], index,
                          SamplingConfig(temperature=1.0, top_p=0.9, max_new_tokens=30), 7, stop_mask, 2, set())
    assert again == out  # reproducible under the seed
