"""Writes titles.jsonl and units.jsonl from the lists below: titles of real proposals (and a few deputies'
suggestions) as published on the pages named beside each, collected by hand. Run it to regenerate the files.

Each title is copied as published (simplified characters); ``group`` names the same-issue group (None for a
distractor), ``split`` is ``dev`` (used to choose and tune the engine) or ``test`` (reported, never tuned on)."""

import json
from pathlib import Path

HERE = Path(__file__).parent

# (group, title, source address, kind) — kind: proposal (政协提案), suggestion (人大建议), topic (协商/调研题目),
# report (社情民意)
GROUPS = {
    "ebike": [
        ("关于加强小区电动车停放和充电管理的建议", "http://cndcaheb.org.cn/article/17718/cid/3.html", "proposal"),
        ("关于增设充电桩解决电瓶车充电难的建议", "https://www.cqyz.gov.cn/zwgk_229/jytabl/rddbjy/202204/t20220422_10648298.html", "suggestion"),
        ("关于加强电动自行车管理的提案", "http://www.anqiu.gov.cn/xxgk/sajj/202301/t20230113_6155461.html", "proposal"),
        ("关于在住宅小区建设电动自行车充电桩的建议", "http://gszx.zggswz.com/Item/Show.asp?d=4352&m=1", "report"),
        ("关于在细分领域中大力推广电动自行车换电业务", "http://kuainv.com.cn/news/show.php?itemid=114390", "proposal"),
        ("关于解决城市两轮电动车安全问题的建议", "http://www.xiaoshuotop.com/html/033b399286.html", "proposal"),
    ],
    "parking": [
        ("关于切实解决停车难问题的建议", "https://zx.changzhou.gov.cn/content/suitable/show?catid=36772&id=15067", "proposal"),
        ("盘活公共资源,缓解停车难问题", "https://bghfjj.com/zhengwu/index2/s/136/cid/10284/f/133/t/152", "proposal"),
        ("关于提高停车位资源利用率,缓解城市停车难的建议", "http://www.l4oxf.com/html/news/taixing/2020/0717/117304.html", "proposal"),
        ("关于解决我县停车难问题的建议", "http://www.qingyuan.gov.cn/zfxxgk/ins.asp?s=127&i=36088", "proposal"),
    ],
    "waste-sorting": [
        ("关于推进垃圾分类处理的建议", "https://scgw.gov.cn/Detail.aspx?id=20220310134327702", "proposal"),
        ("关于垃圾分类的建议", "https://jycgxx.com/html/content.aspd_ID4501.html", "suggestion"),
    ],
    "myopia": [
        ("关于构建儿童青少年近视综合防控体系的提案", "http://www.ouhai.gov.cn/art/2025/7/14/art_1229693151_59180920.html", "proposal"),
        ("关于进一步加强青少年眼健康的建议", "http://m-zhijiang.cjyun.org/p/49678.html", "proposal"),
    ],
    "aed": [
        ("关于加大公共场所AED配置提升我市院前急救能力的建议", "https://www.xa-cppcc.gov.cn/wylz/zwhgz/tawyh/10208.html", "proposal"),
        ("关于加强急救知识普及在公共场所配置除颤仪的提案", "http://1.25.240.11:8082/sites/zw/zwinfo.jsp?id=26125", "proposal"),
        ("关于提高我市全自动体外除颤仪(aed)覆盖率的建议", "http://www.tengzhou.gov.cn/zwgk/xxgkml/szbm/wsjkj/202509/t20250917_2154673.html", "proposal"),
        ("切实加大在全市公共场所设置AED的建议", "http://wglj.gz.gov.cn/xxgk/qt/rdjyzxta/rdjy/content/post_8806006.html", "suggestion"),
        ("将AED设施配置列入广州市2022年民生实事的建议", "http://nxsldwl.com/news_content-884309.html", "suggestion"),
        ("关于在广州公众场所配备AED的建议", "http://www.156152.com/jj2021gzlhzt/dbwys/content/post_7059856.html", "suggestion"),
        ("关于大力普及公众急救知识和技能的建议", "http://m.hxnews.com/news/fj/mn/zz/202301/03/2100994.shtml", "proposal"),
    ],
    "pets": [
        ("关于加强宠物管理,提升城市形象的建议", "http://www.yncxym.gov.cn/info/4284/119306.htm", "proposal"),
        ("关于加强宠物管理,保持公共场所路面卫生建议", "http://xlt.gov.cn/2024_12/23_09/content-501304.html", "suggestion"),
    ],
    "toilets": [
        ("关于加快新建和改造城市公共厕所的建议", "http://bid.caigoupt.com/info-89490884.html", "suggestion"),
        ("关于修建(增设)公共厕所的建议", "http://www.dc.gov.cn/xxgk/jyta/202507/t20250729_747113.html", "suggestion"),
        ("关于在大庆路修建公厕的建议", "http://dianbingbing.com/index.php?ie=122-549-392-1", "proposal"),
        ("关于在高速华容西出口修建公厕的建议", "https://huarong.gov.cn/33663/content_1034220.html", "suggestion"),
        ("关于改善增设城区公共厕所的建议", "https://zx.ankang.gov.cn/Content-2424548.html", "proposal"),
        ("关于在龙城天街商圈南广场修建公共卫生间的建议", "http://www.cqstl.gov.cn/bm/qcgj_71110/zwgk_70831/fdzdgknr_70834/qtfdxx_455092/qtgknr/202507/t20250730_14859848.html", "suggestion"),
        ("深化第三卫生间建设,实现优质服务", "https://www.wozhengxing.cn/yachi/730168.html", "proposal"),
        ("关于建立和完善农村公厕后续管理长效机制的提案", "https://yr.gov.cn/info/5105/115825.htm", "proposal"),
        ("关于进一步推进厕所革命的提案", "http://www.qinan.gov.cn/info/11232/388791.htm", "proposal"),
        ("关于完善高寒地区水旱厕建设技术研发的提案", "https://www.zhuya.net/news/1771.html", "proposal"),
    ],
    "mental-health": [
        ("关于加强全县中小学生心理健康教育的提案", "http://m.yinyue.yzbytv.com/xinwen/2023/0817/14697.html", "proposal"),
        ("加强中小学生心理健康教育", "https://public.huiji.gov.cn/D1102X/8512415.jhtml", "proposal"),
        ("加强学校心理健康教师队伍建设", "http://www.ne-pet.com/news/yuanxiao/202206/2045725.html", "proposal"),
        ("加强儿童青少年心理健康服务建设", "http://www.ne-pet.com/news/yuanxiao/202206/2045725.html", "proposal"),
        ("提升青少年心理健康服务水平", "http://www.ne-pet.com/news/yuanxiao/202206/2045725.html", "proposal"),
        ("关于关注中小学生心理健康加快完善心理应激机制与服务体系建设的提案", "http://dazhixiao.cn/czyz/yzcg/content/post_647143.html", "proposal"),
        ("关于解决青少年心理健康问题的建议", "http://www.moe.gov.cn/jyb_xxgk/xxgk_jyta/jyta_jijiaosi/202011/t20201125_501562.html", "suggestion"),
        ("关于进一步加强全市中小学生心理健康工作的建议", "https://jw.cq.gov.cn/zwgk/zfxxgkml/jytablfh/202508/t20250829_14950683.html", "suggestion"),
    ],
    "prepaid-cards": [
        ("深化预付消费领域治理 助推社会经济高质量发展的建议", "http://amr.jinan.gov.cn/art/2025/4/20/art_117360_34838.html", "proposal"),
        ("加强预付卡消费监管维护消费者权益的建议", "http://www.liushimy.com/ncxrmzf/jytablk/202410/17789cba37514b4392218b8c8b249e98.shtml", "proposal"),
    ],
    "lifts": [
        ("关于尽快推进我市老旧多层住宅加装电梯的建议", "http://www.astxqzf.gov.cn/html/TXQ/202006/0159279981476895.html", "suggestion"),
        ("关于推进我市老旧居民楼加装电梯利民便民", "http://tyminjin.gov.cn/detail/2019-09-11/20190911951405017.htm", "topic"),
    ],
    "food-safety": [
        ("关于进一步加强我县餐饮食品安全有效监管工作的建议", "http://khnews.zjol.com.cn/khnews/system/2013/01/19/015984204.shtml", "proposal"),
        ("关于加强基层食品安全治理体系和治理能力建设的提案", "https://www.rmzxb.com.cn/c/2017-09-11/1784688.shtml", "proposal"),
    ],
    "wage-arrears": [
        ("关于规范发放农民工工资的建议", "https://zybzzg.com/Content-2260090.html", "proposal"),
        ("关于请求协调解决市顺新国有资产运营中心欠付市运输公司工程项目农民工工资问题的建议", "http://tg.tlsrd.gov.cn/jyya/yjlc/5414228.html", "suggestion"),
    ],
    "square-dance": [
        ("关于解决广场舞噪声扰民问题的建议", "台儿庄区综合行政执法局关于对区九届三次政协第048号提案的答复 (2019-06-10)", "proposal"),
        ("关于加强广场舞规范管理的建议", "http://www.fjnh.gov.cn/xxgk/taya/zxta/202506/t20250630_2134731.htm", "proposal"),
        ("关于进一步加强广场舞管理的建议", "http://salon-sesame.com/hd/rddbjyhdf/content_1033853", "suggestion"),
        ("关于综合治理广场舞扰民现象的建议", "https://gaj.yueyang.gov.cn/10437/22378/22419/content_2331248.html", "suggestion"),
        ("关于规范和加强广场舞管理的建议", "http://m.vtrackmedia.com/news/fz/1191686.html", "suggestion"),
        ("关于规范广场舞噪音管理,提升居民文明素养的建议", "https://www.qiantang.gov.cn/art/2024/5/28/art_1229609043_4271229.html", "proposal"),
    ],
    "after-school": [
        ("关于在盐边县幼儿园试点推行课后延时服务的建议", "http://www.scyanbian.gov.cn/zmhd/rdzxgz/zxgz/10272760.shtml", "proposal"),
        ("关于进一步破解课后服务“新矛盾”的建议", "http://cqcs.gov.cn/zwgk_164/jytabl/zxtabl/202306/t20230601_12017733_wap.html", "proposal"),
        ("关于建议城区小学为低年级学生成立免费托管班的提案", "https://www.pingjiang.gov.cn/35048/35074/36346/36462/content_1448378.html", "proposal"),
        ("关于推动我市中小学校内课后服务提质增效的建议", "http://m.hxnews.com/news/fj/mn/zz/202301/03/2100994.shtml", "proposal"),
    ],
    "waterlogging": [
        ("关于改善我县汛期城区内涝的提案", "http://www.taibai.gov.cn/col6608/col6778/col6800/col6833/202301/t20230110_482530.html", "proposal"),
        ("关于解决城西开发区路面大面积深度积水的建议", "http://www.ruijin.gov.cn/rjsxxgk/rjin80620/202209/6bf98031c26f403784ea8a6301de6b04.shtml", "proposal"),
        ("关于解决富怡路排水问题的建议", "http://www.rngsoft.cn/zwgk/yajytacl/2011n/2011nyajy/content/post_4452609.html", "suggestion"),
        ("解决城区水浸街问题的提案", "http://ndf191.com/p/2648630.html", "proposal"),
    ],
    "delivery-riders": [
        ("关于加强外卖骑手权益保护的建议", "https://asia365sports.com/2023/12/23/%E6%9E%84%E5%BB%BA%E4%BF%9D%E6%8A%A4%E4%BD%93%E7%B3%BB%EF%BC%8C%E5%8A%A9%E5%8A%9B%E5%A4%96%E5%8D%96%E9%AA%91%E6%89%8B%E6%8F%BD%E4%B8%93%E5%B1%9E%E5%90%88%E5%90%8C%E4%BF%9D%E9%A9%BE/", "suggestion"),
        ("关于完善新业态中灵活就业劳动者社会保障", "https://e993.com/caijing_8313d22303d223230323_kyakumy6556087", "suggestion"),
        ("加强快递员、外卖配送员权益保障,促进行业健康发展", "http://techray.cn/20MEioEk/Default.html", "topic"),
    ],
    "rural-water": [
        ("关于在农村实行集中供水的议案", "http://www.lylsrd.gov.cn/info/1472/2763.htm", "suggestion"),
        ("关于加强农村居民用水安全监管的建议", "http://www.gcrd.gov.cn/content/detail/5cd0f80223a516b8d876ea5b.html", "suggestion"),
        ("关于解决侧岭乡塘子村缺水问题建议", "http://www.jcj.gov.cn/xxgk/zfxxgkzl/fdzdgknr/yata/rdjy/t25888255.shtml", "suggestion"),
        ("关于加大对农村安全饮水资金扶持力度的建议", "https://www.hainan.gov.cn/rdjydata-3647.html", "suggestion"),
        ("关于加强农村安全饮水投入,确保减轻群众负担保证饮水安全的建议", "http://zqblggs.com/xxgk/yata/202311/t20231108_1164022.html?version=slh", "suggestion"),
        ("关于加强我市农村饮用水安全问题的建议", "https://slj.tangshan.gov.cn/shuiwuju/sljzdgksx/20230726/1548642.html", "suggestion"),
        ("关于加大农村安全饮水工程建设力度的建议", "https://linxiang.gov.cn/24788/24791/25324/25325/content_2131334.html", "proposal"),
    ],
    "heritage": [
        ("关于加强非遗保护的提案", "https://www.ahhy.gov.cn/zfxxgk/public/24781/49453873.html", "proposal"),
        ("关于加强我盟非物质文化遗产的保护传承的提案", "http://wlj.xam.gov.cn/mwlj/2024-09/18/article_2024091811065542769.html", "proposal"),
        ("关于深化大运河非遗项目研究与‘活态’保护的建议", "https://whly.hebei.gov.cn/c/2022-06-22/567959.html", "suggestion"),
        ("关于加强民间文化艺术保护、传承与发展的建议", "https://93sc.gov.cn/view/137.html", "proposal"),
    ],
    "high-rise-throwing": [
        ("关于高空坠物或抛物的管理意见", "https://kuaibao.lzzcloud.net/news_info/739926.html", "proposal"),
        ("关于加强监管、整治高空抛物现象的提案", "http://gaj.gz.gov.cn/xxgk/rddbjyhzxta/content/post_6546243.html", "proposal"),
        ("关于加大禁止高空抛物宣传管理的建议", "http://m.nomadpublishinghouse.com/zfxxgkzl/bmzfxxgkml/qtyzdgkdzfxx_14746/202505/t20250522_2124933.htm", "suggestion"),
    ],
    "school-traffic": [
        ("关于缓解学校周边交通拥堵的建议", "http://www.wenku365.com/p-56125237.html", "proposal"),
        ("关于改善启明学校交通拥堵的建议", "https://www.longquan.gov.cn/art/2025/7/21/art_1229835021_5553567.html", "suggestion"),
        ("关于解决校园周边交通安全隐患的建议", "https://ncmxsm.com/www/zwgk/002012/002012002/002012002002/20220517/ebf08c04-c0be-423b-ad9b-8d5651babbc6", "proposal"),
    ],
}

