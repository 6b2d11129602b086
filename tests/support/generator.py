"""Realistic, internally consistent 部门决算 disclosures in the Hunan text layout, with optional
injected errors, for tests and corpus benchmarks.

``generate(seed)`` builds one document: the 公开01表 … 公开09表 tables as tab-separated lines
(title, number, unit and 部门 lines above each, notes below), the 第三部分 情况说明 narrative
restating them in the sentence shapes of the client's samples, and the 绩效自评 attachments
(基础数据表, optional 部门整体支出绩效自评表, 3–6 项目支出绩效自评表).

A clean document is exact: the 项 amounts are drawn first (two decimals) and every total is the
sum of what it totals, so every identity of DOMAIN.md holds without rounding gaps; every share,
completion rate and year-on-year change in the text is recomputed from the figures it restates.

``generate(seed, inject=["row_total", …])`` makes the same document with small, realistic errors;
each is recorded as an ``Injection`` with the finding category the product must report and a
``needle``: a verbatim substring of the text where the error sits (a table row as the product's
evidence shows it, i.e. the row's cells joined by tabs without the leading/trailing blanks, or the
clause of the narrative).
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
ZERO = D(0)
CENT = D("0.01")
HUNDRED = D(100)


def q2(x) -> Decimal:
    """Two decimals, half up (how the tables round)."""
    if isinstance(x, float):
        x = D(repr(x))
    return D(x).quantize(CENT, ROUND_HALF_UP)


def pct(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in %, two decimals."""
    return q2(part * HUNDRED / whole)


# ---------------------------------------------------------------------------------------- codes

# The 类 lines of 公开01表 / 公开04表 in template order (the function classification).
CLASS_LINES: list[tuple[str, str]] = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
]
CLASS_NAMES = dict(CLASS_LINES)

KUAN_NAMES = {
    "20406": "司法",
    "20802": "民政管理事务",
    "20805": "行政事业单位养老支出",
    "20808": "抚恤",
    "20810": "社会福利",
    "20819": "最低生活保障",
    "20820": "临时救助",
    "20821": "特困人员救助供养",
    "21001": "卫生健康管理事务",
    "21003": "基层医疗卫生机构",
    "21004": "公共卫生",
    "21007": "计划生育事务",
    "21011": "行政事业单位医疗",
    "21012": "财政对基本医疗保险基金的补助",
    "21013": "医疗救助",
    "21015": "医疗保障管理事务",
    "21301": "农业农村",
    "21305": "巩固脱贫攻坚成果衔接乡村振兴",
    "22102": "住房改革支出",
}

ITEM_NAMES = {
    # personnel-related, every department
    "2080501": "行政单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2080801": "死亡抚恤",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "2210201": "住房公积金",
    # 医疗保障
    "2101501": "行政运行",
    "2101502": "一般行政管理事务",
    "2101504": "信息化建设",
    "2101505": "医疗保障政策管理",
    "2101506": "医疗保障经办事务",
    "2101550": "事业运行",
    "2101599": "其他医疗保障管理事务支出",
    "2101301": "城乡医疗救助",
    "2101399": "其他医疗救助支出",
    "2101202": "财政对城乡居民基本医疗保险基金的补助",
    # 卫生健康
    "2100101": "行政运行",
    "2100102": "一般行政管理事务",
    "2100199": "其他卫生健康管理事务支出",
    "2100302": "乡镇卫生院",
    "2100401": "疾病预防控制机构",
    "2100408": "基本公共卫生服务",
    "2100409": "重大公共卫生服务",
    "2100410": "突发公共卫生事件应急处理",
    "2100717": "计划生育服务",
    # 民政
    "2080201": "行政运行",
    "2080202": "一般行政管理事务",
    "2080208": "基层政权建设和社区治理",
    "2081002": "老年福利",
    "2081004": "殡葬",
    "2081901": "城市最低生活保障金支出",
    "2081902": "农村最低生活保障金支出",
    "2082001": "临时救助支出",
    "2082102": "农村特困人员救助供养支出",
    # 农业农村
    "2130101": "行政运行",
    "2130102": "一般行政管理事务",
    "2130104": "事业运行",
    "2130108": "病虫害控制",
    "2130122": "农业生产发展",
    "2130135": "农业资源保护修复与利用",
    "2130199": "其他农业农村支出",
    "2130504": "农村基础设施建设",
    "2130599": "其他巩固脱贫攻坚成果衔接乡村振兴支出",
    # 司法
    "2040601": "行政运行",
    "2040602": "一般行政管理事务",
    "2040604": "基层司法业务",
    "2040605": "普法宣传",
    "2040607": "法律援助",
    "2040610": "社区矫正",
    "2040612": "法治建设",
    "2040650": "事业运行",
}

# Economic classification of 公开06表, the three side-by-side blocks as the template prints them.
ECON_BLOCK1 = [
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"),
    ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出"),
    ("303", "对个人和家庭的补助"), ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"),
    ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"), ("30308", "助学金"), ("30309", "奖励金"),
    ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"), ("30399", "其他对个人和家庭的补助"),
]  # fmt: skip
ECON_BLOCK2 = [
    ("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"),
    ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"),
    ("30211", "差旅费"), ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"), ("30215", "会议费"),
    ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"), ("30224", "被装购置费"), ("30225", "专用燃料费"),
    ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"), ("30229", "福利费"), ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"), ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出"),
]  # fmt: skip
ECON_BLOCK3 = [
    ("307", "债务利息及费用支出"), ("30701", "国内债务付息"), ("30702", "国外债务付息"), ("310", "资本性支出"),
    ("31001", "房屋建筑物购建"), ("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31005", "基础设施建设"),
    ("31006", "大型修缮"), ("31007", "信息网络及软件购置更新"), ("31008", "物资储备"), ("31009", "土地补偿"),
    ("31010", "安置补助"), ("31011", "地上附着物和青苗补偿"), ("31012", "拆迁补偿"), ("31013", "公务用车购置"),
    ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"), ("31022", "无形资产购置"), ("31099", "其他资本性支出"),
    ("399", "其他支出"), ("39907", "国家赔偿费用支出"), ("39908", "对民间非营利组织和群众性自治组织补贴"),
    ("39909", "经常性赠与"), ("39910", "资本性赠与"), ("39999", "其他支出"),
]  # fmt: skip
ECON_NAMES = dict(ECON_BLOCK1 + ECON_BLOCK2 + ECON_BLOCK3)

# ---------------------------------------------------------------------------------------- places

PLACES: dict[str, list[str]] = {
    "长沙市": ["长沙县", "浏阳市", "宁乡市", "望城区"],
    "株洲市": ["攸县", "茶陵县", "炎陵县", "醴陵市", "渌口区"],
    "湘潭市": ["湘潭县", "湘乡市", "韶山市"],
    "衡阳市": ["衡阳县", "衡南县", "衡山县", "衡东县", "祁东县", "耒阳市", "常宁市", "南岳区"],
    "邵阳市": ["新邵县", "邵阳县", "隆回县", "洞口县", "绥宁县", "新宁县", "城步苗族自治县", "武冈市", "邵东市"],
    "岳阳市": ["华容县", "湘阴县", "平江县", "汨罗市", "临湘市", "君山区", "屈原管理区"],
    "常德市": ["安乡县", "汉寿县", "澧县", "临澧县", "桃源县", "石门县", "津市市", "鼎城区"],
    "张家界市": ["慈利县", "桑植县", "武陵源区"],
    "益阳市": ["南县", "桃江县", "安化县", "沅江市", "赫山区"],
    "郴州市": ["桂阳县", "宜章县", "永兴县", "嘉禾县", "临武县", "汝城县", "桂东县", "安仁县", "资兴市"],
    "永州市": ["祁阳市", "东安县", "双牌县", "道县", "江永县", "宁远县", "蓝山县", "新田县", "江华瑶族自治县"],
    "怀化市": ["中方县", "沅陵县", "辰溪县", "溆浦县", "会同县", "麻阳苗族自治县", "芷江侗族自治县", "洪江市"],
    "娄底市": ["双峰县", "新化县", "冷水江市", "涟源市"],
    "湘西土家族苗族自治州": ["泸溪县", "凤凰县", "花垣县", "保靖县", "古丈县", "永顺县", "龙山县", "吉首市"],
}

