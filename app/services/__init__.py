"""Flet-free use cases over the domain and the store: the guided session, the diary."""
