"""LaporGub!, Central Java's own complaint channel (contract: shared/contracts/laporgub-v1.md)."""
