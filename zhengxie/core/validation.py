"""The one rule for a phone number and for a resident ID card number (居民身份证号码), used by every form, import
and service that takes one (members, places, constituents' concerns)."""

import re
import unicodedata

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def normalise_phone(value) -> str:
    """Full-width digits made ASCII, spaces removed (what a phone keyboard or a pasted number brings)."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().replace(" ", "")


def is_mobile(value) -> bool:
    """An 11-digit mainland mobile number (13x–19x)."""
    return bool(MOBILE_RE.match(normalise_phone(value)))


def is_phone(value) -> bool:
    """A mobile number, or a landline with its area code (0931-8881234)."""
    phone = normalise_phone(value)
    return bool(MOBILE_RE.match(phone) or LANDLINE_RE.match(phone))


def normalise_id_number(value) -> str:
    return ric.compact(str(value or "")).upper()


def is_id_number(value) -> bool:
    """18 characters, a real date of birth and the right check digit (GB 11643, through python-stdnum). The place
    of birth is not looked up: stdnum's list of area codes lacks some that real cards carry (codes of counties
    renamed or merged), and a committee must be able to record its members."""
    number = normalise_id_number(value)
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return False
    if number[-1] != ric.calc_check_digit(number):
        return False
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return False
    return True
