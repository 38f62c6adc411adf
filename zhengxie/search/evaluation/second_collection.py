"""The second collection of real published titles (collected 2026-12-02, after the lexicon entries of that day were
written and committed): held out as a whole (``split: test2``), never used to choose or tune anything.

Same conventions as ``build_sets.py``: (title as published, source address, kind) per same-issue group; the units
list gives (title, unit as published, canonical unit, source address) for the titles whose replying unit the page
names."""

GROUPS2 = {
    "school-bullying": [
        ("关于加强学生欺凌综合治理的建议", "http://xxwenming.com/web/65/66/2024011540981-1.shtml", "proposal"),
        ("关于防治“校园欺凌”专项立法的提案", "http://www.moe.gov.cn/jyb_xxgk/xxgk_jyta/jyta_ddb/201901/t20190124_368011.html", "proposal"),
        ("关于设立“校园反欺凌日”防治校园欺凌的提案", "http://www.moe.gov.cn/jyb_xxgk/xxgk_jyta/jyta_ddb/201901/t20190124_368014.html", "proposal"),
        ("关于有效治理校园霸凌的建议", "https://www.cqyc.gov.cn/zwgk_204/zfxxgkmls/jytabl/rdjy/202506/t20250604_14684567.html", "suggestion"),
    ],
    "rural-roads": [
        ("乡间路维护的建议", "https://www.nangong.gov.cn/article-3948-1.html", "suggestion"),
        ("关于加强农村公路管理养护的建议", "https://tnwt.com.cn/zfxxgk_yx/artview/334/208467.html", "proposal"),
        ("关于加强乡村道路养护和管理", "http://www.gfx.gov.cn/fgqjtj/c118781/201907/fb15283d10ac41d3942cda30b0c584d6.shtml", "proposal"),
    ],
    "drowning": [
        ("关于加强溺水预防控制的提案", "https://www.yinchuan.gov.cn/xxgk/bmxxgkml/sswj/xxgkml_2257/yata_2270/201812/t20181224_1225666.html", "proposal"),
        ("关于在我区水库、湖泊、河流的人员较密集区域设立救生杆的提案", "https://www.chaoan.gov.cn/zwgk/zfxxgkzl/jytbl/content/post_3856822.html", "proposal"),
        ("动员社会力量防止学生溺水", "http://www.rmzxw.com.cn/c/2018-08-07/2133840.shtml", "topic"),
    ],
    "autism": [
        ("关于推进自闭症儿童教育发展的建议", "https://pfbrewclub.com/ztzl/zyzt1/qglhjytafw/2019nqglhjytablfwgk1/02ed1fa8c72746f4a0e140b6fe06a593.htm", "suggestion"),
        ("关于为自闭症患儿提供针对性特殊教育的提案", "http://www.moe.gov.cn/jyb_xxgk/xxgk_jyta/jyta_jijiaosi/202204/t20220411_615555.html", "proposal"),
        ("关于提高自闭症儿童就学率的建议", "https://pfbrewclub.com/ztzl/zyzt1/qglhjytafw/2022nlhjytablfwgk/qgrdjyblfw/42788094ffaa4d5ebbe7382cfa6445a0.htm", "suggestion"),
        ("关于为高功能孤独症学龄青少年提供更多教育机会的建议", "https://dmhxm.com/news/detail/440", "suggestion"),
        ("关于推动孤独症(自闭症)人群融入社会生活的建议", "http://wjw.jiangsu.gov.cn/art/2022/8/31/art_59524_10592819.html", "proposal"),
    ],
    "cemeteries": [
        ("关于进一步完善殡葬改革有关配套政策的建议", "http://www.ynws.gov.cn./info/1303/312791.htm", "proposal"),
        ("关于推行绿色节俭、文明殡葬的建议", "https://ynmz.yn.gov.cn/cms/jianyitian/6173.html", "proposal"),
        ("关于加强乡村公墓管理的建议", "https://mzj.cxz.gov.cn/info/egovinfo/1001/overt_centent/115323000151674288-/2024-0819001.htm", "suggestion"),
        ("关于加强腾冲公墓绿化美化建设的建议", "https://tengchong.gov.cn/info/25681/5213293.htm", "proposal"),
        ("关于在农村建设村级公益性集中安葬点的建议", "http://mzt.sc.gov.cn/scmzt/tajy/2024/10/21/5649947d3ea442ab82ce5e79dbd78471.shtml", "suggestion"),
        ("关于完善仓觉村村民小组集体公墓", "http://www.xianggelila.gov.cn/zfxxgk_xglls_mzj/fdzdgknr/jytabljggk/rdjybljggk/202306/20230617_190689.html", "suggestion"),
    ],
    "fitness-venues": [
        ("关于加强全民健身场地建设的建议", "http://www.ku1516.com/2024_11/30_14/content-498600.html", "suggestion"),
        ("关于加强全民健身标准田径运动场建设的提案", "http://www.cqxs.gov.cn/zwgk_207/zfxxgkml/rdzxtahf/202309/t20230919_12350338.html", "proposal"),
        ("关于强化全民健身公共服务体系的提案", "http://www.sdningjin.gov.cn/n50593881/n50593903/n50593957/n50593961/c84547698/content.html", "proposal"),
        ("关于修建嘉峪关市体育公园的提案", "http://jygzhx.cn/htm/20227/24_4238.htm", "proposal"),
        ("增加群众运动场所的意见建议", "http://www.chengan.gov.cn/main/viewDetail.jsp?newsid=130063&subjectid=11180", "proposal"),
        ("关于解决集美区后溪镇无大型文体健身场所问题的建议", "http://www.jimei.gov.cn/xxgk/zdxxgk/jyta/rd/202506/t20250624_1104923.htm", "suggestion"),
    ],
    "street-lights": [
        ("关于优化乾佑街南段路灯的建议的提案", "http://tufwp.cn/html/fzzf/yfjc/123844.html", "proposal"),
        ("关于增设路灯的建议", "http://www.ycq.gov.cn/zwgk/gkzt/jytabl/qzxtabljg/202512/t20251212_2213476.html", "proposal"),
        ("关于调整热海路信用社环岛至徐霞客环岛路段路灯照明规则的建议", "https://tengchong.gov.cn/info/25681/5212843.htm", "proposal"),
        ("关于北大街金源嘉园附近安装路灯的建议", "http://liulin.gov.cn/zfxxgk/fdzdgknr/jytajggk/rd_68037/202412/t20241217_1921021.shtml", "suggestion"),
        ("关于加强道路亮化管理及完整覆盖的建议", "http://www.weishan.gov.cn/art/2025/7/31/art_70083_6766.html?xxgkhide=1", "proposal"),
        ("关于南永路龙川派出所至大冲李家路段安装路灯", "http://www.ynnh.gov.cn/info/18943/112556.htm", "suggestion"),
    ],
    "fireworks": [
        ("关于调整我市主城区烟花爆竹禁放政策的建议", "http://www.49x24.cn/zwgk/xxgk/qtzdgknr/jytabl/rdjy/202507/t20250714_1348212.shtml", "suggestion"),
        ("关于规范市中地区烟花爆竹燃放的提案", "https://baike.supfree.net/get.asp?id=%B6%D4%B3%E0%CB%AE%CA%D0%D5%FE%D0%AD%CB%C4%BD%EC%C8%FD%B4%CE%BB%E1%D2%E9%B5%DA83%BA%C5%CC%E1%B0%B8%B5%C4%B4%F0%B8%B4", "proposal"),
        ("关于烟花爆竹燃放有条件放开的建议", "http://gaj.zhoukou.gov.cn/sitesources/gaj/page_pc/zwgk/fdzdgknr/zxtabl/article7a37ad05e1da4e7c827d18eaa399095c.html", "suggestion"),
        ("建议修改成都市燃放烟花爆竹管理规定", "http://sybpw.com/article-46.html", "suggestion"),
    ],
    "long-term-care": [
        ("关于推进长期护理保险在深圳尽快落地的建议", "http://www.03j9n.cn/law/1/49901.html", "suggestion"),
        ("关于推进长期护理保险实施的建议", "http://www.nhsa.gov.cn/art/2021/9/14/art_26_5950.html", "suggestion"),
    ],
    "bus-routes": [
        ("关于增设市区公交车班次或学生专线车的建议", "https://www.hhgj.gov.cn/info/87741/421561.htm", "suggestion"),
        ("关于增开章镇至丰惠双向对开公交车的建议", "http://www.shangyu.gov.cn/art/2019/12/23/art_1229218535_1177580.html", "suggestion"),
        ("关于开通区钱粮湖镇公交车线路的建议", "https://junshan.gov.cn/32415/32445/32459/content_1752347.html", "suggestion"),
        ("将城市公交车线路延伸至洋沙湖实验学校站的建议", "http://xiangyin.gov.cn/31203/31208/content_2116691.html", "suggestion"),
    ],
}

