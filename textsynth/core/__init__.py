"""Core helpers that no stage owns: every stage imports them, none of them imports a stage.

- ``text``: the one tokeniser and the chat serialisation;
- ``ngrams``: the word n-gram index shared by the memorisation gate and the privacy metric;
- ``split``: the seeded, label-stratified train/test split;
- ``fingerprint``: stable hashes of settings and data that resume checks compare;
- ``seed_pii``: the seed PII index (keyed hashes of the seeds' PII values) and the lookup protocol stages use.
"""
