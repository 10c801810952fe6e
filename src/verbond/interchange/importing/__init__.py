"""Importing the network lists organisations keep in spreadsheets: reading, mapping, normalising, matching.

Everything here is plain data in, plain data out; `verbond.interchange.services` does the writing.
"""
