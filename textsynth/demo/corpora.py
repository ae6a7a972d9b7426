"""Loaders for the real corpora shipped inside PyPI packages (unpacked into data/ by `make data`).

Used by `make demo`, the benchmarks in eval/ and the tests; no pipeline stage depends on them.
``python -m textsynth.demo.corpora --task sentiment --seeds 1600 -o data/demo/rt_seeds.jsonl`` writes demo seeds.
"""
from __future__ import annotations

import argparse
import bz2
import csv
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # the checkout holding data/ (`make data`)
DATA = REPO / "data"
RT_PATH = DATA / "rotten_tomatoes_corpus_full.csv.bz2"
CHITCHAT_PATH = DATA / "chitchat.json"
RT_LABELS = {"fresh": "positive", "rotten": "negative"}


def _require(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make data` first")
    return path


def load_rotten_tomatoes() -> list[dict]:
    """Rotten Tomatoes snippets as {id, text, label} with fresh->positive, rotten->negative; plot rows dropped."""
    rows = []
    with bz2.open(_require(RT_PATH), "rt", encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if row["category"] in RT_LABELS and row["text"].strip():
                rows.append({"id": f"rt-{i}", "text": row["text"].strip(), "label": RT_LABELS[row["category"]]})
    return rows


def sample(rows: list[dict], n: int, seed: int = 0) -> list[dict]:
    """A seeded sample keeping the label proportions (stratified)."""
    rng = random.Random(seed)
    by_label: dict[str, list[dict]] = {}
    for r in rows:
        by_label.setdefault(r.get("label"), []).append(r)
    out = []
    for label, group in sorted(by_label.items(), key=lambda kv: str(kv[0])):
        k = round(n * len(group) / len(rows))
        out.extend(rng.sample(group, min(k, len(group))))
    rng.shuffle(out)
    return out[:n]


def load_chitchat(min_turns: int = 2, max_turns: int = 8) -> list[dict]:
    """chitchat-dataset conversations as {id, messages: [{role, content}], label: prompt-topic or None}.

    Consecutive messages of one sender form one turn; the first speaker is the user, the other the assistant.
    """
    data = json.loads(_require(CHITCHAT_PATH).read_text(encoding="utf-8"))
    out = []
    for conv_id, conv in data.items():
        turns = []
        first_sender = None
        for group in conv.get("messages", []):
            text = " ".join(m["text"].strip() for m in group if m.get("text", "").strip())
            if not text:
                continue
            sender = group[0].get("sender")
            first_sender = first_sender or sender
            role = "user" if sender == first_sender else "assistant"
            if turns and turns[-1]["role"] == role:
                turns[-1]["content"] += " " + text
            else:
                turns.append({"role": role, "content": text})
        turns = turns[:max_turns]
        if len(turns) >= min_turns:
            out.append({"id": f"chitchat-{conv_id[:8]}", "messages": turns})
    return out


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path



def main(argv: list[str] | None = None) -> None:
    """Write a seeded, label-stratified sample of a real corpus as demo seeds (JSONL)."""
    ap = argparse.ArgumentParser(description="Write demo seeds from a corpus unpacked by `make data`.")
    ap.add_argument("--task", choices=["sentiment", "chat"], default="sentiment")
    ap.add_argument("--seeds", type=int, default=1600, help="records to sample")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    rows = load_rotten_tomatoes() if args.task == "sentiment" else load_chitchat()
    write_jsonl(sample(rows, args.seeds, seed=0), args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