ZHANGZHOU = "http://m.hxnews.com/news/fj/mn/zz/202301/03/2100994.shtml"
KAIHUA = "http://khnews.zjol.com.cn/khnews/system/2013/01/19/015984204.shtml"
JIUSAN = "https://www.rmzxb.com.cn/c/2017-09-11/1784688.shtml"
WUCHUAN = "http://ndf191.com/p/2648630.html"
SHANDONG = "http://www.sdng.gov.cn/index.php?m=content&c=index&a=show&catid=9&id=492"
HENAN = "http://hnmj.gov.cn/wSpacePage?lmid=34ACN1ACN2ACN12799ACN1ACN4078FB02CB11466F96FF39EDB3C5094B"
DISTRACTORS = [
    ("关于加快推进我市“快递进村”工作的建议", ZHANGZHOU),
    ("关于做大做优我市“五泡茶”的建议", ZHANGZHOU),
    ("关于进一步发挥我市政府引导基金作用的建议", ZHANGZHOU),
    ("关于进一步完善我市老旧小区升级改造配套建设的建议", ZHANGZHOU),
    ("加快推进我市分布式光伏发电产业的建议", ZHANGZHOU),
    ("关于打造漳州滨海沿岸海上旅游线路的建议", ZHANGZHOU),
    ("关于进一步推进我市装备产业转型升级的建议", ZHANGZHOU),
    ("关于精准帮扶我市台企创新发展的建议", ZHANGZHOU),
    ("关于加快推动我市生态木业产业高质量发展的建议", ZHANGZHOU),
    ("关于加强我市装修商品房室内空气污染监管的建议", ZHANGZHOU),
    ("关于提升我市近海生态环境修复整治成效的建议", ZHANGZHOU),
    ("关于落实我市紧密型县域医共体财务账户统一管理的建议", ZHANGZHOU),
    ("关于支持市中医院加快“一院两区”规划建设的建议", ZHANGZHOU),
    ("关于深化改革创新,提升我市产业工人职业技能的建议", ZHANGZHOU),
    ("关于促进我市线上和线下教育融合发展的建议", ZHANGZHOU),
    ("关于建设开化汽车城的建议", KAIHUA),
    ("关于加大开化旅游商品开发力度的建议", KAIHUA),
    ("关于加快我县蔬菜产业发展的建议", KAIHUA),
    ("关于推进开化文化产业与旅游产业融合发展的建议", KAIHUA),
    ("关于建设开化摄影写生艺术创作基地的建议", KAIHUA),
    ("关于重视和加强我县动漫文化产业发展的建议", KAIHUA),
    ("关于进一步改善开化县城区道路交通秩序的建议", KAIHUA),
    ("关于加强绿色农业发展的提案", JIUSAN),
    ("关于强化规划的科学性、权威性,推进城镇化健康发展的提案", JIUSAN),
    ("关于成立互联网安全“国家队”的提案", JIUSAN),
    ("关于改进和完善保护性开采特定矿种管理的提案", JIUSAN),
    ("关于推进科研资源统筹整合的提案", JIUSAN),
    ("关于进一步加强国家审计工作的提案", JIUSAN),
    ("关于解决儿童专用药品严重缺乏问题的提案", JIUSAN),
    ("关于深入推进公立医院改革的提案", JIUSAN),
    ("关于加速推进“以物联网为核心的智慧消防”的提案", JIUSAN),
    ("关于推动国家创新药物科技投入与药品审批协调发展的提案", JIUSAN),
    ("关于农业转移人口市民化的提案", JIUSAN),
    ("加快梅录水闸重建工程开工的建议", WUCHUAN),
    ("加快市疾控中心检验大楼建设", WUCHUAN),
    ("疏通市区大有路至梅东路的建议", WUCHUAN),
    ("加大力度根治红火蚁害的建议", WUCHUAN),
    ("加快填海造地,打造海滨新城的提案", WUCHUAN),
    ("关于加大大气污染防治力度全面改善全省空气质量的建议", SHANDONG),
    ("关于加强我省老年大学建设的建议", SHANDONG),
    ("关于加强我省森林资源管理的建议", SHANDONG),
    ("关于高度重视我省农业机械化发展的建议", SHANDONG),
    ("关于推进济南机场建设的建议", SHANDONG),
    ("关于推进生态文明社区建设的建议", SHANDONG),
    ("关于提升美丽乡村建设水平 打造山东特色的美丽乡村的建议", SHANDONG),
    ("关于书籍全部参编人员及主要信息上网备案的建议", HENAN),
    ("义务献血体制亟待升级", HENAN),
    ("优化民营企业发展环境 激发民间投资活力", HENAN),
    ("推动人工智能创新发展 为提升综合竞争力赋能", HENAN),
    ("聚焦中医药发展重点领域 推动中医药传承创新发展", HENAN),
    ("关于加快长江生态旅游岛建设的建议", "http://www.yzrmzx.com/P/PInfo/4773.html"),
    ("关于增加道路分隔带竖向景观设计的几点建议", "https://93sc.gov.cn/view/137.html"),
    ("关于打造一碗水特色游园的建议", "http://www.ybq.gov.cn/zwgk_263/jytabl/zxwytabl/202204/t20220429_10676933_wap.html"),
    ("关于加强龙泉驿区菜市场周边环境整治的建议", "http://www.ngdsc.org.cn/node_4/201905/105135.html"),
    ("关于治理学校周边摊贩秩序", "http://www.ahhnzx.gov.cn/control/view.php?aid=1003"),
    ("对城市管理工作的几点建议", "http://www.ahhnzx.gov.cn/control/view.php?aid=1003"),
    ("关于开展老年友好型社会建议的建议", "https://www.yy.gov.cn/art/2021/10/8/art_1229874428_59035376.html"),
]

