import flet as ft
from app.ui import kit
from app.ui.state import use_app
@ft.component
def Unsafe() -> ft.View:
    app = use_app()
    return kit.screen("/session/unsafe", "Unsafe", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
