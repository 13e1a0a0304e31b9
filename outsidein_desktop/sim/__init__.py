"""The engine: SimPy processes built from a ServiceMap, random streams, replications."""
