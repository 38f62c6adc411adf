"""One rule for phone numbers and ID card numbers (``core.validation``), the same on the member form, in the member
import and in outreach."""

import pytest

from zhengxie.core.validation import is_id_number, is_mobile, is_phone
from zhengxie.outreach.services.common import clean_phone


@pytest.mark.parametrize(("number", "valid"), [
    ("11010519491231002X", True), ("11010519491231002x", True), ("620502197005060019", True),
    ("620502197005060017", False),  # wrong check digit
    ("620502197013450017", False),  # right check digit, but no 13th month
    ("62050219700506001", False), ("6205021970050600AX", False), ("", False),
])
def test_id_numbers_need_a_real_birth_date_and_the_check_digit(number, valid):
    assert is_id_number(number) is valid


@pytest.mark.parametrize(("number", "mobile", "phone"), [
    ("13800001111", True, True), ("１３８００００１１１１", True, True), ("12800001111", False, False),
    ("0931-8881234", False, True), ("1380000111", False, False),
])
def test_one_phone_rule_everywhere(number, mobile, phone):
    assert is_mobile(number) is mobile
    assert is_phone(number) is phone
    if mobile:  # a number the member form takes is taken in outreach too
        assert clean_phone(number) == "13800001111"
