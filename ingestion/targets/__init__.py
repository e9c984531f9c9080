"""Plan targets per indicator from Bappeda (contract: targets-v1)."""
