"""Chinese wording of validator problems, for trainers who read Chinese (the CLI and the UI).

Problems are built in English (the source language, as in the UI's ``tr()``); this catalogue
maps each message shape to Chinese. A message with no entry stays English, so a new check can
never break; a test checks that every message in the broken-pack fixtures has a translation.
"""

from __future__ import annotations

import re

from trainer.content.problems import Problem

SEVERITY = {"error": "错误", "warning": "警告"}
_Q = r"'(?P<{}>[^']*)'"  # a quoted value


def _q(name: str) -> str:
    return _Q.format(name)


def _qq(name: str) -> str:
    """A quoted value that may itself contain quotes (a line of the author's text)."""
    return f"'(?P<{name}>.*)'"


_WHERE = [
    (re.compile(r"^the front matter$"), "前置信息"),
    (re.compile(r"^competency '([^']*)'$"), r"能力项“\1”"),
    (re.compile(r"^role '([^']*)'$"), r"岗位“\1”"),
    (re.compile(r"^(level|competency|role) on line (\d+)$"), r"第 \2 行的\1"),
    (re.compile(r"^exercise (\S+)$"), r"题目 \1"),
]
_WHAT = {"level": "等级", "competency": "能力项", "role": "岗位"}
_DESCRIBE = [
    (re.compile(r"^text$"), "文字"), (re.compile(r"^a list$"), "列表"),
    (re.compile(r"^nothing$"), "空值"), (re.compile(r"^the number (.+)$"), r"数字 \1"),
    (re.compile(r"^yes/no \((true|false)\)$"), r"是/否值（\1）"),
    (re.compile(r"^a set of 'key: value' lines$"), "若干“键: 值”行"),
]

