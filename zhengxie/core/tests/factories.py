import datetime as dt
import functools

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from zhengxie.core.choices import OrganisationLevel, Role
from zhengxie.core.models import (
    Body,
    HandlingUnit,
    Member,
    Organisation,
    PasswordHistory,
    Person,
    RoleAssignment,
    Sector,
    Session,
    SpecialCommittee,
    Term,
    User,
)

PASSWORD = "Test-pass-2026"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试政协{n}委员会")
    short_name = factory.Sequence(lambda n: f"测试{n}政协")
    level = OrganisationLevel.CITY
    region_code = factory.Sequence(lambda n: f"62{n:04d}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    organisation = factory.SubFactory(OrganisationFactory)
    number = 8
    name = "第八届"
    starts_on = dt.date(2022, 1, 10)
    ends_on = dt.date(2027, 1, 9)
    is_current = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"第{o.number}次会议")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year, 1, 10))
    closes_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year, 1, 14))


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"界别{n}")
    kind = "field"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialCommittee

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"专委会{n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"民盟测试{n}委员会")
    kind = "party"


class HandlingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandlingUnit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"测试局{n}")
    short_name = factory.LazyAttribute(lambda o: o.name)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"委员{n}")
    gender = "M"
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    id_number = factory.Sequence(lambda n: f"6205021980{n:08d}")  # 18 characters for 10^8 people


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    # The hash is made once (a user is saved in one INSERT, not an INSERT and an UPDATE with the password's
    # bookkeeping), then the history row that a password change would have written.
    password = factory.LazyFunction(lambda: _password_hash())

    @factory.post_generation
    def password_history(self, create, extracted, **kwargs):
        if create:
            PasswordHistory.objects.create(user_id=self.pk, password=self.password, created_at=self.password_changed_at)


@functools.cache
def _password_hash() -> str:
    return make_password(PASSWORD)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    term = factory.LazyAttribute(lambda o: o.organisation.current_term() or TermFactory(organisation=o.organisation))
    sector = factory.LazyAttribute(lambda o: o.organisation.sectors.first() or SectorFactory(organisation=o.organisation))


def member_with_user(organisation, username: str, **person_kwargs) -> Member:
    person = PersonFactory(**person_kwargs)
    UserFactory(username=username, person=person, phone=person.phone, default_organisation=organisation)
    return MemberFactory(person=person, organisation=organisation)


def staff_user(organisation, role: str, username: str, **kwargs) -> User:
    user = UserFactory(username=username, default_organisation=organisation, display_name=username)
    RoleAssignment.objects.create(user=user, organisation=organisation, role=role, **kwargs)
    return user


__all__ = ["Role"]