DISTRACTORS2 = [
    ("关于严厉打击电信诈骗等违法犯罪问题的提案", "http://panshan.gov.cn/2024_11/01_18/content-494747.html"),
    ("关于增加土地利用率的建议", "https://www.zjtt.gov.cn/art/2024/12/3/art_1229807525_79508.html"),
]


def _source(title):
    for items in GROUPS2.values():
        for t, s, _k in items:
            if t == title:
                return s
    for t, s in DISTRACTORS2:
        if t == title:
            return s
    raise KeyError(title)


UNITS2 = [(t, u, c, _source(t)) for t, u, c in (
    ("关于加强学生欺凌综合治理的建议", "县教育局", "教育"),
    ("关于防治“校园欺凌”专项立法的提案", "教育部", "教育"),
    ("关于设立“校园反欺凌日”防治校园欺凌的提案", "教育部", "教育"),
    ("关于有效治理校园霸凌的建议", "重庆市永川区教育委员会", "教育"),
    ("乡间路维护的建议", "南宫市交通运输局", "交通运输"),
    ("关于加强农村公路管理养护的建议", "云县交通运输局", "交通运输"),
    ("关于加强乡村道路养护和管理", "上饶市广丰区交通运输局", "交通运输"),
    ("关于加强溺水预防控制的提案", "银川市水务局", "水利"),
    ("关于为自闭症患儿提供针对性特殊教育的提案", "教育部", "教育"),
    ("关于为高功能孤独症学龄青少年提供更多教育机会的建议", "教育部", "教育"),
    ("关于推动孤独症(自闭症)人群融入社会生活的建议", "江苏省卫生健康委员会", "卫生健康"),
    ("关于进一步完善殡葬改革有关配套政策的建议", "文山州民政局", "民政"),
    ("关于推行绿色节俭、文明殡葬的建议", "云南省民政厅", "民政"),
    ("关于加强乡村公墓管理的建议", "楚雄州民政局", "民政"),
    ("关于在农村建设村级公益性集中安葬点的建议", "四川省民政厅", "民政"),
    ("关于完善仓觉村村民小组集体公墓", "香格里拉市民政局", "民政"),
    ("关于加强全民健身场地建设的建议", "盘锦市双台子区文化旅游和广播电视局", "文化和旅游"),
    ("关于强化全民健身公共服务体系的提案", "宁津县教育和体育局", "教育"),
    ("增加群众运动场所的意见建议", "成安县教育体育局", "教育"),
    ("关于优化乾佑街南段路灯的建议的提案", "柞水县城市管理局", "城市管理"),
    ("关于增设路灯的建议", "峨山镇人民政府", "乡镇"),
    ("关于北大街金源嘉园附近安装路灯的建议", "柳林县城市管理服务中心", "城市管理"),
    ("关于加强道路亮化管理及完整覆盖的建议", "微山县鲁桥镇人民政府", "乡镇"),
    ("关于南永路龙川派出所至大冲李家路段安装路灯", "南华县住房和城乡建设局", "住房和城乡建设"),
    ("关于调整我市主城区烟花爆竹禁放政策的建议", "随州市公安局", "公安"),
    ("关于烟花爆竹燃放有条件放开的建议", "周口市公安局", "公安"),
    ("关于推进长期护理保险在深圳尽快落地的建议", "国家医疗保障局", "医疗保障"),
    ("关于推进长期护理保险实施的建议", "国家医疗保障局", "医疗保障"),
    ("关于增开章镇至丰惠双向对开公交车的建议", "绍兴市上虞区交通运输局", "交通运输"),
    ("将城市公交车线路延伸至洋沙湖实验学校站的建议", "湘阴县交通运输局", "交通运输"),
    ("关于严厉打击电信诈骗等违法犯罪问题的提案", "盘山县公安局", "公安"),
    ("关于增加土地利用率的建议", "三州乡人民政府", "乡镇"),
)]


