"""govkg.loaders: charter files → normalised text → document model → facts with provenance.

Knows Vietnamese legal text and nothing about stores.
"""
