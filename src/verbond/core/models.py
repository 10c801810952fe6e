"""Core has no models; this module makes Django send it post_migrate (which creates the cache table)."""
