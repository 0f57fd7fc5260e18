"""finsam: the application desk of a Swedish samordningsförbund (FINSAM)."""

__version__ = "0.1.0"