CATALOG: list[tuple[str, str]] = [
    # course.yaml and competencies.yaml
    (f"unknown key {_q('key')} in (?P<where>.+)", "{where}中有未知的键“{key}”"),
    (f"{_q('key')} is given twice in (?P<where>.+); keep one\\.", "{where}中“{key}”写了两次，请只保留一个。"),
    (f"(?P<where>.+) has no {_q('key')}; add a line like {_q('example')}\\.", "{where}缺少“{key}”，请加一行，例如“{example}”。"),
    (f"{_q('key')} in (?P<where>.+) must be text \\(got (?P<desc>.+)\\); write e\\.g\\. {_q('example')}\\.", "{where}中的“{key}”应当是文字（现在是{desc}），例如“{example}”。"),
    (f"{_q('key')} in (?P<where>.+) must be a whole number from (?P<low>-?\\d+) to (?P<high>\\d+) \\(got (?P<desc>.+)\\)\\.", "{where}中的“{key}”应当是 {low} 到 {high} 之间的整数（现在是{desc}）。"),
    (f"{_q('key')} in (?P<where>.+) must be a list \\(got (?P<desc>.+)\\); write e\\.g\\. {_q('example')}\\.", "{where}中的“{key}”应当是列表（现在是{desc}），例如“{example}”。"),
    (f"item (?P<n>\\d+) of {_q('key')} in (?P<where>.+) must be text \\(got (?P<desc>.+)\\)\\.", "{where}中“{key}”的第 {n} 项应当是文字（现在是{desc}）。"),
    ("YAML syntax error: (?P<what>.+)\\. Check the indentation and quote text that contains ': ' or starts with a special character (?P<chars>.+)\\.", "YAML 格式错误：{what}。请检查缩进（用空格，不用 Tab），含有“: ”或以特殊字符 {chars} 开头的内容要加引号。"),
    ("YAML cannot be read: (?P<what>.+)", "无法读取 YAML：{what}"),
    ("course\\.yaml must consist of 'key: value' lines \\(got (?P<desc>.+)\\); start from 'trainer pack new'\\.", "course.yaml 应当由“键: 值”行组成（现在是{desc}）；可以从 trainer pack new 生成的示例改起。"),
    (f"pack id {_q('id')} may use only lowercase letters a-z, digits, '-' and '\\.', starting with a letter or digit \\(e\\.g\\. 'digital-government'\\)\\.", "课程包编号“{id}”只能使用小写字母 a-z、数字、“-”和“.”，并以字母或数字开头（例如 digital-government）。"),
    (f"version {_q('version')} is not a semantic version MAJOR\\.MINOR\\.PATCH such as 1\\.0\\.0\\. YAML read it as a number; write three parts, e\\.g\\. 'version: 1\\.0\\.0'\\.", "版本号“{version}”不是“主版本.次版本.修订号”格式；YAML 把它当成了数字，请写成三段，例如 version: 1.0.0。"),
    (f"version {_q('version')} is not a semantic version MAJOR\\.MINOR\\.PATCH such as 1\\.0\\.0\\.", "版本号“{version}”不是“主版本.次版本.修订号”格式，例如 1.0.0。"),
    (f"language {_q('language')} is not a BCP 47 language tag such as zh-CN, en or en-GB", "语言“{language}”不是 BCP 47 语言标签，应写成 zh-CN、en 或 en-GB 这样的形式"),
    (f"module path {_q('path')} must be relative to the pack folder and stay inside it, e\\.g\\. 'modules/01-intro\\.md'\\.", "模块路径“{path}”应当是课程包内的相对路径，例如 modules/01-intro.md。"),
    (f"module {_q('path')} is listed twice \\(first on line (?P<line>\\d+)\\); list each module once\\.", "模块“{path}”列了两次（第一次在第 {line} 行），每个模块只列一次。"),
    # credit_hours (学时)
    (f"{_q('key')} in (?P<where>.+) must be a number of 学时 such as 1 or 0\\.5 \\(got (?P<desc>.+)\\)\\.", "{where}中的“{key}”应当是学时数，例如 1 或 0.5（现在是{desc}）。"),
    (f"{_q('key')} in (?P<where>.+) must be from 0 to (?P<high>\\d+) 学时 \\(got (?P<value>.+)\\); check for a typing mistake\\.", "{where}中的“{key}”应当在 0 到 {high} 学时之间（现在是 {value}），请检查是否写错。"),
    (f"{_q('key')} in (?P<where>.+) must be a multiple of 0\\.25 学时 such as 0\\.25, 0\\.5 or 1\\.5 \\(got (?P<value>.+)\\)\\.", "{where}中的“{key}”应当是 0.25 学时的整数倍，例如 0.25、0.5 或 1.5（现在是 {value}）。"),
    ("the course declares credit_hours: (?P<course>\\S+) but its modules add up to (?P<total>\\S+); make them agree \\(the course's value is the sum of its modules'\\)\\.", "课程声明 credit_hours: {course}，但各模块合计 {total}；请改成一致（课程学时是各模块学时之和）。"),
    ("the course declares credit_hours: (?P<course>\\S+) but (?P<n>\\d+) module\\(s\\) declare none \\((?P<names>.+)\\); give each module its own 'credit_hours:' adding up to (?P<total>\\S+), or remove the course's line to let the modules decide\\.", "课程声明 credit_hours: {course}，但有 {n} 个模块没有声明（{names}）；请给每个模块写上 credit_hours:，合计为 {total}；或者删掉课程的这一行，由各模块决定。"),
    ("the pack lists no modules; add at least one under 'modules:'\\.", "课程包没有列出任何模块，请在 modules: 下至少列一个。"),
    (f"module file {_q('path')} does not exist", "模块文件“{path}”不存在"),
    (f"{_q('path')} is not listed under 'modules:' in course\\.yaml; add '  - (?P<again>[^']*)' there, or move the file out of modules/\\.", "“{path}”没有列在 course.yaml 的 modules: 下；请加上“  - {again}”，或把文件移出 modules/。"),
    ("the pack has no (?P<name>\\S+) at its top level; every pack needs one \\(see 'trainer pack new'\\)\\.", "课程包顶层没有 {name}，每个课程包都需要它（参见 trainer pack new）。"),
    ("this file is not UTF-8 text(?: \\((?:it looks like (?P<enc>[^)]+)|(?P<gb>it is GB18030 or GBK), as Chinese Windows editors save it)\\))?; save it as UTF-8 \\(e\\.g\\. in Notepad: Save as → Encoding: UTF-8\\)\\.", "此文件不是 UTF-8 编码{enc_note}；请另存为 UTF-8（记事本：另存为 → 编码选 UTF-8）。"),
    ("this file contains NUL characters; is it really text\\?", "此文件含有空字符（NUL），它真的是文本文件吗？"),
    # limits: YAML (anchors, aliases, tags, depth, size) and Markdown (mdlimits)
    ("this part of the file is used again elsewhere \\(a YAML anchor '&…' with an alias '\\*…'\\); aliases are not allowed in a pack: write the text out again, or quote it if the '&' or '\\*' is meant literally\\.", "这部分内容在别处被重复引用（YAML 锚点“&…”和别名“*…”），课程包里不允许使用别名：请把内容直接写出来；如果“&”或“*”是文字本身，请给这段文字加引号。"),
    ("the YAML tag '(?P<tag>[^']*)' is not allowed in a pack; remove it \\(write plain text, numbers, lists and 'key: value' lines\\), or quote the text if the '!' is meant literally\\.", "课程包里不允许使用 YAML 标签“{tag}”：请删掉它（只写文字、数字、列表和“键: 值”行）；如果“!”是文字本身，请给这段文字加引号。"),
    ("lists and 'key: value' blocks are nested more than (?P<max>\\d+) levels deep here; a pack needs far fewer\\.", "这里的列表和“键: 值”块嵌套超过了 {max} 层，课程包用不到这么深的嵌套。"),
    ("this YAML is (?P<n>[\\d,]+) bytes long; at most (?P<max>[\\d,]+) are allowed\\. Is it really a pack file\\?", "这段 YAML 有 {n} 字节，最多允许 {max} 字节。它真的是课程包的文件吗？"),
    ("(?P<n>\\d+) more place\\(s\\) in this file are over the limits; fix the ones above first\\.", "此文件还有 {n} 处超出上限，请先改好上面列出的几处。"),
    ("this Markdown file has (?P<n>[\\d,]+) characters; at most (?P<max>[\\d,]+) are allowed\\. Split it into several modules\\.", "此 Markdown 文件有 {n} 个字符，最多允许 {max} 个。请拆成几个模块。"),
    ("this line has (?P<n>[\\d,]+) characters; at most (?P<max>[\\d,]+) are allowed\\. Break it into paragraphs\\.", "这一行有 {n} 个字符，最多允许 {max} 个。请分成几段。"),
    ("this file has more than (?P<max>[\\d,]+) block quotes and call-outs; split it into several modules\\.", "此文件的引用和提示框超过了 {max} 个，请拆成几个模块。"),
    ("this file has more than (?P<max>[\\d,]+) lines that open or close code blocks; split it into several modules\\.", "此文件开始或结束代码块的行超过了 {max} 行，请拆成几个模块。"),
    ("this file has more than (?P<max>[\\d,]+) (?P<markup>'.' \\([^)]*\\)); split it into several modules\\.", "此文件中的{markup_zh}超过了 {max} 个，请拆成几个模块。"),
    ("this paragraph, list or table runs for more than (?P<max>[\\d,]+) lines without a blank line; split it with blank lines \\(or into several modules\\)\\.", "这个段落、列表或表格中间没有空行，超过了 {max} 行。请用空行分开（或拆成几个模块）。"),
    ("this paragraph, list or table is longer than (?P<max>[\\d,]+) characters without a blank line; split it with blank lines \\(or into several modules\\)\\.", "这个段落、列表或表格中间没有空行，超过了 {max} 个字符。请用空行分开（或拆成几个模块）。"),
    ("this paragraph, list or table has more than (?P<max>[\\d,]+) (?P<markup>'.' \\([^)]*\\)) without a blank line; split it with blank lines \\(or into several modules\\)\\.", "这个段落、列表或表格中间没有空行，其中的{markup_zh}超过了 {max} 个。请用空行分开（或拆成几个模块）。"),
    ("this paragraph, list or table has '\\[' whose '\\]' never comes or comes very late \\(open links or images\\); close them, or split it with blank lines\\.", "这个段落、列表或表格中有“[”迟迟没有对应的“]”（没有写完的链接或图片），请补上“]”，或用空行把它分开。"),
    ("this table row has (?P<n>\\d+) columns; at most (?P<max>\\d+) are allowed\\.", "表格的这一行有 {n} 列，最多允许 {max} 列。"),
    ("lists and block quotes are nested (?P<n>\\d+) levels deep here; at most (?P<max>\\d+) are allowed\\.", "这里的列表和引用嵌套了 {n} 层，最多允许 {max} 层。"),
    ("this line is indented (?P<n>\\d+) columns; at most (?P<max>\\d+) are allowed\\.", "这一行缩进了 {n} 列，最多允许 {max} 列。"),
    ("lists are nested (?P<n>\\d+) levels deep here; at most (?P<max>\\d+) are allowed\\.", "这里的列表嵌套了 {n} 层，最多允许 {max} 层。"),
    ("links \\(shortcuts\\) are not allowed in a pack; put the file itself here\\.", "课程包中不能有链接（快捷方式），请放入文件本身。"),
    ("no module uses this file; delete it, or refer to it with !\\[说明\\]\\(\\.\\./images/…\\), to keep the pack small\\.", "没有任何模块用到这个文件；删掉它，或用 ![说明](../images/…) 引用它，让课程包更小。"),
    (f"id {_q('id')} is already used by the (?P<kind>module|exercise) at (?P<where>\\S+); ids must be unique in the whole pack\\.", "编号“{id}”已被 {where} 的{kind_zh}使用；编号在整个课程包内必须唯一。"),
    ("the lowest level must have 'min: 0' \\(it has (?P<n>\\d+)\\), so every score has a level\\.", "最低等级的 min 必须是 0（现在是 {n}），这样每个分数都有对应等级。"),
    ("level (?P<id>\\d+) has min (?P<low>\\d+), not above the level before it \\((?P<prev>\\d+)\\); list levels lowest first with rising 'min'\\.", "等级 {id} 的 min 是 {low}，没有高于上一级（{prev}）；请从低到高排列，min 逐级升高。"),
    ("level id (?P<id>\\d+) is used twice\\.", "等级编号 {id} 用了两次。"),
    (f"competency id {_q('id')} is used twice \\(first on line (?P<line>\\d+)\\)\\.", "能力编号“{id}”用了两次（第一次在第 {line} 行）。"),
    (f"role id {_q('id')} is used twice\\.", "岗位编号“{id}”用了两次。"),
    (f"competency {_q('id')} describes (?P<n>\\d+) levels but the scale has (?P<m>\\d+); give one line per level, lowest first\\.", "能力项“{id}”描述了 {n} 个等级，但等级表有 {m} 级；请每级写一行，从低到高。"),
    (f"role {_q('role')} targets unknown competency {_q('id')}", "岗位“{role}”的目标引用了不存在的能力项“{id}”"),
    (f"role {_q('role')}: target level for {_q('id')} must be one of the level ids (?P<ids>\\[[^]]*\\]) \\(got (?P<desc>.+)\\)\\.", "岗位“{role}”对“{id}”的目标等级应当是 {ids} 之一（现在是{desc}）。"),
    (f"{_q('key')} must be a list of entries starting with '- ' \\(got (?P<desc>.+)\\)\\.", "“{key}”应当是以“- ”开头的若干条目（现在是{desc}）。"),
    (f"entry (?P<n>\\d+) of {_q('key')} must be 'key: value' lines \\(got (?P<desc>.+)\\)\\.", "“{key}”的第 {n} 条应当由“键: 值”行组成（现在是{desc}）。"),
    ("'targets' must map competency ids to level ids, e\\.g\\. 'targets: \\{data-literacy: 2\\}'\\.", "targets 应当把能力编号对应到等级编号，例如 targets: {{data-literacy: 2}}。"),
    ("no usable level; see the authoring guide\\.", "没有可用的等级，写法见编写指南。"),
    ("competencies\\.yaml must consist of 'levels:', 'competencies:' and 'roles:' sections \\(got (?P<desc>.+)\\)\\.", "competencies.yaml 应当由 levels:、competencies: 和 roles: 三部分组成（现在是{desc}）。"),
    ("no competency is defined; every exercise needs at least one \\(see the authoring guide\\)\\.", "没有定义任何能力项；每道题都至少需要一个（见编写指南）。"),
    (f"id {_q('id')} may use only lowercase letters, digits, '-', '_' and '\\.' \\(e\\.g\\. {_q('example')}\\)\\.", "编号“{id}”只能使用小写字母、数字、“-”“_”和“.”（例如 {example}）。"),
    # modules
    ("a module starts with a front-matter block: a line '---', lines such as 'id: …', 'title: …', 'minutes: …', then '---'\\.", "模块文件要以前置信息开头：一行“---”，然后是 id: …、title: …、minutes: … 等行，再一行“---”。"),
    ("the front matter opened on line 1 is never closed; add a line '---' after it\\.", "第 1 行开始的前置信息没有结束，请在它后面加一行“---”。"),
    ("the front matter is empty; add 'id:', 'title:' and 'minutes:'\\.", "前置信息是空的，请加上 id:、title: 和 minutes:。"),
    ("the front matter must be 'key: value' lines \\(got (?P<desc>.+)\\)\\.", "前置信息应当由“键: 值”行组成（现在是{desc}）。"),
    (f"module id {_q('id')} may use only lowercase letters, digits, '-', '_' and '\\.'\\.", "模块编号“{id}”只能使用小写字母、数字、“-”“_”和“.”。"),
    (f"unknown module kind {_q('kind')}; use one of (?P<kinds>.+)", "未知的模块类型“{kind}”，应为 {kinds} 之一"),
    (f"unknown time_away {_q('value')}; use one of (?P<values>.+)", "未知的 time_away 取值“{value}”，应为 {values} 之一"),
    ("'time_away' has no effect without 'time_limit'; add a time limit or remove it\\.", "没有 time_limit 时 time_away 不起作用；请设置限时，或删掉这一项。"),
    (f"competency {_q('id')} is not defined in competencies\\.yaml", "能力项“{id}”没有在 competencies.yaml 中定义"),
    ("the module lists no competencies; add e\\.g\\. 'competencies: \\[data-literacy\\]'\\.", "模块没有列出能力项，请加上例如 competencies: [data-literacy]。"),
    (f"{_q('key')} applies only to 'kind: assessment'; this module is {_q('kind')}\\.", "“{key}”只适用于 kind: assessment，而本模块是“{kind}”。"),
    (f"a {_q('kind')} module needs at least one exercise \\('::: exercise TYPE ID' … ':::'\\)\\.", "“{kind}”类型的模块至少需要一道练习题（::: exercise 题型 编号 … :::）。"),
    ("this lesson has no exercise, so it gives no evidence of competency; add one, or use 'kind: reference' for reading material\\.", "这篇课文没有练习题，无法体现能力；请加一道题，或把阅读材料设为 kind: reference。"),
    ("':::' closes no exercise; remove it, or open the exercise with '::: exercise TYPE ID'\\.", "这一行“:::”没有对应的题目；删掉它，或用“::: exercise 题型 编号”开始一道题。"),
    ("an indented ':::' line is shown as text, not read as an exercise; start it at the beginning of the line\\.", "前面有空格的“:::”行会显示成普通文字，不会被当作题目；请让它顶格书写。"),
    ("this exercise is not closed before the next one starts on line (?P<line>\\d+); end it with a line ':::'\\.", "这道题在第 {line} 行的下一道题开始前没有结束，请加一行“:::”。"),
    ("this exercise is never closed; end it with a line ':::'\\.", "这道题没有结束行，请在末尾加一行“:::”。"),
    # Markdown text
    ("this list follows a paragraph directly; leave a blank line before it, or it is shown as plain text\\.", "列表紧跟在段落后面；请在列表前空一行，否则它会显示成普通文字。"),
    (f"unknown call-out kind {_q('kind')}; use one of (?P<kinds>.+)", "未知的提示框类型“{kind}”，应为 {kinds} 之一"),
    ("an image has no path; write '!\\[说明\\]\\(\\.\\./images/name\\.png\\)'\\.", "图片没有写路径，请写成 ![说明](../images/name.png)。"),
    (f"image {_qq('target')} is not inside the pack and will not be shown \\(nothing is loaded from the web\\); copy it into the pack's images/ folder\\.", "图片“{target}”不在课程包内，不会显示（软件不从网络加载内容）；请把它复制到课程包的 images/ 文件夹。"),
    (f"image {_qq('target')} lies outside the pack; copy it into the pack's images/ folder and use a relative path such as '\\.\\./images/name\\.png'\\.", "图片“{target}”在课程包外面；请把它复制到 images/ 文件夹，并使用 ../images/name.png 这样的相对路径。"),
    (f"image {_qq('target')} does not exist \\(looked for {_q('path')} in the pack\\)", "图片“{target}”不存在（在课程包中查找的是“{path}”）"),
    (f"(?P<what>image|link) {_qq('target')} uses '\\\\' between folders \\(a Windows path\\); write '/' instead: {_qq('fixed')}\\.", "{what_zh}“{target}”用“\\”分隔文件夹（Windows 路径）；请改用“/”：{fixed}。"),
    (f"image {_qq('target')} is not a PNG, JPEG, GIF, SVG, BMP or WebP file and may not be shown\\.", "图片“{target}”不是 PNG、JPEG、GIF、SVG、BMP 或 WebP 文件，可能无法显示。"),
    (f"link {_qq('target')} leaves the pack; link only to files inside it\\.", "链接“{target}”指向课程包外面；只能链接课程包内的文件。"),
    (f"link {_qq('target')} points to a file that is not in the pack", "链接“{target}”指向的文件不在课程包中"),
    # exercises
    ("unknown block '::: (?P<word>[^']*)'; blocks open with '::: exercise TYPE ID'", "未知的块“::: {word}”；题目以“::: exercise 题型 编号”开始"),
    (f"unknown exercise type {_q('kind')}; use one of (?P<kinds>.+)", "未知的题型“{kind}”，应为 {kinds} 之一"),
    ("the exercise has no type; use one of (?P<kinds>.+)", "题目没有写题型，应为 {kinds} 之一"),
    ("the exercise has no id; write '::: exercise (?P<kind>\\S+) q-topic-1' \\(ids never change once learners used them\\)\\.", "题目没有编号，请写成“::: exercise {kind} q-topic-1”（学员作答后编号不能再改）。"),
    (f"exercise id {_q('id')} may use only lowercase letters, digits, '-', '_' and '\\.'\\.", "题目编号“{id}”只能使用小写字母、数字、“-”“_”和“.”。"),
    (f"unexpected {_q('extra')} after the id of exercise (?P<id>\\S+); the opening line is '::: exercise TYPE ID'\\.", "题目 {id} 的编号后面多了“{extra}”；开始行的格式是“::: exercise 题型 编号”。"),
    (f"{_qq('text')} in exercise (?P<id>\\S+) is not a 'key: value' setting; leave a blank line between the settings and the question\\.", "题目 {id} 中的“{text}”不是“键: 值”设置；设置和题干之间要空一行。"),
    (f"{_q('key')} is given twice in exercise (?P<id>\\S+)\\.", "题目 {id} 中“{key}”写了两次。"),
    (f"unknown setting {_q('key')} in exercise (?P<id>\\S+); settings are (?P<keys>.+)", "题目 {id} 中有未知的设置“{key}”，可用的设置是 {keys}"),
    ("exercise (?P<id>\\S+) has no 'competencies:' setting; add one under the opening line, e\\.g\\. 'competencies: data-literacy 1'\\.", "题目 {id} 没有 competencies: 设置，请在开始行下面加一行，例如 competencies: data-literacy 1。"),
    ("exercise (?P<id>\\S+) has 'shuffle: no', so learners see the steps already in the right order\\.", "题目 {id} 设置了 shuffle: no，学员看到的步骤已经是正确顺序。"),
    (f"{_q('key')} applies only to (?P<type>\\S+) exercises; exercise (?P<id>\\S+) is {_q('kind')}, so it is ignored\\.", "“{key}”只适用于 {type} 题，题目 {id} 是“{kind}”，此设置被忽略。"),
    ("'(?P<setting>[^']*)' in exercise (?P<id>\\S+) is not allowed; use (?P<values>.+)\\.", "题目 {id} 中的“{setting}”不允许，应为 {values}。"),
    (f"exercise (?P<id>\\S+) refers to competency {_q('competency')}, which competencies\\.yaml does not define", "题目 {id} 引用的能力项“{competency}”没有在 competencies.yaml 中定义"),
    (f"exercise (?P<id>\\S+) lists competency {_q('competency')} twice\\.", "题目 {id} 把能力项“{competency}”列了两次。"),
    (f"exercise (?P<id>\\S+) assesses {_q('competency')}, which the module's 'competencies:' does not list\\.", "题目 {id} 考查“{competency}”，但模块的 competencies: 没有列出它。"),
    ("exercise (?P<id>\\S+) names no competency; write e\\.g\\. 'competencies: data-literacy 0\\.7, data-sharing 0\\.3'\\.", "题目 {id} 没有写能力项，例如 competencies: data-literacy 0.7, data-sharing 0.3。"),
    (f"weight {_q('weight')} for {_q('competency')} in exercise (?P<id>\\S+) must be one number above 0 and at most 1 \\(e\\.g\\. 0\\.5\\); separate competencies with commas\\.", "题目 {id} 中“{competency}”的权重“{weight}”应当是大于 0、不超过 1 的一个数（例如 0.5）；多个能力项之间用逗号分隔。"),
    ("exercise (?P<id>\\S+) has no question; write it after the settings, separated by a blank line\\.", "题目 {id} 没有题干；请写在设置后面，中间空一行。"),
    ("exercise (?P<id>\\S+) has no answer list; .*", "题目 {id} 没有答案列表，写法见编写指南第 7 节。"),
    ("exercise (?P<id>\\S+) gives no feedback; add an explanation quote \\('> 解析：…'\\) before the closing ':::' or feedback under the options\\.", "题目 {id} 没有任何反馈；请在结束行“:::”前加解析（> 解析：…），或在选项下写反馈。"),
    ("option (?P<n>\\d+) of exercise (?P<id>\\S+) must start with '\\[ \\]' \\(wrong\\) or '\\[x\\]' \\(right\\) with half-width brackets \\(switch the input method to English\\), e\\.g\\. '- \\[x\\] 正确的选项'\\.", "题目 {id} 的第 {n} 个选项应以半角的“[ ]”（错误）或“[x]”（正确）开头（请切换到英文输入法），例如“- [x] 正确的选项”。"),
    ("option (?P<n>\\d+) of exercise (?P<id>\\S+) must start with '\\[ \\]' \\(wrong\\) or '\\[x\\]' \\(right\\), e\\.g\\. '- \\[x\\] 正确的选项'\\.", "题目 {id} 的第 {n} 个选项应以“[ ]”（错误）或“[x]”（正确）开头，例如“- [x] 正确的选项”。"),
    ("option (?P<n>\\d+) of exercise (?P<id>\\S+) gives partial credit '\\[(?P<mark>\\d+%)\\]', which only single-choice exercises allow; use '\\[ \\]' or '\\[x\\]'\\.", "题目 {id} 的第 {n} 个选项写了部分得分“[{mark}]”，只有单选题可以这样写；请改用“[ ]”或“[x]”。"),
    ("option (?P<n>\\d+) of exercise (?P<id>\\S+): partial credit must be between 1% and 99%, e\\.g\\. '- \\[50%\\] …'\\.", "题目 {id} 的第 {n} 个选项：部分得分应在 1% 到 99% 之间，例如“- [50%] …”。"),
    ("exercise (?P<id>\\S+) needs at least two (?P<what>options|steps|pairs)\\.", "题目 {id} 至少需要两个{what_zh}。"),
    ("exercise (?P<id>\\S+) marks no option as correct; tick the right one with '- \\[x\\]'\\.", "题目 {id} 没有标出正确选项，请用“- [x]”标出。"),
    ("exercise (?P<id>\\S+) marks no option as correct; tick each right one with '- \\[x\\]'\\.", "题目 {id} 没有标出正确选项，请用“- [x]”标出每个正确选项。"),
    ("exercise (?P<id>\\S+) marks (?P<n>\\d+) options as correct; a single-choice exercise has exactly one '- \\[x\\]' \\(or use 'multiple'\\)\\.", "题目 {id} 标了 {n} 个正确选项；单选题只能有一个“- [x]”（或改用 multiple 多选题）。"),
    ("every option of exercise (?P<id>\\S+) is correct; add at least one wrong option so the question tests something\\.", "题目 {id} 的所有选项都是正确的；请至少加一个错误选项，题目才有区分度。"),
    ("exercise (?P<id>\\S+) must have exactly two options, the true one first: '- \\[x\\] 正确' and '- \\[ \\] 错误' \\(it has (?P<n>\\d+)\\)\\.", "判断题 {id} 必须恰好有两个选项，“正确”在前：“- [x] 正确”和“- [ ] 错误”（现在有 {n} 个）。"),
    ("exercise (?P<id>\\S+) must tick exactly one of its two options with '- \\[x\\]'\\.", "判断题 {id} 的两个选项中必须恰好勾选一个“- [x]”。"),
    ("feedback under (?P<what>answers|steps|pairs|criteria) of exercise (?P<id>\\S+) is not shown; put it in the explanation quote at the end of the block\\.", "题目 {id} 中写在{what_zh}下面的反馈不会显示；请写到题目末尾的解析中。"),
    ("accepted answers of exercise (?P<id>\\S+) are plain items such as '- 一网通办', without '\\[ \\]' or '\\[x\\]'\\.", "填空题 {id} 的答案是普通列表项，例如“- 一网通办”，不带“[ ]”或“[x]”。"),
    ("an accepted answer of exercise (?P<id>\\S+) is empty\\.", "填空题 {id} 有一个空答案。"),
    ("a partly right answer of exercise (?P<id>\\S+) must be worth between 1% and 99%, e\\.g\\. '- \\[50%\\] 2020'\\.", "填空题 {id} 的部分得分答案只能得 1% 到 99% 的分，例如“- [50%] 2020”。"),
    ("exercise (?P<id>\\S+) has only partly right answers; list the fully right one as a plain item, e\\.g\\. '- 2021'\\.", "填空题 {id} 只有部分得分的答案；请把完全正确的答案写成普通列表项，例如“- 2021”。"),
    ("exercise (?P<id>\\S+) lists the steps as a numbered list in the correct order \\('1\\. …', '2\\. …'\\); the app shuffles them\\.", "排序题 {id} 要用编号列表按正确顺序写出步骤（1. … 2. …），软件会打乱顺序。"),
    ("a step of exercise (?P<id>\\S+) is empty\\.", "排序题 {id} 有一个空步骤。"),
    (f"step {_qq('text')} appears twice in exercise (?P<id>\\S+); make every step different\\.", "排序题 {id} 中步骤“{text}”出现了两次，每个步骤都要不同。"),
    (f"pair {_qq('text')} of exercise (?P<id>\\S+) must be written 'left -> right' \\(or 'left → right'\\)\\.", "连线题 {id} 的“{text}”应写成“左边 -> 右边”（或“左边 → 右边”）。"),
    (f"(?P<side>left|right) side {_qq('text')} appears twice in exercise (?P<id>\\S+); every (?:left|right) side must be different\\.", "连线题 {id} 中{side_zh}“{text}”出现了两次，{side_zh}各项必须不同。"),
    (f"rubric item {_qq('text')} of exercise (?P<id>\\S+) must start with its points in brackets, e\\.g\\. '- \\[2\\] 指出了数据权属不清的问题'\\.", "简答题 {id} 的评分要点“{text}”应以方括号中的分值开头，例如“- [2] 指出了数据权属不清的问题”。"),
    # cognitive levels and question pools (pool.py)
    ("'cognitive: (?P<value>.*)' in exercise (?P<id>\\S+) is not a level; use (?P<values>.+)", "题目 {id} 中的“cognitive: {value}”不是有效的认知层次，应为 {values} 之一"),
    ("'draw' must list competencies with the number of questions a sitting draws \\(got (?P<desc>.+)\\); write e\\.g\\. 'draw: \\{data-sharing: 3, data-security: 3\\}'\\.", "draw 应当列出能力项及每次测验从中抽取的题数（现在是{desc}），例如 draw: {{data-sharing: 3, data-security: 3}}。"),
    (f"'draw' names competency {_q('id')}, which competencies\\.yaml does not define", "draw 中的能力项“{id}”没有在 competencies.yaml 中定义"),
    (f"the number of questions to draw for {_q('id')} must be a whole number from 1 to 1000 \\(got (?P<desc>.+)\\)\\.", "能力项“{id}”的抽题数应当是 1 到 1000 之间的整数（现在是{desc}）。"),
    ("'max_recall' must be a share above 0 and at most 1, e\\.g\\. 0\\.5 \\(got (?P<desc>.+)\\)\\.", "max_recall 应当是大于 0、不超过 1 的比例，例如 0.5（现在是{desc}）。"),
    ("'max_recall' has no effect without 'draw'; every question is used in each sitting\\.", "没有 draw 时 max_recall 不起作用：每次测验都使用全部题目。"),
    (f"'draw' takes (?P<n>\\d+) question\\(s\\) of {_q('id')} per sitting, but the pool has (?P<have>\\d+); add questions whose first competency is this one, or draw fewer\\.", "draw 要求每次测验从“{id}”抽取 {n} 道题，但题库中只有 {have} 道；请增加以它为主要能力项的题目，或减少抽题数。"),
    (f"exercise (?P<ex>\\S+) is never drawn: its competency {_q('id')} is not in the module's 'draw'; add it there or move the question\\.", "题目 {ex} 永远不会被抽到：它的能力项“{id}”不在本模块的 draw 中；请把该能力项加进 draw，或把题目移走。"),
    ("every sitting would have at least (?P<least>\\d+) recall question\\(s\\) of (?P<total>\\d+), but 'max_recall: (?P<share>[^']*)' allows (?P<allowed>\\d+); add questions that are not 'cognitive: recall', or raise the share\\.", "每次测验的 {total} 道题中至少会有 {least} 道记忆题，而 max_recall: {share} 只允许 {allowed} 道；请增加非 cognitive: recall 的题目，或提高这个比例。"),
    # item_checks in course.yaml (itemconfig.py)
    ("'item_checks' must be 'key: value' lines \\(got (?P<desc>.+)\\); write e\\.g\\. 'item_checks: \\{longest_key_share: 0\\.5, stem_cue: off\\}'\\.", "item_checks 应当由“键: 值”行组成（现在是{desc}），例如 item_checks: {{longest_key_share: 0.5, stem_cue: off}}。"),
    (f"item check {_q('rule')} is 'on' or 'off' \\(got (?P<desc>.+)\\)\\.", "出题检查“{rule}”只能写 on 或 off（现在是{desc}）。"),
    (f"{_q('key')} in item_checks must be a number from (?P<low>[\\d.]+) to (?P<high>[\\d.]+) \\(got (?P<desc>.+)\\)\\.", "item_checks 中的“{key}”应当是 {low} 到 {high} 之间的数（现在是{desc}）。"),
    (f"unknown item check {_q('rule')}; use one of (?P<values>.+)", "未知的出题检查“{rule}”，应为 {values} 之一"),
    # the item-writing check (itemcheck.py)
    ("the right option of exercise (?P<id>\\S+) is the longest, (?P<ratio>[\\d.]+)× the others' mean length \\(limit (?P<limit>[\\d.]+)×\\); shorten it or lengthen the wrong options so length gives nothing away\\.", "题目 {id} 的正确选项最长，是其他选项平均长度的 {ratio} 倍（上限 {limit} 倍）；请缩短它或加长错误选项，别让长度泄露答案。"),
    ("in (?P<n>\\d+) of (?P<total>\\d+) single-choice exercises \\((?P<share>\\d+%)\\) the right option is the longest \\(limit (?P<limit>\\d+%)\\); on average it is (?P<ratio>[\\d.]+)× the others' length\\. Learners who pick the longest option score without knowing: (?P<ids>.+)\\.", "{total} 道单选题中有 {n} 道（{share}）正确选项最长（上限 {limit}），平均是其他选项的 {ratio} 倍。学员只要选最长的选项，不懂也能得分：{ids}。"),
    ("(?P<true>\\d+) of (?P<total>\\d+) true/false exercises are true and (?P<false>\\d+) false; each should be at least (?P<share>\\d+%), or answering always the same scores\\. Turn some statements round\\.", "{total} 道判断题中 {true} 道答案为“正确”，{false} 道为“错误”；两者都应不少于 {share}，否则总选同一个答案也能得分。请把一些表述改成相反的说法。"),
    ("(?P<right>\\d+) of (?P<total>\\d+) options of multiple-choice exercises \\((?P<share>\\d+%)\\) are correct \\(limit (?P<limit>\\d+%)\\); ticking everything scores well\\. Add plausible wrong options\\.", "多选题的 {total} 个选项中有 {right} 个（{share}）是正确的（上限 {limit}）；全部勾选就能得高分。请增加似是而非的错误选项。"),
    ("every option of exercise (?P<id>\\S+) is correct; add at least one wrong option so the question tests something\\.", "题目 {id} 的所有选项都是正确的；请至少加一个错误选项，题目才有区分度。"),
    ("exercise (?P<id>\\S+) asks the same as exercise (?P<other>\\S+) at (?P<where>\\S+); a learner who saw one knows the other\\. Ask something else, or reword it into a new situation\\.", "题目 {id} 与 {where} 的题目 {other} 问的是同一件事；做过一道就知道另一道的答案。请换一个问题，或改写成新的情境。"),
    ("fill-in exercise (?P<id>\\S+) has no blank; mark where the answer goes with '____' in the question\\.", "填空题 {id} 的题干中没有空格；请用“____”标出填写答案的位置。"),
    ("(?P<what>option|the feedback of option|step|pair) (?P<n>\\d+) of exercise (?P<id>\\S+) will not show as written: (?P<fault>.+)\\.", "题目 {id} 的{what_zh}{n} 不会按原样显示：{fault_zh}。"),
    ("the right option of exercise (?P<id>\\S+) repeats (?P<n>\\d+) words of the question, the wrong ones at most (?P<most>\\d+); the echo gives it away\\. Reword it, or let the wrong options use the question's words too\\.", "题目 {id} 的正确选项重复了题干中的 {n} 个词，错误选项最多只重复 {most} 个；这种呼应会泄露答案。请改写正确选项，或让错误选项也使用题干中的词语。"),
    # question banks: Excel rows (bankrows.py, bankxlsx.py), GIFT and Aiken lines
    ("the question text \\(题干\\) is empty\\.", "题干是空的。"),
    (f"question type {_q('kind')} is unknown; write 单选, 多选, 判断, 填空 or 简答\\.", "题型“{kind}”无法识别，请写 单选、多选、判断、填空 或 简答。"),
    ("a choice question needs at least two options \\(选项A, 选项B\\)\\.", "选择题至少要有两个选项（选项A、选项B）。"),
    ("the answer \\(答案\\) is empty; write the letter\\(s\\) of the right option\\(s\\), e\\.g\\. B or ABD\\.", "答案是空的，请写正确选项的字母，例如 B 或 ABD。"),
    (f"answer {_qq('answer')} is not option letters; write e\\.g\\. B, ABD or A,B,D\\.", "答案“{answer}”不是选项字母，请写成 B、ABD 或 A,B,D 这样的形式。"),
    (f"answer {_qq('answer')} names an option twice\\.", "答案“{answer}”把同一个选项写了两次。"),
    (f"answer {_qq('answer')} names option (?P<letter>[A-H]), but the row has options A–(?P<last>[A-H]) only\\.", "答案“{answer}”中有选项 {letter}，但这一行只有选项 A–{last}。"),
    (f"a single-choice question \\(单选\\) has one answer, not {_qq('answer')}; change the type to 多选 or keep one letter\\.", "单选题只有一个答案，不能是“{answer}”；请把题型改为多选，或只保留一个字母。"),
    (f"answer {_qq('answer')} of a true/false question \\(判断\\) is not 正确/错误, 对/错, √/× or T/F\\.", "判断题的答案“{answer}”不是 正确/错误、对/错、√/× 或 T/F。"),
    ("the accepted answer \\(答案\\) of a fill-in question is empty\\.", "填空题的答案是空的。"),
    ("the question has (?P<n>\\d+) blanks; a fill-in has one, so make one question per blank\\.", "这道题有 {n} 个空；一道填空题只能有一个空，请每个空各出一道题。"),
    ("this row is part of merged cells; each question needs its own row, so unmerge the cells\\.", "这一行处在合并单元格中；每道题要占单独的一行，请取消合并单元格。"),
    ("merged cells (?P<ref>[A-Z]+\\d+:[A-Z]+\\d+): their value counts for rows (?P<a>\\d+)–(?P<b>\\d+)\\.", "合并单元格 {ref}：其中的值用于第 {a}–{b} 行。"),
    ("option (?P<letter>[A-H]) is empty but a later option is filled; fill the options from A without gaps\\.", "选项 {letter} 是空的，后面的选项却有内容；请从 A 开始连续填写选项。"),
    (f"knowledge point {_qq('point')} is not a competency of the pack; its questions train {_qq('used')}\\. Add it to competencies\\.yaml to use it\\.", "知识点“{point}”不是本课程包的能力项，这些题目计入“{used}”。如需使用，请把它加入 competencies.yaml。"),
    (f"the picture {_qq('image')} is kept in Moodle's file store, not in the GIFT file, so it is left out; copy it into the pack's images folder and show it with '!\\[description\\]\\(images/NAME\\)'\\.", "图片“{image}”保存在 Moodle 的文件库中，不在 GIFT 文件里，因此没有导入；请把它复制到课程包的 images 文件夹，再用“![说明](images/文件名)”显示。"),
    ("partly right numerical answers \\((?P<list>.+)\\) are listed in the explanation; a fill-in scores only its accepted answers\\.", "部分得分的数值答案（{list}）已写入解析；填空题只给完全正确的答案计分。"),
    ("partly right answers \\((?P<list>.+)\\) are listed in the explanation; a fill-in scores only its accepted answers\\.", "部分得分的答案（{list}）已写入解析；填空题只给完全正确的答案计分。"),
    (f"the line {_qq('text')} after an answer line belongs to no question; it is left out\\. Put a blank line between questions\\.", "答案行后面的“{text}”不属于任何题目，没有导入。请在题目之间空一行。"),
    (f"the text {_qq('text')} has no options 'A\\.' under it and is not a question; it is left out\\.", "“{text}”下面没有“A.”选项，不是题目，没有导入。"),
    ("the question's options are not followed by 'ANSWER: X'; add the answer line after the last option\\.", "题目的选项后面没有“ANSWER: X”答案行，请在最后一个选项后加上答案行。"),
    ("the last question has no 'ANSWER: X' line\\.", "最后一道题没有“ANSWER: X”答案行。"),
    (f"the answer {_q('letter')} is not one of the options (?P<list>.+)\\.", "答案“{letter}”不在选项 {list} 之中。"),
    # archives
    # issue 19: gaps found by writing a pack from the guide alone
    ("the quote under an option of exercise (?P<id>\\S+) is not indented, so it ends the answer list and the options above it become part of the question; indent feedback by two spaces \\('  > …'\\) under its option\\.", "题目 {id} 选项下面的引用没有缩进，它会结束答案列表，上面的选项会变成题干的一部分；选项的反馈要缩进两个空格（“  > …”）写在该选项下面。"),
    ("the explanation of exercise (?P<id>\\S+) follows the last option without a blank line; leave a blank line above it, or indent it by two spaces if it is that option's feedback\\.", "题目 {id} 的解析紧跟在最后一个选项后面，中间没有空行；如果是解析，请在上面空一行；如果是该选项的反馈，请缩进两个空格。"),
    (f"line (?P<line>\\d+) starts with '- ' but is indented differently from the items above it, so it was joined to item (?P<n>\\d+) of {_q('key')} in (?P<where>.+); indent every item of the list the same way\\.", "第 {line} 行以“- ”开头，但缩进和上面的各项不同，因此被并入了{where}中“{key}”的第 {n} 项；请让列表的每一项缩进一致。"),
    ("(?P<rest>.*)", "{rest}"),  # anything else stays as written
]
_COMPILED = [(re.compile(f"^{pattern}$", re.DOTALL), template) for pattern, template in CATALOG]
_SUFFIXES = [
    (re.compile(r" — did you mean '([^']*)'\?$"), r"——是不是想写“\1”？"),
    (re.compile(r" — the file is named '([^']*)'; upper and lower case must match .*$"),
     r"——文件名实际是“\1”，大小写必须一致（Windows 上看不出区别，打包后或在其他系统上会出错）"),
]
_EXTRA = {
          "side_zh": {"left": "左边", "right": "右边"},
          "what_zh": {"options": "选项", "steps": "步骤", "pairs": "配对", "answers": "答案",
                      "criteria": "评分要点", "image": "图片", "link": "链接",
                      "option": "选项 ", "the feedback of option":
                      "选项反馈 ", "step": "步骤 ", "pair": "配对 "},
          "kind_zh": {"module": "模块", "exercise": "题目"},
          "markup_zh": {"'[' (links, images)": "“[”（链接、图片）", "'<' (HTML tags)": "“<”（HTML 标签）",
                        "'&' (HTML entities)": "“&”（HTML 实体）", "'*' (emphasis)": "“*”（强调）",
                        "'_' (emphasis)": "“_”（强调）", "'~' (strike-through)": "“~”（删除线）",
                        "'`' (code)": "“`”（代码）"}}


