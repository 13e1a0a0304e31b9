"""Running replications on a Dask distributed cluster, for sweeps too big for one machine.

Dask is an optional extra (``pip install outsidein-desktop[cluster]``): it is imported
only when a cluster is asked for. The cluster's workers need OutsideIn installed (the same
version) to run the engine. Results are the same as on local processes, because each
replication's random numbers depend only on the seed and its number.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from ..errors import OutsideInError

#: How long to wait for a scheduler to answer before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10


class ClusterError(OutsideInError):
    """The cluster cannot be used: Dask is missing, or the scheduler does not answer."""


@contextmanager
def cluster_executor(address: str) -> Iterator[Executor]:
    """An executor whose tasks run on the Dask scheduler at ``address``
    (``tcp://host:8786``), closed again at the end of the ``with`` block."""
    try:
        from distributed import Client
    except ImportError as error:
        raise ClusterError(
            "Running on a cluster needs Dask: pip install 'outsidein-desktop[cluster]'."
        ) from error
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"Cannot reach the Dask scheduler at '{address}': {error}") from error
    try:
        with client.get_executor(pure=False) as executor:
            yield executor
    finally:
        client.close()
