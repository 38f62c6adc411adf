"""Reference data for the demo generator: real names of the Gansu committees, sectors, committees, units,
and material to make up Chinese names. (Data only: no logic here.) The sector lists are production presets, in
``sector_presets``."""

from .sector_presets import COUNTY_SECTORS, LOCAL_SECTORS, NATIONAL_SECTORS  # noqa: F401  (the demo reads them here)

PASSWORD = "Demo@2026"
#: The demo superuser's authenticator key (hex; published in docs/demo-accounts.md as base32, for a demo only).
SUPERUSER_TOTP_KEY = "5a6865786965446f6d6f32303236546f74704b65"

# (slug, name, short name, region code, county list) — names from DOMAIN.md
PROVINCE = ("gs", "中国人民政治协商会议甘肃省委员会", "甘肃省政协", "620000")
CITIES = [
    ("ts", "中国人民政治协商会议天水市委员会", "天水市政协", "620500", [
        ("qz", "秦州区", "620502"), ("mj", "麦积区", "620503"), ("qs", "清水县", "620521"), ("qa", "秦安县", "620522"),
        ("gg", "甘谷县", "620523"), ("ws", "武山县", "620524"), ("zjc", "张家川回族自治县", "620525"),
    ]),
    ("jq", "中国人民政治协商会议酒泉市委员会", "酒泉市政协", "620900", [
        ("sz", "肃州区", "620902"), ("ym", "玉门市", "620981"), ("dh", "敦煌市", "620982"), ("jt", "金塔县", "620921"),
        ("gz", "瓜州县", "620922"), ("sb", "肃北蒙古族自治县", "620923"), ("aks", "阿克塞哈萨克族自治县", "620924"),
    ]),
]
NATIONAL = ("qg", "中国人民政治协商会议全国委员会", "全国政协", "100000")

# Sector name -> the affiliation of most of its members
SECTOR_AFFILIATION = {
    "中国共产党": "cpc", "中国国民党革命委员会": "rcck", "民革": "rcck", "中国民主同盟": "cdl", "民盟": "cdl",
    "中国民主建国会": "cndca", "民建": "cndca", "中国民主促进会": "capd", "民进": "capd", "中国农工民主党": "cpwdp",
    "农工党": "cpwdp", "中国致公党": "czgp", "致公党": "czgp", "九三学社": "js", "台湾民主自治同盟": "tdsgl",
    "无党派民主人士": "non_party", "无党派人士": "non_party",
}
PROVINCE_COMMITTEES = ["提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会", "教科卫体委员会",
                       "社会和法制委员会", "民族和宗教委员会", "港澳台侨和外事委员会", "文化文史和学习委员会"]
CITY_COMMITTEES = ["提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会", "社会和法制委员会",
                   "文化文史和学习委员会"]
COUNTY_COMMITTEES = ["提案和经济委员会", "农业农村和人口资源环境委员会", "文化文史和学习委员会", "社会和法制委员会"]
# Party committees present locally (bodies that submit collectively)
PARTY_BODIES = ["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社"]
PEOPLE_ORG_BODIES = ["总工会", "共青团", "妇联", "工商联", "科协"]

# Handling units (without the place prefix): the departments a local government and Party committee assign to.
UNIT_NAMES = [
    ("发展和改革委员会", "gov_dept"), ("教育局", "gov_dept"), ("科学技术局", "gov_dept"), ("工业和信息化局", "gov_dept"),
    ("公安局", "gov_dept"), ("民政局", "gov_dept"), ("司法局", "gov_dept"), ("财政局", "gov_dept"),
    ("人力资源和社会保障局", "gov_dept"), ("自然资源局", "gov_dept"), ("生态环境局", "gov_dept"),
    ("住房和城乡建设局", "gov_dept"), ("交通运输局", "gov_dept"), ("水务局", "gov_dept"), ("农业农村局", "gov_dept"),
    ("商务局", "gov_dept"), ("文化和旅游局", "gov_dept"), ("卫生健康委员会", "gov_dept"), ("退役军人事务局", "gov_dept"),
    ("应急管理局", "gov_dept"), ("审计局", "gov_dept"), ("市场监督管理局", "gov_dept"), ("统计局", "gov_dept"),
    ("医疗保障局", "gov_dept"), ("林业和草原局", "gov_dept"), ("乡村振兴局", "gov_dept"), ("信访局", "gov_dept"),
    ("数据局", "gov_dept"), ("城市管理局", "gov_dept"), ("体育局", "gov_dept"), ("委组织部", "party_dept"),
    ("委宣传部", "party_dept"), ("委统战部", "party_dept"), ("委政法委员会", "party_dept"), ("委机构编制委员会办公室", "party_dept"),
    ("中级人民法院", "court"), ("人民检察院", "procuratorate"), ("总工会", "people_org"), ("妇女联合会", "people_org"),
    ("残疾人联合会", "people_org"), ("科学技术协会", "people_org"), ("供电公司", "enterprise"), ("城市投资建设集团", "enterprise"),
    ("公共交通公司", "enterprise"), ("消防救援支队", "other"),
]

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN_CHARS = ("伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌鹏辉晓丹宁海燕飞雪琳慧凯亮健波"
               "瑞博彬晨欣怡佳宇浩然子轩梓涵雨嘉诚思远世昌德清永福立新振华学军爱民兴旺春生秋实冬梅亚楠雅静")
# "{p}" is replaced by the place ("天水市", "秦州区" …)
WORK_UNITS = {
    "party": ["{p}委党校", "{p}民族宗教事务委员会", "{p}档案馆", "{p}地方志办公室", "{p}社会主义学院"],
    "non_party": ["{p}律师协会", "{p}第一人民医院", "{p}职业技术学院", "{p}会计师事务所"],
    "people_org": ["{p}总工会", "共青团{p}委员会", "{p}妇女联合会", "{p}工商业联合会", "{p}科学技术协会", "{p}归国华侨联合会"],
    "field": ["{p}第一中学", "{p}中医医院", "{p}融媒体中心", "{p}农业科学研究所", "{p}文化馆", "{p}体育运动学校",
              "{p}社会福利院", "{p}人民医院", "{p}博物馆", "{p}建筑设计院", "{p}农村商业银行", "{p}实验小学",
              "{p}疾病预防控制中心", "{p}新能源产业园", "{p}文化旅游投资公司", "{p}农产品专业合作社"],
    "special": ["{p}人民法院", "{p}人民检察院", "{p}人民政府办公室", "{p}台湾同胞联谊会"],
}
JOB_TITLES = ["主任", "副主任", "院长", "副院长", "校长", "副校长", "主任医师", "教授", "副教授", "高级工程师", "董事长",
              "总经理", "副总经理", "研究员", "主编", "律师", "会长", "秘书长", "村党支部书记", "农民专业合作社理事长",
              "馆长", "一级教师", "高级农艺师", "所长"]