_FAULTS = [
    (re.compile(r"^nothing of it is shown; write it as plain text$"), "什么都不会显示，请写成纯文字"),
    (re.compile(r"^'(.+)' is shown as a character \(an unclosed mark\); close it or remove it$"),
     r"“\1”会显示成字符本身（标记没有配对），请补全或删掉"),
    (re.compile(r"^images are not shown in options and feedback; describe it in words$"),
     "选项和反馈中不显示图片，请用文字描述"),
    (re.compile(r"^the HTML tag <(\w+)> is removed; use Markdown such as \*\*bold\*\*$"),
     r"HTML 标签 <\1> 会被去掉，请改用 **加粗** 这样的 Markdown"),
    (re.compile(r"^headings and tables keep their text but not their shape; use one plain line$"),
     "标题和表格只保留文字、不保留格式，请写成一行纯文字"),
]


def _fault(text: str) -> str:
    for pattern, replacement in _FAULTS:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    return text


def _where(text: str) -> str:
    for pattern, replacement in _WHERE:
        if pattern.match(text):
            result = pattern.sub(replacement, text)
            for english, chinese in _WHAT.items():
                result = result.replace(f"行的{english}", f"行的{chinese}")
            return result
    return f"{text} " if text.isascii() else text  # "course.yaml 缺少…"


