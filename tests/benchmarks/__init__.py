"""Benchmarks (not tests): `python -m tests.benchmarks --help`."""
