"""The 类 names of the government function classification (政府收支分类科目, 支出功能分类), and the
names it has retired.

Only the 类 level is kept here: it is short, stable and printed in every document; the 款 and 项
names a document uses are read from its own tables.
"""

from __future__ import annotations

# 类 names as printed since the 2019 classification (code → name)
CLASSES = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}

# 类 names that were renamed, with the first budget year of the new name. A name here is right in
# a document of an earlier year and a leftover of an old template in a later one. Only renamings
# that are certain are listed.
RENAMED = {
    "医疗卫生与计划生育": ("卫生健康", 2019, "210"),
    "文化体育与传媒": ("文化旅游体育与传媒", 2019, "207"),
}

# names that were correct in some year: not misspellings of the current names
FORMER_NAMES = {f"{old}支出" for old in RENAMED} | {"医疗卫生支出", "国土海洋气象等支出", "资源勘探信息等支出"}
