"""The typical sector lists (界别) an organisation can start from (Settings → sectors → load a list): production data,
used by ``core.services.sectors_load_preset`` and by the demo."""

# National sector list (34 界别). Kind: party, non_party, people_org, field, special.
NATIONAL_SECTORS = [
    ("中国共产党", "party"), ("中国国民党革命委员会", "party"), ("中国民主同盟", "party"), ("中国民主建国会", "party"),
    ("中国民主促进会", "party"), ("中国农工民主党", "party"), ("中国致公党", "party"), ("九三学社", "party"),
    ("台湾民主自治同盟", "party"), ("无党派民主人士", "non_party"), ("中国共产主义青年团", "people_org"),
    ("中华全国总工会", "people_org"), ("中华全国妇女联合会", "people_org"), ("中华全国青年联合会", "people_org"),
    ("中华全国工商业联合会", "people_org"), ("中国科学技术协会", "people_org"), ("中华全国台湾同胞联谊会", "people_org"),
    ("中华全国归国华侨联合会", "people_org"), ("文化艺术界", "field"), ("科学技术界", "field"), ("社会科学界", "field"),
    ("经济界", "field"), ("农业界", "field"), ("教育界", "field"), ("体育界", "field"), ("新闻出版界", "field"),
    ("医药卫生界", "field"), ("对外友好界", "field"), ("社会福利和社会保障界", "field"), ("少数民族界", "field"),
    ("宗教界", "field"), ("特邀香港人士", "special"), ("特邀澳门人士", "special"), ("特别邀请人士", "special"),
]
LOCAL_SECTORS = [
    ("中国共产党", "party"), ("民革", "party"), ("民盟", "party"), ("民建", "party"), ("民进", "party"), ("农工党", "party"),
    ("致公党", "party"), ("九三学社", "party"), ("无党派人士", "non_party"), ("共青团", "people_org"), ("总工会", "people_org"),
    ("妇联", "people_org"), ("工商联", "people_org"), ("科协", "people_org"), ("侨联", "people_org"), ("文化艺术界", "field"),
    ("科技界", "field"), ("经济界", "field"), ("农业界", "field"), ("教育界", "field"), ("医药卫生界", "field"),
    ("新闻出版界", "field"), ("体育界", "field"), ("社会福利和社会保障界", "field"), ("少数民族界", "field"),
    ("宗教界", "field"), ("特邀人士", "special"),
]
COUNTY_SECTORS = [
    ("中国共产党", "party"), ("民主党派", "party"), ("无党派人士", "non_party"), ("共青团", "people_org"),
    ("工会", "people_org"), ("妇联", "people_org"), ("工商联", "people_org"), ("科协", "people_org"),
    ("文化艺术界", "field"), ("经济界", "field"), ("农业界", "field"), ("教育界", "field"), ("医药卫生界", "field"),
    ("少数民族和宗教界", "field"), ("社会福利和社会保障界", "field"), ("特邀人士", "special"),
]

PRESETS = {"national": NATIONAL_SECTORS, "local": LOCAL_SECTORS, "county": COUNTY_SECTORS}
