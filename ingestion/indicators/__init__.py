"""Statistical and environmental indicator sources (BPS, Satu Data, ISPU stations)."""
