import panel as pn

pn.extension()

slider = pn.widgets.IntSlider(name="Value", start=0, end=10, value=3)
pn.Column(slider, pn.bind(lambda v: f"Squared: {v * v}", slider)).servable()
