import flet as ft
def build(ctx):
    return ft.View(route="/x", controls=[ft.Text("todo")])
