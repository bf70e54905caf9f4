"""Pijat Oksitosin: an offline coach for oxytocin massage and a milk-flow diary."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = ROOT / "assets"
LOCALES_DIR = ROOT / "locales"
