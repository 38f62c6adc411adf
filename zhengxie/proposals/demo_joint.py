"""Demo joint proposals of committees (联合提案), from the seed: Jiuquan founded the "共建河西走廊经济带" alliance of the
five Hexi cities' committees (with 嘉峪关、张掖、金昌、武威, outside the platform) and the 甘新蒙青 mechanism of four
cities in four provinces; their joint proposals "加快建设河西走廊第二条公路大通道" and "加大库姆塔格沙漠综合治理"
"分别被省政协和全国政协审核立案". Made through the services, so that their history is the one the pages write."""

import datetime as dt

from zhengxie.core.registry import demo_generator

from . import services

HEXI = ["嘉峪关市政协", "张掖市政协", "金昌市政协", "武威市政协"]
GAN_XIN_MENG_QING = ["哈密市政协", "阿拉善盟政协", "海西州政协"]

CORRIDOR = {
    "title": "关于加快建设河西走廊第二条公路大通道的建议",
    "category": "经济建设",
    "background": "河西走廊是国家向西开放的战略通道，现有公路主通道连霍高速承担了五市绝大部分过境和区域货运，"
                  "交通流量逐年攀升，节假日和恶劣天气时通行能力严重不足，一旦中断即造成东西交通阻隔。"
                  "河西五市政协智库联盟联合调研认为，沿祁连山北麓建设第二条公路大通道，是保障通道安全、"
                  "带动沿线文旅和新能源产业发展的关键工程。",
    "suggestions": "一是将河西走廊第二条公路大通道纳入省级综合交通规划，分段明确建设时序；\n"
                   "二是积极争取国家交通专项资金支持，统筹五市配套资金；\n"
                   "三是同步规划沿线新能源基地、文旅景区的连接线，发挥通道的综合效益。",
}
DESERT = {
    "title": "关于加大库姆塔格沙漠综合治理力度的建议",
    "category": "生态文明建设",
    "background": "库姆塔格沙漠横跨甘肃、新疆两省区，沙漠前沿逼近敦煌、瓜州绿洲和哈密绿洲，风沙危害严重威胁"
                  "莫高窟、月牙泉等世界文化遗产和交通干线安全。甘新蒙青四市（州、盟）政协协作机制联合调研发现，"
                  "现有治理以地方分散投入为主，跨省区统筹不足。",
    "suggestions": "一是将库姆塔格沙漠综合治理纳入国家防沙治沙重点工程；\n二是建立跨省区联防联治机制，统一规划、"
                   "分区施策；\n三是支持光伏治沙、生态产业与治沙相结合的新模式。",
}
ENERGY = {
    "title": "关于协同打造新能源装备制造产业链的建议",
    "category": "经济建设",
    "background": "酒泉新能源装机规模居全省前列，天水装备制造基础雄厚，两地产业互补性强，但配套协作不足，"
                  "风电、光伏装备关键部件多从省外采购。",
    "suggestions": "一是建立两市新能源装备产业链协作清单；\n二是共建新能源装备检测认证平台；\n"
                   "三是在省级层面设立产业链协同发展专项资金。",
}


def _alliance(drafter, words: str):
    """The alliance of the cooperation demo (made before) whose name has ``words``, or None."""
    from zhengxie.cooperation.selectors import alliances_of_committee

    return alliances_of_committee(drafter).filter(name__contains=words).first()


def _registered_by_the_province(ctx, drafter, cosigner, province):
    office = ctx.account(drafter, "proposal")
    joint = services.joint_create(actor=office, organisation=drafter, data=CORRIDOR, target=province,
                                  cosigners=[cosigner] if cosigner else [], outside=HEXI,
                                  alliance=_alliance(drafter, "河西五市"))
    services.joint_send(actor=office, joint=joint)
    if cosigner is not None:
        joint.refresh_from_db()
        services.joint_cosign(actor=ctx.account(cosigner, "proposal"), joint=joint, organisation=cosigner, agree=True,
                              comment="同意联名，河西走廊通道建设关系全省发展大局。")
    joint.refresh_from_db()
    higher = ctx.account(province, "proposal")
    services.joint_receive(actor=higher, joint=joint)
    joint.refresh_from_db()
    proposal = joint.proposal
    services.proposal_prereview(actor=higher, proposal=proposal)
    proposal.refresh_from_db()
    services.proposal_register(actor=higher, proposal=proposal, comment="河西五市政协联合提案，予以立案。")
    proposal.refresh_from_db()
    units = [u for u in ctx.units.get(province.pk, []) if "交通" in u.name] or ctx.units.get(province.pk, [])[:1]
    if units:
        services.proposal_assign(actor=higher, proposal=proposal, mode="sole", lead_units=units[:1])
    return joint


def _registered_by_the_national_committee(ctx, drafter, national):
    office = ctx.account(drafter, "proposal")
    joint = services.joint_create(actor=office, organisation=drafter, data=DESERT, target=national,
                                  target_name="" if national else "全国政协", outside=GAN_XIN_MENG_QING,
                                  alliance=_alliance(drafter, "甘新蒙青"))
    services.joint_send(actor=office, joint=joint)
    joint.refresh_from_db()
    if national is not None:  # the national committee is on the platform: it receives it itself
        services.joint_receive(actor=ctx.account(national, "proposal"), joint=joint)
        return joint
    day = ctx.now.date() - dt.timedelta(days=40)
    services.joint_record_outcome(
        actor=office, joint=joint, registered=True, number="第0436号", registered_on=day,
        reply_text="全国政协提案委员会：该提案已交国家林业和草原局会同水利部、自然资源部研究办理，"
                   "库姆塔格沙漠综合治理将纳入“三北”工程攻坚战重点项目统筹推进。",
        reply_on=ctx.now.date() - dt.timedelta(days=5))
    return joint


def _waiting_for_a_signature(ctx, drafter, cosigner, province):
    office = ctx.account(drafter, "proposal")
    joint = services.joint_create(actor=office, organisation=drafter, data=ENERGY, target=province,
                                  cosigners=[cosigner])
    services.joint_send(actor=office, joint=joint)


@demo_generator(order=48)  # after the cooperation demo: the first two are made in the name of its alliances
def generate(ctx):
    province = ctx.org_by_slug.get("gs")
    jiuquan, tianshui = ctx.org_by_slug.get("jq"), ctx.org_by_slug.get("ts")
    drafter = jiuquan or tianshui
    if province is None or drafter is None:
        return
    cosigner = tianshui if jiuquan else None
    _registered_by_the_province(ctx, drafter, cosigner, province)
    _registered_by_the_national_committee(ctx, drafter, ctx.org_by_slug.get("qg"))
    if cosigner is not None:
        _waiting_for_a_signature(ctx, drafter, cosigner, province)
    ctx.log("joint proposals: 3 of committees (to the province, to the national committee, one being co-signed)")
