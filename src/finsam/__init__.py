"""finsam: the application desk of a Swedish samordningsförbund (FINSAM)."""

__version__ = "0.3.0"
