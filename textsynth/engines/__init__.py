"""Engines drive the same stage functions in different places.

``local`` (the default) is the in-process path of ``pipeline.py`` and ``gate/``. ``ray`` (``engines/ray/``,
``pip install 'textsynth-corpora[ray]'``) runs scrub as Ray Data ``map_batches`` over input shards with an actor pool,
and generate+filter with pools of generation and filter actors, under the local engine's results contract.
"""
