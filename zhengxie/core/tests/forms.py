"""What a browser would post from a page's form, for tests that submit pages they did not build (the admin site)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self.select = self.textarea = None
        self.first_option = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "option" and self.select:
            self._option(a)
        elif name and tag == "input":
            self._input(name, a)
        elif name and tag == "select":
            self.select, self.first_option = name, True
        elif name and tag == "textarea":
            self.textarea = name
            self.data[name] = ""

    def _input(self, name, a):
        kind = a.get("type")
        if kind in ("submit", "button", "file") or (kind in ("checkbox", "radio") and "checked" not in a):
            return
        self.data[name] = a.get("value") or ("on" if kind == "checkbox" else "")

    def _option(self, a):
        if "selected" in a or self.first_option:  # a browser posts the first option when none is selected
            self.data[self.select] = a.get("value", "")
        self.first_option = False

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, text):
        if self.textarea:
            self.data[self.textarea] += text


def form_data(html: str) -> dict[str, str]:
    """The fields and values of the page's forms: inputs, checked boxes, selected options, textareas."""
    reader = _FormReader()
    reader.feed(html)
    return reader.data
