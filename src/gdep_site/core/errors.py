"""Problems in staff-edited data, worded for people who are not programmers.

Every problem knows its file, line, column and field, and is explained in Chinese and
English with a hint how to fix it. The build prints them all and stops; no traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

# code -> (Chinese message, English message, Chinese hint, English hint)
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "bom": (
        "文件中有不可见的 BOM 字符（{char}）",
        "the file contains an invisible byte-order mark (BOM, {char})",
        "用“UTF-8（无 BOM）”重新保存文件；若在文件中间，删除该处后重新输入这一行",
        "save the file again as 'UTF-8' without BOM; if it is inside the file, delete it and type the line again",
    ),
    "file_too_large": (
        "文件太大（{size} MB，最多 {limit} MB）",
        "the file is too large ({size} MB; at most {limit} MB)",
        "检查是否误粘贴了大量内容；数据文件只放记录的文字",
        "check for a large paste by mistake; data files hold only the records' text",
    ),
    "yaml_reading": (
        "没有引号的“{value}”会被 YAML 读成 {reading}，而不是原样的文字",
        "YAML reads the unquoted '{value}' as {reading}, not as the text typed",
        "要原样保留就加上引号：\"{value}\"；数字不要以 0 开头，是/否写 true 或 false",
        "to keep it exactly as typed, put it in quotes: \"{value}\"; write numbers without a leading 0, and yes/no as true or false",
    ),
    "inline_comment": (
        "没有引号的文字中“ #”之后的内容会被当作注释删掉",
        "in unquoted text, everything after ' #' is a comment and is dropped",
        "如果 # 之后是文字的一部分，把整段文字加上引号；如果是注释，把它单独放在一行",
        "if what follows # belongs to the text, put the whole text in quotes; if it is a comment, put it on a line of its own",
    ),
    "special_start": (
        "没有引号的文字不能以“{char}”开头（这在 YAML 中是特殊符号）",
        "an unquoted text cannot start with '{char}' (a special sign in YAML)",
        "把整段文字加上引号，例如 \"{char}…\"",
        "put the whole text in quotes, e.g. \"{char}…\"",
    ),
    "yaml_anchor": (
        "以“&”开头的值是 YAML 锚点：第一个词会被吞掉",
        "a value starting with '&' is a YAML anchor: its first word is dropped",
        "如果“&”是文字的一部分，把整段文字加上引号；数据文件不使用锚点",
        "if the '&' belongs to the text, put the whole text in quotes; data files do not use anchors",
    ),
    "yaml_alias": (
        "以“*”开头的值是 YAML 别名（引用别处的内容）",
        "a value starting with '*' is a YAML alias (a reference to another place)",
        "如果“*”是文字的一部分，把整段文字加上引号；数据文件不使用别名，请把内容完整写出",
        "if the '*' belongs to the text, put the whole text in quotes; data files do not use aliases: write the content out",
    ),
    "yaml_tag": (
        "以“!”开头的值是 YAML 类型标签（{tag}）",
        "a value starting with '!' is a YAML type tag ({tag})",
        "如果“!”是文字的一部分，把整段文字加上引号；数据文件不使用 !! 或 ! 标签",
        "if the '!' belongs to the text, put the whole text in quotes; data files never use ! or !! tags",
    ),
    "merge_key": (
        "不支持 YAML 合并键“<<”",
        "YAML merge keys ('<<') are not supported",
        "把要合并的字段逐个写出来",
        "write out each field instead",
    ),
    "multiple_documents": (
        "文件中有第二个 YAML 文档（“---”）",
        "the file holds a second YAML document ('---')",
        "删除这一行的 ---；每个数据文件只有一个文档",
        "remove the --- on this line; each data file holds one document",
    ),
    "too_deep": (
        "嵌套层级太深（最多 {limit} 层）",
        "the nesting is too deep (at most {limit} levels)",
        "检查括号 [ ] {{ }} 是否配对，缩进是否正确",
        "check that brackets [ ] {{ }} are paired and the indentation is right",
    ),
    "too_many_values": (
        "文件中的值太多（最多 {limit} 个）",
        "the file holds too many values (at most {limit})",
        "检查是否误粘贴了大量内容",
        "check for a large paste by mistake",
    ),
    "not_utf8": (
        "文件不是 UTF-8 编码",
        "the file is not encoded as UTF-8",
        "用 UTF-8 编码重新保存文件",
        "save the file again as UTF-8",
    ),
    "empty_file": (
        "文件是空的",
        "the file is empty",
        "恢复文件内容，或参照其他数据文件的格式填写",
        "restore the content, or follow the layout of the other data files",
    ),
    "tab_indent": (
        "行首用了 Tab 制表符缩进",
        "the line is indented with a Tab character",
        "YAML 只允许用空格缩进：把 Tab 换成两个空格",
        "YAML allows only spaces for indentation: replace the Tab with two spaces",
    ),
    "fullwidth_colon": (
        "“{key}”后面用了中文冒号“：”",
        "the line uses a Chinese colon '：' after '{key}'",
        "切换到英文输入法，把“：”改成英文冒号“:”，后面加一个空格",
        "type the English colon ':' instead, followed by a space (switch the keyboard to English)",
    ),
    "wide_indent": (
        "行首的缩进用了{space_zh}（{char}）",
        "the line is indented with {space_en} ({char})",
        "YAML 只认普通空格：删掉行首的空白，切换到英文输入法，用空格键重新缩进",
        "YAML counts only ordinary spaces: delete the indentation and indent again with the space bar, "
        "the keyboard switched to English",
    ),
    "curly_quotes": (
        "中文弯引号 {quote} 不是 YAML 的引号：YAML 会把它当作文字的一部分",
        "the curly quote {quote} is not a YAML quote: YAML reads it as part of the text",
        "切换到英文输入法，改用直引号 \"…\"，或者不加引号；若弯引号本来就是文字的一部分，在整段文字外面再加直引号，例如 \"“…”\"",
        "type straight quotes \"…\" instead (the keyboard in English), or none; if the curly quotes belong to the "
        "text, put the whole text in straight quotes, e.g. \"“…”\"",
    ),
    "comma_in_braces": (
        "{{ }} 中的逗号把文字断开了：“{value}”被当成了另一个字段",
        "a comma inside {{ }} ends the text: '{value}' is read as another field",
        "把含逗号的文字加上引号，例如 en: \"Gachon University, Korea\"",
        "put the text with the comma in quotes, e.g. en: \"Gachon University, Korea\"",
    ),
    "fullwidth_punctuation": (
        "这里用了中文标点“{char}”，YAML 需要英文的“{ascii}”",
        "the Chinese '{char}' is used where YAML needs the English '{ascii}'",
        "切换到英文输入法，输入“{ascii}”；若“{char}”本来就是文字的一部分，把整段文字加上引号",
        "switch the keyboard to English and type '{ascii}'; if the '{char}' belongs to the text, put the whole "
        "text in quotes",
    ),
    "yaml_syntax": (
        "YAML 格式错误（{detail}）",
        "YAML syntax error ({detail})",
        "检查这一行及上一行的缩进、冒号和引号是否配对",
        "check the indentation, colons and quotes on this line and the one above",
    ),
    "unclosed_quote": (
        "引号没有配对：这一行以引号开始的文字没有结束引号",
        "unclosed quote: the text that starts with a quote on this line never ends",
        "在这段文字末尾补上同样的引号（\" 或 '），或删掉开头的引号",
        "add the same quote (\" or ') at the end of the text, or remove the opening one",
    ),
    "quote_inside": (
        "引号里的文字提前结束了：文字中的引号被当成了结束引号",
        "the quoted text ends too early: a quote inside it is read as the closing quote",
        "在单引号 '…' 中把 ' 写两遍（如 'Women''s College'），或改用另一种引号（\"Women's College\"）",
        "inside '…' write ' twice (as in 'Women''s College'), or use the other kind of quotes (\"Women's College\")",
    ),
    "duplicate_key": (
        "同一个字段写了两次",
        "this field is written twice",
        "删除其中一个，只保留正确的值",
        "delete one of them and keep the correct value",
    ),
    "complex_key": (
        "字段名必须是简单文字",
        "a field name must be plain text",
        "字段名写成 name: 值 的形式",
        "write fields as name: value",
    ),
    "bad_scalar": (
        "无法识别的值“{value}”（例如不存在的日期）",
        "the value '{value}' cannot be read (for example a date that does not exist)",
        "日期写成 YYYY-MM-DD，且必须是真实存在的日期",
        "write dates as YYYY-MM-DD, and use a date that exists",
    ),
    "unknown_field": (
        "未知字段“{name}”",
        "unknown field '{name}'",
        "检查拼写；可用的字段见 CONTRIBUTING.md 或同文件中的其他记录",
        "check the spelling; the allowed fields are in CONTRIBUTING.md and in the other records",
    ),
    "missing": (
        "缺少必填字段",
        "this required field is missing",
        "补上这个字段（中文 zh 和英文 en 都要填写）",
        "add this field (both Chinese 'zh' and English 'en' where it is a text)",
    ),
    "wrong_type": (
        "类型不对：应为{expected_zh}",
        "wrong type: expected {expected_en}",
        "参照同文件中其他记录的写法",
        "follow the way the other records in this file are written",
    ),
    "empty_text": (
        "文字不能为空",
        "the text must not be empty",
        "填写内容；若确实未知，请删除这个可选字段，页面会提示“请联系国际交流处”",
        "fill it in; if it is really unknown, remove this optional field and the page will say 'contact the office'",
    ),
    "too_long": (
        "文字过长（{length} 个字符，最多 {limit} 个）",
        "the text is too long ({length} characters, at most {limit})",
        "缩短文字，或拆分成几段",
        "shorten it, or split it into several paragraphs",
    ),
    "control_char": (
        "文字中含有不可见的控制字符（{char}）",
        "the text contains an invisible control character ({char})",
        "删除该字符后重新输入这段文字",
        "delete the character and type the text again",
    ),
    "bad_id": (
        "编号“{value}”格式不对",
        "the id '{value}' is not valid",
        "编号只用小写英文字母、数字和连字符，例如 nmit 或 cr-hotel-management",
        "use only lower-case letters, digits and hyphens, e.g. nmit or cr-hotel-management",
    ),
    "pasted_id": (
        "编号“{value}”中有{what_zh}，常见于从 Word 等软件复制的文字",
        "the id '{value}' contains {what_en}, as text copied from a word processor often does",
        "删除编号后用键盘重新输入：只用小写英文字母、数字和连字符",
        "delete the id and type it again on the keyboard: lower-case letters, digits and hyphens only",
    ),
    "bad_choice": (
        "“{value}”不是允许的取值",
        "'{value}' is not one of the allowed values",
        "允许的取值：{choices}",
        "allowed values: {choices}",
    ),
    "bad_country": (
        "“{value}”不是有效的 ISO 3166 两位国家或地区代码",
        "'{value}' is not a valid ISO 3166 two-letter country or region code",
        "使用大写两位代码，例如 NZ（新西兰）、MY（马来西亚）、HK（中国香港）",
        "use the upper-case two-letter code, e.g. NZ (New Zealand), MY (Malaysia), HK (Hong Kong)",
    ),
    "bad_url": (
        "网址“{value}”无效",
        "the web address '{value}' is not valid",
        "只填写已核实的完整网址，以 https:// 开头；未核实就不填",
        "give only a verified full address starting with https://; leave it out if not verified",
    ),
    "bad_number": (
        "数字不合理（{detail}）",
        "the number is not valid ({detail})",
        "填写不小于 0 的整数",
        "use a whole number of 0 or more",
    ),
    "bad_year": (
        "年份 {value} 不合理",
        "the year {value} is not plausible",
        "填写四位年份，例如 2023",
        "use a four-digit year such as 2023",
    ),
    "duplicate_id": (
        "编号“{value}”重复（第一次出现在 {first}）",
        "the id '{value}' is used twice (first at {first})",
        "每条记录的编号必须唯一：改用一个新编号",
        "every record needs its own id: choose a new one",
    ),
    "unknown_reference": (
        "引用的编号“{value}”在 {target} 中不存在",
        "the id '{value}' does not exist in {target}",
        "检查拼写，或先在 {target} 中添加这条记录",
        "check the spelling, or add that record to {target} first",
    ),
    "unknown_link": (
        "链接的页面“{value}”不存在",
        "the page '{value}' linked here does not exist",
        "写网站页面的路径，如 achievements.md、partners/<编号>.md、programmes/<编号>.md",
        "write the path of a page of the site, e.g. achievements.md, partners/<id>.md or programmes/<id>.md",
    ),
    "required_figure": (
        "缺少网站页面要用的数据项“{value}”",
        "the figure '{value}' is missing, and a page of the site shows it",
        "恢复编号为“{value}”的数据项（可以修改它的文字，但不要改编号或删除）",
        "restore the figure with the id '{value}' (its texts may change, not its id)",
    ),
    "history_order": (
        "历程（history）的年份要从早到晚，每年一条",
        "the years of the history must go from the earliest to the latest, one entry a year",
        "按年份重新排列，删去重复的年份",
        "put the entries in order of year, and remove a year given twice",
    ),
    "history_status": (
        "历程的最后一项（{last}）与当前状态 status（{status}）不一致",
        "the last entry of the history ({last}) is not the current status ({status})",
        "当前状态写在 status，同时也是历程的最后一项：两处改成一致",
        "the current status is both `status` and the last entry of the history: make them the same",
    ),
    "section_needs_year": (
        "有多份年度报告时，“{value}”没有说明是哪一年的报告",
        "with several annual reports, '{value}' does not say which year's report",
        "在编号前写上年份和斜杠：{choices}",
        "put the year and a slash before the id: {choices}",
    ),
    "unknown_report": (
        "没有 {year} 年的报告（“{value}”）",
        "there is no report for {year} ('{value}')",
        "有报告的年份：{choices}；报告文件在 data/reports/ 中，以年份命名",
        "years with a report: {choices}; the reports are in data/reports/, named after their year",
    ),
    "report_year": (
        "报告的年份 {value} 与文件名 {file} 不一致",
        "the report's year {value} does not match its file name {file}",
        "年份写 {expected}，或把文件改名为正确的年份",
        "write {expected}, or rename the file after the right year",
    ),
    "no_report": (
        "data/reports/ 中没有年度报告",
        "there is no annual report in data/reports/",
        "每份报告一个文件，以年份命名，例如 data/reports/2023.yml",
        "one file per report, named after its year, e.g. data/reports/2023.yml",
    ),
    "unknown_section": (
        "报告中没有编号为“{value}”的章节",
        "the report has no section with the id '{value}'",
        "可用的章节编号：{choices}",
        "section ids you can use: {choices}",
    ),
    "en_name_rule": (
        "英文名称为空时必须标明 en_status: unverified",
        "an empty English name needs en_status: unverified",
        "填写已核实的英文名称，或把 en 写成 null 并加上 en_status: unverified",
        "give the verified English name, or set en: null with en_status: unverified",
    ),
    "derive_or_reported": (
        "数据项既没有 derive，也没有任何一份报告给出它的数字",
        "the figure has no 'derive', and no report states it",
        "由记录计算的数据写 derive；只在报告中出现的数据，在该年报告（data/reports/）的 figures 中写 reported",
        "use 'derive' for figures counted from records; for totals only a report states, add them under figures: in that year's report (data/reports/)",
    ),
    "unknown_derivation": (
        "无法计算的数据项“{value}”",
        "there is no way to compute the figure '{value}'",
        "可用的计算方式：{choices}",
        "available derivations: {choices}",
    ),
    "correction_not_found": (
        "更正后的文字“{value}”没有出现在这一段中",
        "the corrected text '{value}' does not appear in this paragraph",
        "让 corrected 与段落中的文字完全一致",
        "make 'corrected' match the paragraph text exactly",
    ),
    "invalid": (
        "值无效：{detail}",
        "invalid value: {detail}",
        "参照同文件中其他记录的写法",
        "follow the way the other records in this file are written",
    ),
    "missing_translation": (
        "缺少{lang_zh}文字（译文缺失）",
        "the {lang_en} text is missing (translation missing)",
        "在同一处加上 {lang}: 和译文；预览时页面会暂时显示另一种语言并标注“译文缺失”",
        "add {lang}: with the translation here; until then a preview shows the other language marked 'translation missing'",
    ),
    "review_overdue": (
        "自 {date} 起已超过一年未核对",
        "not reviewed since {date}, over a year ago",
        "核对这条记录的内容，然后把日期改为核对当天",
        "check the facts of this record, then set the date to the day you checked",
    ),
    # Where a build may write (gdep_site.core.outputdir): {folder} is the output folder as given.
    "output_symlink": (
        "输出文件夹 {folder} 要经过符号链接 {link}（指向 {target}）才能到达，构建会替换链接另一头的内容",
        "the output folder {folder} is reached through the symbolic link {link} (to {target}): a build would replace what is at the other end",
        "构建会整个替换输出文件夹：给一个不经过链接的文件夹，例如默认的 site/；删除仓库中的这个链接",
        "a build replaces its output folder whole: give a folder reached without links, e.g. the default site/, and remove the link from the repository",
    ),
    "output_holds_project": (
        "输出文件夹 {folder} 是本项目的文件夹或其上级文件夹，构建会删除其中的一切",
        "the output folder {folder} is the project's folder or a folder above it: a build would delete everything in it",
        "构建到 site/（默认），由部署工作流（.github/workflows/deploy.yml）发布网站",
        "build into site/ (the default) and let the deploy workflow (.github/workflows/deploy.yml) publish it",
    ),
    "output_in_docs": (
        "输出文件夹 {folder} 与手写页面的文件夹 {source} 重叠（是它、在它里面或包含它），构建会替换这些页面",
        "the output folder {folder} overlaps {source}, the folder of the hand-written pages (is it, is in it or holds it): a build would replace them",
        "构建到 site/（默认），由部署工作流发布网站；本站不使用 GitHub Pages 的“/docs 文件夹”发布方式",
        "build into site/ (the default) and let the deploy workflow publish it; this site does not use GitHub Pages' '/docs folder' publishing",
    ),
    "output_in_data": (
        "输出文件夹 {folder} 与数据文件夹 {source} 重叠（是它、在它里面或包含它），构建会删除数据文件",
        "the output folder {folder} overlaps {source}, the folder of the data files (is it, is in it or holds it): a build would delete them",
        "构建到 site/（默认），由部署工作流发布网站",
        "build into site/ (the default) and let the deploy workflow publish it",
    ),
    "output_tracked": (
        "输出文件夹 {folder} 中有 git 管理的文件（例如 {example}），构建会删除它们",
        "the output folder {folder} holds files tracked by git (e.g. {example}): a build would delete them",
        "构建到 git 不管理的文件夹，例如默认的 site/（已写在 .gitignore 中），由部署工作流发布网站",
        "build into a folder git does not track, e.g. the default site/ (listed in .gitignore), and let the deploy workflow publish it",
    ),
    "output_not_ours": (
        "输出文件夹 {folder} 已存在，不是空的，也不是本网站以前的构建结果（其中没有 {marker}），构建会删除其中的一切",
        "the output folder {folder} exists, is not empty and is not an earlier build of this site (it has no {marker}): a build would delete everything in it",
        "换一个新的或空的文件夹，例如默认的 site/；如果它确实是以前构建的网站，先自己删除它",
        "give a new or empty folder, e.g. the default site/; if it is a site built before, delete it yourself first",
    ),
    "output_unreadable": (
        "无法读取输出文件夹 {folder}（{detail}）",
        "the output folder {folder} cannot be read ({detail})",
        "给一个你能写入的新文件夹或空文件夹，例如默认的 site/",
        "give a new or empty folder you can write to, e.g. the default site/",
    ),
    "output_not_folder": (
        "输出文件夹 {folder} 是一个文件，不是文件夹",
        "the output folder {folder} is a file, not a folder",
        "给一个新的或空的文件夹，例如默认的 site/",
        "give a new or empty folder, e.g. the default site/",
    ),
    "bad_repository": (
        "“{value}”不是 GitHub 仓库的地址",
        "'{value}' is not the address of a GitHub repository",
        "写仓库首页的地址，例如 https://github.com/组织名/仓库名（末尾不加 /）",
        "give the repository's home address, e.g. https://github.com/ORGANISATION/NAME (no / at the end)",
    ),
    "bad_branch": (
        "“{value}”不是有效的分支名",
        "'{value}' is not a valid branch name",
        "写发布网站的分支，通常是 main",
        "give the branch the site is published from, usually main",
    ),
    "insecure_url": (
        "网址“{value}”使用不加密的 http",
        "the web address '{value}' uses unencrypted http",
        "改为 https://（先在浏览器中确认能打开）；网站不支持 https 时不填",
        "use https:// (check in a browser that it opens); leave the address out if the site has no https",
    ),
    "contested_home_figure": (
        "首页数据项“{value}”有争议：报告前后给出不同的数字（{values}）",
        "the home page figure '{value}' is contested: the report gives different numbers for it ({values})",
        "删除 home: true：首页只放报告前后一致或记录完全支持的数据；这个数据在专题页和“数据及其出处”页上连同核对说明一起显示",
        "remove home: true: the home page shows only figures the report states consistently or the records fully support; this one stays on its topic page and the figures page, with the reconciliation",
    ),
    "no_home_figure": (
        "没有选定首页显示的数据项",
        "no figure is chosen for the home page",
        "在 data/figures.yml 中给几项没有争议的数据加上 home: true",
        "add home: true to a few uncontested figures in data/figures.yml",
    ),
    "bad_email": (
        "“{value}”不是有效的电子邮箱地址",
        "'{value}' is not a valid email address",
        "写完整的地址，例如 intl@example.edu.cn；未核实就不填",
        "write the whole address, e.g. intl@example.edu.cn; leave it out if not verified",
    ),
    "email_not_one_address": (
        "“{value}”不只是一个电子邮箱地址：其中的“{char}”会在邮件中加上别的收件人或内容",
        "'{value}' is not exactly one email address: '{char}' in it can add recipients or headers to the email",
        "只写一个地址，例如 intl@example.edu.cn：不写 %、?、&、逗号、分号、空格或第二个 @；有多个地址时只填一个",
        "write one address only, e.g. intl@example.edu.cn, without %, ?, &, commas, semicolons, spaces or a second @; if there are several, choose one",
    ),
    "bad_phone": (
        "电话号码“{value}”不是国际格式",
        "the telephone number '{value}' is not in international form",
        "以 + 和国家代码开头，只用数字、空格或连字符，例如 +86 20 1234 5678",
        "start with + and the country code, then digits with spaces or hyphens only, e.g. +86 20 1234 5678",
    ),
    "bad_wechat": (
        "“{value}”不是有效的微信号",
        "'{value}' is not a valid WeChat ID",
        "微信号为 6–20 位，以字母开头，只含字母、数字、下划线和连字符",
        "a WeChat ID has 6–20 characters, starts with a letter, and holds only letters, digits, _ and -",
    ),
    "bad_image_path": (
        "图片路径“{value}”无效",
        "the image path '{value}' is not valid",
        "先把图片上传到 docs/assets/images/，再写 assets/images/<文件名>（png、jpg、webp 或 svg）",
        "upload the image to docs/assets/images/ first, then write assets/images/<file name> (png, jpg, webp or svg)",
    ),
    "missing_image": (
        "找不到图片文件 docs/{value}",
        "there is no image file docs/{value}",
        "把图片上传到 docs/assets/images/，并检查文件名（区分大小写）",
        "upload the image to docs/assets/images/ and check the file name (capitals matter)",
    ),
    "image_extension": (
        "docs/assets/images/ 中的文件“{value}”不是网站使用的图片格式",
        "'{value}' in docs/assets/images/ is not an image the site uses",
        "这里只放 png、jpg、jpeg、webp 或 svg 图片（扩展名小写）；其他文件请删除",
        "this folder holds png, jpg, jpeg, webp or svg images only (lower-case extension); remove other files",
    ),
    "image_not_its_type": (
        "文件内容不是文件名所说的 {expected} 图片（实际是 {actual_zh}）",
        "the file is not a {expected} image as its name says (its content is {actual_en})",
        "用图片软件把它另存为 {expected}，或把扩展名改为实际的格式",
        "save it again as {expected} in an image program, or give it the extension of what it really is",
    ),
    "svg_too_large": (
        "SVG 文件太大（超过 {limit} KB）",
        "the SVG file is too large (over {limit} KB)",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "svg_not_xml": (
        "SVG 文件无法按 XML 读取（{detail}）",
        "the SVG file cannot be read as XML ({detail})",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "svg_not_svg": (
        "文件不是 SVG 图形：第一个元素是 {value}，不是 <svg xmlns=\"http://www.w3.org/2000/svg\">",
        "the file is not an SVG drawing: its first element is {value}, not <svg xmlns=\"http://www.w3.org/2000/svg\">",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "svg_doctype": (
        "SVG 文件中有 DOCTYPE 或实体声明，可能引入或展开其他内容",
        "the SVG file has a DOCTYPE or entity declarations, which can bring in or expand other content",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "svg_element": (
        "SVG 文件中有 {value}，它不是图形的一部分（脚本、HTML、动画或链接会在本站域名下运行）",
        "the SVG file contains {value}, which is not part of a drawing (a script, HTML, an animation or a link would run on the site's own domain)",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "svg_attribute": (
        "SVG 文件中有属性“{value}”，它不是图形的一部分（事件属性 on… 会运行脚本）",
        "the SVG file contains the attribute '{value}', which is not part of a drawing (an on… event attribute runs a script)",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "svg_reference": (
        "SVG 文件引用了文件以外的内容（“{value}”）；只能引用同一图形中的部分（#…）",
        "the SVG file refers to something outside it ('{value}'); only parts of the same drawing (#…) may be referred to",
        "在绘图软件中重新导出为普通 SVG（Inkscape：另存为“纯 SVG”；Illustrator：不含脚本、不嵌入或链接图片），或改用 PNG 图片",
        "export the drawing again as a plain SVG (Inkscape: Save As › Plain SVG; Illustrator: no scripts, no embedded or linked images), or upload a PNG instead",
    ),
    "not_filled": (
        "尚未填写",
        "not filled in yet",
        "有了已核实的信息后填写；在此之前网站不显示这一项",
        "fill it in once the facts are verified; until then the site does not show it",
    ),
    "bad_link": (
        "链接“{value}”既不是本网站的页面，也不是 https:// 网址",
        "the link '{value}' is neither a page of this site nor an https:// address",
        "写本网站页面的路径，如 achievements.md、about.md#contact、partners/<编号>.md，或以 https:// 开头的完整网址",
        "write the path of a page of this site, e.g. achievements.md, about.md#contact or partners/<id>.md, or a full address starting with https://",
    ),
    "unknown_anchor": (
        "页面“{page}”上没有锚点“#{value}”",
        "the page '{page}' has no anchor '#{value}'",
        "可用的锚点：{choices}；或删掉 # 及其后的部分，链接到页面顶部",
        "anchors you can use: {choices}; or remove the # and what follows to link to the top of the page",
    ),
    "reserved_id": (
        "编号“{value}”已被网站的其他页面占用（{page}）",
        "the id '{value}' is taken by another page of the site ({page})",
        "换一个编号，例如在后面加上地名或年份",
        "choose another id, e.g. add a place or a year to it",
    ),
    "self_parent": (
        "记录不能是自己的上级（parent）",
        "a record cannot be its own parent",
        "parent 写上级机构的编号，或删除这个字段",
        "set parent to the id of the organisation above it, or remove the field",
    ),
    "parent_loop": (
        "上级关系形成了循环：{chain}",
        "the parent links go round in a circle: {chain}",
        "其中一条记录的 parent 写错了：最上级的机构不写 parent",
        "one of these records has a wrong parent: the top organisation has no parent",
    ),
    "unknown_file": (
        "data/ 中有不认识的文件“{value}”，不会被使用",
        "data/ holds an unknown file '{value}', which the site would not use",
        "把内容移到已有的文件中（{choices}），然后删除这个文件；文件名以 .yml 结尾",
        "move its content into one of the known files ({choices}) and delete it; names end in .yml",
    ),
    "symlink_outside": (
        "“{value}”是指向本仓库之外的链接",
        "'{value}' is a link to a place outside this repository",
        "用真实的文件代替这个链接",
        "replace the link with a real file",
    ),
    # --- files that cannot be read, and hand-written pages (gdep_site.core.sourcefile, .handwritten) ---
    "not_a_file": (
        "“{value}”是{kind_zh}，不是文件",
        "'{value}' is a {kind_en}, not a file",
        "删除它，在这里放入真正的文件（必要时从版本库恢复）",
        "delete it and put the real file in its place (restore it from the repository if need be)",
    ),
    "symlink_loop": (
        "“{value}”是绕回自身的符号链接（循环）",
        "'{value}' is a symbolic link that leads back to itself (a loop)",
        "删除这个链接，在这里放入真正的文件或文件夹",
        "delete the link and put the real file or folder in its place",
    ),
    "broken_link": (
        "“{value}”是指向不存在位置的符号链接",
        "'{value}' is a symbolic link to something that does not exist",
        "删除这个链接，在这里放入真正的文件",
        "delete the link and put the real file in its place",
    ),
    "unreadable_file": (
        "无法读取“{value}”（{detail}）",
        "'{value}' cannot be read ({detail})",
        "检查文件的权限，或从版本库恢复该文件",
        "check the file's permissions, or restore it from the repository",
    ),
    "front_matter_syntax": (
        "页面开头两行 --- 之间的设置（front matter）不是有效的 YAML（{detail}）",
        "the settings between the --- lines at the top of the page (front matter) are not valid YAML ({detail})",
        "每行写一个“名称: 值”，例如 title: 关于本站；冒号后加空格，含冒号的值加引号",
        "write one 'name: value' per line, e.g. title: About this site, with a space after the colon "
        "and quotes around a value that holds a colon",
    ),
    "front_matter_not_mapping": (
        "页面开头两行 --- 之间的设置（front matter）不是“名称: 值”形式的字段",
        "the settings between the --- lines at the top of the page (front matter) are not fields (name: value)",
        "写成 title: 页面标题 这样的字段，或删掉这两行 ---",
        "write fields such as title: Page title, or remove the two --- lines",
    ),
    "unknown_template": (
        "页面设置的模板“{value}”不存在",
        "the template '{value}' the page names does not exist",
        "删除 template 这一行（页面使用网站的版式）；存在的模板：{choices}",
        "remove the template line (pages use the site's layout); templates that exist: {choices}",
    ),
    "converted_language_folder": (
        "docs/{value}/ 中不能放页面：繁体中文（香港）页面在每次构建时由 docs/{source}/ 的简体页面转换而成",
        "docs/{value}/ cannot hold pages: the Traditional Chinese (Hong Kong) pages are converted from the "
        "Simplified pages in docs/{source}/ at every build",
        "把内容写在 docs/{source}/ 的页面中（英文写在 docs/en/）；名称的繁体写法在 data/traditional.yml 中更正；"
        "然后删除 docs/{value}/",
        "write the content in the pages of docs/{source}/ (English in docs/en/); correct how a name is written "
        "in Traditional Chinese in data/traditional.yml; then delete docs/{value}/",
    ),
    "unknown_docs_folder": (
        "docs/ 中的文件夹“{value}”不是网站的语言，其中的文件不会被正确发布",
        "the folder '{value}' in docs/ is not a language of the site: what it holds would not be published as meant",
        "页面放在 {choices} 中（每种语言一个文件夹，同名的页面互为译文）；图片等文件放在 docs/assets/",
        "put pages in {choices} (one folder per language; pages of the same name translate each other), and "
        "images and other files in docs/assets/",
    ),
    "file_kind_not_here": (
        "文件“{value}”会原样发布到网站上，但 {folder} 中只能放 {allowed} 文件",
        "the file '{value}' would be published on the site as it is, but {folder} may only hold {allowed} files",
        "页面用 Markdown（.md）写在语言文件夹中；图片放在 docs/assets/images/；不要上传网页（.html）或其他文件（可放文件的文件夹：{choices}）",
        "write pages in Markdown (.md) in a language's folder and put images in docs/assets/images/; do not upload web "
        "pages (.html) or other files (folders that take files: {choices})",
    ),
    "file_not_here": (
        "文件“{value}”会原样发布到网站上，但这里不能放文件",
        "the file '{value}' would be published on the site as it is, but no file belongs here",
        "页面用 Markdown（.md）写在语言文件夹中，图片放在 docs/assets/images/；可放文件的文件夹：{choices}",
        "write pages in Markdown (.md) in a language's folder and put images in docs/assets/images/; folders that "
        "take files: {choices}",
    ),
    "page_outside_languages": (
        "页面“{value}”直接放在 docs/ 中，不属于任何语言",
        "the page '{value}' is directly in docs/, in no language's folder",
        "把它移到 {choices} 中（每种语言一份，文件名相同）",
        "move it into {choices} (one copy per language, under the same name)",
    ),
    "page_at_record_address": (
        "这个手写页面与网站由数据生成的页面地址相同（{record}，{where}），会有一个被覆盖",
        "this hand-written page has the address of a page the site makes from the data ({record}, {where}): "
        "one would replace the other",
        "给手写页面换一个文件名或文件夹；记录的页面由数据生成，要改它的内容请改 {where}",
        "rename or move the hand-written page; the record's page is made from the data: to change it, edit {where}",
    ),
    "page_in_generated_folder": (
        "这个手写页面的地址留给由 {file} 生成的列表页",
        "this hand-written page's address is kept for the list pages generated from {file}",
        "给手写页面换一个文件名或文件夹",
        "rename or move the hand-written page",
    ),
    # --- gdep-diff: what is compared must be two built sites ---
    "not_a_site": (
        "“{value}”不是构建好的网站（其中没有 index.html 文件）",
        "'{value}' is not a built site (it holds no index.html file)",
        "给出构建写出的文件夹，例如 ./scripts/site build 写出的 site/，或 gdep-build -d 文件夹",
        "give a folder a build wrote, e.g. site/ from ./scripts/site build, or gdep-build -d FOLDER",
    ),
    "built_page_not_utf8": (
        "构建好的页面不是 UTF-8 编码",
        "the built page is not encoded as UTF-8",
        "这不是本项目构建的页面：重新构建网站（./scripts/site build）后再比较",
        "it is not a page this project built: build the site again (./scripts/site build), then compare",
    ),
    "unknown_page_language": (
        "页面的语言“{value}”（<html lang>）不是已知的语言代码",
        "the page's language '{value}' (<html lang>) is not a known language code",
        "这不是本项目构建的页面：重新构建网站（./scripts/site build）后再比较",
        "it is not a page this project built: build the site again (./scripts/site build), then compare",
    ),
    "looks_like_html": (
        "文字中含有 HTML 标签；网站会把它原样显示为文字，不会当作格式",
        "the text contains HTML tags; the site shows them as plain text, not as formatting",
        "删除尖括号 < > 中的标签，只保留文字",
        "remove the tags in angle brackets < > and keep the words",
    ),
    "looks_like_markdown": (
        "文字中含有 Markdown 格式（标题、链接、加粗或代码）；网站会原样显示，不会当作格式",
        "the text contains Markdown (a heading, link, bold or code); the site shows it as plain text",
        "数据文件只写纯文字；网址请写在 website 字段",
        "write plain text in data files; put a web address in the website field",
    ),
    "pasted_text": (
        "名称中有{what_zh}，常见于从 Word 等软件复制的文字",
        "the name contains {what_en}, as text copied from a word processor often does",
        "删除它，用键盘重新输入（普通空格，直引号 \" 或 '）；网站会把不间断空格显示为普通空格",
        "delete it and type it again on the keyboard (an ordinary space, a straight quote \" or '); the site "
        "shows a non-breaking space as an ordinary one",
    ),
    "mixed_script": (
        "“{value}”混用了拉丁字母和外形相似的西里尔或希腊字母",
        "'{value}' mixes Latin letters with look-alike Cyrillic or Greek letters",
        "删除这个词后用英文键盘重新输入",
        "delete the word and type it again on an English keyboard",
    ),
    "not_chinese_term": (
        "“{value}”不是一个中文名称或词语",
        "'{value}' is not a Chinese name or term",
        "只写名称本身（汉字，可含字母、数字）",
        "write only the name itself (Chinese characters; letters and digits may be part of it)",
    ),
    "term_symbol": (
        "“{value}”中有符号 {char}，名称中不能有它",
        "'{value}' contains {char}, which a name cannot contain",
        "删除 {char}，只写名称本身（汉字，可含字母、数字）；名称中的引号请用中文引号“”",
        "delete the {char} and write only the name itself (Chinese characters; letters and digits may be part of "
        "it); for quotation marks in a name, use Chinese ones “”",
    ),
    "simplified_in_traditional": (
        "繁体写法中有简体字：{chars}",
        "the Traditional form contains Simplified characters: {chars}",
        "把这些字改为繁体（香港）写法；不确定时删除这一项，网站会使用自动转换的结果",
        "write these characters in their Traditional (Hong Kong) form; if unsure, remove the entry and the site uses the automatic conversion",
    ),
    "duplicate_term": (
        "“{value}”已在 {first} 写过一次",
        "'{value}' is already listed (first at {first})",
        "删除其中一项，只保留正确的繁体写法",
        "remove one of the two entries and keep the right Traditional form",
    ),
    "unused_term": (
        "“{value}”在数据和页面中都没有出现，这一项不会起作用",
        "'{value}' appears nowhere in the data or the pages, so this entry changes nothing",
        "检查简体写法是否与数据中的完全一致；名称已不再使用时删除这一项",
        "check that the Simplified form is exactly as written in the data; remove the entry if the name is no longer used",
    ),
    "traditional_unconfirmed": (
        "“{value}”在繁体（香港）版写作“{converted}”，尚未核对",
        "'{value}' is written '{converted}' on the Traditional (Hong Kong) pages; not confirmed yet",
        "核对后在 data/traditional.yml 的 names 中加上这个名称和它的繁体写法（与上面相同也要写）",
        "once checked, add the name and its Traditional form to names in data/traditional.yml (even if it is the one above)",
    ),
    "page_html": (
        "页面中有 HTML 标签 {tag}；手写页面只用 Markdown 编写，标签会原样进入网站",
        "the page contains the HTML tag {tag}; hand-written pages are Markdown only, and a tag would pass into the site as it is",
        "删除这个标签，改用 Markdown（# 标题、- 列表、[文字](地址) 链接）；只允许 <!-- 注释 --> 和 <!-- gdep:名称 --> 数据标记",
        "remove the tag and write Markdown instead (# headings, - lists, [text](address) links); only <!-- comments --> and <!-- gdep:NAME --> markers are allowed",
    ),
    "page_attribute": (
        "“{name}”会给网页元素加上自己的属性；页面中 {{: … }} 只能写 #锚点 和 .类名",
        "'{name}' gives the page's markup an attribute of its own; in a page, {{: … }} may only give an #anchor and a .class",
        "删除 {name}=…，只保留 #锚点 或 .类名，例如 {{#contact}}",
        "remove {name}=… and keep only an #anchor or a .class, e.g. {{#contact}}",
    ),
    "page_link": (
        "链接或图片地址“{value}”会运行代码或打开另一种内容（{scheme}:）",
        "the link or image address '{value}' would run code or open content of its own ({scheme}:)",
        "链接到本站页面（例如 about.md）、https:// 网址、mailto: 或 tel:",
        "link to a page of this site (e.g. about.md), an https:// address, mailto: or tel:",
    ),
    "page_file_name": (
        "页面的文件夹或文件名“{value}”中有不能用在网址和标题中的字符",
        "the page's folder or file name '{value}' has characters that cannot be part of an address or a title",
        "改名，只用英文字母、数字和连字符，例如 study-here.md",
        "rename it with the letters a-z, digits and hyphens only, e.g. study-here.md",
    ),
    "page_setting_unknown": (
        "页面开头的设置“{name}”不是已知的设置（可用：{choices}）",
        "'{name}' at the top of the page is not a known page setting (known: {choices})",
        "删除或改正这个设置；如果这几行是正文，在它们前面先写标题（# …）",
        "remove or correct the setting; if these lines are the page's text, put a heading (# …) before them",
    ),
    "page_setting_value": (
        "页面设置“{name}”应为{expected_zh}",
        "the page setting '{name}' must be {expected_en}",
        "改正这一行；不确定时删除这个设置",
        "correct this line; if unsure, remove the setting",
    ),
    "report_exists": (
        "这份报告已经存在，不会被覆盖",
        "this report already exists: it is never overwritten",
        "要继续填写就直接编辑它；要重新开始，先删除这个文件（其中的内容会丢失）",
        "to go on filling it in, edit it; to start again, delete the file first (what it holds is lost)",
    ),
    "year_not_after": (
        "{year} 不晚于最新的报告（{latest} 年）",
        "{year} is not after the latest report ({latest})",
        "下一份报告是 {next} 年的：运行 gdep-new-year {next}",
        "the next report is {next}'s: run gdep-new-year {next}",
    ),
    "year_not_next": (
        "{year} 不是最新报告（{latest} 年）的下一年 {next}",
        "{year} is not the year after the latest report ({latest}), which is {next}",
        "检查年份是否输错：下一份报告是 gdep-new-year {next}；确实要跳过中间的年份时，运行 gdep-new-year --year-after-gap {year}",
        "check the year for a typo: the next report is gdep-new-year {next}; to leave out the years between on "
        "purpose, run gdep-new-year --year-after-gap {year}",
    ),
    "year_not_plausible": (
        "年份 {year} 不合理",
        "the year {year} is not plausible",
        "检查年份是否输错：下一份报告是 gdep-new-year {next}",
        "check the year for a typo: the next report is gdep-new-year {next}",
    ),
    "not_a_year": (
        "“{value}”不是年份",
        "'{value}' is not a year",
        "写四位数字的年份，例如 gdep-new-year 2024",
        "give the year in four digits, e.g. gdep-new-year 2024",
    ),
    "cannot_qualify": (
        "gdep-new-year 无法在“{value}”前写上年份：它没有写成一行里的普通编号",
        "gdep-new-year cannot write the year before '{value}': it is not written as a plain id on one line",
        "把它改成普通的写法（例如 source: s2-2-9 或 sources: [s1, s2-2-9]）后再运行；或者自己写上年份：{year}/{value}",
        "write it plainly (e.g. source: s2-2-9, or sources: [s1, s2-2-9]) and run it again; or write its year "
        "yourself: {year}/{value}",
    ),
    "data_not_ready": (
        "数据有错误，没有开始新的一年",
        "the data has errors: the new year was not started",
        "先按上面的提示改正（./scripts/check-data 会再列出一次），然后再运行",
        "fix them first as shown above (./scripts/check-data lists them again), then run it again",
    ),
    "write_failed": (
        "无法写入 {file}（{error}），所有文件都保持原样",
        "could not write {file} ({error}); every file is left as it was",
        "检查磁盘空间和 data/ 的权限，然后再运行",
        "check the free disk space and the permissions of data/, then run it again",
    ),
    "missing_file": (
        "缺少数据文件",
        "the data file is missing",
        "从版本库恢复该文件",
        "restore the file from the repository",
    ),
}


LANGUAGE_NAMES = {
    "zh": {"lang_zh": "中文", "lang_en": "Chinese"},
    "en": {"lang_zh": "英文", "lang_en": "English"},
}


@dataclass(frozen=True)
class DataProblem:
    """One thing a member of staff must fix, with where and how."""

    file: str
    line: int
    column: int
    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def __hash__(self) -> int:
        params = tuple(sorted((k, str(v)) for k, v in self.params.items()))
        return hash((self.file, self.line, self.column, self.field, self.code, params))

    def _texts(self) -> tuple[str, str, str, str]:
        return explain(self.code, self.params)
        return _texts(self.code, self.params)

    @property
    def message_zh(self) -> str:
        return self._texts()[0]

    @property
    def message_en(self) -> str:
        return self._texts()[1]

    def format(self) -> str:
        """`file:line:column: field: message` in both languages, with a hint on the next line."""
        zh, en, hint_zh, hint_en = self._texts()
        where = f"{self.file}:{self.line}:{self.column}: {_short(self.field, 200) or '-'}"
        return f"{where}: {zh} / {en}\n    修改建议 / How to fix: {hint_zh} / {hint_en}"

    def annotation(self, level: str = "error") -> str:
        """A GitHub Actions workflow command: the problem shows on its own line of the file in the
        pull request's "Files changed", in both languages, with the hint."""
        zh, en, hint_zh, hint_en = self._texts()
        title = f"{_short(self.field, 200) or self.file}: {'数据错误 / data error' if level == 'error' else '警告 / warning'}"
        properties = {"file": self.file, "line": self.line, "col": self.column, "title": title}
        head = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        message = f"{zh} / {en}\n修改建议 / How to fix: {hint_zh} / {hint_en}"
        return f"::{level} {head}::{_escape_data(message)}"


