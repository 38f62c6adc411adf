"""Masking of sensitive personal data for display."""


def mask_id_number(value: str) -> str:
    """620502199001011234 -> 6205**********1234"""
    value = (value or "").strip()
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """13812345678 -> 138****5678"""
    value = (value or "").strip()
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """张三丰 -> 张**: for constituents' names on public pages."""
    value = (value or "").strip()
    return value[:1] + "*" * (len(value) - 1) if value else ""
