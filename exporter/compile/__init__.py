"""Compilations: several editions into one volume (a printable week, a month's e-book)."""

from .config import CompilationConfig, read_config
from .volume import CompiledVolume, compile_volume

__all__ = ["CompilationConfig", "CompiledVolume", "compile_volume", "read_config"]
