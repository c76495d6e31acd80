"""Reporters only format: they take FileResults and write them out."""
