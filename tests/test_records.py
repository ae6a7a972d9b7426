"""Record and Rejection: serialisation round trips and the text used for analysis."""
from textsynth.records import Record, Rejection


def test_text_record_round_trip():
    rec = Record(id="1", text="great film", label="positive", meta={"k": 1})
    assert Record.from_dict(rec.to_dict()) == rec
    assert rec.content() == "great film" and not rec.is_chat


def test_chat_record_round_trip_and_content():
    rec = Record(id="c", messages=[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}])
    d = rec.to_dict()
    assert "text" not in d and Record.from_dict(d) == rec
    assert rec.content() == "hi\nhello" and rec.is_chat


def test_rejection_drops_empty_fields():
    rej = Rejection(stage="read", reason="empty text", source="f.jsonl:3", field="text")
    assert rej.to_dict() == {"stage": "read", "reason": "empty text", "source": "f.jsonl:3", "field": "text"}