def explain(code: str, params: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """The message of `code` with its parameters: (Chinese, English, Chinese hint, English hint)."""
    zh, en, hint_zh, hint_en = MESSAGES[code]
    texts = {k: _short(v, 80 if k == "value" else 400) for k, v in params.items()}
    if "lang" in texts:
        texts |= LANGUAGE_NAMES[texts["lang"]]
    return tuple(s.format(**texts) for s in (zh, en, hint_zh, hint_en))  # type: ignore[return-value]
def _texts(code: str, params: dict[str, Any]) -> tuple[str, str, str, str]:
    """The message of `code` and its hint, in Chinese and English, with the values quoted safely."""
    zh, en, hint_zh, hint_en = MESSAGES[code]
    shown = {k: _short(v, 80 if k == "value" else 400) for k, v in params.items()}
    if "lang" in shown:
        shown |= LANGUAGE_NAMES[shown["lang"]]
    return tuple(s.format(**shown) for s in (zh, en, hint_zh, hint_en))  # type: ignore[return-value]


def describe(code: str, **params: Any) -> str:
    """A message about no one place of a file (a command's argument, the data as a whole), in both
    languages with its hint, worded as `DataProblem.format` words the others."""
    zh, en, hint_zh, hint_en = _texts(code, params)
    return f"{zh} / {en}\n    修改建议 / How to fix: {hint_zh} / {hint_en}"


def _escape_data(text: str) -> str:
    # As GitHub's own toolkit (@actions/core) escapes a command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(errors: Iterable[DataProblem], warnings: Iterable[DataProblem] = ()) -> str:
    """Workflow commands for GitHub Actions (`::error …`, `::warning …`), one line each."""
    lines = [p.annotation("error") for p in errors] + [p.annotation("warning") for p in warnings]
    return "\n".join(lines)


NOTE = "说明 / Note: "  # starts information a build shows even when it hides MkDocs' own (gdep-build)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class DataError(Exception):
    """Raised when `data/` or the hand-written pages hold problems; `str()` lists them all, ready to print.

    `warnings` are those of the problems that are warnings (fatal only in a strict build)."""

    def __init__(self, problems: list[DataProblem], warnings: Iterable[DataProblem] = ()):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        self.warnings = frozenset(warnings)
        super().__init__(self.report())

    def annotations(self) -> str:
        return github_annotations([p for p in self.problems if p not in self.warnings],
                           [p for p in self.problems if p in self.warnings])

    def report(self) -> str:
        count = len(self.problems)
        head = f"数据文件和页面有 {count} 处问题 / {count} problem(s) in the data files and pages:"
        return "\n".join([head, *(p.format() for p in self.problems)])


def _short(value: Any, limit: int) -> str:
    """Quote user values safely in messages: visible control characters, bounded length."""
    text = str(value)
    text = "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
