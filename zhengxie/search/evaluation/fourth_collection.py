"""The fourth collection of real published titles (collected 2026-12-02 after the engine and the lexicon of that day
had been committed): held out as a whole (``split: test4``), never used to choose or tune anything.

Same conventions as ``build_sets.py``: (title as published, source address, kind) per same-issue group; the units
list gives (title, unit as published, canonical unit) for the titles whose replying unit the page names. Three titles
join groups of the first collection (lifts, electric bicycles); the others are topics of their own."""

GROUPS4 = {
    "school-naps": [
        ("关于改善中小学生“趴课桌”午睡方式的建议",
         "http://jyj.suqian.gov.cn/sjyj/zdgz/202507/25865e3b0865476787bd44b42128c878.shtml", "suggestion"),
        ("关于尽快实施午休‘舒心躺睡工程’的建议", "http://zgkjsz.com/page/2023/1219/23064220.shtml", "suggestion"),
        ("关于加快推进中小学生“趴睡”变“躺睡”的建议", "http://cxm1cxm.com/yaowen/20230313/1386022.html", "suggestion"),
    ],
    "lifts": [
        ("关于新密市老旧小区改造加装电梯的建议", "https://public.xinmi.gov.cn/D1101X/4603062.jhtml", "suggestion"),
        ("关于现有多层住宅小区增设电梯的建议", "https://m.yybnet.net/dezhou/news/201805/7408040.html", "proposal"),
    ],
    "rural-elderly-care": [
        ("关于进一步推进城乡居民养老服务体系建设的建议",
         "http://tongguan.gov.cn/zfxxgk/fdzdgknr/jyta/zxwyta/1834433012973834241.html", "proposal"),
        ("关于进一步加强和完善农村养老事业的建议",
         "https://hnrb.voc.com.cn/hnrb_epaper/html/2021-05/22/content_1519554.htm?div=-1", "suggestion"),
        ("关于提升农村困难老人健康养老水平的建议",
         "https://hnrb.voc.com.cn/hnrb_epaper/html/2021-05/22/content_1519554.htm?div=-1", "suggestion"),
        ("关于加强我市农村养老工作的建议", "https://www.scnjnews.com/content/2024-11/26/content_6658679.html", "proposal"),
    ],
    "tutoring": [
        ("关于加强对校外教育培训机构进行监管的建议", "https://www.zjmj.org/article/14345", "proposal"),
        ("推动治理规范学科类校外培训", "https://zyjyzk.com.cn/2021/difang_0824/2902.html", "suggestion"),
    ],
    "back-lanes": [
        ("关于背街后巷路面井盖排水管道等老旧基础设施更新维护的建议",
         "http://www.cettopper.com/tzqrmzf/dsqjrmdbdhdschy2/content/70c500ae-75d8-498a-acfe-968dd50907ba.html",
         "suggestion"),
        ("关于城镇棚户区居民排水以及巷道路面改造的提案", "http://www.xiuyan.gov.cn/html/XYXZF/202311/0169931789510498.html",
         "proposal"),
    ],
    "prepared-meals": [
        ("关于加强预制菜进校园监管的建议",
         "http://ksmding.com/content-e580afc9259b4318a9b74347e42580e4-2c93ead29182172801920d3481481a8d.html",
         "proposal"),
        ("加强学校预制菜监管,审慎推进预制菜进校园", "http://singapore.engwrite.com/html/72a2499903.html", "proposal"),
    ],
    "recess": [
        ("关于多措并举切实减负,确保课间十分钟的提案", "http://m.vmlcwjnjqx.com/html/202203/202203110926425332.shtml",
         "proposal"),
        ("关于把轻松愉快的课间十分钟还给学生的建议", "https://jyj.panjin.gov.cn/2023_08/07_09/content-421051.html",
         "suggestion"),
        ("保障师生课间十分钟休息权益,加强教育生态优化,助力教育高质量发展", "http://sicmodule.glev.cn/news/13388.html",
         "suggestion"),
        ("关于高度关注小学生“厕所社交”问题的建议",
         "http://metaversechicagoautoshow.com/jyrd/20240301/1000010000366210.html", "proposal"),
    ],
    "nursing-rooms": [
        ("关于关爱母婴群体 重视母婴室建设的建议的提案",
         "https://www.mawei.gov.cn/xjwz/zwgk/zfxxgk/dfbmptlj/zfjzfgzbm/swj/fdzdgknr/qtyzdgkdzfxx/202207/t20220706_4393152.htm",
         "proposal"),
        ("建议在宿州市公共场所设立母婴室", "http://pjsxjy.cn/Articles/Html/2016-06-29/129582.html", "proposal"),
        ("关于完善我区公共场所母婴室建设的建议", "http://t3qb.com/home/info/21661.html", "proposal"),
        ("进一步完善和优化公共场所母婴设施建设", "https://m.cnmaso.com/h/162/20210127/696134.html", "proposal"),
    ],
    "hospital-parking": [
        ("关于缓解医院停车难问题的建议的提案", "http://applemailimport.com/jytabl/2708.html", "proposal"),
        ("协商解决南郊卫生院职工及就医群众停车难问题", "http://szbbs.org/thread-1582482-1-1.html", "topic"),
    ],
    "ebike": [
        ("关于加强电动车管理的建议",
         "http://wenshui.gov.cn/xxgk/zfxxgkml/jytajggk_67472/rdjytajggk/202312/t20231229_1829530.html", "suggestion"),
    ],
}

