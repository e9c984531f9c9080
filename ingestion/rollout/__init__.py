"""Rollout register: which villages each programme targets and when they went live."""
