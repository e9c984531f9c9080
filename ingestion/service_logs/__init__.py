"""Service logs: e-government transactions delivered daily by each regency/city."""
