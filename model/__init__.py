"""The bottom layer: records that cross stages, errors, the check registry, value types.

Every other package imports from here; this package imports from none of them.
"""