# Groups held out: never used to choose or tune the engine. The first eleven groups alternated in alphabetical
# order; the later ones alternated in the order they were collected.
TEST_GROUPS = {g: "test" for g in ("ebike", "lifts", "myopia", "pets", "toilets", "waterlogging", "rural-water",
                                    "square-dance", "high-rise-throwing")}

# (title, unit as published, canonical unit, source address): the unit that replied (主办).
UNITS = [
    ("关于增设充电桩解决电瓶车充电难的建议", "渝中区经济和信息化委员会", "经济和信息化", GROUPS["ebike"][1][1]),
    ("关于加强电动自行车管理的提案", "市应急管理局", "应急管理", GROUPS["ebike"][2][1]),
    ("关于切实解决停车难问题的建议", "市规划局", "规划和自然资源", GROUPS["parking"][0][1]),
    ("关于解决我县停车难问题的建议", "清原满族自治县住房和城乡建设局", "住房和城乡建设", GROUPS["parking"][3][1]),
    ("关于推进垃圾分类处理的建议", "县城管局", "城市管理", GROUPS["waste-sorting"][0][1]),
    ("关于进一步加强青少年眼健康的建议", "枝江市教育局", "教育", GROUPS["myopia"][1][1]),
    ("关于加大公共场所AED配置提升我市院前急救能力的建议", "市卫健委", "卫生健康", GROUPS["aed"][0][1]),
    ("关于加强急救知识普及在公共场所配置除颤仪的提案", "巴彦淖尔市卫生健康委员会", "卫生健康", GROUPS["aed"][1][1]),
    ("关于提高我市全自动体外除颤仪(aed)覆盖率的建议", "滕州市卫生健康局", "卫生健康", GROUPS["aed"][2][1]),
    ("切实加大在全市公共场所设置AED的建议", "市卫生健康委员会", "卫生健康", GROUPS["aed"][3][1]),
    ("关于加强宠物管理,提升城市形象的建议", "元谋县住房和城乡建设局", "住房和城乡建设", GROUPS["pets"][0][1]),
    ("关于修建(增设)公共厕所的建议", "区住房和城乡建设局", "住房和城乡建设", GROUPS["toilets"][1][1]),
    ("关于在龙城天街商圈南广场修建公共卫生间的建议", "重庆市铜梁区城市管理局", "城市管理", GROUPS["toilets"][5][1]),
    ("关于加强全县中小学生心理健康教育的提案", "县教育体育局", "教育", GROUPS["mental-health"][0][1]),
    ("加强中小学生心理健康教育", "惠济区教育局", "教育", GROUPS["mental-health"][1][1]),
    ("加强学校心理健康教师队伍建设", "教育部", "教育", GROUPS["mental-health"][2][1]),
    ("关于关注中小学生心理健康加快完善心理应激机制与服务体系建设的提案", "广东省教育厅", "教育", GROUPS["mental-health"][5][1]),
    ("关于解决青少年心理健康问题的建议", "教育部", "教育", GROUPS["mental-health"][6][1]),
    ("关于进一步加强全市中小学生心理健康工作的建议", "重庆市教委", "教育", GROUPS["mental-health"][7][1]),
    ("深化预付消费领域治理 助推社会经济高质量发展的建议", "济南市市场监督管理局", "市场监督管理", GROUPS["prepaid-cards"][0][1]),
    ("关于开展老年友好型社会建议的建议", "余姚市民政局", "民政", "https://www.yy.gov.cn/art/2021/10/8/art_1229874428_59035376.html"),
    ("关于打造一碗水特色游园的建议", "双龙湖街道", "街道", "http://www.ybq.gov.cn/zwgk_263/jytabl/zxwytabl/202204/t20220429_10676933_wap.html"),
    ("关于请求协调解决市顺新国有资产运营中心欠付市运输公司工程项目农民工工资问题的建议", "区经信局", "经济和信息化", "http://tg.tlsrd.gov.cn/jyya/yjlc/5414228.html"),
    ("关于解决广场舞噪声扰民问题的建议", "台儿庄区综合行政执法局", "综合行政执法", "台儿庄区综合行政执法局关于对区九届三次政协第048号提案的答复 (2019-06-10)"),
    ("关于加强龙泉驿区菜市场周边环境整治的建议", "龙泉驿区城管局", "城市管理", "http://www.ngdsc.org.cn/node_4/201905/105135.html"),
    ("关于治理学校周边摊贩秩序", "县行政执法局", "综合行政执法", "http://www.ahhnzx.gov.cn/control/view.php?aid=1003"),
    ("对城市管理工作的几点建议", "县行政执法局", "综合行政执法", "http://www.ahhnzx.gov.cn/control/view.php?aid=1003"),
    ("关于规范发放农民工工资的建议", "县人社局", "人力资源和社会保障", "https://zybzzg.com/Content-2260090.html"),
    ("关于加强广场舞规范管理的建议", "宁化县公安局", "公安", "http://www.fjnh.gov.cn/xxgk/taya/zxta/202506/t20250630_2134731.htm"),
    ("关于进一步加强广场舞管理的建议", "泸州市公安局", "公安", "http://salon-sesame.com/hd/rddbjyhdf/content_1033853"),
    ("关于综合治理广场舞扰民现象的建议", "岳阳市公安局", "公安", "https://gaj.yueyang.gov.cn/10437/22378/22419/content_2331248.html"),
    ("关于规范和加强广场舞管理的建议", "市公安局", "公安", "http://m.vtrackmedia.com/news/fz/1191686.html"),
    ("关于规范广场舞噪音管理,提升居民文明素养的建议", "市公安局钱塘区分局", "公安", "https://www.qiantang.gov.cn/art/2024/5/28/art_1229609043_4271229.html"),
    ("关于建立和完善农村公厕后续管理长效机制的提案", "永仁县农业农村局", "农业农村", "https://yr.gov.cn/info/5105/115825.htm"),
    ("关于完善高寒地区水旱厕建设技术研发的提案", "农业农村部", "农业农村", "https://www.zhuya.net/news/1771.html"),
    ("关于在盐边县幼儿园试点推行课后延时服务的建议", "盐边县教育和体育局", "教育", "http://www.scyanbian.gov.cn/zmhd/rdzxgz/zxgz/10272760.shtml"),
    ("关于进一步破解课后服务“新矛盾”的建议", "长寿区教育委员会", "教育", "http://cqcs.gov.cn/zwgk_164/jytabl/zxtabl/202306/t20230601_12017733_wap.html"),
    ("关于建议城区小学为低年级学生成立免费托管班的提案", "平江县教育体育局", "教育", "https://www.pingjiang.gov.cn/35048/35074/36346/36462/content_1448378.html"),
    ("关于改善我县汛期城区内涝的提案", "太白县住房和城乡建设局", "住房和城乡建设", "http://www.taibai.gov.cn/col6608/col6778/col6800/col6833/202301/t20230110_482530.html"),
    ("关于解决城西开发区路面大面积深度积水的建议", "瑞金市城市管理局", "城市管理", "http://www.ruijin.gov.cn/rjsxxgk/rjin80620/202209/6bf98031c26f403784ea8a6301de6b04.shtml"),
    ("关于加强农村居民用水安全监管的建议", "区卫生局", "卫生健康", "http://www.gcrd.gov.cn/content/detail/5cd0f80223a516b8d876ea5b.html"),
    ("关于解决侧岭乡塘子村缺水问题建议", "河池市金城江区水利局", "水利", "http://www.jcj.gov.cn/xxgk/zfxxgkzl/fdzdgknr/yata/rdjy/t25888255.shtml"),
    ("关于加大对农村安全饮水资金扶持力度的建议", "水务厅", "水利", "https://www.hainan.gov.cn/rdjydata-3647.html"),
    ("关于加强农村安全饮水投入,确保减轻群众负担保证饮水安全的建议", "永吉县水利局", "水利", "http://zqblggs.com/xxgk/yata/202311/t20231108_1164022.html?version=slh"),
    ("关于加强我市农村饮用水安全问题的建议", "唐山市水务局", "水利", "https://slj.tangshan.gov.cn/shuiwuju/sljzdgksx/20230726/1548642.html"),
    ("关于加大农村安全饮水工程建设力度的建议", "临湘市水利局", "水利", "https://linxiang.gov.cn/24788/24791/25324/25325/content_2131334.html"),
    ("关于加强非遗保护的提案", "怀远县文化和旅游局", "文化和旅游", "https://www.ahhy.gov.cn/zfxxgk/public/24781/49453873.html"),
    ("关于加强我盟非物质文化遗产的保护传承的提案", "兴安盟文化旅游体育局", "文化和旅游", "http://wlj.xam.gov.cn/mwlj/2024-09/18/article_2024091811065542769.html"),
    ("关于深化大运河非遗项目研究与‘活态’保护的建议", "河北省文化和旅游厅", "文化和旅游", "https://whly.hebei.gov.cn/c/2022-06-22/567959.html"),
    ("关于高空坠物或抛物的管理意见", "枣庄市公安局", "公安", "https://kuaibao.lzzcloud.net/news_info/739926.html"),
    ("关于加强监管、整治高空抛物现象的提案", "广州市公安局", "公安", "http://gaj.gz.gov.cn/xxgk/rddbjyhzxta/content/post_6546243.html"),
    ("关于加大禁止高空抛物宣传管理的建议", "永安市城市管理和综合执法局", "城市管理", "http://m.nomadpublishinghouse.com/zfxxgkzl/bmzfxxgkml/qtyzdgkdzfxx_14746/202505/t20250522_2124933.htm"),
    ("关于解决校园周边交通安全隐患的建议", "市公安局交管局", "公安", "https://ncmxsm.com/www/zwgk/002012/002012002/002012002002/20220517/ebf08c04-c0be-423b-ad9b-8d5651babbc6"),
    ("关于加强外卖骑手权益保护的建议", "国家市场监督管理总局", "市场监督管理", "https://asia365sports.com/2023/12/23/%E6%9E%84%E5%BB%BA%E4%BF%9D%E6%8A%A4%E4%BD%93%E7%B3%BB%EF%BC%8C%E5%8A%A9%E5%8A%9B%E5%A4%96%E5%8D%96%E9%AA%91%E6%89%8B%E6%8F%BD%E4%B8%93%E5%B1%9E%E5%90%88%E5%90%8C%E4%BF%9D%E9%A9%BE/"),
]


