import solara

clicks = solara.reactive(0)


@solara.component
def Page():
    solara.Button(f"Clicked {clicks.value} times", on_click=lambda: clicks.set(clicks.value + 1))