SURNAMES = "张王李刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢唐许邓冯曾彭肖蒋蔡贺"
GIVEN = ["伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "婷", "姿", "慧", "晨"]  # fmt: skip

# ---------------------------------------------------------------------------------------- departments


@dataclass(frozen=True)
class _ProjectTemplate:
    code: str  # the 项 its money is booked on
    name: str
    expected: str  # 预期目标; {area} 全县 …, {n} the quantity target, {year}
    actual: str  # 实际完成情况; {m} the quantity achieved, {q} the quality achieved (%)
    qty: tuple[str, str, int, int]  # 数量指标: name, unit, range of the target
    qual: tuple[str, int]  # 质量指标: name, target in %
    eff: tuple[str, str, str]  # 社会效益指标: name, target, actual
    sat: str  # 满意度指标


@dataclass(frozen=True)
class _Profile:
    key: str
    suffix: str  # 医疗保障局
    short: str  # 医保局
    run: tuple[str, ...]  # 行政运行 (always) and 事业运行 (sometimes): take the remaining basic expense
    institution: str  # the 事业单位 under the department
    offices: tuple[str, ...]
    duties: tuple[str, ...]
    coverage: str  # a coverage rate sentence ({area}, {rate})
    focus: str  # the department's overall goal, for the 整体支出 table
    achieved: str
    factor: tuple[float, float]  # project expense / basic expense, log-uniform
    projects: tuple[_ProjectTemplate, ...]


PROFILES: tuple[_Profile, ...] = (
    _Profile(
        "医保",
        "医疗保障局",
        "医保局",
        ("2101501", "2101550"),
        "医疗保障事务中心",
        ("办公室", "规划财务和法规股", "待遇保障股", "医药价格和招标采购股", "基金监管股"),
        (
            "贯彻落实国家、省、市医疗保险、生育保险、医疗救助等医疗保障制度的法律法规和政策，拟订{area}医疗保障政策、规划并组织实施。",
            "组织实施{area}医疗保障基金监督管理办法，建立健全医疗保障基金安全防控机制，推进医疗保障基金支付方式改革。",
            "组织制定{area}城乡统一的医疗保障筹资和待遇政策，建立健全与筹资水平相适应的待遇调整机制。",
            "执行药品、医用耗材、医疗服务项目、医疗服务设施等医保目录和支付标准，落实药品和医用耗材集中带量采购政策。",
            "负责{area}医疗保障经办管理、公共服务体系和信息化建设，组织实施异地就医管理和费用结算政策。",
            "完成{place}委、{place}人民政府交办的其他任务。",
        ),
        "{area}基本医疗保险综合参保率达到{rate}%",
        "巩固基本医疗保险参保覆盖面，落实医疗保障待遇政策，守好医保基金安全底线，提升医保经办服务水平",
        "全年医保基金运行平稳，各项医疗保障待遇按时足额兑现，医保经办服务事项实现就近可办",
        (0.3, 40.0),
        (
            _ProjectTemplate(
                "2101301",
                "城乡医疗救助资金",
                "对{area}特困人员、低保对象等困难群众参加城乡居民医保给予资助，对救助对象经基本医保、大病保险报销后的政策范围内个人自付费用给予救助，防止因病致贫返贫。",
                "全年资助困难群众参加城乡居民医保，实施住院和门诊医疗救助{m}人次，困难群众政策范围内住院费用综合报销比例达到{q}%，未发生规模性因病返贫。",
                ("医疗救助对象人次", "人次", 800, 9000),
                ("困难群众政策范围内住院费用综合报销比例", 85),
                ("困难群众医疗费用负担", "有效减轻", "明显减轻"),
                "救助对象满意度",
            ),
            _ProjectTemplate(
                "2101399",
                "重特大疾病医疗救助配套资金",
                "落实重特大疾病医疗救助{year}年度{area}级配套资金，对符合条件的大病患者按规定给予倾斜救助，筑牢医疗保障兜底防线。",
                "配套资金足额到位，完成重特大疾病倾斜救助{m}人次，救助资金通过“一站式”结算直接支付，兜底保障作用有效发挥。",
                ("重特大疾病救助人次", "人次", 100, 1500),
                ("“一站式”结算覆盖率", 95),
                ("大病患者家庭灾难性支出", "有效遏制", "有效遏制"),
                "大病救助对象满意度",
            ),
            _ProjectTemplate(
                "2101504",
                "医保信息化建设经费",
                "完成医保信息平台运行维护和网络安全等级保护测评，保障医保结算系统全年稳定运行，推广医保电子凭证激活使用。",
                "医保信息平台全年稳定运行，完成系统运维巡检{m}次，医保电子凭证激活率达到{q}%，通过网络安全等级保护测评。",
                ("系统运维巡检次数", "次", 12, 60),
                ("医保电子凭证激活率", 70),
                ("参保群众就医结算便捷度", "明显提升", "明显提升"),
                "定点医药机构满意度",
            ),
            _ProjectTemplate(
                "2101506",
                "医保经办服务能力提升经费",
                "推进医保经办服务下沉，建设乡镇（街道）医保服务站和村（社区）服务点，实现高频经办事项就近可办。",
                "建成村（社区）医保服务点{m}个，高频经办事项下沉基层办理，窗口办件按时办结率达到{q}%。",
                ("村（社区）医保服务点建设数量", "个", 20, 300),
                ("窗口办件按时办结率", 98),
                ("群众办事跑腿次数", "有效减少", "有效减少"),
                "办事群众满意度",
            ),
            _ProjectTemplate(
                "2101505",
                "医保基金监管专项经费",
                "开展定点医药机构全覆盖检查和打击欺诈骗保专项整治，规范医疗服务行为，维护医保基金安全。",
                "完成定点医药机构现场检查{m}家，查处违规使用医保基金问题并全部追回，检查覆盖率达到{q}%，基金监管高压态势持续巩固。",
                ("定点医药机构检查家数", "家", 30, 400),
                ("定点医药机构检查覆盖率", 100),
                ("医保基金安全运行", "有效保障", "有效保障"),
                "参保群众满意度",
            ),
            _ProjectTemplate(
                "2101502",
                "医保政策宣传及业务培训经费",
                "开展医保政策集中宣传和经办人员业务培训，提高群众医保政策知晓率和基层经办人员业务能力。",
                "组织集中宣传和业务培训{m}场次，基层经办人员培训覆盖率达到{q}%，群众医保政策知晓度明显提高。",
                ("宣传培训场次", "场次", 6, 60),
                ("基层经办人员培训覆盖率", 95),
                ("群众医保政策知晓度", "逐步提高", "明显提高"),
                "参训人员满意度",
            ),
            _ProjectTemplate(
                "2101599",
                "医保支付方式改革工作经费",
                "推进按病种分值付费（DIP）支付方式改革，落实药品耗材集中带量采购结果，提高医保基金使用效率。",
                "DIP支付方式改革覆盖{m}家定点医疗机构，集采药品耗材按时落地，集采结果执行率达到{q}%。",
                ("DIP付费覆盖定点医疗机构数", "家", 5, 60),
                ("集采结果执行率", 95),
                ("医保基金使用效率", "逐步提高", "有效提高"),
                "定点医疗机构满意度",
            ),
            _ProjectTemplate(
                "2101202",
                "城乡居民基本医疗保险财政补助资金",
                "按标准足额落实{year}年城乡居民基本医疗保险{area}级财政补助，保障参保群众基本医疗保险待遇。",
                "{area}级财政补助资金按时足额拨付至医保基金财政专户，城乡居民参保{m}人，住院费用政策范围内报销比例达到{q}%。",
                ("城乡居民医保参保人数", "人", 30000, 900000),
                ("住院费用政策范围内报销比例", 70),
                ("参保群众基本医疗需求", "有效保障", "有效保障"),
                "参保群众满意度",
            ),
        ),
    ),
    _Profile(
        "卫健",
        "卫生健康局",
        "卫健局",
        ("2100101", "2100401"),
        "疾病预防控制中心",
        ("办公室", "规划财务股", "医政医管股", "基层卫生健康股", "疾病预防控制股", "人口监测与家庭发展股"),
        (
            "贯彻执行国家卫生健康工作方针政策和法律法规，拟订{area}卫生健康事业发展规划并组织实施。",
            "统筹规划{area}卫生健康资源配置，指导区域卫生健康规划的编制和实施，推进基本公共卫生服务均等化。",
            "负责{area}疾病预防控制工作，组织实施免疫规划和重大疾病防治规划，组织开展突发公共卫生事件的监测预警和应急处置。",
            "贯彻执行医疗机构、医疗技术应用、医疗质量和医疗安全等行业管理办法，监督实施医疗服务规范和标准。",
            "负责计划生育管理和服务工作，开展人口监测预警，落实计划生育奖励扶助政策。",
            "完成{place}委、{place}人民政府交办的其他任务。",
        ),
        "{area}适龄儿童国家免疫规划疫苗接种率达到{rate}%",
        "落实基本和重大公共卫生服务项目，提升基层医疗卫生服务能力，做好疾病预防控制和突发公共卫生事件应急处置",
        "基本公共卫生服务项目全面完成，基层医疗卫生机构服务能力稳步提升，重点传染病疫情得到有效控制",
        (0.5, 30.0),
        (
            _ProjectTemplate(
                "2100408",
                "基本公共卫生服务项目资金",
                "按人均标准落实基本公共卫生服务经费，为{area}城乡居民免费提供居民健康档案管理、老年人健康管理、慢性病患者健康管理等服务。",
                "基本公共卫生服务资金按绩效考核结果及时拨付，全年管理65岁以上老年人{m}人，居民电子健康档案建档率达到{q}%。",
                ("65岁以上老年人健康管理人数", "人", 2000, 60000),
                ("居民电子健康档案建档率", 90),
                ("城乡居民健康水平", "逐步提高", "稳步提高"),
                "城乡居民满意度",
            ),
            _ProjectTemplate(
                "2100409",
                "重大公共卫生服务项目资金",
                "实施农村妇女“两癌”筛查、适龄儿童窝沟封闭等重大公共卫生服务项目，降低重点人群疾病风险。",
                "完成农村妇女“两癌”筛查{m}人，筛查任务完成率达到{q}%，异常病例全部纳入随访管理。",
                ("农村妇女“两癌”筛查人数", "人", 500, 20000),
                ("筛查任务完成率", 95),
                ("重点人群疾病早诊早治水平", "有效提升", "有效提升"),
                "受检群众满意度",
            ),
            _ProjectTemplate(
                "2100410",
                "突发公共卫生事件应急处置经费",
                "储备应急物资，开展卫生应急演练和队伍培训，提高突发公共卫生事件应急处置能力。",
                "组织卫生应急演练和培训{m}次，应急物资储备充足，突发公共卫生事件规范处置率达到{q}%。",
                ("卫生应急演练及培训次数", "次", 2, 20),
                ("突发公共卫生事件规范处置率", 100),
                ("卫生应急处置能力", "有效提升", "有效提升"),
                "应急队员满意度",
            ),
            _ProjectTemplate(
                "2100717",
                "计划生育奖励扶助资金",
                "按标准发放农村部分计划生育家庭奖励扶助金和计划生育家庭特别扶助金，落实计划生育家庭利益导向政策。",
                "向{m}名扶助对象足额发放奖励扶助金和特别扶助金，资金通过“一卡通”发放到位，发放准确率达到{q}%。",
                ("奖励扶助对象人数", "人", 300, 12000),
                ("扶助资金发放准确率", 100),
                ("计划生育家庭生活保障", "有效改善", "有效改善"),
                "扶助对象满意度",
            ),
            _ProjectTemplate(
                "2100302",
                "乡镇卫生院能力建设资金",
                "支持乡镇卫生院改善医疗设备条件、开展适宜技术推广，提升基层首诊服务能力。",
                "支持{m}家乡镇卫生院购置基本医疗设备、推广中医药适宜技术，设备到位率达到{q}%，基层诊疗量稳步增长。",
                ("支持乡镇卫生院数量", "家", 5, 30),
                ("设备到位率", 95),
                ("基层医疗服务能力", "稳步提升", "稳步提升"),
                "就诊群众满意度",
            ),
            _ProjectTemplate(
                "2100102",
                "卫生健康综合监督执法经费",
                "开展医疗机构、公共场所、学校卫生等“双随机”监督抽检，依法查处违法违规行为，维护群众健康权益。",
                "完成“双随机”监督抽检{m}户次，抽检任务完成率达到{q}%，发现问题全部督促整改到位。",
                ("“双随机”监督抽检户次", "户次", 50, 600),
                ("抽检任务完成率", 100),
                ("医疗卫生服务秩序", "持续规范", "持续规范"),
                "被监督单位满意度",
            ),
            _ProjectTemplate(
                "2100199",
                "爱国卫生运动工作经费",
                "开展城乡环境卫生整治和病媒生物防制，巩固国家卫生县城创建成果，营造干净整洁的人居环境。",
                "组织城乡环境卫生集中整治{m}次，病媒生物密度控制水平达标率达到{q}%，国家卫生县城复审顺利通过。",
                ("环境卫生集中整治次数", "次", 4, 40),
                ("病媒生物密度控制水平达标率", 90),
                ("城乡人居环境", "明显改善", "明显改善"),
                "城乡居民满意度",
            ),
        ),
    ),
    _Profile(
        "民政",
        "民政局",
        "民政局",
        ("2080201",),
        "社会福利中心",
        ("办公室", "社会救助股", "养老服务股", "基层政权和社区建设股", "社会事务股", "规划财务股"),
        (
            "贯彻执行民政工作的法律法规和方针政策，拟订{area}民政事业发展规划并组织实施。",
            "负责{area}最低生活保障、特困人员救助供养、临时救助等社会救助工作，推进社会救助体系建设。",
            "统筹推进、督促指导、监督管理{area}养老服务工作，落实经济困难高龄老人补贴等老年福利政策。",
            "指导城乡社区治理体系和治理能力建设，推进基层群众自治制度建设。",
            "负责殡葬管理、婚姻登记、儿童福利和未成年人保护等社会事务管理工作。",
            "完成{place}委、{place}人民政府交办的其他任务。",
        ),
        "{area}符合条件的困难群众应保尽保率达到{rate}%",
        "兜牢困难群众基本生活底线，健全分层分类社会救助体系，发展普惠养老服务，提升基层社会治理水平",
        "社会救助资金按月足额发放，特困人员基本生活得到有效保障，养老服务设施和社区治理水平持续提升",
        (1.0, 40.0),
        (
            _ProjectTemplate(
                "2081902",
                "农村最低生活保障资金",
                "按照{year}年农村低保标准，对{area}符合条件的农村低保对象按月足额发放低保金，做到应保尽保、应退尽退。",
                "全年保障农村低保对象{m}人，低保金按月通过“一卡通”社会化发放，发放准确率达到{q}%，动态管理规范有序。",
                ("农村低保保障人数", "人", 1000, 40000),
                ("低保金发放准确率", 100),
                ("农村困难群众基本生活", "有效保障", "有效保障"),
                "低保对象满意度",
            ),
            _ProjectTemplate(
                "2081901",
                "城市最低生活保障资金",
                "落实城市最低生活保障制度，对城市低保对象按标准发放低保金，保障城市困难群众基本生活。",
                "全年保障城市低保对象{m}人，低保金按时足额发放，低保对象信息核对率达到{q}%。",
                ("城市低保保障人数", "人", 200, 10000),
                ("低保对象信息核对率", 100),
                ("城市困难群众基本生活", "有效保障", "有效保障"),
                "低保对象满意度",
            ),
            _ProjectTemplate(
                "2082102",
                "特困人员救助供养资金",
                "落实特困人员基本生活标准和照料护理标准，提升敬老院集中供养服务质量。",
                "全年供养特困人员{m}人，基本生活费和照料护理费按时足额发放，生活不能自理特困人员集中供养率达到{q}%。",
                ("特困人员救助供养人数", "人", 200, 8000),
                ("生活不能自理特困人员集中供养率", 60),
                ("特困人员生活质量", "有效改善", "有效改善"),
                "供养对象满意度",
            ),
            _ProjectTemplate(
                "2082001",
                "临时救助资金",
                "对遭遇突发事件、意外伤害、重大疾病等导致基本生活陷入困境的家庭和个人及时给予临时救助。",
                "全年实施临时救助{m}人次，救助资金及时发放到位，急难型救助事项办结时限达标率达到{q}%。",
                ("临时救助人次", "人次", 100, 6000),
                ("急难型救助办结时限达标率", 95),
                ("困难群众急难问题", "及时解决", "及时解决"),
                "救助对象满意度",
            ),
            _ProjectTemplate(
                "2081002",
                "经济困难高龄老人补贴资金",
                "对{area}80周岁以上经济困难老年人按标准发放高龄补贴，落实老年人福利政策。",
                "全年为{m}名高龄老人发放补贴，资金按季度发放到位，发放准确率达到{q}%。",
                ("高龄补贴发放人数", "人", 500, 30000),
                ("补贴发放准确率", 100),
                ("老年人获得感", "持续增强", "持续增强"),
                "受益老人满意度",
            ),
            _ProjectTemplate(
                "2081004",
                "殡葬改革惠民补助资金",
                "对{area}户籍居民遗体火化实行基本殡葬服务费用减免，推进殡葬移风易俗。",
                "全年减免基本殡葬服务费用{m}例，惠民政策落实率达到{q}%，文明节俭治丧新风逐步形成。",
                ("基本殡葬服务费用减免例数", "例", 200, 6000),
                ("惠民政策落实率", 100),
                ("群众治丧负担", "有效减轻", "有效减轻"),
                "群众满意度",
            ),
            _ProjectTemplate(
                "2080208",
                "城乡社区治理工作经费",
                "推进城乡社区综合服务设施建设和社区工作者队伍建设，提升基层治理和服务能力。",
                "完成{m}个城乡社区综合服务设施提质改造，社区工作者培训覆盖率达到{q}%。",
                ("社区综合服务设施提质改造数量", "个", 5, 80),
                ("社区工作者培训覆盖率", 90),
                ("基层治理服务水平", "有效提升", "有效提升"),
                "社区居民满意度",
            ),
            _ProjectTemplate(
                "2080202",
                "民政业务工作经费",
                "保障婚姻登记、社会组织管理、区划地名等民政业务工作正常开展，提高民政公共服务水平。",
                "全年办理婚姻登记等民政服务事项{m}件，窗口服务事项按时办结率达到{q}%。",
                ("民政服务事项办理件数", "件", 300, 8000),
                ("窗口服务事项按时办结率", 98),
                ("民政公共服务水平", "稳步提升", "稳步提升"),
                "办事群众满意度",
            ),
        ),
    ),
    _Profile(
        "农业",
        "农业农村局",
        "农业农村局",
        ("2130101", "2130104"),
        "农业综合服务中心",
        ("办公室", "计划财务股", "农村经营管理股", "种植业管理股", "畜牧水产股", "乡村建设股"),
        (
            "贯彻落实党中央关于“三农”工作的方针政策，统筹研究和组织实施{area}“三农”工作发展规划。",
            "负责种植业、畜牧业、渔业等农业各产业的监督管理，组织实施耕地地力保护等强农惠农政策。",
            "负责农作物重大病虫害防控和农产品质量安全监督管理，组织开展农业资源区划和生态农业工作。",
            "牵头组织改善农村人居环境，指导农村精神文明和优秀农耕文化建设。",
            "负责巩固拓展脱贫攻坚成果同乡村振兴有效衔接的相关工作。",
            "完成{place}委、{place}人民政府交办的其他任务。",
        ),
        "{area}农作物病虫害绿色防控覆盖率达到{rate}%",
        "稳定粮食生产，落实强农惠农政策，推进农村人居环境整治，巩固拓展脱贫攻坚成果",
        "粮食播种面积和产量保持稳定，惠农补贴按时兑现，农村人居环境持续改善，未发生规模性返贫",
        (0.5, 30.0),
        (
            _ProjectTemplate(
                "2130122",
                "耕地地力保护补贴资金",
                "按照{year}年补贴标准，对{area}拥有耕地承包权的种地农民发放耕地地力保护补贴，引导农民保护耕地、提升地力。",
                "完成补贴面积核实和公示，补贴资金通过“一卡通”发放到{m}户农户，发放准确率达到{q}%。",
                ("补贴发放农户数", "户", 2000, 90000),
                ("补贴资金发放准确率", 100),
                ("耕地地力", "稳步提升", "稳步提升"),
                "补贴对象满意度",
            ),
            _ProjectTemplate(
                "2130108",
                "农作物重大病虫害防控资金",
                "开展水稻等主要农作物重大病虫害监测预警和统防统治，控制病虫危害损失。",
                "完成病虫害统防统治面积{m}亩，重大病虫害监测预警信息发布及时率达到{q}%，危害损失率控制在目标以内。",
                ("统防统治面积", "亩", 5000, 200000),
                ("监测预警信息发布及时率", 95),
                ("农作物病虫危害损失", "有效控制", "有效控制"),
                "种植户满意度",
            ),
            _ProjectTemplate(
                "2130135",
                "秸秆综合利用项目资金",
                "推进农作物秸秆肥料化、饲料化、基料化利用，提高秸秆综合利用率，减少秸秆露天焚烧。",
                "完成秸秆综合利用{m}吨，秸秆综合利用率达到{q}%，项目区未发生秸秆露天焚烧现象。",
                ("秸秆综合利用量", "吨", 2000, 60000),
                ("秸秆综合利用率", 86),
                ("农业面源污染", "有效减少", "有效减少"),
                "项目区农户满意度",
            ),
            _ProjectTemplate(
                "2130504",
                "农村人居环境整治资金",
                "实施农村改厕、生活垃圾和污水治理，提升村容村貌，建设宜居宜业和美乡村。",
                "完成农村户厕改造{m}户，改厕验收合格率达到{q}%，项目村生活垃圾实现收运处置全覆盖。",
                ("农村户厕改造户数", "户", 200, 6000),
                ("改厕验收合格率", 95),
                ("农村人居环境", "明显改善", "明显改善"),
                "项目村群众满意度",
            ),
            _ProjectTemplate(
                "2130599",
                "脱贫人口小额信贷贴息资金",
                "对脱贫人口和监测对象发放的小额信贷按规定给予贴息，支持发展生产、稳定增收。",
                "全年为{m}户脱贫户和监测户兑现小额信贷贴息，贴息资金按季度拨付，到期贷款按时还款率达到{q}%。",
                ("享受贴息户数", "户", 100, 5000),
                ("到期贷款按时还款率", 95),
                ("脱贫群众增收能力", "持续增强", "持续增强"),
                "贴息对象满意度",
            ),
            _ProjectTemplate(
                "2130199",
                "高标准农田建设管护经费",
                "落实已建高标准农田工程设施管护责任，开展沟渠、机耕道等设施日常维护，确保长期发挥效益。",
                "完成已建高标准农田管护{m}亩，设施完好率达到{q}%，损毁设施全部及时修复。",
                ("高标准农田管护面积", "亩", 5000, 150000),
                ("工程设施完好率", 90),
                ("农田综合生产能力", "稳定提升", "稳定提升"),
                "项目区群众满意度",
            ),
            _ProjectTemplate(
                "2130102",
                "农业综合行政执法经费",
                "开展种子、农药、肥料等农资市场监督检查和农产品质量安全执法，保障农业生产安全。",
                "开展农资市场检查{m}次，农产品质量安全例行监测合格率达到{q}%，未发生重大农产品质量安全事件。",
                ("农资市场检查次数", "次", 20, 300),
                ("农产品质量安全例行监测合格率", 98),
                ("农业生产秩序", "持续规范", "持续规范"),
                "农户满意度",
            ),
        ),
    ),
    _Profile(
        "司法",
        "司法局",
        "司法局",
        ("2040601", "2040650"),
        "公共法律服务中心",
        ("办公室", "法治督察股", "人民参与和促进法治股", "社区矫正股", "公共法律服务管理股"),
        (
            "承担{area}全面依法治理的统筹规划和组织协调工作，推进法治政府建设。",
            "负责拟订{area}法治宣传教育规划，组织实施普法宣传工作。",
            "指导、管理人民调解工作和社区矫正工作，指导司法所建设。",
            "负责{area}公共法律服务体系建设，指导、管理律师、公证、法律援助和基层法律服务工作。",
            "承担行政复议、行政应诉和规范性文件合法性审查工作。",
            "完成{place}委、{place}人民政府交办的其他任务。",
        ),
        "{area}矛盾纠纷调解成功率达到{rate}%",
        "统筹推进法治政府建设，深化普法宣传，做好人民调解、社区矫正和法律援助，构建覆盖城乡的公共法律服务体系",
        "法治政府建设重点任务有序推进，社区矫正对象无脱管漏管，法律援助应援尽援，矛盾纠纷就地化解",
        (0.1, 2.0),
        (
            _ProjectTemplate(
                "2040607",
                "法律援助办案补贴",
                "为经济困难群众和特殊案件当事人提供法律援助，按标准支付法律援助办案补贴，做到应援尽援。",
                "全年办理法律援助案件{m}件，办案补贴按结案评估结果及时支付，案件质量评估合格率达到{q}%。",
                ("法律援助案件办理件数", "件", 50, 1500),
                ("案件质量评估合格率", 95),
                ("困难群众合法权益", "有效维护", "有效维护"),
                "受援人满意度",
            ),
            _ProjectTemplate(
                "2040610",
                "社区矫正工作经费",
                "落实社区矫正对象日常监管、教育帮扶和信息化核查，确保社区矫正对象不脱管、不漏管、不重新犯罪。",
                "全年在册社区矫正对象{m}人次，信息化核查覆盖率达到{q}%，未发生脱管漏管和重大重新犯罪案件。",
                ("在册社区矫正对象人次", "人次", 50, 1200),
                ("信息化核查覆盖率", 100),
                ("社会治安稳定", "有效维护", "有效维护"),
                "社区群众满意度",
            ),
            _ProjectTemplate(
                "2040605",
                "普法宣传教育经费",
                "组织“八五”普法和宪法宣传周等主题普法活动，推进法治文化阵地建设，提高公民法治素养。",
                "开展主题普法活动{m}场次，发放普法资料，重点对象学法考法参考率达到{q}%。",
                ("主题普法活动场次", "场次", 10, 200),
                ("重点对象学法考法参考率", 95),
                ("公民法治素养", "逐步提高", "明显提高"),
                "群众满意度",
            ),
            _ProjectTemplate(
                "2040604",
                "人民调解工作经费",
                "健全乡镇（街道）、村（社区）人民调解组织网络，按件落实人民调解“以案定补”，及时化解矛盾纠纷。",
                "全年调解各类矛盾纠纷{m}件，“以案定补”资金按季度兑现，调解协议履行率达到{q}%。",
                ("调解矛盾纠纷件数", "件", 100, 5000),
                ("调解协议履行率", 95),
                ("基层矛盾纠纷", "就地化解", "就地化解"),
                "当事人满意度",
            ),
            _ProjectTemplate(
                "2040612",
                "法治政府建设经费",
                "开展法治政府建设示范创建和行政执法监督，规范重大行政决策和规范性文件合法性审查。",
                "完成规范性文件合法性审查{m}件，行政执法案卷评查覆盖率达到{q}%，法治政府建设考核位次前移。",
                ("规范性文件合法性审查件数", "件", 10, 200),
                ("行政执法案卷评查覆盖率", 100),
                ("依法行政水平", "持续提升", "持续提升"),
                "行政相对人满意度",
            ),
            _ProjectTemplate(
                "2040602",
                "公共法律服务体系建设经费",
                "推进公共法律服务中心（站、室）规范化建设，落实村（居）法律顾问制度，为群众提供便捷法律服务。",
                "村（居）法律顾问覆盖{m}个村（社区），公共法律服务平台咨询按时答复率达到{q}%。",
                ("法律顾问覆盖村（社区）数", "个", 30, 500),
                ("法律咨询按时答复率", 98),
                ("群众获取法律服务便捷度", "明显提升", "明显提升"),
                "服务对象满意度",
            ),
        ),
    ),
)
PROFILE_KEYS = tuple(p.key for p in PROFILES)

# a project an entity books on its 行政运行 code (项目支出 part of that row)
_RUN_PROJECT = _ProjectTemplate(
    "",
    "业务工作经费",
    "保障{area}{short}各项业务工作正常开展，按期完成年度重点工作任务，提升履职服务能力。",
    "全年完成年度重点工作任务{m}项，各项业务工作有序开展，重点任务完成率达到{q}%。",
    ("年度重点工作任务", "项", 6, 30),
    ("重点任务完成率", 95),
    ("部门履职效能", "有效提升", "有效提升"),
    "服务对象满意度",
)

_MISS_CAUSES = (
    "受年度任务调整影响，部分工作未完成",
    "部分对象信息核实周期较长",
    "受人员变动影响，部分任务延后",
    "实际需求低于年初测算",
)
_MISS_MEASURES = ("加强进度调度", "加强部门协同", "强化过程监控", "提高目标设定的科学性")
_UP_REASONS = ("人员增加和工资标准调整", "上级专项补助资金增加", "新增{project}等项目支出", "业务工作量增加")
_DOWN_REASONS = ("上年一次性项目支出本年未再安排", "厉行节约，压减一般性支出", "{project}等项目资金减少", "人员减少")

# ---------------------------------------------------------------------------------------- API


@dataclass
class Injection:
    kind: str  # one of INJECTION_KINDS
    category: str  # the finding category the product must report (DOMAIN.md)
    description: str  # Chinese: what was changed
    needle: str  # a verbatim substring of the generated text where the error sits


@dataclass
class GeneratedDoc:
    name: str  # "gen_0007.txt"
    text: str  # the whole document, Hunan TSV layout
    injections: list[Injection]
    facts: dict  # the true figures the document was made from


CATEGORY_OF: dict[str, str] = {
    "row_total": "footing",
    "code_hierarchy": "footing",
    "summary_total": "footing",
    "cross_table_amount": "cross_table",
    "shuffled_rows": "cross_table",
    "narrative_amount": "narrative_vs_table",
    "share": "percent_recompute",
    "completion_rate": "percent_recompute",
    "yoy": "yoy_recompute",
    "perf_rate": "perf_score",
    "perf_total": "perf_score",
    "exec_outlier": "execution_rate_outlier",
    "copy_goal": "copy_paste_text",
    "goal_equals_actual": "copy_paste_text",
    "decimal_shift": "unit_or_decimal_shift",
    "yuan_among_wan": "unit_or_decimal_shift",
    "ratio_over_100": "ratio_over_100",
    "staffing": "staffing_mismatch",
    "missing_table": "missing_or_blank",
    "empty_table_no_note": "missing_or_blank",
}
INJECTION_KINDS: tuple[str, ...] = tuple(CATEGORY_OF)

# ---------------------------------------------------------------------------------------- facts


@dataclass
class _Item:
    """One 项 row: its amounts in every table that prints it (all money is 一般公共预算)."""

    code: str
    name: str
    basic: Decimal
    project: Decimal
    budget: Decimal = ZERO  # 年初预算

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


@dataclass
class _Indicator:
    l1: str
    l2: str
    name: str
    target: str
    actual: str
    weight: int
    score: Decimal
    reason: str = ""


@dataclass
class _Project:
    name: str
    code: str
    executed: Decimal
    budget: Decimal = ZERO  # 全年预算数
    initial: Decimal = ZERO  # 年初预算数
    goal_expected: str = ""
    goal_actual: str = ""
    indicators: list[_Indicator] = field(default_factory=list)

    @property
    def rate(self) -> Decimal:
        return pct(self.executed, self.budget)

    @property
    def exec_score(self) -> Decimal:
        return exec_score(self.rate)

    @property
    def total_score(self) -> Decimal:
        return self.exec_score + sum((i.score for i in self.indicators), ZERO)


def exec_score(rate: Decimal, weight: int = 10) -> Decimal:
    """The template's 得分 of the execution line: 分值 × 执行率, two decimals, capped at 分值."""
    return min(D(weight), q2(D(weight) * rate / HUNDRED))


def _u(rng: random.Random, a: float, b: float) -> Decimal:
    return D(repr(rng.uniform(a, b)))


def _nice(n: int) -> int:
    """A round-looking count: two significant digits."""
    if n < 100:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return n // scale * scale


def _split(rng: random.Random, total: Decimal, weights: list[float], minimum: Decimal = CENT) -> list[Decimal]:
    """total split in proportion to weights, two decimals, the parts summing exactly to total."""
    s = sum(weights)
    parts = [max(minimum, q2(total * D(repr(w / s)))) for w in weights[:-1]]
    last = total - sum(parts, ZERO)
    if last < minimum:  # rounding took too much: take it back from the largest part
        k = parts.index(max(parts))
        parts[k] -= minimum - last
        last = minimum
    return parts + [last]


class _Facts:
    """Every figure of one document, drawn bottom-up: 项 amounts and economic items first, then
    every total as the exact sum of what it totals."""

    def __init__(self, rng: random.Random, outlier: tuple[float, float] | None = None):
        self.rng = rng
        self.profile = rng.choice(PROFILES)
        self.year = rng.randint(2020, 2024)
        pref = rng.choice(sorted(PLACES))
        if rng.random() < 0.2:
            self.place, self.prefecture = pref, ""
        else:
            self.place, self.prefecture = rng.choice(PLACES[pref]), pref
        self.area = "全" + next((w for w in ("区", "县", "州") if self.place.endswith(w)), "市")
        self.department = self.place + self.profile.suffix
        self._staff()
        self._econ()
        self._items()
        self._projects(outlier)
        self._budgets()
        self._others()

    # staff and the economic classification of the basic expense (公开06表)
    def _staff(self) -> None:
        rng = self.rng
        self.authorized = int(D(repr(math.exp(rng.uniform(1.6, 4.9)))))  # 编制数 5 … 134
        self.actual = self.authorized - rng.randint(0, max(1, self.authorized // 5))
        self.has_institution = len(self.profile.run) > 1 and rng.random() < 0.6
        self.codes_personnel = ["2080505", "2101101", "2210201"]
        if rng.random() < 0.85:
            self.codes_personnel.append("2080506")
        if self.has_institution and rng.random() < 0.8:
            self.codes_personnel.append("2101102")
        if rng.random() < 0.5:
            self.codes_personnel.append("2101103")
        if rng.random() < 0.25:
            self.codes_personnel.append("2080501")
        if rng.random() < 0.1:
            self.codes_personnel.append("2080801")

    def _econ(self) -> None:
        rng, n = self.rng, self.actual
        e: dict[str, Decimal] = {}
        wage = q2(n * _u(rng, 6.5, 12.5))  # 基本工资 + 津贴补贴 + 奖金 (+ 绩效工资)
        wage_codes = ["30101", "30102", "30103"] + (["30107"] if self.has_institution else [])
        shares = [0.36, 0.32, 0.10] + ([0.22] if self.has_institution else [])
        for code, part in zip(wage_codes, _split(rng, wage, [s * rng.uniform(0.85, 1.15) for s in shares])):
            e[code] = part
        if rng.random() < 0.4:
            e["30106"] = q2(wage * _u(rng, 0.01, 0.04))
        e["30108"] = q2(wage * D("0.16"))
        if "2080506" in self.codes_personnel:
            e["30109"] = q2(wage * D("0.08"))
        e["30110"] = q2(wage * _u(rng, 0.065, 0.09))
        if "2101103" in self.codes_personnel:
            e["30111"] = q2(wage * _u(rng, 0.02, 0.04))
        e["30112"] = q2(wage * _u(rng, 0.005, 0.015))
        e["30113"] = q2(wage * D("0.12"))
        if rng.random() < 0.4:
            e["30199"] = q2(wage * _u(rng, 0.005, 0.03))
        # 对个人和家庭的补助
        if "2080501" in self.codes_personnel:
            e["30302"] = q2(rng.randint(1, max(2, n // 3)) * _u(rng, 2.5, 5.5))
            if rng.random() < 0.3:
                e["30301"] = q2(_u(rng, 3, 8))
        if "2080801" in self.codes_personnel:
            e["30304"] = q2(_u(rng, 1, 8))
        for code, lo, hi in (("30305", 0.2, 2.0), ("30307", 0.2, 3.0), ("30309", 0.02 * n, 0.1 * n)):
            if rng.random() < 0.3:
                e[code] = q2(_u(rng, lo, hi))
        # "三公" (all from the basic expense) and the other 商品和服务支出
        self.vehicles = 0 if rng.random() < 0.45 else rng.randint(1, 1 + n // 25)
        scale = D(repr(max(1.0, n) ** 0.5))
        tp = {
            "abroad": q2(_u(rng, 2, 8)) if rng.random() < 0.04 else ZERO,
            "purchase": ZERO,
            "running": q2(self.vehicles * _u(rng, 0.6, 2.2)),
            "reception": q2(scale * _u(rng, 0.08, 0.6)),
        }
        self.tp_final = tp
        e["30212"], e["30217"], e["30231"] = tp["abroad"], tp["reception"], tp["running"]
        e["30215"] = q2(scale * _u(rng, 0.05, 0.25))
        e["30216"] = q2(scale * _u(rng, 0.1, 0.45))
        e["30228"] = q2(wage * D("0.02"))
        fixed = sum((e[c] for c in ("30212", "30217", "30231", "30215", "30216", "30228")), ZERO)
        pool = max(q2(wage * _u(rng, 0.10, 0.38)) - fixed, q2(wage * D("0.04")))
        others = ["30201", "30202", "30205", "30206", "30207", "30211", "30213"]
        for code, p in (("30226", 0.5), ("30229", 0.5), ("30239", 0.6), ("30299", 0.5), ("30209", 0.3), ("30214", 0.2), ("30218", 0.2), ("30227", 0.2)):  # fmt: skip
            if rng.random() < p:
                others.append(code)
        others.sort()
        for code, part in zip(others, _split(rng, pool, [rng.uniform(0.3, 1.5) for _ in others])):
            e[code] = part
        if rng.random() < 0.35:
            e["31002"] = q2(scale * _u(rng, 0.1, 0.8))
        self.econ = {c: v for c, v in e.items() if v}
        self.groups = {
            g: sum((v for c, v in self.econ.items() if c.startswith(g)), ZERO) for g in ("301", "302", "303", "307", "310", "399")
        }
        self.personnel = self.groups["301"] + self.groups["303"]  # 人员经费
        self.public = self.groups["302"] + self.groups["307"] + self.groups["310"] + self.groups["399"]  # 公用经费
        self.basic = self.personnel + self.public
        meetings, trainings = rng.randint(1, 6), rng.randint(1, 5)
        self.meetings = (meetings, meetings * rng.randint(20, 90))  # (次, 人次)
        self.trainings = (trainings, trainings * rng.randint(15, 80))

    # the 项 rows: personnel codes mirror their economic items; 行政运行 / 事业运行 take the rest
    def _items(self) -> None:
        rng, e = self.rng, self.econ
        basic: dict[str, Decimal] = {
            "2080505": e.get("30108", ZERO),
            "2210201": e.get("30113", ZERO),
        }
        if "2080506" in self.codes_personnel:
            basic["2080506"] = e.get("30109", ZERO)
        medical = e.get("30110", ZERO)
        if "2101102" in self.codes_personnel:
            basic["2101101"] = q2(medical * _u(rng, 0.35, 0.7))
            basic["2101102"] = medical - basic["2101101"]
        else:
            basic["2101101"] = medical
        if "2101103" in self.codes_personnel:
            basic["2101103"] = e.get("30111", ZERO)
        if "2080501" in self.codes_personnel:
            basic["2080501"] = e.get("30301", ZERO) + e.get("30302", ZERO)
        if "2080801" in self.codes_personnel:
            basic["2080801"] = e.get("30304", ZERO)
        rest = self.basic - sum(basic.values(), ZERO)
        self.run_codes = [self.profile.run[0]] + ([self.profile.run[1]] if self.has_institution else [])
        if len(self.run_codes) == 2:
            first = q2(rest * _u(rng, 0.45, 0.8))
            basic[self.run_codes[0]], basic[self.run_codes[1]] = first, rest - first
        else:
            basic[self.run_codes[0]] = rest
        self.items = {c: _Item(c, ITEM_NAMES[c], v, ZERO) for c, v in basic.items()}

    def _projects(self, outlier: tuple[float, float] | None) -> None:
        rng, prof = self.rng, self.profile
        n = rng.randint(3, 6)
        pool = list(prof.projects)
        chosen = rng.sample(pool, n - 1 if rng.random() < 0.3 else n)
        if len(chosen) < n:
            chosen.append(dataclasses.replace(_RUN_PROJECT, code=self.run_codes[0]))
        lo, hi = prof.factor
        project_total = q2(self.basic * D(repr(math.exp(rng.uniform(math.log(lo), math.log(hi))))))
        if self.basic + project_total > 60000:
            project_total = q2(_u(rng, 48000, 60000)) - self.basic
        if self.basic + project_total < 100:
            project_total = q2(_u(rng, 100, 150)) - self.basic
        project_total = max(project_total, D(3 * n))
        amounts = _split(rng, project_total, [rng.random() ** 2 + 0.08 for _ in chosen], minimum=D("0.5"))
        if chosen[-1].code == self.run_codes[0] and n > 1:
            # a 业务工作经费 booked on 行政运行 is a small share of that row, not a fund transfer
            cap = max(D("0.5"), q2(self.items[self.run_codes[0]].basic * _u(rng, 0.05, 0.35)))
            if amounts[-1] > cap:
                big = amounts.index(max(amounts[:-1]))
                amounts[big] += amounts[-1] - cap
                amounts[-1] = cap
        low = None if outlier is None else min(int(outlier[0] * n), n - 1)
        self.outlier_index = low
        self.projects: list[_Project] = []
        for k, (tpl, amount) in enumerate(zip(chosen, amounts)):
            name = (f"{self.year}年" if rng.random() < 0.25 else "") + tpl.name
            p = _Project(name, tpl.code, amount)
            r = D(1) if rng.random() < 0.35 else _u(rng, 0.92, 0.999)
            if k == low:
                r = D(repr(outlier[1]))
            p.budget = amount if r == 1 else max(amount, q2(amount / r))
            u = rng.random()
            p.initial = p.budget if u < 0.6 else q2(p.budget * _u(rng, 0.75, 0.95)) if u < 0.92 else ZERO
            self._goals(p, tpl)
            self.projects.append(p)
            item = self.items.get(tpl.code)
            if item is None:
                item = self.items[tpl.code] = _Item(tpl.code, ITEM_NAMES[tpl.code], ZERO, ZERO)
            item.project += amount
        self.project = sum((p.executed for p in self.projects), ZERO)
        self.total = self.basic + self.project

    def _goals(self, p: _Project, tpl: _ProjectTemplate) -> None:
        rng, year = self.rng, self.year
        qname, unit, lo, hi = tpl.qty
        target = _nice(rng.randint(lo, hi))
        got = target if rng.random() < 0.3 else target + rng.randint(1, max(1, target // 8))
        qual_name, qual_target = tpl.qual
        qual = D(100) if qual_target == 100 or rng.random() < 0.3 else D(repr(round(rng.uniform(qual_target, 99.9), 1)))
        sat_target = rng.choice((85, 90, 95))
        sat = D(repr(round(rng.uniform(sat_target, 99.5), 1)))
        out_w = rng.choice(
            ((20, 10, 10, 10), (15, 15, 10, 10), (10, 20, 10, 10), (20, 15, 10, 5), (15, 20, 10, 5), (25, 10, 10, 5))
        )
        eff_w = rng.choice(((15, 15), (20, 10), (10, 10, 10)))
        miss = rng.choice(("qty", "qual", "sat")) if rng.random() < 0.25 else ""
        if miss == "qual" and qual_target == 100:
            miss = "sat"
        cause, measure = rng.choice(_MISS_CAUSES), rng.choice(_MISS_MEASURES)
        if miss == "qty":
            got = target - rng.randint(1, max(1, target // 10))
        elif miss == "qual":
            qual = D(repr(round(qual_target - rng.uniform(1, 5), 1)))
        elif miss == "sat":
            sat = D(repr(round(sat_target - rng.uniform(1, 4), 1)))

        def scored(w: int, missed: bool) -> Decimal:
            return D(w - rng.randint(1, max(1, w // 4))) if missed else D(w)

        timely = rng.random() < 0.5
        day = rng.randint(10, 30)
        inds = [
            _Indicator(
                "产出指标", "数量指标", qname, f"≥{target}{unit}", f"{got}{unit}", out_w[0], scored(out_w[0], miss == "qty")
            ),
            _Indicator(
                "产出指标",
                "质量指标",
                qual_name,
                "100%" if qual_target == 100 else f"≥{qual_target}%",
                f"{_fmt_dec(qual)}%",
                out_w[1],
                scored(out_w[1], miss == "qual"),
            ),  # fmt: skip
            _Indicator(
                "产出指标",
                "时效指标",
                "资金拨付及时率" if timely else "项目完成时间",
                "100%" if timely else f"{year}年12月31日前",
                "100%" if timely else f"{year}年12月{day}日前完成",
                out_w[2],
                D(out_w[2]),
            ),  # fmt: skip
            _Indicator(
                "产出指标",
                "成本指标",
                "项目成本控制",
                f"≤{_fmt_dec(p.budget)}万元",
                f"{_fmt_dec(p.executed)}万元",
                out_w[3],
                D(out_w[3]),
            ),  # fmt: skip
        ]
        if len(eff_w) == 3:
            inds.append(_Indicator("效益指标", "经济效益指标", "资金使用效益", "有效提高", "有效提高", eff_w[2], D(eff_w[2])))
        inds.append(_Indicator("效益指标", "社会效益指标", tpl.eff[0], tpl.eff[1], tpl.eff[2], eff_w[0], D(eff_w[0])))
        inds.append(
            _Indicator("效益指标", "可持续影响指标", "长效工作机制", "持续发挥作用", "持续发挥作用", eff_w[1], D(eff_w[1]))
        )
        inds.append(_Indicator("满意度指标", "服务对象满意度指标", tpl.sat, f"≥{sat_target}%", f"{_fmt_dec(sat)}%", 10, scored(10, miss == "sat")))  # fmt: skip
        for ind in inds:
            if ind.score < ind.weight:  # a reason naming its own indicator: no two projects share one
                ind.reason = f"{ind.name}未达到年度指标值，主要原因是{cause}，下一步将{measure}"
        p.indicators = inds
        subs = {"area": self.area, "year": year, "n": target, "m": got, "q": _fmt_dec(qual), "short": self.profile.short}
        p.goal_expected = tpl.expected.format(**subs)
        p.goal_actual = tpl.actual.format(**subs)

    def _budgets(self) -> None:
        rng = self.rng
        init_of: dict[str, Decimal] = {}
        for p in self.projects:
            init_of[p.code] = init_of.get(p.code, ZERO) + p.initial
        for code, item in self.items.items():
            if item.basic:
                keep = rng.random() < (0.45 if code in self.codes_personnel else 0.3)
                lo, hi = (0.93, 1.08) if code in self.codes_personnel else (0.88, 1.12)
                basic_budget = item.basic if keep else q2(item.basic * _u(rng, lo, hi))
            else:
                basic_budget = ZERO
            item.budget = basic_budget + init_of.get(code, ZERO)
        self.budget_initial = sum((i.budget for i in self.items.values()), ZERO)
        self.project_budget = sum((p.budget for p in self.projects), ZERO)
        self.project_initial = sum((p.initial for p in self.projects), ZERO)
        self.full_budget = self.basic + self.project_budget  # 部门整体 全年预算数

    def _others(self) -> None:
        rng = self.rng
        g = rng.uniform(0.03, 0.5) * rng.choice((1, -1)) if rng.random() < 0.9 else rng.uniform(-0.6, -0.35)
        self.prev_total = q2(self.total / D(repr(1 + g)))
        # "三公" budgets (whole or half 万元, never below the final) and the previous year
        self.tp_budget, self.tp_prev = {}, {}
        for k, v in self.tp_final.items():
            if v:
                step = D(1) if v >= 2 else D("0.5")
                b = (v * _u(rng, 1.0, 1.5) / step).to_integral_value(rounding="ROUND_CEILING") * step
                self.tp_budget[k] = q2(b)
                self.tp_prev[k] = q2(v * _u(rng, 0.6, 1.5))
            else:
                self.tp_budget[k] = ZERO
                self.tp_prev[k] = ZERO
        self.reception_groups = max(1, int(self.tp_final["reception"] * _u(rng, 2, 8)))
        self.reception_people = self.reception_groups * rng.randint(3, 8)
        self.abroad_groups = 1 if self.tp_final["abroad"] else 0
        self.abroad_people = rng.randint(2, 5) if self.abroad_groups else 0
        # 公用经费 breakdown of the 基础数据表, the previous year and the budget
        e = self.econ
        office = e.get("30201", ZERO) + e.get("30202", ZERO)
        utilities = e.get("30205", ZERO) + e.get("30206", ZERO) + e.get("30211", ZERO)
        meetings = e.get("30215", ZERO) + e.get("30216", ZERO)
        self.public_parts = {"office": office, "utilities": utilities, "meetings": meetings}
        self.public_parts["other"] = self.public - office - utilities - meetings
        self.public_parts_prev = {k: q2(v * _u(rng, 0.75, 1.3)) for k, v in self.public_parts.items()}
        self.public_parts_budget = {k: q2(v * _u(rng, 1.0, 1.15)) for k, v in self.public_parts.items()}
        self.public_prev = sum(self.public_parts_prev.values(), ZERO)
        self.public_budget = sum(self.public_parts_budget.values(), ZERO)
        # 政府采购
        total = max(D("1.2"), q2(self.total * _u(rng, 0.003, 0.03)))
        goods = q2(total * _u(rng, 0.4, 1.0))
        works = ZERO if rng.random() < 0.75 else q2((total - goods) * _u(rng, 0.2, 0.9))
        self.procurement = {"total": total, "goods": goods, "works": works, "services": total - goods - works}
        sme = total if rng.random() < 0.4 else q2(total * _u(rng, 0.6, 0.99))
        small = sme if rng.random() < 0.4 else q2(sme * _u(rng, 0.5, 0.99))
        self.procurement.update(sme=sme, small=small, budget=q2(total * _u(rng, 1.0, 1.3)))
        # vehicles by use
        kinds = ["应急保障用车", "执法执勤用车", "特种专业技术用车", "其他用车"]
        self.vehicle_use = dict.fromkeys(["主要负责人用车", "机要通信用车"] + kinds, 0)
        for _ in range(self.vehicles):
            self.vehicle_use[rng.choice(kinds)] += 1
        self.equipment = 0 if rng.random() < 0.85 else rng.randint(1, 3)
        self.coverage = D(repr(round(rng.uniform(92.0, 99.8), 2)))
        # 部门整体支出绩效自评表 (optional)
        self.dept_eval = rng.random() < 0.6
        self.dept_tasks = rng.randint(5, 15)
        self.dept_sat = D(repr(round(rng.uniform(92, 99.5), 1)))
        self.dept_weights = rng.choice(((15, 15, 10, 10), (20, 10, 10, 10)))
        self.dept_goal_expected = f"{self.profile.focus}，确保{self.year}年度各项重点工作任务按期完成、预算资金规范高效使用。"
        self.dept_goal_actual = (
            f"{self.profile.achieved}；全年完成重点工作任务{self.dept_tasks}项，预算执行规范，“三公”经费控制在预算以内。"
        )

    @property
    def dept_rate(self) -> Decimal:
        return pct(self.total, self.full_budget)

    @property
    def dept_total_score(self) -> Decimal:
        return exec_score(self.dept_rate) + sum((i.score for i in self.dept_indicators()), ZERO)

    def dept_indicators(self) -> list[_Indicator]:
        w = self.dept_weights
        tb = sum(self.tp_budget.values(), ZERO)
        tf = sum(self.tp_final.values(), ZERO)
        return [
            _Indicator(
                "产出指标", "数量指标", "年度重点工作任务完成数", f"≥{self.dept_tasks}项", f"{self.dept_tasks}项", w[0], D(w[0])
            ),
            _Indicator("产出指标", "质量指标", "资金使用合规率", "100%", "100%", w[1], D(w[1])),
            _Indicator("产出指标", "时效指标", "预算执行进度", "按序时进度推进", "按序时进度完成", w[2], D(w[2])),
            _Indicator("产出指标", "成本指标", "“三公”经费控制", f"≤{_fmt_dec(tb)}万元", f"{_fmt_dec(tf)}万元", w[3], D(w[3])),
            _Indicator("效益指标", "社会效益指标", "群众获得感", "持续增强", "持续增强", 15, D(15)),
            _Indicator("效益指标", "可持续影响指标", "内部管理制度健全性", "健全", "健全", 15, D(15)),
            _Indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", f"{_fmt_dec(self.dept_sat)}%", 10, D(10)),
        ]

    # grouping
    def sorted_items(self) -> list[_Item]:
        return [self.items[c] for c in sorted(self.items)]

    def kuan_total(self, code: str, attr: str = "total") -> Decimal:
        return sum((getattr(i, attr) for i in self.items.values() if i.code.startswith(code)), ZERO)

    def classes(self) -> list[str]:
        return sorted({c[:3] for c in self.items})

    def kuans(self) -> list[str]:
        return sorted({c[:5] for c in self.items})


def _fmt_dec(v: Decimal) -> str:
    """A Decimal without trailing zeros: 2.40 → 2.4, 43.00 → 43."""
    s = f"{v:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


# ---------------------------------------------------------------------------------------- rendering

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 26 → 二十六."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class _Style:
    """How this department's publisher prints: one draw per document."""

    thousands: bool  # 52,738.56
    fixed: bool  # 2.40 rather than 2.4 in tables
    zero: str  # a zero amount in a table: "", "0" or "0.00"
    narr_fixed: bool  # 2.40万元 rather than 2.4万元 in the text
    pct_fixed: bool  # 185.50% rather than 185.5%
    hierarchy: bool  # 类 and 款 rows printed above their 项
    full_classes: bool  # 公开01表/04表 list all 26 classes
    spaced_number: bool  # "公开 01 表"
    unit_label: str
    item_word: str
    share_word: str
    down_word: str
    extra_total_row: bool  # a blank numbered row before 总计 in 01/04
    weights_in_labels: bool  # "产出指标 (50分)"
    fiscal_row_full: bool  # the 当年财政拨款 row repeats 分值/执行率/得分
    note_prefix: bool  # the empty-table explanation starts with 说明：
    empty_row: str  # the 无 row of an empty table: "无0" | "无" | ""
    econ_header: int  # 公开06表 header: 0 one row, 1 人员经费/公用经费 above
    wrap_labels: bool  # converter spaces inside long labels of 公开02表
    long_income: bool  # 收入 paragraph lists every source with 0
    self_report: bool  # the 部门整体支出绩效自评报告 text in 附件


def _draw_style(rng: random.Random) -> _Style:
    return _Style(
        thousands=rng.random() < 0.4,
        fixed=rng.random() < 0.5,
        zero=rng.choice(("", "0", "0.00")),
        narr_fixed=rng.random() < 0.3,
        pct_fixed=rng.random() < 0.3,
        hierarchy=rng.random() < 0.55,
        full_classes=rng.random() < 0.5,
        spaced_number=rng.random() < 0.6,
        unit_label=rng.choice(("单位：万元", "金额单位：万元")),
        item_word=rng.choice(("项 目", "项目")),
        share_word=rng.choice(("占", "占比")),
        down_word=rng.choice(("下降", "减少")),
        extra_total_row=rng.random() < 0.3,
        weights_in_labels=rng.random() < 0.6,
        fiscal_row_full=rng.random() < 0.6,
        note_prefix=rng.random() < 0.7,
        empty_row=rng.choice(("无0", "无", "")),
        econ_header=rng.randint(0, 1),
        wrap_labels=rng.random() < 0.3,
        long_income=rng.random() < 0.4,
        self_report=rng.random() < 0.5,
    )


TABLES = [  # group, 目录 line, title, number
    ("t01", "收入支出决算总表", "收入支出决算总表", 1),
    ("t02", "收入决算表", "收入决算表", 2),
    ("t03", "支出决算表", "支出决算表", 3),
    ("t04", "财政拨款收入支出决算总表", "财政拨款收入支出决算总表", 4),
    ("t05", "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表", 5),
    ("t06", "一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算明细表", 6),
    ("t07", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表", 7),
    ("t08", "国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款支出决算表", 8),
    ("t09", "财政拨款“三公”经费支出决算表", "财政拨款“三公”经费支出决算表", 9),
]


def row_text(cells: Sequence[str]) -> str:
    """A table row as the product's evidence shows it, without its leading and trailing blanks."""
    return "\t".join(cells).strip("\t")


class _Render:
    """Facts (+ overrides from the injections) → the document's text. Every random choice of
    wording comes from ``rng`` in the same order whatever is injected, so a document with
    injections differs from its clean twin only where the injections are."""

    def __init__(self, f: _Facts, st: _Style, rng: random.Random, ov: dict):
        self.f, self.s, self.rng, self.ov = f, st, rng, ov
        self.parts: list[tuple[str, str]] = []
        self.spots: dict = {}

    # ------------------------------------------------------------------ output
    def para(self, text: str, group: str = "") -> None:
        self.parts.append((group, text))

    def grid(self, rows: list[list[str]], group: str) -> None:
        width = max(len(r) for r in rows)
        self.parts.append((group, "\n".join("\t".join(r + [""] * (width - len(r))) for r in rows)))

    def text(self) -> str:
        drop = {k[1] for k in self.ov if isinstance(k, tuple) and k[0] == "drop"}
        return "\n\n".join(t for g, t in self.parts if not (g and (g in drop or g.split(":")[0] in drop))) + "\n"

    def spot(self, key, text: str) -> str:
        self.spots[key] = text
        return text

    # ------------------------------------------------------------------ numbers
    def a(self, v: Decimal | None, zero: bool = True) -> str:
        """A table amount as this publisher prints it."""
        if v is None or (v == 0 and zero):
            return self.s.zero if v is not None else ""
        s = f"{v:,.2f}" if self.s.thousands else f"{v:.2f}"
        if not self.s.fixed:
            s = s.rstrip("0").rstrip(".") if "." in s else s
        return s

    def blank_zero(self, v: Decimal) -> str:
        """An amount where the template leaves zero cells blank."""
        return "" if not v else self.a(v)

    def n(self, v: Decimal) -> str:
        """An amount in the narrative (no separators)."""
        return f"{q2(v):.2f}" if self.s.narr_fixed else _fmt_dec(q2(v))

    def p(self, v: Decimal) -> str:
        v = q2(v)
        if v == HUNDRED or v == 0:
            return _fmt_dec(v)
        return f"{v:.2f}" if self.s.pct_fixed else _fmt_dec(v)

    def cell(self, table: str, key: str, col: str, value: Decimal) -> Decimal:
        return self.ov.get(("cell", table, key, col), value)

    def narr(self, key, value):
        return self.ov.get(("narr", key), value)

    # ------------------------------------------------------------------ document
    def render(self) -> None:
        self.cover()
        self.overview()
        self.tables()
        self.narrative()
        self.glossary()
        self.attachments()

    def cover(self) -> None:
        f, rng = self.f, self.rng
        if rng.random() < 0.3:
            self.para(f"附件{rng.randint(1, 3)}：")
        if rng.random() < 0.5:
            self.para(f"{f.year}年度{f.department}部门决算")
        else:
            self.para(f"{f.year}年度\n{f.department}\n部门决算")
        self.para("目录")
        self.para(f"第一部分 {f.department}概况")
        self.para("- 一、部门职责\n- 二、机构设置")
        self.para("第二部分 部门决算表")
        toc = []
        for k, (group, line, _, _) in enumerate(TABLES, 1):
            toc.append(f"- {cn_number(k)}、{line}")
            self.spot(("toc", group), f"{cn_number(k)}、{line}")
        self.para("\n".join(toc))
        self.para("第三部分 部门决算情况说明")
        sections = [
            "收入支出决算总体情况说明",
            "收入决算情况说明",
            "支出决算情况说明",
            "财政拨款收入支出决算总体情况说明",
            "一般公共预算财政拨款支出决算情况说明",
            "一般公共预算财政拨款基本支出决算情况说明",
            "财政拨款“三公”经费支出决算情况说明",
            "政府性基金预算收入支出决算情况说明",
            "关于机关运行经费支出说明",
            "一般性支出情况说明",
            "关于政府采购支出说明",
            "关于国有资产占用情况说明",
            f"关于{f.year}年度预算绩效情况的说明",
        ]
        self.para("\n".join(f"- {cn_number(k)}、{title}" for k, title in enumerate(sections, 1)))
        self.para("第四部分 名词解释")
        self.para("第五部分 附件")

    def overview(self) -> None:
        f, rng, prof = self.f, self.rng, self.f.profile
        self.para("第一部分")
        self.para(f"{f.department}概况")
        self.para("一、部门职责")
        subs = {"area": f.area, "place": f.place[-1] if not f.prefecture else f.place[-1]}
        for k, duty in enumerate(prof.duties, 1):
            self.para(f"{k}. " + duty.format(area=f.area, place=subs["place"]))
        self.para("二、机构设置及决算单位构成")
        offices = list(prof.offices[: rng.randint(3, len(prof.offices))])
        unit = f.place + prof.institution if f.has_institution else ""
        actual = self.ov.get(("staff", "overview"), f.actual)
        staff = self.spot("staff_overview", f"本部门共有编制人数{f.authorized}人，实有人数{actual}人")
        below = f"，下设{unit}（事业单位）" if unit else ""
        self.para(f"（一）内设机构设置。本部门内设{'、'.join(offices)}等{len(offices)}个股室{below}。{staff}。")
        members = f"{f.department}本级" + (f"以及{unit}" if unit else "")
        self.para(f"（二）决算单位构成。{f.department}{f.year}年部门决算汇总公开单位构成包括：{members}。")

    # ------------------------------------------------------------------ tables
    def title_block(self, group: str, title: str, number: int) -> None:
        num = f"公开 {number:02d} 表" if self.s.spaced_number else f"公开{number:02d}表"
        dept = f"部门：{self.f.department}"
        unit = self.s.unit_label
        v = self.rng.randint(0, 2)
        self.para(title, group)
        if v == 0:
            self.para(f"{num}\n{unit}", group)
            self.para(dept, group)
        elif v == 1:
            self.para(num, group)
            self.para(dept, group)
            self.para(unit, group)
        else:
            self.para(dept, group)
            self.para(f"{num}\n{unit}", group)

    def tables(self) -> None:
        self.para("第二部分")
        self.para("部门决算表")
        self.t01()
        self.t02()
        self.t03()
        self.t04()
        self.t05()
        self.t06()
        self.t07()
        self.t08()
        self.t09()

    def class_lines(self) -> list[tuple[str, str]]:
        """(numbered label, code) of the expense classes printed in 公开01表/04表."""
        present = set(self.f.classes())
        out = []
        for k, (code, name) in enumerate(CLASS_LINES, 1):
            if self.s.full_classes or k <= 6 or code in present:
                out.append((f"{cn_number(k)}、{name}", code))
        return out

    def code_rows(self) -> list[tuple[str, str, str]]:
        """(key, code, name) of the rows of the tables printed by function code."""
        f = self.f
        if not self.s.hierarchy:
            return [(i.code, i.code, i.name) for i in f.sorted_items()]
        rows = []
        for lei in f.classes():
            rows.append((lei, lei, CLASS_NAMES[lei]))
            for kuan in (k for k in f.kuans() if k.startswith(lei)):
                rows.append((kuan, kuan, KUAN_NAMES[kuan]))
                rows += [(i.code, i.code, i.name) for i in f.sorted_items() if i.code.startswith(kuan)]
        return rows

    def true_value(self, key: str, col: str) -> Decimal:
        f = self.f
        if key == "合计":
            return {"total": f.total, "basic": f.basic, "project": f.project}[col]
        return f.kuan_total(key, col)

    def summary_half_rows(self, inc: list[tuple[str, Decimal | None]], after_inc: list[tuple[str, str, Decimal | None]],
                          exp: list[tuple[str, list[str]]], after_exp: list[tuple[str, str, list[str]]], table: str) -> list[list[str]]:  # fmt: skip
        """The two-sided body: income lines and expense lines side by side with their 行次."""
        n = max(len(inc), len(exp))
        first_exp = n + len(after_inc) + 1
        rows = []
        for i in range(n):
            il, iv = inc[i] if i < len(inc) else ("", None)
            el, ev = exp[i] if i < len(exp) else ("", [])
            rows.append([il, str(i + 1), "" if iv is None else self.a(iv), el, str(first_exp + i), *ev])
        for j, ((ikey, il, iv), (ekey, el, ev)) in enumerate(zip(after_inc, after_exp)):
            row = [il, str(n + 1 + j), "" if iv is None else self.a(iv), el, str(first_exp + n + j), *ev]
            rows.append(row)
            if ikey:
                self.spot((table, ikey), row_text(row[:3]))
            if ekey:
                self.spot((table, ekey), row_text(row[3:]))
        return rows

    def t01(self) -> None:
        f, s = self.f, self.s
        self.title_block("t01", "收入支出决算总表", 1)
        inc_labels = ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
                      "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"]  # fmt: skip
        inc = [(label, f.total if k == 0 else None) for k, label in enumerate(inc_labels)]
        exp = [(label, [self.a(f.kuan_total(code)) if code in f.classes() else ""]) for label, code in self.class_lines()]
        total_exp = self.cell("t01", "本年支出合计", "total", f.total)
        after_inc = [
            ("本年收入合计", "本年收入合计", self.cell("t01", "本年收入合计", "total", f.total)),
            ("", "使用非财政拨款结余（含专用结余）", None),
            ("", "年初结转和结余", None),
        ]
        after_exp = [("本年支出合计", "本年支出合计", [self.a(total_exp)]), ("", "结余分配", [""]), ("", "年末结转和结余", [""])]
        if s.extra_total_row:
            after_inc.append(("", "", None))
            after_exp.append(("", "", [""]))
        after_inc.append(("总计:income", "总计", self.cell("t01", "总计:income", "total", f.total)))
        after_exp.append(("总计:expense", "总计", [self.a(self.cell("t01", "总计:expense", "total", f.total))]))
        word = s.item_word
        amount = self.rng.choice(("决算数", "金额"))
        rows = [
            ["收入", "", "", "支出", "", ""],
            [word, "行次", amount, word, "行次", amount],
            ["栏 次", "", "1", "栏 次", "", "2"],
        ]
        rows += self.summary_half_rows(inc, after_inc, exp, after_exp, "t01")
        self.grid(rows, "t01")
        self.para("注：1. 本表反映部门本年度的总收支和年末结转结余情况。", "t01")
        self.para("2. 本套报表金额单位转换时可能存在尾数误差。", "t01")

    def _code_table(self, table: str, cols: list[str], extra_blank: int) -> list[list[str]]:
        """合计 and the code rows of 公开02/03/05表: the amount columns in ``cols`` (total,
        basic, project, fiscal), then ``extra_blank`` blank columns."""
        f = self.f
        rows = []
        true_col = {"fiscal": "total"}
        total_vals = [self.cell(table, "合计", c, self.true_value("合计", true_col.get(c, c))) for c in cols]
        rows.append(["合计", "", *[self.a(v) for v in total_vals], *[""] * extra_blank])
        self.spot((table, "合计"), row_text(rows[-1]))
        for key, code, name in self.code_rows():
            if len(code) == 7:
                item = f.items[code]
                vals = [self.cell(table, code, c, getattr(item, true_col.get(c, c))) for c in cols]
            else:
                vals = [self.cell(table, key, c, self.true_value(key, true_col.get(c, c))) for c in cols]
            label = name
            if table == "t02" and self.s.wrap_labels and len(name) > 10:
                label = name[:8] + " " + name[8:]
            rows.append([code, label, *[self.a(v) for v in vals], *[""] * extra_blank])
            self.spot((table, key), row_text(rows[-1]))
        return rows

    def t02(self) -> None:
        s = self.s
        self.title_block("t02", "收入决算表", 2)
        head = [
            s.item_word,
            "",
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ]
        rows = [head, [self.rng.choice(("功能分类科目编码", "功能分类 科目编码")), "科目名称", *[""] * 7], ["栏次", "", *map(str, range(1, 8))]]  # fmt: skip
        rows += self._code_table("t02", ["total", "fiscal"], 5)
        self.grid(rows, "t02")
        self.para("注：本表反映部门本年度取得的各项收入情况。", "t02")

    def t03(self) -> None:
        s = self.s
        self.title_block("t03", "支出决算表", 3)
        head = [s.item_word, "", self.rng.choice(("本年支出合计", "本年支出 合计")), "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]  # fmt: skip
        rows = [head, ["功能分类科目编码", "科目名称", *[""] * 6], ["栏次", "", *map(str, range(1, 7))]]
        rows += self._code_table("t03", ["total", "basic", "project"], 3)
        self.grid(rows, "t03")
        self.para("注：本表反映部门本年度各项支出情况。", "t03")

    def t04(self) -> None:
        f, s = self.f, self.s
        self.title_block("t04", "财政拨款收入支出决算总表", 4)
        inc = [
            ("一、一般公共预算财政拨款", f.total),
            ("二、政府性基金预算财政拨款", None),
            ("三、国有资本经营预算财政拨款", None),
        ]
        exp = []
        for label, code in self.class_lines():
            v = f.kuan_total(code) if code in f.classes() else None
            exp.append((label, [self.a(v), self.a(v), "", ""] if v is not None else ["", "", "", ""]))
        t = self.a(f.total)
        after_inc = [
            ("本年收入合计", "本年收入合计", f.total),
            ("", "年初财政拨款结转和结余", None),
            ("", "一般公共预算财政拨款", None),
            ("", "政府性基金预算财政拨款", None),
            ("", "国有资本经营预算财政拨款", None),
        ]
        after_exp = [("本年支出合计", "本年支出合计", [t, t, "", ""]), ("", "年末财政拨款结转和结余", ["", "", "", ""])]
        after_exp += [("", "", ["", "", "", ""])] * 3
        if s.extra_total_row:
            after_inc.append(("", "", None))
            after_exp.append(("", "", ["", "", "", ""]))
        after_inc.append(("总计:income", "总计", f.total))
        after_exp.append(("总计:expense", "总计", [t, t, "", ""]))
        w = s.item_word
        rows = [
            ["收入", "", "", "支出", "", "", "", "", ""],
            [w, "行次", "金额", w, "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
        ]
        rows += self.summary_half_rows(inc, after_inc, exp, after_exp, "t04")
        self.grid(rows, "t04")
        self.para("注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。", "t04")  # fmt: skip

    def t05(self) -> None:
        s = self.s
        self.title_block("t05", "一般公共预算财政拨款支出决算表", 5)
        rows = [
            [s.item_word, "", "本年支出", "", ""],
            [self.rng.choice(("功能分类科目编码", "功能分类 科目编码")), "科目名称", "小计", "基本支出", "项目支出"],
            ["栏次", "", "1", "2", "3"],
        ]
        rows += self._code_table("t05", ["total", "basic", "project"], 0)
        self.grid(rows, "t05")
        self.para("注：本表反映部门本年度一般公共预算财政拨款支出情况。", "t05")

    def t06(self) -> None:
        f = self.f
        self.title_block("t06", "一般公共预算财政拨款基本支出决算明细表", 6)
        word = "经济分类科目编码" if self.s.econ_header == 0 else "科目编码"
        rows = []
        if self.s.econ_header == 1:
            rows.append(["人员经费", "", "", "公用经费", "", "", "", "", ""])
        rows.append([word, "科目名称", "决算数"] * 3)

        def value(code: str, blank_zero: bool) -> str:
            v = f.groups[code] if len(code) == 3 else f.econ.get(code, ZERO)
            return self.blank_zero(v) if blank_zero and len(code) == 5 else self.a(v)

        height = max(len(ECON_BLOCK1), len(ECON_BLOCK2), len(ECON_BLOCK3))
        for i in range(height):
            row = []
            for block, blank_items in ((ECON_BLOCK1, True), (ECON_BLOCK2, False), (ECON_BLOCK3, True)):
                if i < len(block):
                    code, name = block[i]
                    blank = blank_items and (code.startswith("303") or block is ECON_BLOCK3)
                    row += [code, name, value(code, blank)]
                else:
                    row += ["", "", ""]
            rows.append(row)
        rows.append(["人员经费合计", "", self.a(f.personnel), "公用经费合计", "", "", "", "", self.a(f.public)])
        self.spot(("t06", "人员经费合计"), row_text(rows[-1]))
        self.grid(rows, "t06")
        self.para("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", "t06")

    def _empty_row(self, width: int) -> list[list[str]]:
        if self.s.empty_row == "无0":
            return [["无", "", *["0"] * (width - 2)]]
        if self.s.empty_row == "无":
            return [["无", *[""] * (width - 1)]]
        return []

    def t07(self) -> None:
        s, f = self.s, self.f
        self.title_block("t07", "政府性基金预算财政拨款收入支出决算表", 7)
        rows = [
            [s.item_word, "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["合计", "", "", "", "", "", "", ""],
            *self._empty_row(8),
        ]
        self.grid(rows, "t07")
        self.para("注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。", "t07")
        text = f"本部门{f.year}年度没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。"
        self.para(("说明：" if s.note_prefix else "") + text, "t07:note")

    def t08(self) -> None:
        s, f = self.s, self.f
        self.title_block("t08", "国有资本经营预算财政拨款支出决算表", 8)
        rows = [
            [s.item_word, "", "本年支出", "", ""],
            ["科目代码", "科目名称", "合计", "基本支出", "项目支出"],
            ["栏次", "", "1", "2", "3"],
            ["合计", "", "", "", ""],
            *self._empty_row(5),
        ]
        self.grid(rows, "t08")
        self.para("注：本表反映部门本年度国有资本经营预算财政拨款支出情况。", "t08")
        text = f"本部门{f.year}年度没有使用国有资本经营预算安排的支出，故本表无数据。"
        self.para(("说明：" if s.note_prefix else "") + text, "t08:note")

    def t09(self) -> None:
        f = self.f
        self.title_block("t09", "财政拨款“三公”经费支出决算表", 9)
        head = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"]
        sub = ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]

        def half(v: dict) -> list[str]:
            vehicle = v["purchase"] + v["running"]
            total = v["abroad"] + vehicle + v["reception"]
            return [self.a(x) for x in (total, v["abroad"], vehicle, v["purchase"], v["running"], v["reception"])]

        rows = [
            ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
            head + head,
            sub + sub,
            [str(i) for i in range(1, 13)],
            half(f.tp_budget) + half(f.tp_final),
        ]
        self.spot(("t09", "data"), row_text(rows[-1]))
        self.grid(rows, "t09")
        self.para(
            "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
            "t09",
        )

    # ------------------------------------------------------------------ narrative
    def yoy(self, key: str, current: Decimal, previous: Decimal, lead: str = "与上年相比，") -> str:
        """ "与上年相比，减少408.65万元，减少52.98%": the change amount and its rate on the
        previous year's figure."""
        change = current - previous
        if change == 0:
            return self.spot(("yoy", key), "与上年持平")
        rate = self.ov.get(("yoy", key), pct(abs(change), previous))
        up = change > 0
        text = f"{lead}{'增加' if up else '减少'}{self.n(abs(change))}万元，{'增长' if up else self.s.down_word}{self.p(rate)}%"
        return self.spot(("yoy", key), text)

    def share(self, key, part: Decimal, whole: Decimal, word: str = "") -> str:
        rate = self.ov.get(("share", key), pct(part, whole))
        return f"{word or self.s.share_word}{self.p(rate)}%"

    def reason(self, up: bool) -> str:
        project = self.rng.choice(self.f.projects).name
        return self.rng.choice(_UP_REASONS if up else _DOWN_REASONS).format(project=project)

    def narrative(self) -> None:
        f, rng = self.f, self.rng
        y, t = f.year, f.total
        self.para("第三部分")
        self.para(f"{y}年度部门决算情况说明")
        # 一、收入支出决算总体情况
        self.para("一、收入支出决算总体情况说明")
        up = t > f.prev_total
        self.para(f"{y}年度收入总计{self.n(t)}万元。{self.yoy('income', t, f.prev_total)}，主要是因为{self.reason(up)}。")
        self.para(f"{y}年度支出总计{self.n(t)}万元。{self.yoy('expense', t, f.prev_total)}，主要是因为{self.reason(up)}。")
        # 二、收入
        self.para("二、收入决算情况说明")
        text = f"{y}年度收入合计{self.n(t)}万元，其中：财政拨款收入{self.n(t)}万元，{self.share('fiscal', t, t, '占')}"
        if self.s.long_income:
            text += "；" + "；".join(
                f"{k}0万元，占0%" for k in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
            )
        self.para(text + "。")
        # 三、支出
        self.para("三、支出决算情况说明")
        basic = self.spot(("share", "basic"), f"基本支出{self.n(f.basic)}万元，{self.share('basic', f.basic, t)}")
        project = self.spot(("share", "project"), f"项目支出{self.n(f.project)}万元，{self.share('project', f.project, t)}")
        self.para(f"{y}年度支出合计{self.n(t)}万元，其中：{basic}；{project}。")
        # 四、财政拨款收支总体
        self.para("四、财政拨款收入支出决算总体情况说明")
        self.para(
            f"{y}年度财政拨款收入总计{self.n(t)}万元，{self.yoy('fiscal_income', t, f.prev_total)}，主要是因为{self.reason(up)}；"
            f"财政拨款支出总计{self.n(t)}万元，{self.yoy('fiscal_expense', t, f.prev_total)}，主要是因为{self.reason(up)}。"
        )
        # 五、一般公共预算财政拨款支出
        self.para("五、一般公共预算财政拨款支出决算情况说明")
        self.para("（一）一般公共预算财政拨款支出决算总体情况")
        self.para(
            f"{y}年度一般公共预算财政拨款支出{self.n(t)}万元，占本年支出合计的100%。{self.yoy('gpb', t, f.prev_total)}，主要原因是{self.reason(up)}。"
        )
        self.para("（二）一般公共预算财政拨款支出决算结构情况")
        parts = []
        for lei in f.classes():
            amount = self.narr(("lei", lei), f.kuan_total(lei))
            name = CLASS_NAMES[lei].removesuffix("支出")
            parts.append(self.spot(("lei", lei), f"{name}（类）支出{self.n(amount)}万元，{self.share(('lei', lei), amount, t)}"))
        self.para(f"{y}年度一般公共预算财政拨款支出{self.n(t)}万元，主要用于以下方面：{'；'.join(parts)}。")
        self.para("（三）一般公共预算财政拨款支出决算具体情况")
        rate = self.ov.get(("completion", "overall"), pct(t, f.budget_initial))
        overall = self.spot(
            ("completion", "overall"),
            f"年初预算为{self.n(f.budget_initial)}万元，支出决算为{self.n(t)}万元，完成年初预算的{self.p(rate)}%",
        )
        self.para(f"{y}年度一般公共预算财政拨款支出{overall}，其中：")
        for k, item in enumerate(f.sorted_items(), 1):
            lei, kuan = CLASS_NAMES[item.code[:3]], KUAN_NAMES[item.code[:5]]
            self.para(f"{k}、{lei}（类）{kuan}（款）{item.name}（项）。")
            self.para(self.item_paragraph(item))
        # 六、基本支出
        self.para("六、一般公共预算财政拨款基本支出决算情况说明")
        self.para(f"{y}年度一般公共预算财政拨款基本支出{self.n(f.basic)}万元，其中：")
        names = [ECON_NAMES[c] for c in sorted(f.econ) if c[:3] in ("301", "303")]
        pe = self.spot(("share", "personnel"), f"人员经费{self.n(f.personnel)}万元，{self.share('personnel', f.personnel, f.basic, '占基本支出的')}")  # fmt: skip
        self.para(f"{pe}，主要包括{'、'.join(names)}。")
        names = [ECON_NAMES[c] for c in sorted(f.econ) if c[:3] in ("302", "307", "310", "399")]
        pu = self.spot(
            ("share", "public"), f"公用经费{self.n(f.public)}万元，{self.share('public', f.public, f.basic, '占基本支出的')}"
        )
        self.para(f"{pu}，主要包括{'、'.join(names)}。")
        self.three_public()
        # 八、政府性基金
        self.para("八、政府性基金预算收入支出决算情况说明")
        self.para(f"本部门{y}年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。")
        # 九、机关运行经费
        self.para("九、关于机关运行经费支出说明")
        change = self.yoy("public", f.public, f.public_prev, lead="比上年决算数")
        self.para(
            f"本部门{y}年度机关运行经费支出{self.n(f.public)}万元，{change}。主要原因是：{self.reason(f.public > f.public_prev)}。"
        )
        # 十、一般性支出
        self.para("十、一般性支出情况说明")
        meeting = f.econ.get("30215", ZERO)
        training = f.econ.get("30216", ZERO)
        if self.ov.get(("yuan", "meeting")):
            m = self.spot("meeting", f"会议费{int(meeting * 10000)}元")
        else:
            m = self.spot("meeting", f"会议费{self.n(meeting)}万元")
        topics = rng.choice(("年度工作部署", "业务工作推进", "政策宣传培训", "年度工作总结"))
        self.para(
            f"{y}年本部门开支{m}，用于召开{topics}等会议{f.meetings[0]}次，参会人数{f.meetings[1]}人次；"
            f"开支培训费{self.n(training)}万元，用于开展业务培训{f.trainings[0]}期，参训人数{f.trainings[1]}人次。{y}年本部门无节庆、晚会、论坛、赛事等活动。"
        )
        # 十一、政府采购
        self.para("十一、关于政府采购支出说明")
        pr = f.procurement
        sme = self.spot(("share", "sme"), f"授予中小企业合同金额{self.n(pr['sme'])}万元，{self.share('sme', pr['sme'], pr['total'], '占政府采购支出总额的')}")  # fmt: skip
        small = f"授予小微企业合同金额{self.n(pr['small'])}万元，{self.share('small', pr['small'], pr['sme'], '占授予中小企业合同金额的')}"
        self.para(
            f"本部门{y}年度政府采购支出总额{self.n(pr['total'])}万元，其中：政府采购货物支出{self.n(pr['goods'])}万元、"
            f"政府采购工程支出{self.n(pr['works'])}万元、政府采购服务支出{self.n(pr['services'])}万元。{sme}，其中：{small}。"
        )
        # 十二、国有资产
        self.para("十二、关于国有资产占用情况说明")
        uses = "、".join(f"{k}{v}辆" for k, v in f.vehicle_use.items())
        self.para(
            f"截至{y}年12月31日，本部门共有车辆{f.vehicles}辆，其中：{uses}；单位价值100万元以上设备（不含车辆）{f.equipment}台（套）。"
        )
        self.performance_narrative()

    def item_paragraph(self, item: _Item) -> str:
        executed = self.narr(("item", item.code), item.total)
        if not item.budget:
            text = f"年初预算为0万元，支出决算为{self.n(executed)}万元，决算数大于年初预算数的主要原因是：年中追加了项目经费"
            return self.spot(("item", item.code), text) + "。"
        rate = self.ov.get(("completion", ("item", item.code)), pct(executed, item.budget))
        text = f"年初预算为{self.n(item.budget)}万元，支出决算为{self.n(executed)}万元，完成年初预算的{self.p(rate)}%"
        self.spot(("item", item.code), text)
        if executed == item.budget:
            why = self.rng.choice(("决算数等于年初预算数", "决算数与年初预算数一致"))
        elif executed > item.budget:
            why = "决算数大于年初预算数的主要原因是：" + self.rng.choice(
                ("年中追加了项目经费", "项目实施进度加快") if item.project else ("年中调整了缴费基数", "人员增加及工资标准调整")
            )
        else:
            why = "决算数小于年初预算数的主要原因是：" + self.rng.choice(
                ("项目按实际需求支出", "厉行节约，严控项目支出") if item.project else ("厉行节约，严控经费支出", "人员减少")
            )
        return f"{text}，{why}。"

    def three_public(self) -> None:
        f, y = self.f, self.f.year
        b, fin, prev = f.tp_budget, f.tp_final, f.tp_prev
        tb, tf, tprev = sum(b.values(), ZERO), sum(fin.values(), ZERO), sum(prev.values(), ZERO)
        self.para("七、财政拨款“三公”经费支出决算情况说明")
        self.para("（一）“三公”经费财政拨款支出决算总体情况说明")

        def completion(key: str, budget: Decimal, final: Decimal) -> str:
            rate = self.ov.get(("completion", key), pct(final, budget))
            text = f"支出预算为{self.n(budget)}万元，支出决算为{self.n(final)}万元，完成预算的{self.p(rate)}%"
            self.spot(("completion", key), text)
            if final == budget:
                return text + "，决算数等于预算数"
            return (
                text
                + "，决算数小于预算数的主要原因是"
                + self.rng.choice(("厉行节约，严控支出", "严格落实中央八项规定精神", "压减非必要公务活动"))
            )

        why = "增加的主要原因是业务工作量增加" if tf > tprev else "减少的主要原因是厉行节约，严控支出"
        self.para(f"{y}年度“三公”经费财政拨款{completion('tp_total', tb, tf)}，{self.yoy('tp_total', tf, tprev)}，{why}。其中：")
        if fin["abroad"]:
            self.para(f"因公出国（境）费{completion('tp_abroad', b['abroad'], fin['abroad'])}。")
        else:
            self.para(
                f"因公出国（境）费支出预算为0万元，支出决算为0万元，上年因公出国（境）费支出决算为{self.n(prev['abroad'])}万元。"
            )
        self.para(f"公务接待费{completion('tp_reception', b['reception'], fin['reception'])}，{self.yoy('tp_reception', fin['reception'], prev['reception'])}。")  # fmt: skip
        self.para("公务用车购置费支出预算为0万元，支出决算为0万元，上年公务用车购置费支出决算为0万元。")
        if fin["running"]:
            self.para(f"公务用车运行维护费{completion('tp_running', b['running'], fin['running'])}，{self.yoy('tp_running', fin['running'], prev['running'])}。")  # fmt: skip
        else:
            self.para("公务用车运行维护费支出预算为0万元，支出决算为0万元（本单位无公务车辆）。")
        self.para("（二）“三公”经费财政拨款支出决算具体情况说明")
        vehicle = fin["purchase"] + fin["running"]
        self.para(
            f"{y}年度“三公”经费财政拨款支出决算中，公务接待费支出决算{self.n(fin['reception'])}万元，{self.share('tp_reception', fin['reception'], tf)}；"
            f"因公出国（境）费支出决算{self.n(fin['abroad'])}万元，{self.share('tp_abroad', fin['abroad'], tf)}；"
            f"公务用车购置费及运行维护费支出决算{self.n(vehicle)}万元，{self.share('tp_vehicle', vehicle, tf)}。其中："
        )
        self.para(f"1、因公出国（境）费支出决算为{self.n(fin['abroad'])}万元，全年安排因公出国（境）团组{f.abroad_groups}个，累计{f.abroad_people}人次。")  # fmt: skip
        reception = self.ov.get(("narr", "reception2"), fin["reception"])
        purpose = self.rng.choice(("上级部门调研指导", "兄弟单位交流学习", "业务检查督导"))
        r2 = self.spot("reception2", f"公务接待费支出决算为{self.n(reception)}万元，全年共接待来访团组{f.reception_groups}个")
        self.para(f"2、{r2}、来宾{f.reception_people}人次，主要是{purpose}发生的接待支出。")
        running = (
            f"公务用车运行维护费{self.n(fin['running'])}万元，主要用于公务用车燃料、维修、保险等支出"
            if fin["running"]
            else "公务用车运行维护费0万元"
        )
        self.para(
            f"3、公务用车购置费及运行维护费支出决算为{self.n(vehicle)}万元，其中：公务用车购置费0万元，购置公务用车0辆；{running}。"
            f"截至{y}年12月31日，本单位开支财政拨款的公务用车保有量为{f.vehicles}辆。"
        )

    def performance_narrative(self) -> None:
        f, y = self.f, self.f.year
        self.para(f"十三、关于{y}年度预算绩效情况的说明")
        self.para("（一）绩效管理工作开展情况")
        self.para(
            f"根据预算绩效管理要求，本部门组织对{y}年度一般公共预算项目支出全面开展绩效自评，共涉及项目{len(f.projects)}个，"
            f"资金{self.n(f.project_budget)}万元；同时对部门整体支出开展绩效自评，形成自评报告。"
        )
        self.para("（二）部门整体支出绩效情况")
        coverage = self.ov.get(("narr", "coverage"), f.coverage)
        cov = self.spot("coverage", f.profile.coverage.format(area=f.area, rate=self.p(coverage)))
        dept = self.spot(
            ("completion", "dept"),
            f"全年预算数为{self.n(f.full_budget)}万元，执行数为{self.n(f.total)}万元，完成预算的{self.p(f.dept_rate)}%",
        )
        self.para(f"{y}年本部门整体支出{dept}。{cov}，{f.profile.achieved}。")
        self.para("（三）项目支出绩效情况")
        for k, p in enumerate(f.projects, 1):
            self.para(
                f"{k}. {p.name}：全年预算数{self.n(p.budget)}万元，执行数{self.n(p.executed)}万元，执行率{self.p(p.rate)}%，自评得分{_fmt_dec(p.total_score)}分。"
            )
        self.para("（四）存在的问题及原因分析")
        self.para(
            "一是部分项目绩效目标设置不够细化，量化指标偏少；二是预算执行进度前低后高，序时进度有待加快。下一步将加强绩效目标管理和执行监控，提高财政资金使用效益。"
        )

    def glossary(self) -> None:
        self.para("第四部分")
        self.para("名词解释")
        for text in (
            "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
            "二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
            "三、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
            "四、“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
            "五、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
        ):
            self.para(text)

    # ------------------------------------------------------------------ 附件: 绩效自评
    def signature(self) -> str:
        rng = self.rng
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        phone = f"0{rng.randint(730, 746)}-{rng.randint(2000000, 8999999)}"
        return f"填表人：{name} 填报日期：{self.f.year + 1}年{rng.randint(3, 8)}月{rng.randint(1, 28)}日 联系电话：{phone} 单位负责人签字："

    def attachments(self) -> None:
        f, y = self.f, self.f.year
        self.para("第五部分")
        self.para("附件")
        if self.s.self_report:
            self.para(f"{y}年度{f.department}部门整体支出绩效自评报告")
            self.para("一、部门（单位）基本情况")
            self.para(f"本部门主要职能是：{f.profile.focus}。")
            self.para("二、一般公共预算支出情况")
            self.para("（一）基本支出情况")
            self.para(
                f"{y}年度财政拨款基本支出{self.n(f.basic)}万元，其中：人员经费{self.n(f.personnel)}万元，占基本支出的{self.p(pct(f.personnel, f.basic))}%；"
                f"公用经费{self.n(f.public)}万元，占基本支出的{self.p(pct(f.public, f.basic))}%。"
            )
            self.para("（二）项目支出情况")
            added = f.project_budget - f.project_initial
            self.para(
                f"{y}年度财政拨款项目支出全年预算数{self.n(f.project_budget)}万元，其中年初预算数为{self.n(f.project_initial)}万元，"
                f"年中追加预算{self.n(added)}万元。"
            )
        self.basic_data()
        if f.dept_eval:
            self.dept_table()
        for k, p in enumerate(f.projects):
            self.project_table(k, p)

    def basic_data(self) -> None:
        f, y = self.f, self.f.year
        title = f"{y}年度部门整体支出绩效评价基础数据表"
        self.para(title, "bd")
        actual = self.ov.get(("staff", "table"), f.actual)
        b, fin, prev = f.tp_budget, f.tp_final, f.tp_prev

        def money(key_fn) -> list[str]:
            return [_fmt_dec(key_fn(prev)), "", _fmt_dec(key_fn(b)), "", _fmt_dec(key_fn(fin)), ""]

        rows = [
            ["财政供养人员情况(人)", "编制数", "", f"{y}年实际在职人数", "", "控制率", ""],
            ["", str(f.authorized), "", str(actual), "", f"{_fmt_dec(pct(D(actual), D(f.authorized)))}%", ""],
            ["经费控制情况(万元)", f"{y - 1}年决算数", "", f"{y}年预算数", "", f"{y}年决算数", ""],
            ["三公经费", *money(lambda v: sum(v.values(), ZERO))],
            ["1、公务用车购置和维护经费", *money(lambda v: v["purchase"] + v["running"])],
            ["其中：公车购置", *money(lambda v: v["purchase"])],
            ["公车运行维护", *money(lambda v: v["running"])],
            ["2、出国经费", *money(lambda v: v["abroad"])],
            ["3、公务接待", *money(lambda v: v["reception"])],
            ["项目支出：", "", "", _fmt_dec(f.project_budget), "", _fmt_dec(f.project), ""],
        ]
        self.spot("staff_table", row_text(rows[1]))
        for k, p in enumerate(f.projects):
            executed = self.ov.get(("bd_exec", k), p.executed)
            rows.append([f"{k + 1}、{p.name}", "", "", _fmt_dec(p.budget), "", _fmt_dec(executed), ""])
            self.spot(("bd_exec", k), row_text(rows[-1]))
        pp, pb, pf = f.public_parts_prev, f.public_parts_budget, f.public_parts
        rows.append(["公用经费", _fmt_dec(f.public_prev), "", _fmt_dec(f.public_budget), "", _fmt_dec(f.public), ""])
        for label, key in (
            ("其中：办公经费", "office"),
            ("水费、电费、差旅费", "utilities"),
            ("会议费、培训费", "meetings"),
            ("其它", "other"),
        ):
            rows.append([label, _fmt_dec(pp[key]), "", _fmt_dec(pb[key]), "", _fmt_dec(pf[key]), ""])
        pr = f.procurement
        rows += [
            ["政府采购金额", "", "", _fmt_dec(pr["budget"]), "", _fmt_dec(pr["total"]), ""],
            ["部门基本支出预算调整", "", "", "", "", "", ""],
            [
                f"楼堂馆所控制情况（{y}年完工项目）",
                "批复规模（㎡）",
                "实际规模（㎡）",
                "规模控制率",
                "预算投资（万元）",
                "实际投资（万元）",
                "投资概算控制率",
            ],
            ["无", "", "", "", "", "", ""],
            ["厉行节约保障措施", "严格执行公务接待、会议、培训等管理制度，压减一般性支出", "", "", "", "", ""],
        ]
        self.grid(rows, "bd")
        self.para("说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。", "bd")
        self.para(self.signature(), "bd")

    def _indicator_rows(self, inds: list[_Indicator]) -> list[list[str]]:
        rows = []
        weight_of: dict[tuple[str, str], int] = {}
        for i in inds:
            weight_of[(i.l1, "")] = weight_of.get((i.l1, ""), 0) + i.weight
            weight_of[(i.l1, i.l2)] = weight_of.get((i.l1, i.l2), 0) + i.weight
        last1 = last2 = ""
        for i in inds:
            l1 = l2 = ""
            if i.l1 != last1:
                l1 = i.l1 + (f" ({weight_of[(i.l1, '')]}分)" if self.s.weights_in_labels else "")
                last2 = ""
            if i.l2 != last2:
                l2 = i.l2 + (f" ({weight_of[(i.l1, i.l2)]}分)" if self.s.weights_in_labels else "")
            last1, last2 = i.l1, i.l2
            rows.append(["", l1, l2, i.name, i.target, i.actual, str(i.weight), _fmt_dec(i.score), i.reason])
        return rows

    def dept_table(self) -> None:
        f, y = self.f, self.f.year
        self.para(f"{y}年度部门整体支出绩效自评表", "de")
        label = "区级预算部门名称" if f.place.endswith("区") else "预算部门名称"
        rate = f.dept_rate
        inds = f.dept_indicators()
        total = f.dept_total_score
        rows = [
            [label, f.department, "", "", "", "", "", "", ""],
            ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
            [
                "",
                "年度资金总额",
                _fmt_dec(f.budget_initial),
                _fmt_dec(f.full_budget),
                _fmt_dec(f.total),
                "10",
                f"{_fmt_dec(rate)}%",
                _fmt_dec(exec_score(rate)),
                "",
            ],  # fmt: skip
            ["", "按收入性质分：", "", "", "按支出性质分：", "", "", "", ""],
            ["", f"其中：一般公共预算：{_fmt_dec(f.total)}", "", "", f"其中：基本支出：{_fmt_dec(f.basic)}", "", "", "", ""],
            ["", "政府性基金拨款：", "", "", f"项目支出：{_fmt_dec(f.project)}", "", "", "", ""],
            ["", "纳入专户管理的非税收入拨款：", "", "", "", "", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
            ["", f.dept_goal_expected, "", "", f.dept_goal_actual, "", "", "", ""],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            *self._indicator_rows(inds),
            ["", "总分", "", "", "", "", "100", _fmt_dec(total), ""],
        ]
        self.grid(rows, "de")
        self.para(self.signature(), "de")

    def project_table(self, k: int, p: _Project) -> None:
        f, y = self.f, self.f.year
        group = f"p{k}"
        self.para(f"{y}年度项目支出绩效自评表", group)
        rate = self.ov.get(("perf_rate", k), p.rate)
        score = exec_score(rate)
        total = self.ov.get(("perf_total", k), score + sum((i.score for i in p.indicators), ZERO))
        money = [_fmt_dec(p.initial), _fmt_dec(p.budget), _fmt_dec(p.executed), "10", f"{_fmt_dec(rate)}%", _fmt_dec(score)]
        fiscal_exec = self.ov.get(("perf_fiscal_exec", k), p.executed)
        fiscal = [_fmt_dec(p.initial), _fmt_dec(p.budget), _fmt_dec(fiscal_exec)]
        fiscal += money[3:] if self.s.fiscal_row_full else ["", "", ""]
        goal_e = self.ov.get(("goal_expected", k), p.goal_expected)
        goal_a = self.ov.get(("goal_actual", k), p.goal_actual)
        rows = [
            ["项目支出名称", p.name, "", "", "", "", "", "", ""],
            ["主管部门", f.department, "", "", "实施单位", f.department, "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
            ["", "年度资金总额", *money, ""],
            ["", "其中：当年财政拨款", *fiscal, ""],
            ["", "上年结转资金", "", "", "", "", "", "", ""],
            ["", "其他资金", "", "", "", "", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
            ["", goal_e, "", "", goal_a, "", "", "", ""],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            *self._indicator_rows(p.indicators),
            ["", "总分", "", "", "", "", "100", _fmt_dec(total), ""],
        ]
        self.spot(("perf_money", k), row_text(rows[3]))
        self.spot(("perf_fiscal", k), row_text(rows[4]))
        self.spot(("perf_total", k), row_text(rows[-1]))
        self.spot(("goal_expected", k), goal_e)
        self.spot(("goal_actual", k), goal_a)
        self.grid(rows, group)
        self.para("备注：一个一级项目支出一张表。如，业务工作经费，运行维护经费，其他事业发展类资金……各一张表。", group)
        self.para(self.signature(), group)


# ---------------------------------------------------------------------------------------- entry points


def generate(seed: int, inject: Sequence[str] = ()) -> GeneratedDoc:
    """One document, deterministic per seed; ``inject`` names INJECTION_KINDS to plant."""
    unknown = [k for k in inject if k not in CATEGORY_OF]
    if unknown:
        raise ValueError(f"unknown injection kinds: {unknown}")
    irng = random.Random(f"inject-{seed}-{'-'.join(inject)}")
    outlier = (irng.random(), irng.uniform(0.20, 0.45)) if "exec_outlier" in inject else None
    f = _Facts(random.Random(seed), outlier)
    style = _draw_style(random.Random(f"style-{seed}"))
    ov: dict = {"_used": set() if f.outlier_index is None else {("project", f.outlier_index)}}
    planned = [_plan(kind, f, style, ov, irng) for kind in inject]
    r = _Render(f, style, random.Random(f"text-{seed}"), ov)
    r.render()
    text = r.text()
    injections = []
    for kind, (description, spot) in zip(inject, planned):
        needle = r.spots[spot] if not isinstance(spot, str) or spot in r.spots else spot
        injections.append(Injection(kind, CATEGORY_OF[kind], description, needle))
    return GeneratedDoc(f"gen_{seed:04d}.txt", text, injections, _facts_dict(f, style))


def generate_corpus(n: int, seed: int = 0, anomaly_rate: float = 0.3) -> list[GeneratedDoc]:
    """n documents; a share ``anomaly_rate`` of them carry one random injection each."""
    rng = random.Random(f"corpus-{seed}")
    docs = []
    for i in range(n):
        doc_seed = seed * 100_003 + i
        kinds = [rng.choice(INJECTION_KINDS)] if rng.random() < anomaly_rate else []
        doc = generate(doc_seed, kinds)
        doc.name = f"gen_{doc_seed:04d}.txt"
        docs.append(doc)
    return docs


def _facts_dict(f: _Facts, st: _Style) -> dict:
    return {
        "year": f.year,
        "department": f.department,
        "profile": f.profile.key,
        "total": f.total,
        "basic": f.basic,
        "project": f.project,
        "personnel": f.personnel,
        "public": f.public,
        "budget_initial": f.budget_initial,
        "prev_total": f.prev_total,
        "public_prev": f.public_prev,
        "items": {
            i.code: {"name": i.name, "total": i.total, "basic": i.basic, "project": i.project, "budget": i.budget}
            for i in f.sorted_items()
        },
        "classes": {c: f.kuan_total(c) for c in f.classes()},
        "kuans": {c: f.kuan_total(c) for c in f.kuans()},
        "econ": dict(f.econ),
        "econ_groups": {k: v for k, v in f.groups.items()},
        "three_public": {"budget": dict(f.tp_budget), "final": dict(f.tp_final), "prev": dict(f.tp_prev)},
        "vehicles": f.vehicles,
        "staff": {"authorized": f.authorized, "actual": f.actual},
        "procurement": dict(f.procurement),
        "coverage_rate": f.coverage,
        "projects": [
            {
                "name": p.name,
                "code": p.code,
                "budget_initial": p.initial,
                "budget": p.budget,
                "executed": p.executed,
                "rate": p.rate,
                "exec_score": p.exec_score,
                "total_score": p.total_score,
                "goal_expected": p.goal_expected,
                "goal_actual": p.goal_actual,
            }
            for p in f.projects
        ],
        "dept_eval": (
            {
                "budget_initial": f.budget_initial,
                "budget": f.full_budget,
                "executed": f.total,
                "rate": f.dept_rate,
                "total_score": f.dept_total_score,
            }
            if f.dept_eval
            else None
        ),
        "style": {
            "hierarchy": st.hierarchy,
            "thousands": st.thousands,
            "fixed": st.fixed,
            "zero": st.zero,
            "full_classes": st.full_classes,
            "self_report": st.self_report,
        },
    }


# ---------------------------------------------------------------------------------------- injections


def _typo(rng: random.Random, v: Decimal) -> Decimal:
    """v as a clerk mistypes it: one digit replaced or two neighbours swapped (never only the
    last decimal, so the difference is beyond rounding)."""
    s = f"{v:.2f}"
    for _ in range(200):
        chars = list(s)
        digits = [i for i, ch in enumerate(chars) if ch.isdigit()][:-1]
        if rng.random() < 0.5:
            pairs = [i for i in digits if i + 1 < len(chars) and chars[i + 1].isdigit() and chars[i] != chars[i + 1]]
            if not pairs:
                continue
            i = rng.choice(pairs)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            i = rng.choice(digits)
            chars[i] = rng.choice([d for d in "0123456789" if d != chars[i]])
        text = "".join(chars)
        if len(text.split(".")[0]) > 1 and text[0] == "0":
            continue
        new = D(text)
        if new > 0 and abs(new - v) >= max(D("0.1"), v * D("0.002")):
            return new
    return v + 1


def _wrong_pct(rng: random.Random, true: Decimal, alternative: Decimal | None = None, cap: bool = True) -> Decimal:
    """A stated rate that does not follow from its inputs: the rate on the wrong base when that
    differs enough, else a mistyped one."""
    if (
        alternative is not None
        and abs(alternative - true) >= D("0.5")
        and (not cap or alternative <= HUNDRED)
        and alternative > 0
    ):
        return alternative
    for _ in range(100):
        cand = q2(true + _u(rng, 1.0, 8.0) * rng.choice((1, -1)))
        if cand > 0 and (not cap or cand <= HUNDRED) and abs(cand - true) >= 1:
            return cand
    return q2(true / 2)


def _yoy_inputs(f: _Facts, key: str) -> tuple[Decimal, Decimal]:
    if key in ("income", "expense", "fiscal_income", "fiscal_expense", "gpb"):
        return f.total, f.prev_total
    if key == "public":
        return f.public, f.public_prev
    return sum(f.tp_final.values(), ZERO), sum(f.tp_prev.values(), ZERO)


_TABLE_NAMES = {"t01": "公开01表", "t02": "公开02表", "t03": "公开03表", "t05": "公开05表"}


def _ancestor_overrides(f: _Facts, st: _Style, ov: dict, table: str, cols: Sequence[str]) -> None:
    """Make the printed 款/类/合计 rows of a table the sums of the 项 amounts as displayed."""
    shown = {code: {c: ov.get(("cell", table, code, c), getattr(item, c)) for c in cols} for code, item in f.items.items()}
    keys = (f.kuans() + f.classes() if st.hierarchy else []) + ["合计"]
    for key in keys:
        for c in cols:
            total = sum((v[c] for code, v in shown.items() if key == "合计" or code.startswith(key)), ZERO)
            ov.setdefault(("cell", table, key, c), total)  # an error planted there already stays


def _plan(kind: str, f: _Facts, st: _Style, ov: dict, rng: random.Random) -> tuple[str, object]:
    """Set the overrides for one injection; return its description and the spot of its needle."""
    used: set = ov.setdefault("_used", set())
    items = [i for i in f.sorted_items() if i.total >= 1 and i.code not in used]
    items = items or f.sorted_items()

    def pick_item() -> _Item:
        item = rng.choice(items)
        used.add(item.code)
        return item

    def pick_table(*tables: str) -> str:
        """One of ``tables`` that a missing_table injection has not removed, reserved so that
        none removes it later."""
        present = [t for t in tables if ("dropped", t) not in used] or list(tables)
        table = rng.choice(present)
        used.add(("table", table))
        return table

    def pick_projects(n: int = 1) -> list[int]:
        free = [k for k in range(len(f.projects)) if ("project", k) not in used]
        chosen = rng.sample(free if len(free) >= n else range(len(f.projects)), n)
        used.update(("project", k) for k in chosen)
        return chosen

    if kind == "row_total":
        table = pick_table("t03", "t05")
        item = pick_item()
        new = _typo(rng, item.total)
        ov[("cell", table, item.code, "total")] = new
        return (
            f"{_TABLE_NAMES[table]} {item.code} {item.name}：合计由{_fmt_dec(item.total)}改为{_fmt_dec(new)}，"
            f"不再等于基本支出{_fmt_dec(item.basic)}与项目支出{_fmt_dec(item.project)}之和",
            (table, item.code),
        )
    if kind == "code_hierarchy":
        table = pick_table("t02", "t03", "t05")
        keys = (f.kuans() + f.classes()) if st.hierarchy else ["合计"]
        key = rng.choice(keys)
        cols = ("total", "basic", "project") if table != "t02" else ("total",)
        true = {c: getattr(f, c) if key == "合计" else f.kuan_total(key, c) for c in cols}
        old = {c: ov.get(("cell", table, key, c), true[c]) for c in cols}  # as displayed
        new = _typo(rng, old["total"])
        delta = new - old["total"]
        ov[("cell", table, key, "total")] = new
        if table == "t02":
            ov[("cell", table, key, "fiscal")] = new
        else:
            part = next((c for c in rng.sample(["basic", "project"], 2) if old[c] + delta >= 0), "basic")
            ov[("cell", table, key, part)] = old[part] + delta
        name = "合计" if key == "合计" else f"{key} {CLASS_NAMES.get(key) or KUAN_NAMES[key]}"
        return (f"{_TABLE_NAMES[table]} {name} 由{_fmt_dec(old['total'])}改为{_fmt_dec(new)}，与下级科目之和不符", (table, key))
    if kind == "summary_total":
        key = rng.choice(("本年支出合计", "总计:income", "总计:expense"))
        new = _typo(rng, f.total)
        ov[("cell", "t01", key, "total")] = new
        side = "收入方" if key.endswith("income") else "支出方"
        return (f"公开01表{side}{key.split(':')[0]}由{_fmt_dec(f.total)}改为{_fmt_dec(new)}", ("t01", key))
    if kind == "cross_table_amount":
        item = pick_item()
        new = _typo(rng, item.total)
        delta = new - item.total
        ov[("cell", "t02", item.code, "total")] = ov[("cell", "t02", item.code, "fiscal")] = new
        for key in ([item.code[:5], item.code[:3]] if st.hierarchy else []) + ["合计"]:
            for col in ("total", "fiscal"):
                old = ov.get(("cell", "t02", key, col), f.total if key == "合计" else f.kuan_total(key))
                ov[("cell", "t02", key, col)] = old + delta
        return (
            f"公开02表 {item.code} {item.name} 收入{_fmt_dec(new)}，公开03表、公开05表为{_fmt_dec(item.total)}",
            ("t02", item.code),
        )
    if kind == "shuffled_rows":
        pool = [i for i in f.sorted_items() if i.code not in used]
        by_kuan: dict[str, list[_Item]] = {}
        for i in pool:
            by_kuan.setdefault(i.code[:5], []).append(i)
        groups = [g for g in by_kuan.values() if len(g) >= 3 and len({i.total for i in g}) == len(g)]
        if st.hierarchy and groups:
            group = rng.choice(groups)
        else:
            group = pool
        distinct: dict[Decimal, _Item] = {}
        for i in group:
            distinct.setdefault(i.total, i)
        chosen = rng.sample(sorted(distinct.values(), key=lambda i: i.code), min(len(distinct), rng.choice((3, 3, 4))))
        chosen.sort(key=lambda i: i.code)
        shift = rng.randint(1, len(chosen) - 1)  # a rotation: no row keeps its own amounts
        for k, item in enumerate(chosen):
            src = chosen[(k + shift) % len(chosen)]
            used.add(item.code)
            for table in ("t03", "t05"):
                for c in ("total", "basic", "project"):
                    ov[("cell", table, item.code, c)] = getattr(src, c)
        for table in ("t03", "t05"):
            used.add(("table", table))
            _ancestor_overrides(f, st, ov, table, ("total", "basic", "project"))
        codes = "、".join(i.code for i in chosen)
        return (f"公开03表和公开05表中 {codes} 的金额整行错位（公开02表正确）", ("t03", chosen[0].code))
    if kind == "narrative_amount":
        if rng.random() < 0.6:
            item = pick_item()
            key, old, what = ("item", item.code), item.total, f"{item.code} {item.name} 支出决算"
        else:
            lei = rng.choice(f.classes())
            key, old, what = ("lei", lei), f.kuan_total(lei), f"{CLASS_NAMES[lei]}（类）"
        new = _typo(rng, old)
        ov[("narr", key)] = new
        return (f"情况说明中{what}写作{_fmt_dec(new)}万元，表中为{_fmt_dec(old)}万元", key)
    if kind == "share":
        options = ["basic", "project", "personnel", "public", "sme"] + [("lei", c) for c in f.classes()]
        key = rng.choice(options)
        part, whole, alt = {
            "basic": (f.basic, f.total, None),
            "project": (f.project, f.total, None),
            "personnel": (f.personnel, f.basic, pct(f.personnel, f.total)),
            "public": (f.public, f.basic, pct(f.public, f.total)),
            "sme": (f.procurement["sme"], f.procurement["total"], None),
        }.get(key) or (f.kuan_total(key[1]), f.total, None)
        true = pct(part, whole)
        wrong = _wrong_pct(rng, true, alt)
        ov[("share", key)] = wrong
        spot = key if isinstance(key, tuple) else ("share", key)
        return (f"情况说明中所占比例写作{_fmt_dec(wrong)}%，按{_fmt_dec(part)}/{_fmt_dec(whole)}应为{_fmt_dec(true)}%", spot)
    if kind == "completion_rate":
        with_budget = [i for i in f.sorted_items() if i.budget and i.code not in used]
        options = ["overall", "tp_total", "tp_reception"] + [("item", i.code) for i in with_budget]
        key = rng.choice(options)
        if key == "overall":
            final, budget = f.total, f.budget_initial
        elif key in ("tp_total", "tp_reception"):
            final = sum(f.tp_final.values(), ZERO) if key == "tp_total" else f.tp_final["reception"]
            budget = sum(f.tp_budget.values(), ZERO) if key == "tp_total" else f.tp_budget["reception"]
        else:
            item = f.items[key[1]]
            used.add(item.code)
            final, budget = item.total, item.budget
        true = pct(final, budget)
        wrong = _wrong_pct(rng, true, cap=False)
        ov[("completion", key)] = wrong
        spot = key if isinstance(key, tuple) else ("completion", key)
        return (f"完成预算的比例写作{_fmt_dec(wrong)}%，按{_fmt_dec(final)}/{_fmt_dec(budget)}应为{_fmt_dec(true)}%", spot)
    if kind == "yoy":
        keys = [k for k in ("income", "expense", "fiscal_income", "fiscal_expense", "gpb", "public", "tp_total") if _yoy_inputs(f, k)[0] != _yoy_inputs(f, k)[1]]  # fmt: skip
        key = rng.choice(keys)
        cur, prev = _yoy_inputs(f, key)
        change = abs(cur - prev)
        true = pct(change, prev)
        wrong = _wrong_pct(rng, true, pct(change, cur), cap=False)
        ov[("yoy", key)] = wrong
        return (
            f"同比变动{_fmt_dec(change)}万元写作变动{_fmt_dec(wrong)}%，按上年数{_fmt_dec(prev)}应为{_fmt_dec(true)}%",
            ("yoy", key),
        )
    if kind == "perf_rate":
        (k,) = pick_projects()
        p = f.projects[k]
        alt = pct(p.executed, p.initial) if p.initial else None
        wrong = _wrong_pct(rng, p.rate, alt)
        ov[("perf_rate", k)] = wrong
        return (
            f"项目“{p.name}”执行率写作{_fmt_dec(wrong)}%，按{_fmt_dec(p.executed)}/{_fmt_dec(p.budget)}应为{_fmt_dec(p.rate)}%",
            ("perf_money", k),
        )
    if kind == "perf_total":
        (k,) = pick_projects()
        p = f.projects[k]
        others = {q.total_score for q in f.projects} | {f.dept_total_score}
        wrong = p.total_score
        while wrong in others or wrong > 100:
            wrong = p.total_score + rng.choice((-5, -4, -3, -2, 2, 3, 4, 5))
        ov[("perf_total", k)] = wrong
        return (f"项目“{p.name}”总分写作{_fmt_dec(wrong)}，各项得分之和为{_fmt_dec(p.total_score)}", ("perf_total", k))
    if kind == "exec_outlier":
        k = f.outlier_index
        p = f.projects[k]
        return (f"项目“{p.name}”全年预算{_fmt_dec(p.budget)}万元仅执行{_fmt_dec(p.executed)}万元，执行率{_fmt_dec(p.rate)}%", ("perf_money", k))  # fmt: skip
    if kind == "copy_goal":
        (j,) = pick_projects()
        i = rng.choice([x for x in range(len(f.projects)) if x != j])
        ov[("goal_expected", j)] = f.projects[i].goal_expected
        return (f"项目“{f.projects[j].name}”的预期目标照抄了项目“{f.projects[i].name}”的预期目标", ("goal_expected", j))
    if kind == "goal_equals_actual":
        (j,) = pick_projects()
        ov[("goal_actual", j)] = ov.get(("goal_expected", j), f.projects[j].goal_expected)
        return (f"项目“{f.projects[j].name}”的实际完成情况与预期目标一字不差", ("goal_actual", j))
    if kind == "decimal_shift":
        where = rng.choice(("perf_fiscal", "bd") + (() if ("dropped", "t09") in used else ("reception2",)))
        if where == "reception2":
            used.add(("table", "t09"))
            old = f.tp_final["reception"]
            ov[("narr", "reception2")] = old * 10
            return (f"“三公”经费具体情况中公务接待费写作{_fmt_dec(old * 10)}万元，表中为{_fmt_dec(old)}万元", "reception2")
        (k,) = pick_projects()
        p = f.projects[k]
        if where == "perf_fiscal":
            ov[("perf_fiscal_exec", k)] = p.executed * 10
            return (f"项目“{p.name}”其中当年财政拨款执行数写作{_fmt_dec(p.executed * 10)}，年度资金总额执行数为{_fmt_dec(p.executed)}", ("perf_fiscal", k))  # fmt: skip
        ov[("bd_exec", k)] = p.executed * 10
        return (f"基础数据表中项目“{p.name}”决算数写作{_fmt_dec(p.executed * 10)}，自评表执行数为{_fmt_dec(p.executed)}", ("bd_exec", k))  # fmt: skip
    if kind == "yuan_among_wan":
        ov[("yuan", "meeting")] = True
        m = f.econ.get("30215", ZERO)
        return (f"一般性支出说明中会议费写作{int(m * 10000)}元，其余金额均以万元列示（公开06表为{_fmt_dec(m)}万元）", "meeting")
    if kind == "ratio_over_100":
        rate = q2(_u(rng, 100.3, 112.0))
        ov[("narr", "coverage")] = rate
        return (f"绩效情况说明中覆盖率写作{_fmt_dec(rate)}%，超过100%", "coverage")
    if kind == "staffing":
        if rng.random() < 0.5:
            new = f.actual
            while new == f.actual:
                new = max(1, min(f.authorized, f.actual + rng.choice((-3, -2, -1, 1, 2, 3))))
                if f.authorized == 1:
                    new = f.actual + 1
            ov[("staff", "table")] = new
            return (f"基础数据表实际在职人数{new}人，概况中实有人数{f.actual}人", "staff_table")
        new = f.authorized + rng.randint(1, max(2, f.authorized // 5))
        ov[("staff", "overview")] = new
        return (f"概况中实有人数{new}人超过编制人数{f.authorized}人且未作说明（基础数据表为{f.actual}人）", "staff_overview")
    if kind == "missing_table":
        group = rng.choice([t for t in ("t04", "t05", "t06", "t09") if ("table", t) not in used] or ["t04"])
        used.update({("table", group), ("dropped", group)})
        ov[("drop", group)] = True
        k = [g for g, *_ in TABLES].index(group)
        return (f"目录列出的{TABLES[k][2]}（公开{k + 1:02d}表）未公开", ("toc", group))
    if kind == "empty_table_no_note":
        # 公开08表: 公开07表's emptiness is also explained by section 八 of the narrative
        group = "t08"
        ov[("drop", group + ":note")] = True
        k = [g for g, *_ in TABLES].index(group)
        return (f"{TABLES[k][2]}（公开{k + 1:02d}表）为空表，未说明原因", TABLES[k][2])
    raise ValueError(kind)