def main():
    rows = []
    for group, items in GROUPS.items():
        split = TEST_GROUPS.get(group, "dev")
        rows += [{"title": t, "group": group, "source": s, "kind": k, "split": split} for t, s, k in items]
    for index, (title, source) in enumerate(DISTRACTORS):
        rows.append({"title": title, "group": None, "source": source, "kind": "proposal",
                     "split": "dev" if index % 2 == 0 else "test"})
    from .fourth_collection import DISTRACTORS4, GROUPS4, UNITS4
    from .second_collection import DISTRACTORS2, DISTRACTORS3, GROUPS2, GROUPS3, UNITS2, UNITS3

    for split, groups, distractors in (("test2", GROUPS2, DISTRACTORS2), ("test3", GROUPS3, DISTRACTORS3),
                                       ("test4", GROUPS4, DISTRACTORS4)):
        for group, items in groups.items():
            rows += [{"title": t, "group": group, "source": s, "kind": k, "split": split} for t, s, k in items]
        rows += [{"title": t, "group": None, "source": s, "kind": "proposal", "split": split} for t, s in distractors]
    with open(HERE / "titles.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(HERE / "units.jsonl", "w", encoding="utf-8") as f:
        for title, unit, canonical, source in UNITS:
            if unit:
                f.write(json.dumps({"title": title, "unit": unit, "unit_canonical": canonical, "source": source},
                                   ensure_ascii=False) + "\n")
        for split, units in (("test2", UNITS2), ("test3", UNITS3), ("test4", UNITS4)):
            for title, unit, canonical, source in units:
                f.write(json.dumps({"title": title, "unit": unit, "unit_canonical": canonical, "source": source,
                                    "split": split}, ensure_ascii=False) + "\n")
    print(len(rows), "titles,", sum(1 for r in rows if r["group"]), "in", len(GROUPS) + len(GROUPS2) + len(GROUPS3) + len(GROUPS4) - 1, "groups")


if __name__ == "__main__":
    main()