def _describe(text: str) -> str:
    for pattern, replacement in _DESCRIBE:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    return text


def to_chinese(message: str) -> str:
    """The message in Chinese, or as it is when the catalogue has no entry for it."""
    suffix = ""
    for pattern, replacement in _SUFFIXES:
        match = pattern.search(message)
        if match:
            suffix = match.expand(replacement)
            message = message[:match.start()]
            break
    for pattern, template in _COMPILED:
        match = pattern.match(message)
        if match is None:
            continue
        values = {k: v or "" for k, v in match.groupdict().items()}
        if "where" in values:
            values["where"] = _where(values["where"])
        if "desc" in values:
            values["desc"] = _describe(values["desc"])
        if "ids" in values:
            values["ids"] = re.sub(r" and (\d+) more$", r" 等（另有 \1 道）", values["ids"])
        if "fault" in values:
            values["fault_zh"] = _fault(values["fault"])
        for key, table in _EXTRA.items():
            source = key.removesuffix("_zh")
            values[key] = table.get(values.get(source, ""), values.get(source, ""))
        values["enc_note"] = ("（它是 GB18030/GBK 编码，中文 Windows 的编辑器常这样保存）"
                              if values.get("gb") else
                              f"（看起来是 {values['enc']}）" if values.get("enc") else "")
        return template.format(**values) + suffix
    return message + suffix  # pragma: no cover - the last entry matches everything


def is_translated(message: str) -> bool:
    """True when the catalogue has a real entry (not the catch-all) for the message."""
    for pattern, _ in _SUFFIXES:
        match = pattern.search(message)
        if match:
            message = message[:match.start()]
            break
    return any(pattern.match(message) for pattern, _ in _COMPILED[:-1])


def problem_text(problem: Problem, language: str = "en") -> str:
    """``FILE:LINE: severity: message`` in English, or in Chinese for a ``zh`` language."""
    if not language.lower().startswith("zh"):
        return str(problem)
    where = str(problem).split(f": {problem.severity}: ", 1)[0]
    return f"{where}: {SEVERITY[problem.severity]}: {to_chinese(problem.message)}"
