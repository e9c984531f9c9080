"""SP4N-LAPOR! complaints: export files, the API pull and the local API stand-in."""
