"""Constituents' messages about the same complaint, as residents wrote them on public message boards and hotlines
(collected 2026-12-02; each cut to its first sentence or two, with the address of the page). Used to choose the
threshold of the clusters of concerns: a concern's description is longer and freer than a title, so its scores
are lower than those of titles about the same issue.

    .venv/bin/python -m zhengxie.search.evaluation.concern_collection      # precision and recall by threshold"""

CONCERNS = {
    "hospital-parking": [
        ("广安市人民医院及周边停车位严重不足问题", "https://bbs.mala.cn/forum.php?from=album&mod=viewthread&tid=16224456"),
        ("近期去西南医院看病时发现周边停车非常困难,车位不够,很多车辆都只能停靠到马路边,希望西南医院周边能多规划一些停车场",
         "https://news.cqnews.net/1/detail/1215338797339611136/web/content_1215338797339611136.html"),
        ("每次进医院的停车场排长队,管理混乱,三车道变一车道,请对进第六人民医院停车场做好管理",
         "https://wz.sun0769.com/political/politics/index?id=786431"),
        ("去医院看病本来就着急,很多时候找不到停车位,希望医院能建地下车库或立体停车位",
         "http://hebaola.com/news/system/2022/01/16/032686054.shtml"),
    ],
    "school-naps": [
        ("达州中小学学生坐的凳子会统一换成午休的椅子吗?", "https://m.163.com/dy/article/K9IQLR0P05454D4F.html"),
        ("很多学生只能趴在桌子上午睡,影响颈椎和腰椎,建议全市更换新式课桌椅,让学生们中午可以更好地休息",
         "http://www.zzszq.net/xinzhi/103835.html"),
    ],
    "square-dance": [
        ("梅县新县城广场跳广场舞的音响音量非常大严重扰民,近日音量越来越大声,希望继续督促调低音量",
         "http://4g.mz168.com/thread-157018.htm/thread-8794.htm"),
        ("滨江公园的舞池凌晨4点钟便有人跳舞,到了夜晚声音更是震耳欲聋,居民和学生都受影响",
         "http://bbs.0576qq.com/thread-499661-1-1.html"),
        ("每日晚7点到8点期间大音量播放广场舞音乐严重影响东方花苑住户和商户正常作息",
         "https://www.wenzhoujunzhu.com/m/view.php?aid=32363"),
    ],
    "broken-lifts": [
        ("青年公寓楼高33层只配备了5部电梯,电梯反复坏,物业还不维修,业主多次反映物业均不作为",
         "https://xtq.zynews.cn/forum.php?goto=lastpost&mod=redirect&tid=1232630"),
        ("优山美地G3栋两部电梯,一部停运两个星期了,另一部今天出现故障有人被困在10层,望有关部门跟进",
         "http://footfavors.com/thread-158376.htm"),
        ("小区1号楼的电梯损坏已有3天,仍不见专人进行维修,已影响居民的日常生活和出行",
         "http://www.mwnews.cn/html/12/2016-09-30/16520622801.shtml"),
    ],
}

SINGLE = [
    ("学校限制孩子课间十分钟自由走动,不允许进入操场活动,课间不允许玩耍", "http://xiydc.com/4808fzzm.shtml"),
    ("6月1日起电动车必须戴头盔不然要罚款,头盔价格已飙升至一百多,望官方科普宣传",
     "https://yunmq.cn/mail/view.html?id=ca423879-4d66-49ab-a12b-660d68fcd612&mailid=5d52079d-2610-4914-abbc-75aa9d61f89e"),
    ("各社区有许多流浪猫,对卫生不利,建议政府支持建立流浪小动物救助基地",
     "https://yst.hangzhou.com.cn/question.php?question_id=101105191796"),
]


def rows():
    result = [{"text": t, "group": g, "source": s} for g, items in CONCERNS.items() for t, s in items]
    return result + [{"text": t, "group": None, "source": s} for t, s in SINGLE]


def main():
    from zhengxie.search.similarity import default_engine

    from .evaluate import load

    items = rows()
    engine = default_engine()
    # Document frequencies from the concerns and all the titles (an organisation's collection is larger than 15).
    engine.fit([engine.signature(r["text"]) for r in items] + [engine.signature(r["title"]) for r in load("titles.jsonl")])
    vectors = [engine.vector(engine.signature(r["text"])) for r in items]
    pairs = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            same = bool(items[i]["group"]) and items[i]["group"] == items[j]["group"]
            pairs.append((engine.cosine(vectors[i], vectors[j]), same))
    positives = sum(same for _s, same in pairs)
    print(f"{len(items)} concerns, {len(pairs)} pairs, {positives} of the same complaint")
    print("threshold  precision  recall  pairs shown")
    for t in (0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3):
        shown = [same for s, same in pairs if s >= t]
        right = sum(shown)
        print(f"{t:9.2f}  {right / len(shown) if shown else 1.0:9.3f}  {right / positives:6.3f}  {len(shown):5d}")


if __name__ == "__main__":
    main()
