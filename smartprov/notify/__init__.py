"""Closing the loop with the regencies/cities: delivery receipts (``receipts``), the contact
list (``contacts``), what needs someone's attention (``facts``), the notices in Bahasa
Indonesia (``messages``), sending and the notice ledger (``send``), and the run (``run``)."""
