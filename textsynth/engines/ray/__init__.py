"""The Ray engine: scrub and generate+filter on a Ray cluster, with the local engine's results contract.

**Scrub** is Ray Data ``map_batches`` over shards of the input (row ranges of a JSONL, CSV or Parquet file) with
an actor pool: each actor builds the analyzer once, reads its shard with textsynth's own reader (validation,
``file:line:field`` errors, read rejects) and scrubs it, so raw rows never leave the actor that reads them.
All actors share the driver's salt and key, so a value gets the same fake everywhere; their audit counts and
seed PII hashes are merged by the driver's ``Scrubber``. Output keeps the input order: the records are the
local engine's for a fixed salt.

**Generate+filter** runs the gate (``textsynth.gate``) with its loop in the driver, the coordinator: it tracks
the kept count per label and issues a shard (a per-label request sized by the acceptance rate) to a
generation actor (one model each; ``num_gpus=1`` when the cluster has GPUs) whose output feeds a filter actor
directly (``FilterRunner.screen``: seed n-grams, MinHash, neighbours, PII, label; seed indexes built once per
actor). The driver admits the screened shards in issue order against the one candidate index
(``FilterRunner.admit``: near-duplicates across all workers), fills the quotas (surplus is rejected as such),
appends the outputs and journals each shard exactly like the local engine, so a killed driver resumes from the
shards already written, with the same files. It stops issuing work once the in-flight shards are expected to
fill the quotas. A dead actor is restarted (``max_restarts``) and its task retried on the new one.

The secret key travels to the actors in their constructor arguments (as the local engine's worker processes
get it); Ray keeps those in its control store for restarts.
"""
from .generate import generate_filtered_on_ray
from .scrub import RayScrub, plan_shards, scrub_on_ray
from .session import actor_options, check_fits, import_ray, ray_session

__all__ = ["RayScrub", "actor_options", "check_fits", "generate_filtered_on_ray", "import_ray", "plan_shards",
           "ray_session", "scrub_on_ray"]
