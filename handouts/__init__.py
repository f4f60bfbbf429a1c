"""handouts: a clinic's YAML exercise library → branded per-patient PDF home programs.

The public API lives in :mod:`handouts.build`; import it from there. Nothing happens at import.
"""

__version__ = "0.1.0"
