"""Form rendering in Bootstrap 5 for every form of every app: ``{{ form }}`` or ``{{ form.field.as_field_group }}``
gives a labelled, accessible field with its help and errors; widgets get Bootstrap classes automatically."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and "attrs" in widget and not template_name.endswith(("option.html", "input_option.html")):
            css = {
                "django/forms/widgets/select.html": "form-select",
                "django/forms/widgets/checkbox.html": "form-check-input",
            }.get(template_name, "" if "radio" in template_name or "checkbox_select" in template_name else "form-control")
            attrs = widget["attrs"]
            if css and css not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
            if attrs.get("aria-invalid") and "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        return super().render(template_name, context, request)
