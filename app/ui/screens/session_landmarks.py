import flet as ft
from app.ui import kit
from app.ui.state import use_app
@ft.component
def Landmarks() -> ft.View:
    app = use_app()
    return kit.screen("/session/landmarks", "Landmarks", [kit.primary_button("Next", lambda e: (app.session.start(), app.go("/session/run")), "next2")], on_back=lambda e: app.back())
