"""Sync bundles (DESIGN §4): keys and peers, writing, verifying and applying bundles."""
