"""Smart-province data platform library."""
