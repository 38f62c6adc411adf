"""Helpers that walk items and questions through the services, as the users would, for the liaison tests."""

from zhengxie.liaison import services

BODY = "一季度全市地区生产总值同比增长6.2%，规模以上工业增加值增长8.1%。\n新能源装机规模持续扩大，风光电装机突破2000万千瓦。"


def item(world, who: str = "city_office", *, title: str = "2026年一季度全市经济运行情况通报", publish: bool = True,
         access: str = "all", required: bool = False, topic: str = "经济发展", uploads=(), **kwargs):
    user = world.users[who]
    org = user.default_organisation
    fields = {"kind": "briefing", "title": title, "summary": "经济运行总体平稳。", "body": BODY, "topic": topic,
              "department": kwargs.pop("department", "" if "unit" in who else "天水市政协办公室"), "access": access,
              "committee": kwargs.pop("committee", None), "sector": kwargs.pop("sector", None), "required": required,
              "activity": None}
    created = services.info_create(actor=user, organisation=org, uploads=uploads, **fields, **kwargs)
    return services.info_publish(actor=user, item=created) if publish else created


def ask(world, who: str = "city_member", *, unit: str = "city_unit0", title: str = "城区学校扩容进度", **kwargs):
    user = world.users[who]
    return services.inquiry_ask(actor=user, organisation=user.default_organisation, unit=world.units[unit],
                                title=title, question="请介绍城区新建学校的建设进度和学位供给计划。", topic="教育",
                                **kwargs)
