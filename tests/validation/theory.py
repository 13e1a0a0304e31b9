"""Queueing theory the engine is checked against, written independently of the engine.

Rates are per minute and times are minutes, as in the engine. Every function is the
textbook formula (or, for Erlang-A, the textbook birth-death chain solved numerically),
kept small so that a reader can check it against a reference without reading the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp


def erlang_b(servers: int, offered: float) -> float:
    """Erlang B blocking probability, by the stable recurrence B(k) = aB(k-1)/(k + aB(k-1))."""
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = offered * blocking / (k + offered * blocking)
    return blocking


def erlang_c(servers: int, offered: float) -> float:
    """Probability that an arrival has to wait in an M/M/c queue (offered load a = λ/μ)."""
    if offered >= servers:
        raise ValueError("an M/M/c queue with a >= c has no steady state")
    blocking = erlang_b(servers, offered)
    return servers * blocking / (servers - offered * (1 - blocking))


def mmc_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time in the queue of an M/M/c queue: Wq = C(c, a) / (cμ − λ)."""
    offered = arrival_rate / service_rate
    return erlang_c(servers, offered) / (servers * service_rate - arrival_rate)


def mm1_wait(arrival_rate: float, service_rate: float) -> float:
    """Mean time in the queue of an M/M/1 queue: Wq = ρ / (μ − λ)."""
    rho = arrival_rate / service_rate
    if rho >= 1:
        raise ValueError("an M/M/1 queue with ρ >= 1 has no steady state")
    return rho / (service_rate - arrival_rate)


def md1_wait(arrival_rate: float, service_time: float) -> float:
    """Pollaczek–Khinchine for a fixed service time D: Wq = ρD / (2(1 − ρ))."""
    rho = arrival_rate * service_time
    if rho >= 1:
        raise ValueError("an M/D/1 queue with ρ >= 1 has no steady state")
    return rho * service_time / (2 * (1 - rho))


@dataclass(frozen=True)
class JacksonNode:
    servers: int
    service_rate: float  # per server, per minute


@dataclass(frozen=True)
class JacksonResult:
    arrival_rates: np.ndarray  # per node, per minute (solution of the traffic equations)
    visits: np.ndarray  # mean visits per customer
    waits: np.ndarray  # mean time in queue per visit
    time_in_system: float  # mean time from arrival to leaving the network


def jackson(external: np.ndarray, routing: np.ndarray,
            nodes: list[JacksonNode]) -> JacksonResult:
    """An open Jackson network: λ = γ + Pᵀλ, then each node is an M/M/c queue.

    ``external`` is γ (arrivals from outside per node), ``routing[i, j]`` the chance of
    going from node i to node j (the rest of each row leaves the network).
    """
    external = np.asarray(external, dtype=float)
    routing = np.asarray(routing, dtype=float)
    rates = np.linalg.solve(np.eye(len(nodes)) - routing.T, external)
    waits = np.array([mmc_wait(lam, n.service_rate, n.servers)
                      for lam, n in zip(rates, nodes, strict=True)])
    visits = rates / external.sum()
    sojourn = waits + np.array([1 / n.service_rate for n in nodes])
    return JacksonResult(rates, visits, waits, float(visits @ sojourn))


@dataclass(frozen=True)
class ErlangAResult:
    abandon_probability: float
    mean_queue: float  # E[number waiting]
    mean_wait: float  # E[time in queue] over all arrivals (Little's law on the queue)


def erlang_a(arrival_rate: float, service_rate: float, servers: int,
             abandon_rate: float, states: int = 2000) -> ErlangAResult:
    """M/M/c+M (exponential patience with rate θ) from its birth-death chain.

    States n = 0..N (truncated where the chain has no mass left), birth rate λ, death rate
    min(n, c)μ + max(n − c, 0)θ. An arrival gives up at rate θ per waiting customer, so
    P(abandon) = θ·E[Lq] / λ.
    """
    n = np.arange(1, states + 1)
    deaths = np.minimum(n, servers) * service_rate + np.maximum(n - servers, 0) * abandon_rate
    log_p = np.concatenate([[0.0], np.cumsum(np.log(arrival_rate) - np.log(deaths))])
    p = np.exp(log_p - logsumexp(log_p))
    if p[-1] > 1e-12:
        raise ValueError("truncate the Erlang-A chain further out")
    queue = np.maximum(np.arange(states + 1) - servers, 0)
    mean_queue = float(queue @ p)
    return ErlangAResult(abandon_probability=abandon_rate * mean_queue / arrival_rate,
                         mean_queue=mean_queue, mean_wait=mean_queue / arrival_rate)


def utilisation(arrival_rate: float, service_rate: float, servers: int) -> float:
    return arrival_rate / (servers * service_rate)


__all__ = ["erlang_b", "erlang_c", "mmc_wait", "mm1_wait", "md1_wait", "JacksonNode",
           "JacksonResult", "jackson", "ErlangAResult", "erlang_a", "utilisation", "math"]