# The third collection (2026-12-02, after the unit kinds of lexicon.CONCEPT_UNITS and the engine's weights were
# written and committed): held out as a whole (``split: test3``), for the unit suggestion above all. Its topics
# have no entry of their own in the lexicon.
GROUPS3 = {
    "sanitation": [
        ("关于古林箐乡垃圾清运车配备的提案", "http://ynmg.gov.cn/info/2140/77150.htm", "proposal"),
        ("关于加强城区背街小巷垃圾清运工作的建议", "http://www.kaijiang.gov.cn/news-show-2429.html", "suggestion"),
        ("关于解决银川市环卫保洁车辆排渣问题的提案", "http://yinchuan.gov.cn/xxgk/bmxxgkml/scgj_2566/xxgkml_2569/yata_2582/201812/t20181221_1223550.html", "proposal"),
        ("关于支持中心城市环卫基础设施建设的建议", "http://www.wnszx.gov.cn/show.asp?id=5371", "proposal"),
        ("关于推进环境卫生综合治理的建议", "http://www.tq.gov.cn/tq/2024-11/15/article_2024111509283251839.html", "suggestion"),
    ],
    "old-trees": [
        ("关于在实施乡村振兴中注重加强对农村古井、古树、古建筑等保护工作的建议", "http://qhd.gov.cn:81/article/327/110702.html", "suggestion"),
        ("关于对中和铺村委会莫家庄村百年老树进行保护的建议", "http://www.kmjn.gov.cn/c/2022-12-08/6373158.shtml", "suggestion"),
        ("关于加强古树名木和古树后续资源保护工作的建议", "http://www.kman.gov.cn/c/2020-11-25/4714523.shtml", "suggestion"),
        ("关于加强我市古树名木保护工作的几点建议", "https://www.zhoushan.gov.cn/art/2025/7/17/art_1229029533_75746.html", "suggestion"),
        ("关于将岭雅村屿前古树群保护及公园提升纳入年度项目建设的建议", "http://www.ruian.gov.cn/art/2022/12/8/art_1229770376_4134890.html", "suggestion"),
        ("关于加强项山古树名木的保护的建议", "https://uxpxfw.cn/xwxxxgk/rddbjybl/202408/1be3221575974dfb81154828203ef29f.shtml", "suggestion"),
    ],
    "livestock-pollution": [
        ("关于治理养殖业污染,建设绿色生态泗县", "https://www.sixian.gov.cn/public/25392/120969402.html", "proposal"),
        ("关于加强养殖业污染防治工作的提案", "http://zhengxie.thnet.gov.cn/thzx/bfxd/201711/70f865ad1c384b2497523dda49df04c4.shtml", "proposal"),
        ("关于稳步提升全县畜禽养殖污染整治力度的建议", "http://www.kaijiang.gov.cn/news-show-28835.html", "suggestion"),
        ("关于加大对农村种养殖业污染治理力度的建议", "https://m.zjtxmc.com/detail/3/19/527.shtml", "suggestion"),
    ],
    "elder-education": [
        ("关于成立仁和区老年大学的建议", "http://www.screnhe.gov.cn/zmhd/rdjy/1679023.shtml", "suggestion"),
        ("关于依托高校教育资源服务老年教育的建议", "https://jyj.hld.gov.cn/zwgk/zfxxgk/fdzdgknr/jyta/shirenda/202107/t20210727_1057753.html", "suggestion"),
        ("关于加大老年教育供给的建议", "http://www.handmsg.com/page/2020/0822/13963727.shtml", "proposal"),
    ],
}

