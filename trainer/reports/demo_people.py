"""A fictional municipal government (临江市) for demonstration data: departments and staff names.

Names mix common surnames and given-name characters with a few rare ones (䶮, 喆, 堃, 珺 …) so
that fonts, sorting and exports are tried on what real rosters contain.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (department, relative size, role profile of most of its staff)
DEPARTMENTS: tuple[tuple[str, int, str], ...] = (
    ("临江市数据资源局", 6, "data-steward"),
    ("临江市政务服务中心", 9, "frontline-officer"),
    ("临江市财政局", 6, "data-steward"),
    ("临江市公安局", 10, "frontline-officer"),
    ("临江市卫生健康委员会", 8, "frontline-officer"),
    ("临江市教育局", 7, "frontline-officer"),
    ("临江市人力资源和社会保障局", 7, "frontline-officer"),
    ("临江市市场监督管理局", 7, "frontline-officer"),
    ("临江市自然资源和规划局", 5, "data-steward"),
    ("临江市生态环境局", 4, "data-steward"),
    ("临江市民政局", 5, "frontline-officer"),
    ("临江市人民政府办公室", 4, "department-leader"),
)

# Sections (科室) of some bureaus: their staff sit one level down (局/科), so HR's unit roll-ups
# and filters have sub-units to show. Chosen from the employee number, not the shared random
# stream, so the rest of the simulation stays as it was.
SECTIONS: dict[str, tuple[str, ...]] = {
    "临江市财政局": ("预算科", "国库科", "办公室"),
    "临江市数据资源局": ("数据管理科", "信息化建设科", "办公室"),
    "临江市公安局": ("户政管理支队", "网络安全保卫支队"),
    "临江市教育局": ("基础教育科", "办公室"),
}


def section_of(department: str, employee_no: str) -> str:
    """The person's unit path: a section of the bureau for most staff of bureaus with sections,
    the bureau itself for the others (a director, say)."""
    import zlib

    sections = SECTIONS.get(department)
    if not sections:
        return department
    draw = zlib.crc32(employee_no.encode("ascii"))
    return department if draw % 5 == 0 else f"{department}/{sections[draw % len(sections)]}"


SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
            "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷"
            "侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红飞鹏辉建国文斌宇浩"
         "凯婷雪琳晨欣怡佳俊博昊然子涵梓轩思远晓东海波志宏春梅立新永健嘉一诺雨泽瑞宁"
         "慧颖佩琪雅楠晗阳欢")
RARE_GIVEN = ("䶮", "喆", "堃", "珺", "祎", "玥", "赟", "昇", "淏", "琇", "婳", "翀")


@dataclass(frozen=True)
class Person:
    employee_no: str
    name: str
    department: str
    role: str  # learner | trainer | hr | admin
    profile: str  # role profile id of the competency framework


def make_name(rng: random.Random) -> str:
    """A plausible Chinese name: surname (sometimes compound) and one or two given characters."""
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.02 else rng.choice(SURNAMES)
    pool = RARE_GIVEN if rng.random() < 0.06 else GIVEN
    given = rng.choice(pool)
    if rng.random() < 0.7:
        given += rng.choice(GIVEN)
    return surname + given


def make_people(rng: random.Random, count: int, *, staff: bool = True) -> list[Person]:
    """``count`` people in the departments by size; with ``staff``, the first few run the app."""
    names = [d[0] for d in DEPARTMENTS]
    weights = [d[1] for d in DEPARTMENTS]
    profiles = {d[0]: d[2] for d in DEPARTMENTS}
    people: list[Person] = []
    for index in range(count):
        department = rng.choices(names, weights)[0]
        profile = profiles[department]
        if rng.random() < 0.08:
            profile = "department-leader"
        number = f"LJ{index + 1:05d}"
        people.append(Person(number, make_name(rng), section_of(department, number), "learner",
                             profile))
    if staff and count >= 6:
        roles = {0: ("admin", "临江市数据资源局"), 1: ("hr", "临江市人力资源和社会保障局"),
                 2: ("hr", "临江市人民政府办公室"), 3: ("trainer", "临江市数据资源局"),
                 4: ("trainer", "临江市政务服务中心")}
        for index, (role, department) in roles.items():
            person = people[index]
            people[index] = Person(person.employee_no, person.name, department, role,
                                   person.profile)
    return people