DISTRACTORS4 = [
    ("关于促进民办教育健康发展的提案", "http://www.keihe.com/html/2849/2018-09-03/content-29517.html"),
    ("关于将解放西街健康社区纳入2019年老旧小区改造项目的建议",
     "http://www.xqq.gov.cn/zwgk/zdlyxxgk_74144/jytablqk/201912/t20191226_1904719.html"),
    ("关于加快实施金凤区砖渠六号规划路街巷连接贯通工程的建议",
     "https://yinchuan.gov.cn/xxgk/bmxxgkml/szjj_2202/xxgkml_2205/yata_2218/201910/t20191021_1807136.html"),
    ("完善外卖食品安全监管", "http://www.bjzx.gov.cn/mtbd/202006/t20200630_30134.html"),
    ("关于对华宁县人民医院门口周边环境秩序进行整治的工作建议", "http://m.mkcnfr.com/c/2017-09-05/1768282.shtml"),
]


def _source4(title):
    for items in GROUPS4.values():
        for t, s, _k in items:
            if t == title:
                return s
    for t, s in DISTRACTORS4:
        if t == title:
            return s
    raise KeyError(title)


UNITS4 = [(t, u, c, _source4(t)) for t, u, c in (
    ("关于改善中小学生“趴课桌”午睡方式的建议", "宿迁市教育局", "教育"),
    ("关于尽快实施午休‘舒心躺睡工程’的建议", "教育部", "教育"),
    ("关于新密市老旧小区改造加装电梯的建议", "新密市自然资源和规划局", "自然资源"),
    ("关于现有多层住宅小区增设电梯的建议", "德州市住建局", "住房和城乡建设"),
    ("关于进一步推进城乡居民养老服务体系建设的建议", "潼关县民政局", "民政"),
    ("关于进一步加强和完善农村养老事业的建议", "湖南省民政厅", "民政"),
    ("关于提升农村困难老人健康养老水平的建议", "湖南省民政厅", "民政"),
    ("关于加强我市农村养老工作的建议", "内江市民政局", "民政"),
    ("关于加强对校外教育培训机构进行监管的建议", "宁波市教育局", "教育"),
    ("关于促进民办教育健康发展的提案", "盘锦市教育局", "教育"),
    ("关于背街后巷路面井盖排水管道等老旧基础设施更新维护的建议", "通州区住房和城乡建设局", "住房和城乡建设"),
    ("关于城镇棚户区居民排水以及巷道路面改造的提案", "岫岩满族自治县住房和城乡建设局", "住房和城乡建设"),
    ("关于将解放西街健康社区纳入2019年老旧小区改造项目的建议", "兴庆区住房和城乡建设局", "住房和城乡建设"),
    ("关于加快实施金凤区砖渠六号规划路街巷连接贯通工程的建议", "银川市住房和城乡建设局", "住房和城乡建设"),
    ("关于加强预制菜进校园监管的建议", "四川省市场监管局", "市场监督管理"),
    ("关于把轻松愉快的课间十分钟还给学生的建议", "盘锦市教育局", "教育"),
    ("关于关爱母婴群体 重视母婴室建设的建议的提案", "福州市马尾区商务局", "商务"),
    ("建议在宿州市公共场所设立母婴室", "宿州市住建委", "住房和城乡建设"),
    ("关于加强电动车管理的建议", "文水县公安局交通警察大队", "公安"),
    ("关于对华宁县人民医院门口周边环境秩序进行整治的工作建议", "华宁县住建局", "住房和城乡建设"),
)]