DISTRACTORS3 = [
    ("关于加强和完善农村聚居点配套设施建设的建议", "http://www.scey.gov.cn/zwgk/zdlyxxgk/jyta/rddbjy/11168341.html"),
]


def _source3(title):
    for items in GROUPS3.values():
        for t, s, _k in items:
            if t == title:
                return s
    raise KeyError(title)


UNITS3 = [(t, u, c, _source3(t)) for t, u, c in (
    ("关于古林箐乡垃圾清运车配备的提案", "马关县农业农村和科学技术局", "农业农村"),
    ("关于加强城区背街小巷垃圾清运工作的建议", "开江县住房和城乡规划建设局", "住房和城乡建设"),
    ("关于解决银川市环卫保洁车辆排渣问题的提案", "银川市城市管理局", "城市管理"),
    ("关于支持中心城市环卫基础设施建设的建议", "渭南市住房和城乡建设局", "住房和城乡建设"),
    ("关于推进环境卫生综合治理的建议", "突泉县住房和城乡建设局", "住房和城乡建设"),
    ("关于在实施乡村振兴中注重加强对农村古井、古树、古建筑等保护工作的建议", "秦皇岛市旅游和文化广电局", "文化和旅游"),
    ("关于对中和铺村委会莫家庄村百年老树进行保护的建议", "昆明市晋宁区林业和草原局", "林业"),
    ("关于将岭雅村屿前古树群保护及公园提升纳入年度项目建设的建议", "瑞安市自然资源和规划局", "自然资源"),
    ("关于加强项山古树名木的保护的建议", "寻乌县林业局", "林业"),
    ("关于加强养殖业污染防治工作的提案", "农业部", "农业农村"),
    ("关于稳步提升全县畜禽养殖污染整治力度的建议", "开江县畜牧业发展服务中心", "农业农村"),
    ("关于加大对农村种养殖业污染治理力度的建议", "农业农村部", "农业农村"),
    ("关于依托高校教育资源服务老年教育的建议", "葫芦岛市教育局", "教育"),
    ("关于加大老年教育供给的建议", "福建省教育厅", "教育"),
)]
