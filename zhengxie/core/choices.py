"""Choices of the core app: organisation levels, roles, people's attributes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County/district")

    @classmethod
    def rank(cls, level: str) -> int:
        """0 for the national level, 3 for a county: a higher level has a smaller rank."""
        return [c.value for c in cls].index(level)


class Role(models.TextChoices):
    """A user's role in one organisation. MEMBER comes from a seat (Member), never from an assignment."""

    MEMBER = "member", _("Member")
    PROPOSAL_OFFICE = "proposal_office", _("Proposal office")
    INFORMATION_OFFICE = "information_office", _("Information office")
    GENERAL_OFFICE = "general_office", _("General office")
    COMMITTEE_STAFF = "committee_staff", _("Special committee staff")
    HANDLING_UNIT = "handling_unit", _("Handling unit staff")
    UNIT_LEADER = "unit_leader", _("Handling unit leader")
    PARTY_GOV_OFFICE = "party_gov_office", _("Party/government office")
    LEADER = "leader", _("Leader")
    BODY_CONTACT = "body_contact", _("Contact of a party, organisation or sector")
    INFORMANT = "informant", _("Invited informant")
    # A think-tank expert (智库专家), not a member: takes part in what they are invited to, nothing more.
    EXPERT = "expert", _("Think-tank expert")
    # The office's own administrator (业务管理员): reference data, members; not accounts, roles or the audit log.
    ADMINISTRATOR = "administrator", _("Office administrator")
    # The three administrators (三员) of graded protection: none of them sees the committee's business data.
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


#: Roles of the committee's own office staff: they see all of their organisation's work.
STAFF_ROLES = frozenset(
    {
        Role.PROPOSAL_OFFICE,
        Role.INFORMATION_OFFICE,
        Role.GENERAL_OFFICE,
        Role.COMMITTEE_STAFF,
        Role.LEADER,
        Role.ADMINISTRATOR,
    }
)
#: The three administrators (三员): a user holds at most one of them, and none beside a role that sees business data.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
#: Roles tied to a handling unit (the assignment names the unit).
UNIT_ROLES = frozenset({Role.HANDLING_UNIT, Role.UNIT_LEADER})


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Affiliation(models.TextChoices):
    """Political affiliation (政治面貌 / 党派)."""

    CPC = "cpc", _("Communist Party of China")
    RCCK = "rcck", _("Revolutionary Committee of the Chinese Kuomintang")
    CDL = "cdl", _("China Democratic League")
    CNDCA = "cndca", _("China National Democratic Construction Association")
    CAPD = "capd", _("China Association for Promoting Democracy")
    CPWDP = "cpwdp", _("Chinese Peasants' and Workers' Democratic Party")
    CZGP = "czgp", _("China Zhi Gong Party")
    JS = "js", _("Jiusan Society")
    TDSGL = "tdsgl", _("Taiwan Democratic Self-Government League")
    NON_PARTY = "non_party", _("Without party affiliation")
    MASSES = "masses", pgettext_lazy("affiliation", "Ordinary citizen")


class SectorKind(models.TextChoices):
    PARTY = "party", _("Political party")
    NON_PARTY = "non_party", _("Non-party figures")
    PEOPLE_ORG = "people_org", _("People's organisation")
    FIELD = "field", _("Field")
    SPECIAL = "special", _("Specially invited")


class BodyKind(models.TextChoices):
    """Collective submitters (集体提案/报送主体)."""

    PARTY = "party", _("Democratic party")
    PEOPLE_ORG = "people_org", _("People's organisation")
    SECTOR = "sector", _("Sector")
    COMMITTEE = "committee", _("Special committee")
    MEMBER_GROUP = "member_group", _("Member group")


class MemberPosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
    MEMBER = "member", _("Member")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RESIGNED = "resigned", _("Resigned")
    REMOVED = "removed", _("Removed")


class HandlingUnitKind(models.TextChoices):
    PARTY_DEPT = "party_dept", _("Party committee department")
    GOV_DEPT = "gov_dept", _("Government department")
    COURT = "court", _("Court")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    PEOPLE_ORG = "people_org", _("People's organisation")
    ENTERPRISE = "enterprise", _("State enterprise or institution")
    LOWER_GOV = "lower_gov", _("Lower-level government")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", "简体中文"
    EN = "en", "English"


ETHNIC_GROUPS = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族",
    "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族",
    "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
    "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]
