"""Entry shim for `flet build` (it wants main.py beside assets/). Run `python -m app` instead."""

import flet as ft

from app.ui.shell import main as app_main

if __name__ == "__main__":
    ft.run(app_main, assets_dir="assets")
