"""Residents' personal data: mask it before anything is stored or logged (AVG), delete it after
the retention period."""
