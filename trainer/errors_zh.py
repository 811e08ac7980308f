"""Chinese wording of the known errors that lower layers raise, for the GUI in Chinese.

Errors are written in English below ``trainer/ui`` (the command line's language, and the source
language like ``tr()``'s). The GUI's error presenter asks this catalogue for the Chinese: each
key is the message exactly as the code writes it, an f-string's ``{…}`` parts included, and the
Chinese names those parts ``{1}``, ``{2}`` … in the same order. Hints that name a command-line
option say in Chinese what to do in the app instead. A message with no entry stays English; a
test finds every message raised below ``ui/`` and fails on one missing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# Values that are English words themselves: operating-system errors, roles, "(and 3 more)".
VALUES: dict[str, str] = {
    "Permission denied": "权限不足", "No space left on device": "磁盘空间不足",
    "No such file or directory": "文件或文件夹不存在", "Read-only file system": "只读文件系统",
    "File exists": "文件已存在", "Is a directory": "这是一个文件夹",
    "Disk quota exceeded": "超出磁盘配额", "Input/output error": "读写错误",
    "learner": "学员", "trainer": "培训师", "hr": "人事", "admin": "管理员",
    "HR": "人事", "administrator": "管理员",
    "a Word document": "Word 文档", "a zip archive": "zip 压缩包",
    "an old Excel/Word (97–2003) file": "旧版 Excel/Word（97–2003）文件",
    "a web page (HTML)": "网页（HTML）", "not text": "非文本文件", "Moodle XML": "Moodle XML 文件",
    "plain text (such as CSV)": "纯文本（例如 CSV）", "an Excel workbook": "Excel 工作簿",
}
_MORE = re.compile(r" \(and (\d+) more\)$")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

CATALOG: dict[str, str] = {
    'The certificate key {file} is damaged (too short).':
        '证书密钥 {1} 已损坏（长度不足）。',
    'Restore it from a backup of the data folder; certificates issued with it cannot be checked without it.':
        '请从数据文件夹的备份中恢复它；没有它，用它签发的证书将无法核验。',
    '{text.strip()!r} is not a certificate code.':
        '{1} 不是证书编码。',
    'A code has 16 letters and digits in four groups, e.g. ABCD-EFGH-JKLM-NPQR.':
        '证书编码由 16 个字母和数字分成四组组成，例如 ABCD-EFGH-JKLM-NPQR。',
    '{learner.name} has not passed the final assessment of “{pack.title}” ({best}; pass mark {result.pass_mark if result else pack.pass_mark}).':
        '{1} 尚未通过“{2}”的结业测验（{3}；及格线 {4}）。',
    'A certificate is issued once the final assessment is passed.':
        '通过结业测验后才会签发证书。',
    'The start date {self.since.isoformat()} is after the end date {self.until.isoformat()}.':
        '开始日期 {1} 晚于结束日期 {2}。',
    'Swap the two dates or leave one empty.':
        '请交换两个日期，或留空其中一个。',
    'The {what} {text!r} is not a date.':
        '{1} {2} 不是日期。',
    'Write it as YYYY-MM-DD, for example 2025-03-31.':
        '请写成 年-月-日 格式，例如 2025-03-31。',
    'The role profile {role_id!r} is not in the competency framework.':
        '能力框架中没有岗位 {1}。',
    'Use one of: {known}.':
        '请使用以下之一：{1}。',
    'Cannot create the data folder {self.data_dir}: {exc.strerror or exc}':
        '无法创建数据文件夹 {1}：{2}',
    'Choose a writable folder with --data-dir or TRAINER_DATA_DIR.':
        '请选择一个可写的数据文件夹。',
    'Cannot save the settings to {self.file}: {exc.strerror or exc}':
        '无法把设置保存到 {1}：{2}',
    'Check that the data folder is writable and not full.':
        '请检查数据文件夹是否可写、磁盘是否已满。',
    '{target} already exists; choose a new folder.':
        '{1} 已存在，请另选一个文件夹。',
    'Cannot write {out}: {exc.strerror or exc}':
        '无法写入 {1}：{2}',
    "'{name}' would be written outside the pack folder; refused.":
        '“{1}”会被写到课程包文件夹之外，已拒绝。',
    '{source} is neither UTF-8 nor GB18030 text (byte {exc.start}).':
        '{1} 既不是 UTF-8 也不是 GB18030 编码的文本（第 {2} 个字节）。',
    'Save the question bank as UTF-8 in your editor and try again.':
        '请在编辑器中把题库另存为 UTF-8 编码后重试。',
    "Unknown question-bank format '{fmt}'.":
        '未知的题库格式“{1}”。',
    'Use gift or aiken.':
        '请使用 GIFT 或 Aiken 格式。',
    "The pack's framework lists no competencies to weight the questions.":
        '课程包的能力框架中没有列出能力项，无法为题目设置能力权重。',
    "Unknown competency '{unknown[0]}'.":
        '未知的能力项“{1}”。',
    "Use one of: {', '.join(known)}.":
        '请使用以下之一：{1}。',
    '{out_dir} already exists and is not empty.':
        '{1} 已存在且不是空文件夹。',
    'Choose a new folder, or add to a pack with --into.':
        '请另选一个新文件夹，或选择添加到已有课程包。',
    'No question in {bank.source} could be converted.':
        '{1} 中没有可以转换的题目。',
    'See the problems listed above.':
        '请查看上面列出的问题。',
    "course.yaml has no 'modules:' list to add the new module to.":
        'course.yaml 中没有 modules: 列表，无法加入新单元。',
    "course.yaml writes 'modules:' on one line; the new module cannot be added to it.":
        'course.yaml 把 modules: 写在了一行里，无法加入新单元。',
    "Write each module on its own '  - …' line.":
        '请把每个单元写成单独的“  - …”一行。',
    '{pack_dir} has errors; fix them before adding questions.':
        '{1} 有错误，请先改正再添加题目。',
    "Run 'trainer pack validate {pack_dir}'.":
        '请在工作台打开 {1}，在“问题”页查看全部问题。',
    'Adding the questions would break {pack_dir}: {after.errors[0]}':
        '添加这些题目会使 {1} 出错：{2}',
    'Nothing was changed. Please report this with the question file.':
        '没有做任何更改。请连同题库文件一起报告此问题。',
    'Cannot read {file}: {exc.strerror or exc}':
        '无法读取 {1}：{2}',
    'Use gift, aiken or xlsx.':
        '请使用 GIFT、Aiken 或 Excel 格式。',
    '{path.name} is not a text question bank: it is {what}.':
        '{1} 不是文本格式的题库，它是{2}。',
    "Excel banks go through 'from-xlsx'; GIFT and Aiken banks are plain text files (save as .txt, UTF-8).":
        'Excel 题库请按 Excel 格式导入；GIFT 和 Aiken 题库是纯文本文件（另存为 UTF-8 编码的 .txt）。',
    '{path.name} is empty.':
        '{1} 是空文件。',
    'Choose the file that holds the questions.':
        '请选择存有题目的文件。',
    '{path.name} is not an Excel workbook: it is {what}.':
        '{1} 不是 Excel 工作簿，它是{2}。',
    "Open it in Excel or WPS and save it as 'Excel workbook (*.xlsx)', then import the .xlsx file.":
        '请用 Excel 或 WPS 打开它，另存为“Excel 工作簿（*.xlsx）”，再导入这个 .xlsx 文件。',
    '{path.name} is an Excel 97–2003 (.xls) workbook, which cannot be read.':
        '{1} 是 Excel 97–2003（.xls）格式的工作簿，无法读取。',
    '{path} already exists.':
        '{1} 已经存在。',
    'Choose another file name, or add --force to replace it.':
        '请换一个文件名，或删除原文件后再试。',
    '{path.name} does not end in .xlsx.':
        '{1} 的扩展名不是 .xlsx。',
    'Name the workbook like 题库.xlsx.':
        '请把工作簿命名为类似 题库.xlsx 的名字。',
    'Cannot write {path}: {exc.strerror or exc}':
        '无法写入 {1}：{2}',
    '{pack_dir / files[0]} already exists.':
        '{1} 已经存在。',
    'Rename the existing file or choose another title.':
        '请重命名已有的文件，或换一个标题。',
    '{path.name} has no sheet with a question-bank header row.':
        '{1} 中没有带题库表头的工作表。',
    "The header needs a question column (题干) and an answer (答案) or option columns (选项A, 选项B); 'trainer pack bank-template' writes a template.":
        '表头要有题干列，以及答案列或选项列（选项A、选项B）；可以先生成题库模板，照着填写。',
    '{path.name} cannot be read as an Excel workbook ({exc}).':
        '无法把 {1} 当作 Excel 工作簿读取（{2}）。',
    'Open it in Excel or WPS, save it again as .xlsx and retry.':
        '请用 Excel 或 WPS 打开它，重新另存为 .xlsx 后再试。',
    "{DIGESTS_FILE} line {number} is not 'DIGEST  PATH'; the archive is damaged.":
        '{1} 第 {2} 行不是“摘要  路径”格式；压缩包已损坏。',
    "'{name}' is listed in {DIGESTS_FILE} but missing from the archive; it is incomplete.":
        '“{1}”列在 {2} 中，但压缩包里没有；压缩包不完整。',
    "'{name}' is in the archive but not in {DIGESTS_FILE}; it was changed after it was built.":
        '“{1}”在压缩包中但不在 {2} 里；压缩包在生成后被改动过。',
    "'{name}' does not match its SHA-256 digest; the archive is damaged or was changed after it was built.":
        '“{1}”与其 SHA-256 摘要不符；压缩包已损坏或在生成后被改动过。',
    'Ask the author for a fresh copy.':
        '请向作者索取一份新的副本。',
    "No course pack '{what}' in the library.":
        '课程库中没有课程包“{1}”。',
    "See 'trainer pack list'; install one with 'trainer pack import'.":
        '请在课程库中查看已有课程，或用“导入课程包…”安装。',
    '{pack.id} {pack.version} is already installed with different content.':
        '已安装的 {1} {2} 内容与此不同。',
    'Raise the version in course.yaml (e.g. 1.0.1) and build again.':
        '请在 course.yaml 中提高版本号（例如 1.0.1）后重新生成。',
    'Cannot install {pack.id} {pack.version} into {self.packs_dir}: {exc.strerror or exc}':
        '无法把 {1} {2} 安装到 {3}：{4}',
    "Nothing was changed. Check the disk space and the data folder's permissions.":
        '没有做任何更改。请检查磁盘空间和数据文件夹的权限。',
    "The archive contains an absolute path '{name}'; refused.":
        '压缩包中含有绝对路径“{1}”，已拒绝。',
    "Build the archive with 'trainer pack build'.":
        '请用工作台的“生成并分享…”生成压缩包。',
    "The archive contains a path that leaves its folder: '{name}'; refused.":
        '压缩包中含有指向文件夹之外的路径“{1}”，已拒绝。',
    'The archive contains an unusable file name {name!r}; refused.':
        '压缩包中含有无法使用的文件名 {1}，已拒绝。',
    'Rename files to plain names (letters, digits, - _ .).':
        '请把文件改成普通的名字（字母、数字、- _ .）。',
    "'{name}' is not a plain path (it has an empty or '.' part); refused.":
        '“{1}”不是普通路径（含有空的部分或“.”），已拒绝。',
    "'{name[:60]}…' is {len(name)} characters long; at most {MAX_NAME_LENGTH} are allowed for a path inside a pack.":
        '“{1}…”长 {2} 个字符；课程包内的路径最多 {3} 个字符。',
    'The archive has {len(infos)} entries; at most {limits.max_files} are allowed.':
        '压缩包有 {1} 个条目，最多允许 {2} 个。',
    'Is this really a course pack?':
        '这真的是课程包吗？',
    'The archive unpacks to {total} bytes; at most {limits.max_total_size} are allowed.':
        '压缩包解压后有 {1} 字节，最多允许 {2} 字节。',
    "The archive's compression ratio is suspiciously high ({total / max(compressed, 1)}:1); refused as a possible zip bomb.":
        '压缩包的压缩比高得可疑（{1}:1），可能是“压缩炸弹”，已拒绝。',
    "'{info.filename}' unpacks to {info.file_size} bytes; at most {limits.max_file_size} are allowed per file.":
        '“{1}”解压后有 {2} 字节，每个文件最多允许 {3} 字节。',
    "'{info.filename}' has a compression ratio of {ratio}:1; refused as a possible zip bomb.":
        '“{1}”的压缩比为 {2}:1，可能是“压缩炸弹”，已拒绝。',
    "'{name}' cannot be stored on Windows ('{part}' is a reserved name or ends in a dot or space); refused.":
        '“{1}”无法保存在 Windows 上（“{2}”是保留名称，或以点或空格结尾），已拒绝。',
    "The archive contains '{name}' twice (as '{seen[key]}'); refused.":
        '压缩包中“{1}”出现了两次（另一个是“{2}”），已拒绝。',
    'Keep one of them.':
        '请只保留其中一个。',
    "'{name}' is a file, but other entries are inside a folder of that name; refused.":
        '“{1}”是文件，但还有条目位于同名文件夹中，已拒绝。',
    'Rename the file or the folder.':
        '请重命名该文件或文件夹。',
    "The archive contains a link '{info.filename}'; links are not allowed in a pack.":
        '压缩包中含有链接“{1}”；课程包中不允许有链接。',
    'Replace it with the file itself.':
        '请用文件本身替换它。',
    "'{info.filename}' in the archive is encrypted; refused.":
        '压缩包中的“{1}”是加密的，已拒绝。',
    "'{info.filename}' in the archive is damaged: {exc}":
        '压缩包中的“{1}”已损坏：{2}',
    "'{info.filename}' unpacks to more than it declares; refused.":
        '“{1}”解压后超过其声明的大小，已拒绝。',
    '{target} does not exist.':
        '{1} 不存在。',
    '{target} is neither a pack folder nor a zip file.':
        '{1} 既不是课程包文件夹，也不是 zip 文件。',
    "Give the folder that holds course.yaml, or a .zip built by 'trainer pack build'.":
        '请选择含有 course.yaml 的文件夹，或由工作台“生成并分享…”生成的 .zip 文件。',
    '{path} is not a readable zip file: {exc}':
        '{1} 不是可读取的 zip 文件：{2}',
    "Build pack archives with 'trainer pack build'.":
        '请用工作台的“生成并分享…”生成课程包压缩文件。',
    "'{info.filename}' uses a compression method this app cannot read ({exc}).":
        '“{1}”使用了本程序无法读取的压缩方式（{2}）。',
    "There is no starter pack in '{language}'.":
        '没有“{1}”语言的入门示例课程包。',
    "Choose one of: {', '.join(starter_languages())}.":
        '请选择以下之一：{1}。',
    '{target} already exists and is not empty.':
        '{1} 已存在且不是空文件夹。',
    'Choose a new folder name; nothing was changed.':
        '请另选一个文件夹名称；没有做任何更改。',
    "'{pack_id}' cannot be a pack id.":
        '“{1}”不能作为课程包编号。',
    "Use lowercase letters, digits, '-' and '.'.":
        '请使用小写字母、数字、“-”和“.”。',
    'Choose a folder you can write to, with free space.':
        '请选择一个可写且有剩余空间的文件夹。',
    'This database has no device of its own yet.':
        '该数据库还没有本机设备记录。',
    'Open it with Trainer once, then export again.':
        '请先用本程序打开一次，再重新导出。',
    'This data folder has no signing key for the database\'s device "{mine.name}" (key {fingerprint(mine.public_key or \'\')}).':
        '此数据文件夹中没有数据库设备“{1}”的签名密钥（密钥 {2}）。',
    'Export on the computer that holds {file.name}, or copy that file into {file.parent} here.':
        '请在保存 {1} 的电脑上导出，或把该文件复制到本机的 {2}。',
    '{file} is not the signing key recorded for the database\'s device "{mine.name}" (key {fingerprint(recorded)}); bundles signed with it would be refused.':
        '{1} 不是数据库设备“{2}”登记的签名密钥（密钥 {3}）；用它签名的进度包会被拒绝。',
    "Put back that device's own {file.name} (from a backup of the data folder), or export on the computer that holds it.":
        '请从数据文件夹的备份中放回该设备自己的 {1}，或在保存它的电脑上导出。',
    '{file} is not an {ALGORITHM} key.':
        '{1} 不是 {2} 密钥。',
    'Put back the file from a backup of the data folder.':
        '请从数据文件夹的备份中放回该文件。',
    'The signing key {file} cannot be read ({exc}).':
        '无法读取签名密钥 {1}（{2}）。',
    'Cannot write the signing key {file}: {exc.strerror or exc}':
        '无法写入签名密钥 {1}：{2}',
    'Make the data folder writable, then export again.':
        '请让数据文件夹可写，然后重新导出。',
    '{path}: made by a newer Trainer (bundle format {version}).':
        '{1}：由更新版本的本程序生成（进度包格式 {2}）。',
    'Update Trainer on this machine, then import again.':
        '请先更新本机的程序，然后重新导入。',
    '{path}: the bundle is not signed (made by an older Trainer, or its signature was removed), so where it comes from cannot be checked; nothing was imported.':
        '{1}：进度包没有签名（由旧版程序生成，或签名被删除），无法核实来源；没有导入任何内容。',
    'Update Trainer on the machine that made it and export a new bundle there.':
        '请更新生成它的那台电脑上的程序，并在那里重新导出进度包。',
    '{path}: the signature does not match the bundle: it was altered after it was made; nothing was imported.':
        '{1}：签名与进度包不符，进度包在生成后被改动过；没有导入任何内容。',
    'Export a new bundle on the machine that made it.':
        '请在生成它的那台电脑上重新导出进度包。',
    '{path}: {MANIFEST} is not valid ({exc}).':
        '{1}：{2} 无效（{3}）。',
    '{path}: {MANIFEST} is not valid ({why}).':
        '{1}：{2} 无效（{3}）。',
    '{path}: the bundle is damaged or incomplete ({why}); nothing was imported.':
        '{1}：进度包已损坏或不完整（{2}）；没有导入任何内容。',
    'Copy the file again from the machine that made it, or export a new bundle there.':
        '请从生成它的电脑上重新复制该文件，或在那里重新导出进度包。',
    '{path}: {member}:{number}: the line is longer than {MAX_LINE_BYTES} bytes; no record is that large.':
        '{1}：{2}:{3}：该行超过 {4} 字节，没有这么大的记录。',
    '{path}: the bundle holds encrypted entries; Trainer never makes those, so it was changed or damaged.':
        '{1}：进度包中有加密条目，本程序从不生成这种条目，进度包已被改动或损坏。',
    '{path}: the bundle unpacks to {total} bytes, which no real progress bundle does; it was refused.':
        '{1}：进度包解压后有 {2} 字节，真实的进度包不会这么大，已拒绝。',
    '{path}: {name} is {info.file_size} bytes, far more than Trainer writes; the bundle was refused.':
        '{1}：{2} 有 {3} 字节，远超本程序写出的大小，进度包已拒绝。',
    "{path}: unexpected contents: {', '.join(odd)}; the bundle was changed after it was made.":
        '{1}：含有意外的内容：{2}；进度包在生成后被改动过。',
    '{path}: {member} does not match its digest in {MANIFEST}: the bundle was changed or damaged after it was made; nothing was imported.':
        '{1}：{2} 与 {3} 中记录的摘要不符，进度包在生成后被改动或损坏；没有导入任何内容。',
    "{path}: {MEMBERS[table]}:{line}: employee number {record['employee_no']} is not in {MEMBERS['learners']}.":
        '{1}：{2}:{3}：工号 {4} 不在 {5} 中。',
    '{path}: no such file.':
        '{1}：文件不存在。',
    '{path}: cannot be read ({exc.strerror or exc}).':
        '{1}：无法读取（{2}）。',
    'Copy the file to this computer and try again.':
        '请把文件复制到本机后重试。',
    '{self.path}: the file changed while it was being imported; nothing was imported.':
        '{1}：导入过程中文件发生了变化；没有导入任何内容。',
    '{path}: not a Trainer progress bundle (no {name}).':
        '{1}：不是本程序的进度包（缺少 {2}）。',
    "Make bundles with 'trainer progress export -o FILE'.":
        '请在“人员与报表”页用“导出学习进度…”生成进度包。',
    "{path}: {member}:{number}: {str(exc).rstrip('.')}.":
        '{1}：{2}:{3}：{4}。',
    "{path}: {MEMBERS['attempts']}:{line}: unknown device.":
        '{1}：{2}:{3}：未知设备。',
    "{path}: {MEMBERS['attempts']}:{line}: appears twice ({record['id']}).":
        '{1}：{2}:{3}：重复出现（{4}）。',
    '{path}: {MEMBERS[table]}:{line}: appears twice ({value}).':
        '{1}：{2}:{3}：重复出现（{4}）。',
    '{file_name} comes from a device this database does not know yet: "{signer.name}", key {signer.fingerprint}. Nothing was imported.':
        '{1} 来自本数据库尚不认识的设备：“{2}”，密钥 {3}。没有导入任何内容。',
    "Compare the key with the one that machine shows ('trainer progress device' there); if they are the same, import again with --trust-new-device.":
        '请与那台电脑显示的密钥核对；一致时再次导入并确认信任该设备。',
    '{file_name} names this database\'s own device "{known.name}" but is not signed with its key: it was not made here and may be forged; nothing was imported.':
        '{1} 声称来自本数据库自己的设备“{2}”，但不是用它的密钥签名的：它不是在这里生成的，可能是伪造的；没有导入任何内容。',
    'Import bundles made on other computers; ask where this file came from.':
        '请只导入在其他电脑上生成的进度包，并问清这个文件的来源。',
    '{file_name} names the device "{known.name}" but is signed with another key ({signer.fingerprint}) than the one approved for it{since} ({fingerprint(known.public_key)}): it may be forged; nothing was imported.':
        '{1} 声称来自设备“{2}”，但签名密钥（{3}）与为它认可的密钥{4}（{5}）不同：可能是伪造的；没有导入任何内容。',
    "If that machine was reinstalled, check its new key there, then run 'trainer progress forget-device {device_id}' and import again.":
        '如果那台电脑重装过，请在那里核对新密钥，由管理员移除旧设备 {1} 的记录后再导入。',
    '{target}: cannot write this file.':
        '{1}：无法写入此文件。',
    'Check that the folder is writable.':
        '请检查该文件夹是否可写。',
    '{target.parent}: no such folder.':
        '{1}：文件夹不存在。',
    'Create the folder first or choose another place to save.':
        '请先创建该文件夹，或另选保存位置。',
    '{target}: cannot write this file ({exc.strerror}).':
        '{1}：无法写入此文件（{2}）。',
    'Close it if a spreadsheet or PDF viewer has it open, or save under another name.':
        '如果表格软件或 PDF 阅读器打开了它，请先关闭，或换个文件名保存。',
    '{target}: writing failed ({exc.strerror or exc}).':
        '{1}：写入失败（{2}）。',
    'Check the free disk space and that the folder is writable.':
        '请检查磁盘剩余空间以及该文件夹是否可写。',
    '{target}: cannot write in this folder ({exc.strerror}).':
        '{1}：无法在此文件夹中写入（{2}）。',
    'Choose a folder you can write to.':
        '请选择一个可写的文件夹。',
    'The audit log was changed outside Trainer: {found}.':
        '审计日志在本程序之外被改动过：{1}。',
    'Keep this database file as it is for inspection, and compare it with a backup (trainer db backup --list).':
        '请原样保留此数据库文件以供检查，并与备份进行比较（请联系管理员）。',
    'Could not read {database} to back it up: {exc}':
        '无法读取 {1} 进行备份：{2}',
    "Check the data folder's permissions.":
        '请检查数据文件夹的权限。',
    'Could not write a copy of the database into {folder}: {exc}':
        '无法把数据库副本写入 {1}：{2}',
    'Free some disk space or make the backups folder writable.':
        '请释放一些磁盘空间，或让备份文件夹可写。',
    'The database {self.where} is damaged ({self.damage}), so Trainer opened it read-only and saves nothing into it.':
        '数据库 {1} 已损坏（{2}），因此本程序以只读方式打开它，不会向其中保存任何内容。',
    'Cannot create the folder {folder}: {exc.strerror or exc}':
        '无法创建文件夹 {1}：{2}',
    'Choose a writable data folder with --data-dir.':
        '请选择一个可写的数据文件夹。',
    'The department {cleaned!r} already exists.':
        '部门 {1} 已存在。',
    'SQLite could not use the database {where}: {exc}.':
        'SQLite 无法使用数据库 {1}：{2}。',
    'Run: trainer db check (it changes nothing) to see whether the file is damaged. Everything saved before is kept.':
        '请让管理员检查数据库文件是否损坏（检查不会做任何更改）。之前保存的内容都还在。',
    'Unsupported database {parsed.get_backend_name()!r} in {url!r}':
        '不支持的数据库 {1}（{2}）',
    'Trainer works with SQLite or PostgreSQL.':
        '本程序支持 SQLite 和 PostgreSQL。',
    'The database {where} is damaged ({exc}).':
        '数据库 {1} 已损坏（{2}）。',
    'Cannot reach the database server {where}.':
        '无法连接数据库服务器 {1}。',
    'Check that the server is running and reachable.':
        '请检查服务器是否在运行、网络是否畅通。',
    'Database server problem at {where}: {exc.orig}':
        '数据库服务器 {1} 出现问题：{2}',
    'Check the server, then try again.':
        '请检查服务器，然后重试。',
    'Not a database URL: {url!r}':
        '不是数据库地址：{1}',
    'Use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DBNAME.':
        '请使用 sqlite:///路径 或 postgresql+psycopg://用户名:密码@主机/数据库名。',
    'The PostgreSQL driver is not installed ({exc}).':
        '没有安装 PostgreSQL 驱动（{1}）。',
    "Install it with: pip install 'trainer[postgres]'":
        '请安装 PostgreSQL 驱动后重试。',
    'The database {path} is damaged: {exc}.':
        '数据库 {1} 已损坏：{2}。',
    'Trainer is running on this data folder: {found.describe()} holds {found.file}.':
        '本程序正在使用此数据文件夹：{1} 持有 {2}。',
    'Close it first, then try again. (A lock left by a Trainer that has ended is noticed and ignored: only a running one blocks this.)':
        '请先关闭它，然后重试。（已退出的程序留下的锁会被自动忽略，只有正在运行的程序才会阻止此操作。）',
    'Trainer on another computer holds this data folder: {found.file} was written by {found.describe()}.':
        '另一台电脑上的本程序正在使用此数据文件夹：{1} 由 {2} 写入。',
    'Close Trainer there first. If it is not running there, delete {found.file} and try again.':
        '请先关闭那台电脑上的程序。如果那里并没有运行，请删除 {1} 后重试。',
    'Cannot read the lock file {file}: {exc.strerror or exc}':
        '无法读取锁文件 {1}：{2}',
    '{file} appeared while this command started.':
        '{1} 在本操作开始时出现了。',
    'Try again in a moment.':
        '请稍后重试。',
    'Cannot create the lock file {file}: {exc.strerror or exc}':
        '无法创建锁文件 {1}：{2}',
    'Wrong PIN for {learner.name}.':
        '{1} 的 PIN 不正确。',
    'There is no learner with id {learner_id}.':
        '没有编号为 {1} 的学员。',
    'A {role} account needs a PIN or password.':
        '{1}账号需要设置 PIN 或密码。',
    'The employee number {number} is already used by {clash.name}.':
        '工号 {1} 已被 {2} 使用。',
    'Employee numbers must be unique; check the number.':
        '工号不能重复，请核对工号。',
    'The account of {learner.name} is switched off.':
        '{1} 的账号已停用。',
    'Ask HR or an administrator to switch it on again.':
        '请联系人事或管理员重新启用。',
    'Too many wrong PINs for {learner.name}. Try again in {max(1, round(wait))} seconds.':
        '{1} 的 PIN 错误次数过多。请 {2} 秒后再试。',
    '{learner.name} has no PIN; a {role} account needs one.':
        '{1} 没有设置 PIN，{2}账号必须设置。',
    'Set a PIN for this person first.':
        '请先为此人设置 PIN。',
    '{learner.name} is the only administrator.':
        '{1} 是唯一的管理员。',
    'Make someone else an administrator first.':
        '请先让另一人成为管理员。',
    'The current PIN is wrong; the PIN was not changed.':
        '当前 PIN 不正确，PIN 没有更改。',
    'A {learner.role} account must keep a PIN.':
        '{1}账号必须保留 PIN。',
    'The database {where} was last used by a newer version of Trainer (schema {revision}; this version knows up to {HEAD}).':
        '数据库 {1} 最近由更新版本的本程序使用过（结构版本 {2}；本版本最多支持 {3}）。',
    'Install the newer Trainer again; this one would not understand its data.':
        '请重新安装较新的版本；此版本无法理解其中的数据。',
    'The schema change would break {len(broken)} references; nothing was changed.':
        '这次结构升级会破坏 {1} 处引用；没有做任何更改。',
    'This needs a {wanted} sign-in; {actor.name} is signed in as {ROLE_TITLES.get(actor.role, actor.role)}.':
        '此操作需要以{1}身份登录；{2} 当前的身份是{3}。',
    'Please sign in first.':
        '请先登录。',
    'Study time to add must be 0..{MAX_ADD_SECONDS} s, not {add_seconds}.':
        '要增加的学习时长应在 0 到 {1} 秒之间，而不是 {2}。',
    'The attempt {row.id} is already recorded.':
        '答题记录 {1} 已经保存过。',
    '{source}:{line}: a quote (") is in the wrong place: a cell that starts with a quote must end with one, followed by the separator.':
        '{1}:{2}：引号（"）位置不对：以引号开头的单元格必须以引号结尾，后面紧跟分隔符。',
    'Put the whole cell in quotes and double any quote inside it ("" for "), or remove the quotes, then import again.':
        '请给整个单元格加上引号，并把其中的引号写成两个（用 "" 表示 "），或去掉引号，然后重新导入。',
    '{source}:{start}: a quote (") opens a cell on this line that is not closed where the cell ends; every line after it (up to line {max(line, start + 1)}) would be read into that one cell and the people on them lost.':
        '{1}:{2}：这一行有一个单元格以引号（"）开头却没有在单元格结尾处闭合；其后各行（直到第 {3} 行）都会被读进这个单元格，其中的人员会丢失。',
    'Remove the stray quote on line {start} or add the closing one, then import again.':
        '请删除第 {1} 行多余的引号或补上闭合的引号，然后重新导入。',
    '{source}:{line}: the cell in column {column + 1} starts with a quote (") that only closes on line {line + breaks}, so lines {line + 1}–{line + breaks} were read as part of that one cell ({_shown(parts[1])}).':
        '{1}:{2}：第 {3} 列的单元格以引号（"）开头，直到第 {4} 行才闭合，因此第 {5}–{6} 行被读成了这一个单元格的内容（{7}）。',
    'Remove the stray quote on line {line}, or close it where the cell ends, then import again. If that cell really holds several lines, put them on one line.':
        '请删除第 {1} 行多余的引号，或在单元格结尾处闭合它，然后重新导入。如果该单元格确实有多行内容，请把它们合并为一行。',
    '{path}:{first}: this line is in {odd_name} but the rest of the file is in {main}{others}; it reads {_preview(lines[first - 1], odd_codec)!r}. The file mixes two encodings, so it was not read.':
        '{1}:{2}：这一行是 {3} 编码，而文件其余部分是 {4} 编码{5}；内容为 {6}。文件混用了两种编码，因此没有读取。',
    "Retype or re-paste those lines in Excel or WPS and save the whole roster again as 'CSV UTF-8' (or as an .xlsx workbook).":
        '请在 Excel 或 WPS 中重新输入或粘贴这些行，并把整个花名册另存为“CSV UTF-8”（或 .xlsx 工作簿）。',
    '{path}:{bad[0]}: the text is not valid UTF-8 or GB18030{others}; it reads {_preview(lines[bad[0] - 1], main)!r}.':
        '{1}:{2}：文本不是有效的 UTF-8 或 GB18030 编码{3}；内容为 {4}。',
    '{path}:{line}: this line is not valid {title} although the file starts as {title} (a byte-order mark); was it pasted from another file?':
        '{1}:{2}：文件开头标明是 {3}（字节顺序标记），但这一行不是有效的 {4}；是从其他文件粘贴过来的吗？',
    'Check the file name and folder.':
        '请检查文件名和所在文件夹。',
    '{path}: {suffix} spreadsheets cannot be read.':
        '{1}：无法读取 {2} 格式的表格。',
    'Save the roster as .xlsx (Excel workbook) or as CSV, then import that file.':
        '请把花名册另存为 .xlsx（Excel 工作簿）或 CSV，然后导入该文件。',
    '{path}: the file is larger than 50 MB; is it really a roster?':
        '{1}：文件超过 50 MB，这真的是花名册吗？',
    '{path}: the workbook unpacks to {unpacked} bytes, far more than any roster; it was not read.':
        '{1}：工作簿解压后有 {2} 字节，远超任何花名册，没有读取。',
    'Save only the roster sheet as .xlsx or CSV.':
        '请只把花名册那一页另存为 .xlsx 或 CSV。',
    '{path}: the roster is empty.':
        '{1}：花名册是空的。',
    'The first row must hold column names, one learner per row.':
        '第一行必须是列名，之后每行一位学员。',
    '{path}: not a readable .xlsx workbook ({exc}).':
        '{1}：不是可读取的 .xlsx 工作簿（{2}）。',
    'Open it in Excel or WPS and save it again as .xlsx, or export CSV.':
        '请在 Excel 或 WPS 中打开并重新另存为 .xlsx，或导出为 CSV。',
    '{len(plan.bad)} of {len(plan.rows)} rows have problems; nothing was imported.\n{shown}':
        '{2} 行中有 {1} 行有问题；没有导入任何内容。\n{3}',
    'Fix those rows and import again, or import only the good rows with --skip-bad.':
        '请改正这些行后重新导入，或只导入没有问题的行。',
    '{preview.source}: no column for {missing}.':
        '{1}：没有“{2}”列。',
    'Name the columns 工号 and 姓名 (or map them in the dialog).':
        '请把列命名为“工号”和“姓名”（或在对话框中指定对应的列）。',
    "The database {file} has no Trainer schema but holds records in {', '.join(full)}: it is not a Trainer database, or not one this version made. Trainer left it as it is.":
        '数据库 {1} 没有本程序的结构，却在 {2} 中存有记录：它不是本程序的数据库，或不是此版本创建的。本程序没有改动它。',
    'Choose another data folder with --data-dir, or move the file away.':
        '请另选一个数据文件夹，或把该文件移走。',
    'The database {file} {what}, but the latest backup {latest} holds {learners} learner(s): the file was emptied or replaced, so Trainer did not start a new one.':
        '数据库 {1} {2}，但最新的备份 {3} 中有 {4} 名学员：该文件被清空或替换了，因此本程序没有新建数据库。',
    'A PIN or password needs at least {MIN_LENGTH} characters.':
        'PIN 或密码至少需要 {1} 个字符。',
    'A PIN or password may have at most {MAX_LENGTH} characters.':
        'PIN 或密码最多 {1} 个字符。',
    '{source} is not a valid course pack: {first}':
        '{1} 不是有效的课程包：{2}',
    "Run 'trainer pack validate {source}' to see every problem.":
        '请在工作台中打开 {1}，在“问题”页查看全部问题。',
    'Wait {round(wait)} seconds before the next try.':
        '请等待 {1} 秒后再试。',
    "{left} more wrong {'try' if left == 1 else 'tries'} and signing in is delayed.":
        '再错 {1} 次，登录将被延迟。',
    'Cannot write to the data folder {data_dir}: {exc.strerror or exc}':
        '无法写入数据文件夹 {1}：{2}',
    'The portable Trainer on {data_dir.parent} cannot save anything: the medium is read-only ({exc.strerror or exc}). Nothing was opened or changed.':
        '{1} 上的便携版程序无法保存任何内容：该存储介质是只读的（{2}）。没有打开或改动任何内容。',
    'Copy the whole Trainer folder to a writable disk or USB stick (or remove its write protection) and start it from there.':
        '请把整个程序文件夹复制到可写的磁盘或 U 盘（或解除它的写保护），再从那里启动。',
    'The disk holding {data_dir} is full. Nothing was changed.':
        '{1} 所在的磁盘已满。没有改动任何内容。',
    'Free some space and start Trainer again.':
        '请腾出一些磁盘空间，然后重新启动本程序。',
    '{path}: not a plan file.':
        '{1}：不是学习计划文件。',
    "Plan files are made by 'trainer plan export'.":
        '学习计划文件由“学习计划”页的“导出计划…”生成。',
    '{path}: the plan file has no valid format_version.':
        '{1}：学习计划文件没有有效的格式版本号。',
    '{path}: made by a newer Trainer (plan format {version}; this one reads {FORMAT_VERSION}); nothing was imported.':
        '{1}：由更新版本的本程序生成（计划格式 {2}；此版本读取格式 {3}）；没有导入任何内容。',
    '{path}: the signature does not match the plan: it was edited after it was exported (or is not signed); nothing was imported.':
        '{1}：签名与学习计划不符：计划在导出后被修改过（或没有签名）；没有导入任何内容。',
    "Ask for a new plan file exported with 'trainer plan export'.":
        '请对方用“学习计划”页的“导出计划…”重新导出一份学习计划文件。',
    '{path}: too large for a plan file ({path.stat().st_size} bytes).':
        '{1}：文件太大，不是学习计划文件（{2} 字节）。',
    'Cannot read {path}: {exc.strerror or exc}':
        '无法读取 {1}：{2}',
    '{path}: not a plan file (not valid JSON: {exc}).':
        '{1}：不是学习计划文件（内容格式无效：{2}）。',
    "Export the plan again with 'trainer plan export'.":
        '请用“学习计划”页的“导出计划…”重新导出该计划。',
    '{path}: {field} is not valid ({exc}); nothing was imported.':
        '{1}：{2} 无效（{3}）；没有导入任何内容。',
    '{what} must be a number of 学时 such as 1 or 0.5, not {value!r}.':
        '{1} 必须是学时数，例如 1 或 0.5，而不是 {2}。',
    '{what} must be between 0 and {limit} 学时, not {value}.':
        '{1} 必须在 0 到 {2} 学时之间，而不是 {3}。',
    '{what} must be a multiple of 0.25 学时 (e.g. 0.25, 0.5, 1.75), not {value}.':
        '{1} 必须是 0.25 学时的整数倍（例如 0.25、0.5、1.75），而不是 {2}。',
    'A 学时 rule needs 1 to {MAX_BANDS} bands of minutes.':
        '学时规则需要 1 到 {1} 个按分钟划分的档。',
    'The rule needs a band starting at 0 minutes (e.g. 0=0.25), so every module earns a defined number of 学时.':
        '规则需要一个从 0 分钟起的档（例如 0=0.25），这样每个模块都能得到确定的学时。',
    'The time zone must be a UTC offset of -12:00..+14:00, not {utc_offset_minutes!r} minutes.':
        '时区与协调世界时的时差必须在 -12:00 到 +14:00 之间，而不是 {1} 分钟。',
    'Write the time zone as a UTC offset such as +08:00, not {text!r}.':
        '时区请写成与协调世界时的时差，例如 +08:00，而不是 {1}。',
    "A band is 'MINUTES=学时' (e.g. 30=1), not {band!r}.":
        '每一档写成“分钟数=学时”（例如 30=1），而不是 {1}。',
    "A band's minutes must be a whole number 0..1000, not {minimum!r}.":
        '档的分钟数必须是 0 到 1000 之间的整数，而不是 {1}。',
    'Two bands start at {minimum} minutes; keep one.':
        '有两个档都从 {1} 分钟起，请只保留一个。',
    '{source}: another plan here is already named {spec.name!r}; nothing was imported.':
        '{1}：本机已有另一个名为 {2} 的学习计划；没有导入任何内容。',
    'Rename one of the two plans.':
        '请把两个计划中的一个改名。',
    'There is no plan named {name!r}.':
        '没有名为 {1} 的学习计划。',
    "See the plans with 'trainer plan list'.":
        '请在“学习计划”页查看已有的计划。',
    'A plan named {spec.name!r} already exists.':
        '名为 {1} 的学习计划已存在。',
    'Choose another name, or assign people to that plan.':
        '请换一个名称，或把人员分配到那个计划中。',
    "A review answer is one of {', '.join(KINDS)}, not {review.kind!r}.":
        '复习答题的类型必须是 {1} 之一，而不是 {2}。',
    'The {what} must be a whole number 0..{limit}, not {value!r}.':
        '{1} 必须是 0 到 {2} 之间的整数，而不是 {3}。',
    'A review rating is 1, 2, 3 or 4, not {value!r}.':
        '复习评分只能是 1、2、3 或 4，而不是 {1}。',
    "A review answer is one of {', '.join(KINDS)}, not {value!r}.":
        '复习答题的类型必须是 {1} 之一，而不是 {2}。',
    "A sitting's clock must be one of {', '.join(CLOCKS)}, not {clock!r}.":
        '测验的计时方式必须是 {1} 之一，而不是 {2}。',
    'A time limit must be 1..86400 s, not {time_limit}.':
        '限时必须在 1 到 86400 秒之间，而不是 {1}。',
    "A sitting's drawn questions must be distinct exercise ids, at least one.":
        '一场测验抽取的题目必须是互不相同的题目编号，至少一个。',
    'There is no assessment sitting {sitting_id}.':
        '没有编号为 {1} 的测验场次。',
    'This assessment sitting was handed in already; its answers are kept.':
        '这场测验已经交卷，答案已保存。',
    'Time used must be 0..604800 s, not {value}.':
        '用时必须在 0 到 604800 秒之间，而不是 {1}。',
    'The unit {joined!r} has an empty part between its / marks.':
        '单位 {1} 的“/”之间有空的部分。',
    'Write units as 局/科, for example 临江市财政局/预算科.':
        '单位请按“局/科”的形式填写，例如 临江市财政局/预算科。',
    'The unit {joined!r} has {len(parts)} levels; at most {MAX_DEPTH} are allowed.':
        '单位 {1} 有 {2} 级；最多允许 {3} 级。',
    'Leave out a level, e.g. 局/处/科.':
        '请省去一级，例如 局/处/科。',
    "{path}:{line + 1}: the file's encoding cannot be told for sure; this line reads differently in each likely one ({shown}). Nothing was read.":
        '{1}:{2}：无法确定文件的编码；这一行在几种可能的编码下读出来各不相同（{3}）。没有读取任何内容。',
    "Give the right one with --encoding (for example --encoding {candidates[0][0]}), or save the roster as 'CSV UTF-8' and import that file.":
        '请选择正确的编码（例如 {1}），或把花名册另存为“CSV UTF-8”后导入该文件。',
    '{path}: {encoding!r} is not an encoding name.':
        '{1}：{2} 不是编码名称。',
    'Use a name such as utf-8, gb18030, cp1252 or latin-1.':
        '请使用 UTF-8、GB18030、cp1252 等编码名称。',
    '{path}:{line}: this line is not valid {encoding}, the encoding given with --encoding.':
        '{1}:{2}：这一行不是有效的 {3} 编码（所选的编码）。',
    'Give the encoding the file was saved in, or leave out --encoding to let Trainer tell.':
        '请选择文件保存时使用的编码，或不指定编码，由本程序自行判断。',
    '{path}: --sheet {sheet!r} was given, but the file is text (CSV) and has no sheets.':
        '{1}：指定了工作表 {2}，但这个文件是文本（CSV），没有工作表。',
    'Leave out --sheet for this file.':
        '导入这个文件时请不要指定工作表。',
    '{path}: there is no sheet {wanted!r}; the sheets are {listed}.':
        '{1}：没有名为 {2} 的工作表；现有的工作表是 {3}。',
    'Give one of those names with --sheet (or leave it out to use the sheet whose header names 工号 and 姓名).':
        '请选择其中一个工作表（或不指定，由本程序使用表头含“工号”和“姓名”的那一页）。',
    '{path}: the file is empty (0 people).':
        '{1}：文件是空的（0 人）。',
    'Check that you chose the right file; the first row must hold column names, one person per row.':
        '请确认选对了文件；第一行必须是列名，之后每行一人。',
    '{path}: this is an Excel 97-2003 workbook (.xls) or a WPS .et file, whatever its name says; Trainer cannot read that format.':
        '{1}：不论文件名如何，这是 Excel 97-2003 工作簿（.xls）或 WPS .et 文件；本程序无法读取这种格式。',
    "{path}: this is a web page (an HTML table), whatever its name says; systems that 'export to Excel' often write one, and it is not a workbook.":
        '{1}：不论文件名如何，这是一个网页（超文本表格）；很多系统的“导出到 Excel”写出的就是这种文件，它不是工作簿。',
    '{path}: this is not a roster: it is neither a workbook nor text (CSV).':
        '{1}：这不是花名册：它既不是工作簿，也不是文本（CSV）。',
    "Open it in Excel or WPS and use 'Save as' → Excel workbook (.xlsx) or 'CSV UTF-8', then import that file.":
        '请在 Excel 或 WPS 中打开它，用“另存为”保存为 Excel 工作簿（.xlsx）或“CSV UTF-8”，然后导入该文件。',
    'Fix those rows and import again, or import only the good rows with --skip-bad. If numbers that differ only by leading zeros really are different people, add --allow-similar-numbers.':
        '请改正这些行后重新导入，或只导入没有问题的行。如果只差前导零的工号确实是不同的人，请确认后再导入。',
}


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each template as a regular expression, the most specific (most fixed text) first."""
    compiled = []
    for english, chinese in CATALOG.items():
        parts = _PLACEHOLDER.split(english)
        regex = "(.*?)".join(re.escape(p) for p in parts)
        compiled.append((len("".join(parts)), re.compile(f"^{regex}$", re.S), chinese))
    compiled.sort(key=lambda item: -item[0])
    return [(pattern, chinese) for _, pattern, chinese in compiled]


def to_chinese(text: str, value: Callable[[str], str] | None = None) -> str | None:
    """``text`` in Chinese, or None when the catalogue has no entry for it. ``value`` may
    translate the inserted parts further (e.g. a pack problem quoted in a message)."""
    for pattern, chinese in _patterns():
        match = pattern.match(text)
        if match is None:
            continue
        result = chinese
        groups = match.groups()
        for number in range(len(groups), 0, -1):  # {10} before {1}
            result = result.replace(f"{{{number}}}", _value(groups[number - 1], value))
        return result
    return None


def _value(text: str, value: Callable[[str], str] | None) -> str:
    more = _MORE.search(text)
    if more:
        return _value(text[:more.start()], value) + f"（另有 {more.group(1)} 个）"
    if " or " in text and all(part in VALUES for part in text.split(" or ")):
        return "或".join(VALUES[part] for part in text.split(" or "))  # "HR or administrator"
    if text in VALUES:
        return VALUES[text]
    return value(text) if value is not None else text
