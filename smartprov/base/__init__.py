"""The platform's base: settings and paths (the one module that reads the environment), the
warehouse connection and its lock, secrets, the reference geography, locale and palette.

Nothing here imports anything else of the project: every other layer stands on it.
"""
