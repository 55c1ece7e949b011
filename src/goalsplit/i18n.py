"""Two languages for everything a person reads: English and Chinese.

Messages are written in English with named fields (``"end {end} is before
start {start}"``); the English text is the key into the Chinese catalog, as
with gettext. Fields are filled in after translation, so values are never
translated. Templates that are not passed straight to ``tr``, ``Issue`` or
``InputError`` are marked with ``N_`` so that a test can find every template
in the source and check that the catalog has it.

JSON keys and values for scripts are never translated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, Protocol

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


def N_(template: str) -> str:
    """Mark a message template for the catalog check; returns it unchanged."""
    return template


def tr(template: str, lang: str = "en", /, **fields: object) -> str:
    text = ZH.get(template, template) if lang == "zh" else template
    return text.format(**fields) if fields else text


def trn(singular: str, plural: str, count: int, lang: str = "en", /, **fields: object) -> str:
    """A message with a count, in the right grammatical number (``count`` is a field).

    English has two forms; Chinese has one, catalogued under the singular.
    """
    if lang == "zh":
        return ZH.get(singular, singular).format(count=count, **fields)
    return (singular if count == 1 else plural).format(count=count, **fields)


def pick_language(option: str | None, environ: Mapping[str, str]) -> Lang:
    """``--lang``, else ``GOALSPLIT_LANG``, else the locale (LC_ALL, LC_MESSAGES, LANG)."""
    for value in (option, environ.get("GOALSPLIT_LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


STAGE_LABELS: dict[str, dict[Lang, str]] = {
    "revenue": {"en": "Revenue", "zh": "业绩"},
    "pipeline": {"en": "Pipeline", "zh": "储备金额"},
    "intents": {"en": "Intents", "zh": "意向客户"},
    "deep_talks": {"en": "Deep talks", "zh": "深入沟通"},
    "connects": {"en": "Connects", "zh": "外呼接通"},
    "dials": {"en": "Dials", "zh": "外呼"},
}

WEEKDAY_LABELS: dict[Lang, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}


def stage_label(name: str, label: str | None, lang: str) -> str:
    """A plan's own label wins; then the default label of a known stage; then the key."""
    if label:
        return label
    known = STAGE_LABELS.get(name)
    if known:
        return known["zh" if lang == "zh" else "en"]
    return name.replace("_", " ").capitalize()


class NamedStage(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str | None: ...


class StageNames:
    """Stages named in a message field, shown as their labels in the reader's language
    (a plan's own label wins): ``Issue`` fills them in per language, so a Chinese
    warning says 外呼接通 where an English one says Connects."""

    __slots__ = ("stages",)

    def __init__(self, *stages: NamedStage) -> None:
        self.stages = tuple((stage.name, stage.label) for stage in stages)

    @classmethod
    def pick(cls, stages: Iterable[NamedStage], names: Iterable[str]) -> StageNames:
        """The stages called ``names``, in the order of ``names``."""
        by_name = {stage.name: stage for stage in stages}
        return cls(*(by_name[name] for name in names))

    def text(self, lang: str) -> str:
        separator = "、" if lang == "zh" else ", "
        return separator.join(stage_label(name, label, lang) for name, label in self.stages)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StageNames) and self.stages == other.stages

    def __hash__(self) -> int:
        return hash(self.stages)

    def __repr__(self) -> str:
        return f"StageNames({', '.join(name for name, _ in self.stages)})"

    def __str__(self) -> str:
        return self.text("en")


def localized(fields: Mapping[str, object], lang: str) -> dict[str, object]:
    """Message fields with stage names turned into labels in ``lang``."""
    return {
        key: value.text(lang) if isinstance(value, StageNames) else value
        for key, value in fields.items()
    }


ZH: dict[str, str] = {
    # errors.py
    "warning: ": "警告：",
    # model.py
    "expected a date written YYYY-MM-DD, got {value}": "应为 YYYY-MM-DD 格式的日期，实际为 {value}",
    "range {value} ends before it starts": "日期范围 {value} 的结束早于开始",
    "expected a period such as 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W05 or "
    "{{start: 2026-01-05, end: 2026-03-27}}, got {value}": "周期应为 2026、2026-H1、2026-Q1、"
    "2026-03、2026-W05 或 {{start: 2026-01-05, end: 2026-03-27}} 这样的形式，实际为 {value}",
    "expected a weekday ({names}), got {value}": "应为星期（{names}），实际为 {value}",
    "stage name {name} must be a key such as deep_talks "
    "(letters, digits and _, not starting with a digit)": "阶段名 {name} 必须是 deep_talks "
    "这样的键（字母、数字和下划线，不以数字开头）",
    "{name} is the result stage; it is always first": "{name} 是结果阶段，总是排在第一位",
    "the period ends ({end}) before it starts ({start})": (
        "周期的结束日（{end}）早于开始日（{start}）"
    ),
    "a rep's name must not be blank": "销售的姓名不能为空",
    "stage {name} is listed twice": "阶段 {name} 重复出现",
    "no stage named {name}; the revenue stage has no rate; the stages are {stages}": "没有名为 "
    "{name} 的阶段；业绩阶段没有转化率；阶段有：{stages}",
    "no stage named {name}; the stages are {stages}": "没有名为 {name} 的阶段；阶段有：{stages}",
    "no rate for {stages}: give the team's rate here (or a rate in every rep's rates:)": "{stages} "
    "没有转化率：请在这里给出团队转化率（或在每位销售的 rates: 中给出）",
    "rep {name} is listed twice (also reps[{other}])": "销售 {name} 重复出现（另见 reps[{other}]）",
    "{rep}: no rate for {stages} (give it in the team's rates: or in this rep's rates:)": "{rep}："
    "{stages} 没有转化率（请在团队的 rates: 或此销售的 rates: 中给出）",
    "{key} {day} is outside the period {start}..{end}": "{key} {day} 不在周期 {start}..{end} 之内",
    "end {end} is before start {start}": "结束日 {end} 早于开始日 {start}",
    "leave {first}..{last} lies outside the period and has no effect": "假期 {first}..{last} "
    "不在周期之内，不起作用",
    # load.py
    # -- loading: YAML slips, limits, CSV readers (issue 8)
    # typing slips and YAML syntax (slips.py, yaml_source.py)
    "full-width colon '：'; use ':'": "全角冒号“：”；请使用半角冒号“:”",
    "a tab used for indentation; indent with spaces": "用了制表符（Tab）缩进；请用空格缩进",
    "a full-width space (U+3000) in the indentation; indent with ordinary spaces": "缩进中有全角"
    "空格（U+3000）；请用半角空格缩进",
    "a full-width space (U+3000) used as a separator; use an ordinary space": "用了全角空格"
    "（U+3000）作分隔；请用半角空格",
    "a ':' followed by a space cannot appear here; quote the value if it contains ': '": "此处"
    "不能出现“: ”（冒号加空格）；如果取值中含有“: ”，请给取值加引号",
    "expected 'key: value' here, but there is no ':' after the key": "此处应为“键: 值”，"
    "但键后面没有“:”",
    "the indentation of this line does not match the lines above it": "此行的缩进与上面的行不一致",
    "this line is indented more than the line above it, so it reads as part of the value there": (
        "此行比上一行缩进得多，因此被当成上一行取值的一部分"
    ),
    "unexpected text after the value; put the whole value in quotes": "取值后面有多余的内容；"
    "如果它们属于同一个取值，请给整个取值加引号",
    "the quote {quote} opened here is never closed": "此处开始的引号 {quote} 没有闭合",
    "the {bracket} opened here is never closed, or a ',' is missing between items": "此处开始的 "
    "{bracket} 没有闭合，或其中的项之间缺少“,”",
    "{char} cannot start a value; put the value in quotes": "{char} 不能作为取值的开头；"
    "请给取值加引号",
    "character {code} is not allowed in a YAML file; remove it": "YAML 文件中不允许出现字符 "
    "{code}；请删除",
    "a plan is one YAML document; remove the '---'": "计划文件只能包含一个 YAML 文档；请删除“---”",
    "nested more than {max} levels deep; a plan needs far fewer": "嵌套超过 {max} 层；"
    "计划文件用不到这么多层",
    # limits (load.py, model.py, activity.py)
    "the plan is larger than {max} MB, the most a plan file may hold": "计划文件超过 {max} MB "
    "的上限",
    "more than {max} reps; split the team into several plans": "销售超过 {max} 位；"
    "请把团队拆成几个计划",
    "more than {max} funnel stages": "漏斗阶段超过 {max} 个",
    "more than {max} items in one list; a plan needs far fewer": "一个列表中的项超过 {max} 个；"
    "计划文件用不到这么多",
    "more than {max} keys in one mapping; a plan needs far fewer": "一个映射中的键超过 {max} 个；"
    "计划文件用不到这么多",
    "{value} is out of range: a number must be between 0.000000001 and 1,000,000,000,000 in "
    "size (or 0), with at most 30 digits": "{value} 超出范围：数值的大小必须在 0.000000001 到 "
    "1,000,000,000,000 之间（或为 0），且最多 30 位有效数字",
    "{value} is outside the dates goalsplit accepts, {first}..{last}": "{value} 超出 goalsplit "
    "支持的日期范围 {first}..{last}",
    "{value} does not exist: there is no month {month}": "{value} 不存在：没有 {month} 月",
    "{value} does not exist: {month:%B %Y} has {days} days": "{value} 不存在：{month:%Y 年 %m 月}"
    "只有 {days} 天",
    "the team's rates are missing: give a rate for {stages} under rates: (or in every rep's "
    "rates:)": "缺少团队转化率：请在 rates: 下给出 {stages} 的转化率（或在每位销售的 rates: "
    "中给出）",
    # activity CSVs (activity.py)
    "the file is larger than {max} MB, the most a history or actuals file may hold": "文件超过 "
    "{max} MB，这是历史数据或实际数据文件的上限",
    "line {line} is longer than {max} bytes": "第 {line} 行超过 {max} 字节",
    "a cell is longer than {max} characters": "单元格超过 {max} 个字符",
    "CSV syntax error: {problem}": "CSV 格式错误：{problem}",
    "the row has {count} cell; expected at least {width}": "此行有 {count} 个单元格；至少应有 "
    "{width} 个",
    "the rep's name is longer than {max} characters": "销售姓名超过 {max} 个字符",
    "more than {max} different reps; split the file": "不同的销售超过 {max} 位；请拆分文件",
    "{header}: {value} is out of range: a number must be between 0.000000001 and "
    "1,000,000,000,000 in size (or 0), with at most 30 digits": "{header}：{value} 超出范围："
    "数值的大小必须在 0.000000001 到 1,000,000,000,000 之间（或为 0），且最多 30 位有效数字",
    "… and {count} more problem": "……另有 {count} 处问题",
    "cannot read the plan: {reason}": "无法读取计划文件：{reason}",
    "the plan is empty; it needs at least period, target, rates and reps": "计划文件为空；至少需要 "
    "period、target、rates 和 reps",
    "the plan must be a mapping of keys to values": "计划文件必须是键值映射",
    "not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8": "不是有效的 UTF-8（字节 "
    "0x{byte:02x}）；请将文件保存为 UTF-8",
    "alias *{anchor} is not supported: write the value out": "不支持别名 *{anchor}：请直接写出取值",
    "anchor &{anchor} is not supported: write values out in full": (
        "不支持锚点 &{anchor}：请完整写出取值"
    ),
    "YAML syntax error: {problem}": "YAML 语法错误：{problem}",
    "keys must be plain words": "键必须是普通的词",
    "duplicate key {key} (first given on line {line})": "键 {key} 重复（首次出现在第 {line} 行）",
    "YAML tag {tag} is not supported": "不支持 YAML 标签 {tag}",
    "must be a finite number, got {value}": "必须是有限的数，实际为 {value}",
    "must be text, got {value}": "必须是文本，实际为 {value}",
    "must be a list, got {value}": "必须是列表，实际为 {value}",
    "must be a mapping of keys to values, got {value}": "必须是键值映射，实际为 {value}",
    "must be a number, got {value}": "必须是数字，实际为 {value}",
    "must be a whole number, got {value}": "必须是整数，实际为 {value}",
    "must be true or false, got {value}": "必须是 true 或 false，实际为 {value}",
    "must not be empty": "不能为空",
    "missing required key {key}": "缺少必填键 {key}",
    "must be greater than {bound}, got {value}": "必须大于 {bound}，实际为 {value}",
    "must be at least {bound}, got {value}": "必须至少为 {bound}，实际为 {value}",
    "must be {expected}, got {value}": "必须是 {expected}，实际为 {value}",
    "{problem}, got {value}": "{problem}，实际为 {value}",
    "unknown key {key}": "未知的键 {key}",
    "unknown key {key}; did you mean {close}? expected one of: {allowed}": "未知的键 {key}；"
    "是否想写 {close}？可用的键：{allowed}",
    "unknown key {key}; expected one of: {allowed}": "未知的键 {key}；可用的键：{allowed}",
    # allocate.py
    # -- issue 9: plans shaped in time
    "{file}: ok: {reps}, {period} ({days}), quotas add up to {share}% of the target less "
    "carve-outs": ("{file}：通过：{reps}，{period}（{days}），指标合计为扣除剥离后目标的 {share}%"),
    "Quotas add up to {allocated} = {share}% of the target less carve-outs, {target} "
    "(stretch {stretch})": (
        "指标合计 {allocated} = 扣除剥离后目标 {target} 的 {share}%（加码系数 {stretch}）"
    ),
    "Carve-out {carved} ({items}): taken off the target {target} before it is decomposed; "
    "a bonus beside the plan, never anyone's activity.": (
        "剥离 {carved}（{items}）：分解前从目标 {target} "
        "中扣除；是计划之外的奖励，不折算成任何人的行动量。"
    ),
    "Seasonality (a working day's weight by month): {weights}": (
        "季节性（各月每个工作日的权重）：{weights}"
    ),
    "Seasonality from history (a working day's weight by month): {weights}": (
        "按历史的季节性（各月每个工作日的权重）：{weights}"
    ),
    "Buffer {buffer}%: the schedules run ahead of pace and meet the full requirement by {date}.": (
        "缓冲 {buffer}%：计划进度领先于正常节奏，在 {date} 前完成全部要求。"
    ),
    "Sales cycle: activity runs {cycle} working days ahead of revenue; {stage} to have "
    "open on day one: {amount}.": (
        "销售周期：行动量比业绩提前 {cycle} 个工作日；第一天就需已有的 {stage}：{amount}。"
    ),
    "ramp from {hired}: {steps}, then 100%": "自 {hired} 起爬坡：{steps}，之后 100%",
    "open on day one (cycle {cycle}): {amounts}": "第一天需已有（周期 {cycle}）：{amounts}",
    "full requirement by {date}": "{date} 前完成全部要求",
    "a buffer is at most 100%, got {value}": "缓冲最多为 100%，实际为 {value}",
    "a ramp rises month by month: {value} comes after {before}": (
        "爬坡应逐月上升：{value} 排在 {before} 之后"
    ),
    "a ramp step is at most 100% (full pace), got {value}": (
        "爬坡每步最多为 100%（满产能），实际为 {value}"
    ),
    "a sales cycle of {cycle} working days is as long as the period or longer ({days} "
    "working days)": ("销售周期 {cycle} 个工作日不短于整个周期（{days} 个工作日）"),
    "hired {hired} is after start {start}: a rep starts on the day they are hired or later": (
        "入职日 {hired} 晚于开始日 {start}：销售应在入职当天或之后开始"
    ),
    "hired {hired} is after the rep's last day in the period, {end}": (
        "入职日 {hired} 晚于该销售在周期内的最后一天 {end}"
    ),
    "month {month} is given twice (also as {other})": "月份 {month} 重复给出（另见 {other}）",
    "no rep named {name} in the plan": "计划中没有名为 {name} 的销售",
    "the history has no revenue for month {months}; it weighs 1": (
        "历史数据中 {months} 月没有业绩，按权重 1 计"
    ),
    "'history' needs a history: file to draw on": "'history' 需要 history: 历史数据文件",
    "the carve-outs add up to {carved}, leaving nothing of the target {target} to decompose": (
        "剥离金额合计 {carved}，目标 {target} 已无可分解的部分"
    ),
    "{key} is not a month: seasonality is keyed by month number, 1 to 12": (
        "{key} 不是月份：seasonality 的键是月份数字 1 到 12"
    ),
    "{share}% of the year's revenue falls in its last quarter ({first} to {last}): don't "
    "bet the year on year-end; add a buffer (buffer: 10%) or plan more of it earlier": (
        "全年 {share}% 的业绩落在最后一个季度（{first} 至 "
        "{last}）：不要把全年押在年底；请加缓冲（buffer: "
        "10%）或把更多业绩安排在前面"
    ),
    "Month target": "本月目标",
    "Month {month}": "本月 {month}",
    "Left in month": "本月剩余",
    "Month {month}: {count} working day, {left} left from {date}; left in month: the "
    "month's targets from {date} on.": (
        "{month}：{count} 个工作日，自 {date} 起还剩 {left} 个；本月剩余：自 {date} 起本月的目标。"
    ),
    "Month": "月份",
    "Each rep's schedule by week or by month in the table and Markdown reports (default: "
    "by month for a period longer than a quarter, else by week).": (
        "表格和 Markdown "
        "报告中每位销售的计划按周或按月显示（默认：超过一个季度的周期按月，否则按周）。"
    ),
    "this rep has no working days in the period, so an explicit quota cannot be worked": "此销售"
    "在周期内没有工作日，无法完成指定的指标",
    "this rep has no working days in the period and gets no quota": "此销售在周期内没有工作日，"
    "不分配指标",
    "{remaining} is left to share but no rep without an explicit quota has working days": "还有 "
    "{remaining} 待分配，但未指定指标的销售都没有工作日",
    "explicit quotas use up target x stretch; the reps without a quota get 0": "指定指标已用完目标"
    " × 加码系数；未指定指标的销售分到 0",
    "the explicit quotas add up to {explicit}, below the target {target}": "指定指标合计 "
    "{explicit}，低于目标 {target}",
    # breakdown.py
    # -- core: stage records, plausibility, track (issue 8)
    "explicit quotas add up to {explicit}, more than target x stretch = {available}, leaving "
    "nothing for the {count} rep without a quota": "指定指标合计 {explicit}，超过目标 × "
    "加码系数 = {available}，未指定指标的 {count} 位销售分不到指标",
    "{count} rep in the history is not in the plan; their activity counts toward the team's "
    "rates only: {names}": "历史数据中有 {count} 位销售不在计划中，只计入团队转化率：{names}",
    "{team}{period} ({start} – {end}, {count} working day)": "{team}{period}（{start} – {end}，"
    "{count} 个工作日）",
    "{rep} — quota {quota}{currency}, {count} working day{window}": "{rep} — 指标 {quota}"
    "{currency}，{count} 个工作日{window}",
    "Week {week} ({start} – {end}): {count} working day, {left} left from {date}. To date: the "
    "schedule through {today}. Quota {quota}{currency}.": "{week} 周（{start} – {end}）：{count} "
    "个工作日，自 {date} 起还剩 {left} 个。累计至今：截至 {today} 的计划量。"
    "指标 {quota}{currency}。",
    "Rates from {file} ({since} – {until}, {count:,} row, prior {prior})": "转化率来自 {file}"
    "（{since} – {until}，{count:,} 行，先验强度 {prior}）",
    "stretch {value} makes the quotas add up to {value} times the target; did you mean "
    "{value}%?": "加码系数 {value} 使指标合计达到目标的 {value} 倍；是否想写 {value}%？",
    "stretch {value} makes the quotas add up to {value} times the target; over-assignment is "
    "usually 1.05 to 1.25 (105% to 125%)": "加码系数 {value} 使指标合计达到目标的 {value} 倍；"
    "超额分配通常为 1.05 到 1.25（105% 到 125%）",
    "{value} of {above} per unit of {stage} is below 1: an amount per unit, such as 15000, was "
    "expected; is it written the wrong way round?": "每 1 个 {stage} 对应 {value} 的 {above}，"
    "小于 1：这里应是每个单位的金额（如 15000）；是否写反了？",
    "target x stretch is {available}, more than the {limit} a plan can hold": "目标 × 加码系数为 "
    "{available}，超过计划可容纳的上限 {limit}",
    "{rep}: the history gives {stage} a rate of 0 (none of it ever became {above}), so no "
    "amount of it makes the quota; give a rate for it in the plan": "{rep}：历史数据中 {stage} "
    "的转化率为 0（从未转化为 {above}），多少 {stage} 都无法完成指标；请在计划中给出它的转化率",
    "with this rate {rep} needs {required} {stage}, more than the {limit} a plan can hold: the "
    "rate is far too small (or written the wrong way round)": "按此转化率，{rep} 需要 {required}"
    " 个 {stage}，超过计划可容纳的上限 {limit}：转化率过小（或写反了）",
    "unknown country code {code}; use an ISO 3166 code that the holidays package supports, "
    "such as CN, US, DE": "未知的国家代码 {code}；请使用 holidays 包支持的 ISO 3166 代码，如 CN、"
    "US、DE",
    "holiday data for {country} is known only through {through}; {years} is guessed from rules "
    "and may be wrong (list the official days in calendar.holidays and calendar.workdays)": (
        "{country} 的节假日数据只到 {through} 年；{years} 年按规则推算，可能有误（请在 "
        "calendar.holidays 和 calendar.workdays 中列出官方安排）"
    ),
    "the period has no working days": "周期内没有工作日",
    "{value} means one unit of {stage} yields more than one of {above}; a percentage is written "
    "0.30 or 30%": "{value} 表示每 1 个 {stage} 产生多于 1 个 {above}；百分比应写作 0.30 或 30%",
    # cli.py
    # -- command line: output files, pipes, usage errors (issue 8)
    "goalsplit: {count} error in the plan; nothing was written.": "goalsplit：计划文件有 "
    "{count} 处错误；未写出任何内容。",
    "goalsplit: {count} error in the actuals; nothing was written.": "goalsplit：实际数据文件有 "
    "{count} 处错误；未写出任何内容。",
    "goalsplit: {count} error in the history; nothing was written.": "goalsplit：历史数据文件有 "
    "{count} 处错误；未写出任何内容。",
    "{file}: ok: {reps}, {period} ({days}), quotas add up to {share}% of the target": "{file}："
    "通过：{reps}，{period}（{days}），指标合计为目标的 {share}%",
    "{count} rep": "{count} 位销售",
    "{count} working day": "{count} 个工作日",
    ", {count} warning": "，{count} 条警告",
    "goalsplit: the period {period} ended on {end}.": "goalsplit：周期 {period} 已于 {end} 结束。",
    "goalsplit: the period {period} starts on {start}.": "goalsplit：周期 {period} 从 {start} "
    "开始，尚未开始。",
    "expected a percentage from 0 to 1000, got {value}": "应为 0 到 1000 之间的百分比，实际为 "
    "{value}",
    "expected a period such as 2027, 2027-H1, 2027-Q1, 2027-03 or 2027-W05 (years 1900 to 2199), "
    "got {value}": "周期应为 2027、2027-H1、2027-Q1、2027-03 或 2027-W05 这样的形式（年份 1900 到 "
    "2199），实际为 {value}",
    "goalsplit: cannot write {path}: {reason}": "goalsplit：无法写入 {path}：{reason}",
    "refusing to overwrite the plan file {file}": "拒绝覆盖计划文件 {file}",
    "refusing to overwrite the history file {file}": "拒绝覆盖历史数据文件 {file}",
    "refusing to overwrite the actuals file {file}": "拒绝覆盖实际数据文件 {file}",
    "the directory {directory} does not exist": "目录 {directory} 不存在",
    "{directory} is not a directory": "{directory} 不是目录",
    "{path} is read-only; make it writable or choose another file": "{path} 是只读文件；请先设为"
    "可写，或换一个文件",
    "{path}: too many levels of symbolic links": "{path}：符号链接层数过多",
    # help texts
    "Decompose a sales team's revenue target into each rep's daily and weekly actions.\n\n"
    "Exit codes: 0 ok, 1 warnings with --strict, 2 usage error, 3 invalid input file, 70 bug, "
    "74 the output could not be written, 141 closed pipe.": "把销售团队的业绩目标分解为每位销售"
    "每天、每周的行动。\n\n退出码：0 成功，1 有警告且用了 --strict，2 用法错误，3 输入文件无效，"
    "70 程序缺陷，74 无法写出输出，141 管道已关闭。",
    "Show the version and exit.": "显示版本并退出。",
    "The plan file (YAML).": "计划文件（YAML）。",
    "Output format.": "输出格式。",
    "Write the report to this file instead of stdout.": "把报表写入此文件，而不是标准输出。",
    "Language of reports and messages (default: GOALSPLIT_LANG, then the plan's lang:, then the "
    "locale).": "报表和提示的语言（默认：GOALSPLIT_LANG，其次是计划文件的 lang:，再次是系统区域"
    "设置）。",
    "Show only this rep (repeatable); quotas are still shared across the whole team.": "只显示"
    "这位销售（可重复）；指标仍在全队范围内分配。",
    "Exit with 1 when the plan has warnings.": "计划有警告时以 1 退出。",
    "Work out each rep's quota and daily and weekly stage targets.": "算出每位销售的指标，以及"
    "每天、每周各阶段的目标。",
    "Add each rep's targets per working day.": "加上每位销售每个工作日的目标。",
    "A rep's card: today's targets, this week's, and where the period stands.": "销售的当日卡片："
    "今天的目标、本周的目标和本期进度。",
    "Whose card (may be left out when the plan has one rep).": "谁的卡片（计划只有一位销售时可"
    "省略）。",
    "The day to show (default: today, local date).": "要显示的日期（默认：今天，本地日期）。",
    "Plan against actuals: who is behind, the catch-up pace, and the weak stage.": "计划对比实际："
    "谁落后、追赶所需的节奏、薄弱的阶段。",
    "What was done: date, rep and any stage columns.": "实际完成情况：日期、销售以及任意阶段列。",
    "Progress through this day (default: the last date in the actuals).": "统计到这一天的进度"
    "（默认：实际数据中的最后日期）。",
    "Exit with 1 when a rep's revenue to date is below PCT% of the plan to date (0 to 1000).": (
        "有销售的累计业绩低于累计计划的 PCT% 时以 1 退出（0 到 1000）。"
    ),
    "Each rep's and the team's rates from past activity: raw, used, sample, thin data.": "根据"
    "过往数据得出每位销售和团队的转化率：原始值、采用值、样本量、数据是否过少。",
    "A history CSV: rep, date or month, one column per stage.": "历史数据 CSV：销售、日期或月份，"
    "每个阶段一列。",
    "Take the funnel stages and labels from this plan.": "从这个计划文件中取漏斗阶段和名称。",
    "Use rows from this day on.": "只用这一天及之后的行。",
    "Use rows up to this day.": "只用这一天及之前的行。",
    "Prior strength, in count equivalents per stage.": "先验强度，以每个阶段的计数单位计。",
    "Output format (yaml: a block to paste into a plan).": "输出格式（yaml：可粘贴进计划文件的"
    "一段）。",
    "Validate plan files without printing a report (for CI).": "只校验计划文件，不输出报表（用于 "
    "CI）。",
    "Plan files to validate.": "要校验的计划文件。",
    "Write a commented starter plan for this quarter (or the --period given).": "写出一个带注释的"
    "入门计划文件，周期为本季度（或 --period 指定的周期）。",
    "Where to write the starter plan.": "入门计划文件的写入位置。",
    "The plan's period: 2027, 2027-H1, 2027-Q1, 2027-03 or 2027-W05 (default: this quarter).": (
        "计划的周期：2027、2027-H1、2027-Q1、2027-03 或 2027-W05（默认：本季度）。"
    ),
    "Overwrite the file if it exists.": "文件已存在时覆盖它。",
    "Print the plan file's JSON Schema (draft-07), for editor completion and validation.": "输出"
    "计划文件的 JSON Schema（draft-07），供编辑器补全和校验。",
    "Show this message and exit.": "显示此帮助并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": "显示当前"
    " shell 的补全脚本，可复制或自定义安装。",
    # typer's and click's framing
    "Usage: ": "用法：",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Error": "错误",
    "[default: {}]": "[默认：{}]",
    "[required]": "[必填]",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} "
    "{help_option}'[/] 查看帮助。",
    "Aborted.": "已中止。",
    "Invalid value for {name}: {detail}": "{name} 的取值无效：{detail}",
    "Invalid value: {detail}": "取值无效：{detail}",
    "Missing argument {name}.": "缺少参数 {name}。",
    "Missing option {name}.": "缺少选项 {name}。",
    "Missing parameter {name}.": "缺少参数 {name}。",
    "No such option: {name} (did you mean {options}?)": "没有选项 {name}（是否想用 {options}？）",
    "No such option: {name}": "没有选项 {name}",
    "No such command {name}; did you mean {options}?": "没有命令 {name}；是否想用 {options}？",
    "No such command {name}.": "没有命令 {name}。",
    "Missing command.": "缺少命令。",
    "Unexpected extra arguments: {args}": "多余的参数：{args}",
    "Option {name} requires a value.": "选项 {name} 需要一个值。",
    "Option {name} requires {count} values.": "选项 {name} 需要 {count} 个值。",
    "Option {name} does not take a value.": "选项 {name} 不接受取值。",
    "{path} does not exist": "{path} 不存在",
    "{path} is a directory": "{path} 是目录",
    "{path} is a file": "{path} 是文件",
    "{path} is not readable": "{path} 不可读",
    "{value} is not one of {choices}": "{value} 不是以下之一：{choices}",
    "must be at least {bound}": "必须至少为 {bound}",
    "must be greater than {bound}": "必须大于 {bound}",
    "must be a whole number": "必须是整数",
    "must be a number": "必须是数字",
    "{value} is not a whole number": "{value} 不是整数",
    "{value} is not in the range {range}": "{value} 不在范围 {range} 之内",
    "no rep named {names}; the reps are: {reps}": "没有名为 {names} 的销售；销售有：{reps}",
    "cannot write {path}: {reason}": "无法写入 {path}：{reason}",
    "goalsplit: internal error; this is a bug, please report it with the traceback above.": (
        "goalsplit：内部错误；这是程序缺陷，请连同上面的回溯信息一起报告。"
    ),
    # render/table.py
    "Rep": "销售",
    "Days": "天数",
    "Quota": "指标",
    "Week": "周",
    "Date": "日期",
    "Total": "合计",
    "Team": "团队",
    "Shown": "所列",
    "Stage columns: average per working day.": "各阶段列：每个工作日的平均值。",
    "Quotas add up to {allocated} = {share}% of the target {target} (stretch {stretch})": (
        "指标合计 {allocated} = 目标 {target} 的 {share}%（加码系数 {stretch}）"
    ),
    "The quotas must add up to at least the target.": "指标合计至少要达到目标。",
    "* explicit quota; the others share the rest by weight × working days.": "* 指定指标；其余"
    "销售按 权重 × 工作日 分配剩余部分。",
    "rates: {rates}": "转化率：{rates}",
    "{rep} — by working day": "{rep} — 按工作日",
    # cli.py (today, init)
    # -- calendar, today's card, safe output (issue 8)
    "outside the range a plan accepts; adjust by hand": "超出计划可接受的范围；请手动调整",
    "Working day?": "是否工作日",
    "Kind of day": "日期类型",
    "Working day no.": "第几个工作日",
    "Working days in period": "全期工作日数",
    "yes": "是",
    "no": "否",
    "calendar: weekends only ({weekend}), no public holidays": "日历：仅周末休息（{weekend}），"
    "无法定节假日",
    "calendar: no weekend, no public holidays": "日历：无周末，无法定节假日",
    "{country} ({code})": "{country}（{code}）",
    ", {subdivision} ({code})": "，{subdivision}（{code}）",
    "calendar: {place}": "日历：{place}",
    "{count} public holiday": "{count} 个法定节假日",
    "{count} make-up workday": "{count} 个调休上班日",
    "weekend: {weekend}": "周末：{weekend}",
    "no weekend": "无周末",
    "+{count} day off": "另有 {count} 个全员休息日",
    "+{count} workday": "另有 {count} 个额外工作日",
    "unknown country code {code}; did you mean {matches}?": "未知的国家代码 {code}；"
    "是不是指 {matches}？",
    "the holidays package has no subdivisions for {name} ({code}); write country: {code}": (
        "holidays 包没有 {name}（{code}）的地区划分；请写 country: {code}"
    ),
    "{name} ({code}) has no subdivision {subdivision}; the holidays package knows: {valid}": (
        "{name}（{code}）没有地区 {subdivision}；holidays 包支持：{valid}"
    ),
    "choose a rep; the reps are: {reps}": "请选择一位销售；销售有：{reps}",
    "{date} is outside the period {start}..{end}": "{date} 不在周期 {start}..{end} 之内",
    "{path} exists; use --force to overwrite it": "{path} 已存在；如需覆盖请加 --force",
    "Wrote {path}; next: goalsplit check {path}": "已写入 {path}；下一步：goalsplit check {path}",
    # render/report.py (today)
    "{date} ({weekday}) is not a working day for {rep}: {reason}. Here is the next one, {next} "
    "({next_weekday}).": "{date}（{weekday}）不是 {rep} 的工作日：{reason}。下面是下一个工作日 "
    "{next}（{next_weekday}）。",
    "{date} ({weekday}) is not a working day for {rep}: {reason}. None is left in {period}.": (
        "{date}（{weekday}）不是 {rep} 的工作日：{reason}。{period} 内也没有剩余的工作日。"
    ),
    " ({kind})": "（{kind}）",
    "working day": "工作日",
    "make-up working day": "调休上班日",
    "extra working day (calendar.workdays)": "额外工作日（calendar.workdays）",
    "public holiday: {holiday}": "法定节假日：{holiday}",
    "weekend": "周末",
    "a day off for everyone (calendar.holidays)": "全员休息日（calendar.holidays）",
    "{rep} is on leave": "{rep} 休假",
    "{rep} starts on {start}": "{rep} 于 {start} 入职",
    "{rep}'s last day was {end}": "{rep} 的最后一天是 {end}",
    "{rep} — {weekday} {date}, working day {day} of {days}": "{rep} — {date} {weekday}，第 {day} "
    "个工作日，共 {days} 个",
    "{rep} — {period}": "{rep} — {period}",
    "Stage": "阶段",
    "Today": "今日",
    "Week {week}": "本周 {week}",
    "To date": "累计至今",
    "Period": "全期",
    # render/csv.py
    # -- issue 10: feasibility, what-if
    "^ = the daily floor lifts the funnel's number (floors: {floors})": "^ = 每日下限高于漏斗"
    "推算的数（下限：{floors}）",
    "A column of --set values, separated by ';' (repeatable).": "一列 --set 取值，用 ';' 分隔"
    "（可重复）。",
    "A scenario of the plan to show (repeatable; default: all of them).": "要显示的计划场景（可"
    "重复；默认全部）。",
    "Change a value of the plan for this run, as if the file said so (repeatable): "
    "stretch=1.2, rates.dials=40%, reps.NAME.weight=2.": "本次运行修改计划中的一个值，如同改了"
    "文件（可重复）：stretch=1.2、rates.dials=40%、reps.姓名.weight=2。",
    "Lay the plan's scenario NAME (under scenarios:) over it for this run.": "本次运行套用计划中"
    "名为 NAME 的场景（scenarios: 下）。",
    "Stage rows: average per working day. Capacity: ✓ fits, ✗ the busiest day needs more than "
    "the capacity, – no capacity set.": "阶段行：每工作日平均。产能：✓ 可行，✗ 最忙的一天超出产能，"
    "– 未设置产能。",
    "The plan under several scenarios side by side: each rep's quota, daily targets and "
    "whether the days fit their capacity.": "并排比较计划的几个场景：每位销售的指标、每日目标，以及"
    "是否在产能之内。",
    "plan": "计划",
    "the plan has no scenarios: give --scenario NAME or --case": "计划没有场景（scenarios:）："
    "请给出 --scenario 名称 或 --case",
    "{setting}: the plan has no list of reps": "{setting}：计划中没有销售列表",
    "{setting}: {key} has no item {item} (the items are 0 to {last})": "{setting}：{key} 没有"
    "第 {item} 项（项为 0 到 {last}）",
    "{setting}: {key} holds a single value, not keys": "{setting}：{key} 是单个值，下面没有键",
    "{team}{period}: scenarios side by side": "{team}{period}：场景对比",
    "expected KEY=VALUE with a dotted KEY such as rates.dials, got {value}": "应为 键=值，键用点"
    "分隔，如 rates.dials，实际为 {value}",
    "{setting}: the value is not one YAML value; quote it": "{setting}：值不是一个 YAML 值；"
    "请加引号",
    "the plan has no scenarios: (asked for {name})": "计划没有场景（scenarios:）（要求的是 "
    "{name}）",
    "no scenario named {name}; the plan has: {known}": "没有名为 {name} 的场景；计划中有：{known}",
    "{setting}: give a key of the rep, such as {key}.weight": "{setting}：请给出该销售的某个键，"
    "如 {key}.weight",
    "{setting}: no rep named {name}; the reps are: {reps}": "{setting}：没有名为 {name} 的销售；"
    "销售有：{reps}",
    "{setting}: no rep named {name}, and by position the reps are 0 to {last}: {reps}": (
        "{setting}：没有名为 {name} 的销售，按位置销售编号为 0 到 {last}：{reps}"
    ),
    "At capacity": "满负荷可达",
    "At capacity the team reaches {reachable} = {share} of the target {target}, short by "
    "{gap}.": "按产能团队可完成 {reachable}，为目标 {target} 的 {share}，差 {gap}。",
    "At capacity the team reaches {reachable} = {share} of the target {target}.": "按产能团队"
    "可完成 {reachable}，为目标 {target} 的 {share}。",
    "At capacity: the funnel run forwards from the stage that limits the rep most, at the "
    "rep's rates, over the rep's working days.": "满负荷可达：从最受限的阶段按个人转化率正向推算，"
    "乘以个人工作日。",
    "Capacity": "产能",
    "Everyone's daily capacity of a stage, in place of the plan's (repeatable).": "所有人某阶段"
    "的每日产能，代替计划中的设置（可重复）。",
    "Feasible": "可行",
    "What each rep and the team can make at capacity: the funnel run forwards.": "每位销售和"
    "团队满负荷能完成多少：漏斗正向推算。",
    "of quota": "占指标",
    "the plan sets no capacity: give one with --per-day STAGE=N (e.g. {stage}=120) or "
    "capacity: in the plan": "计划没有设置产能：用 --per-day 阶段=数量（如 {stage}=120）或在计划中"
    "写 capacity:",
    "{count} more rep at full pace ({per_rep} each) would close the gap.": "再增加 {count} 名"
    "满负荷的销售（每人 {per_rep}）可补上缺口。",
    "{rep}: {peak} {stage} on the busiest day, above the capacity of {capacity}; at capacity "
    "the quota would be {quota}.": "{rep}：最忙的一天需要 {peak} 个{stage}，超过 {capacity} "
    "的产能；按产能指标应为 {quota}。",
    "{stage} {capacity}/day": "{stage} 每天 {capacity}",
    "{team}{period}: what each rep can make at capacity": "{team}{period}：每位销售满负荷能完成"
    "多少",
    "{value}: expected STAGE=N with N a whole number above 0": "{value}：应为 阶段=数量，数量为"
    "大于 0 的整数",
    "{value}: no stage named {name}; the stages are {stages}": "{value}：没有名为 {name} 的阶段；"
    "阶段有 {stages}",
    "{rep} needs {peak} {stage} on the busiest day, more than the capacity of {capacity} a "
    "day; it fits with a quota of {quota}, or {stage} → {above} at {rate} (now {current}), or "
    "{count} more working day": "{rep} 最忙的一天需要 {peak} 个{stage}，超过每天 {capacity} "
    "的产能；可行的办法：指标降到 {quota}，或 {stage} → {above} 的转化率提高到 {rate}（现为 "
    "{current}），或再加 {count} 个工作日",
    "{rep} needs {peak} {stage} on the busiest day, more than the capacity of {capacity} a "
    "day; it fits with a quota of {quota}, or {stage} → {above} at {rate} (now {current}), or "
    "with the days weighing more evenly": "{rep} 最忙的一天需要 {peak} 个{stage}，超过每天 "
    "{capacity} 的产能；可行的办法：指标降到 {quota}，或 {stage} → {above} 的转化率提高到 "
    "{rate}（现为 {current}），或让各天的权重更均匀",
    "at capacity the team reaches {reachable} of the target {target} ({share}%), short by "
    "{gap}; give the team a capacity: to count the reps it would take": "按产能团队可完成 "
    "{reachable}，目标 {target}（{share}%），差 {gap}；设置团队的 capacity: 才能算出需要增加的"
    "人数",
    "at capacity the team reaches {reachable} of the target {target} ({share}%); {count} more "
    "rep at full pace ({per_rep} each in {days} working days at the team's rates and capacity) "
    "would close the gap of {gap}": "按产能团队可完成 {reachable}，目标 {target}（{share}%）；"
    "再增加 {count} 名满负荷的销售（按团队转化率和产能，{days} 个工作日每人 {per_rep}）可补上 "
    "{gap} 的缺口",
    "{rep} needs up to {need} {stage} a day and no capacity is set for it: is a rate written "
    "the wrong way round? (capacity: {{{key}: …}} checks that a day can do it)": "{rep} 每天"
    "最多需要 {need} 个{stage}，且未设置产能：是否有转化率写反了？（用 capacity: {{{key}: …}} "
    "检查一天能否做到）",
    "{name} is the result; floors and capacity are daily amounts of the stages below it: "
    "{stages}": "{name} 是结果阶段；floors 和 capacity 是其下各阶段的每日数量：{stages}",
    "the floor of {floor} {stage} a day is above the capacity of {capacity}: no day can meet "
    "both": "每天 {floor} 个{stage}的下限高于 {capacity} 的产能：任何一天都无法同时满足",
    "{rep}'s quota needs {total} {stage} in the whole period, less than one day's floor of "
    "{floor}: is the quota (or the floor) a typo?": "{rep} 的指标整期只需要 {total} 个{stage}，"
    "少于一天的下限 {floor}：指标（或下限）是否写错了？",
    "Label": "名称",
    "Unit": "单位",
    "Working days": "工作日",
    "Exact total": "精确总量",
    "Per working day": "每工作日",
    "Card date": "卡片日期",
    "Week target": "本周目标",
    "* = own": "* = 本人设定",
    "h = own history": "h = 本人历史",
    "t = team history": "t = 团队历史",
    "* explicit quota, kept as is.": "* 指定指标，保持不变。",
    "Quotas shared by weight × revenue per working day in history × working days.": (
        "指标按 权重 × 历史每工作日业绩 × 工作日 分配。"
    ),
    "note: ": "提示：",
    # history (load.py, history.py, breakdown.py, model.py)
    # -- issue 12: views, xlsx, html
    "goalsplit: reading {file} needs the reports extra (python-calamine is not installed): "
    "pip install 'goalsplit[reports]'": "goalsplit：读取 {file} 需要 reports 扩展（未安装 "
    "python-calamine）：pip install 'goalsplit[reports]'",
    "The sheet to read when the file is an Excel workbook (default: the first).": (
        "文件为 Excel 工作簿时读取的工作表（默认：第一个）。"
    ),
    "--sheet {sheet} is for a workbook (.xlsx); this file is CSV": "--sheet {sheet} "
    "用于工作簿（.xlsx）；此文件是 CSV",
    "a sheet is for a workbook (.xlsx); {path} is CSV": "sheet 用于工作簿（.xlsx）；{path} 是 CSV",
    "goalsplit: {count} error in the plan's scenarios; nothing was written.": (
        "goalsplit：计划的情景中有 {count} 处错误；未写出任何内容。"
    ),
    "not an Excel workbook: {reason}": "不是 Excel 工作簿：{reason}",
    "the workbook unpacks to more than {max} MB, the most a history or actuals file may "
    "hold": "工作簿解压后超过 {max} MB，超出历史数据或实际数据文件的上限",
    "reading .xlsx needs the reports extra: pip install 'goalsplit[reports]'": "读取 .xlsx "
    "需要 reports 扩展：pip install 'goalsplit[reports]'",
    "no sheet named {sheet}; the sheets are: {sheets}": "没有名为 {sheet} 的工作表；"
    "现有工作表：{sheets}",
    "the sheet {sheet} holds no cells ({reason})": "工作表 {sheet} 中没有单元格（{reason}）",
    "Quota per rep": "每位销售的指标",
    "Charts per rep are drawn for teams of up to {count} reps; the xlsx format charts every "
    "rep.": "每位销售的图表仅在团队不超过 {count} 人时绘制；xlsx 格式为每位销售绘制图表。",
    "an {format} workbook is binary: write it to a file with -o FILE.{format}": (
        "{format} 工作簿是二进制文件：请用 -o FILE.{format} 写入文件"
    ),
    "goalsplit: --format {format} needs the reports extra ({module} is not installed): pip "
    "install 'goalsplit[reports]'": "goalsplit：--format {format} 需要 reports 扩展（未安装 "
    "{module}）：pip install 'goalsplit[reports]'",
    "{rep} — the funnel for the period": "{rep} — 本期漏斗",
    "{rep} — targets by month": "{rep} — 每月目标",
    "{rep} — targets by week": "{rep} — 每周目标",
    "Plan to date against actual": "截至目前：计划与实际",
    "{rep} — % of plan to date by stage": "{rep} — 各阶段完成率（占截至目前计划）",
    "{rep} — plan against actual": "{rep} — 计划与实际",
    "{rep} — burn-up: plan to date against actual": "{rep} — 累计：计划与实际",
    "Data": "数据",
    "Reps": "销售",
    "history file {path} not found (a path relative to the plan file)": "找不到历史数据文件 "
    "{path}（路径相对于计划文件）",
    "missing columns: {missing}; the header has: {header}": "缺少列：{missing}；表头为：{header}",
    "the history has no rows in the window {since}..{until}": "历史数据在 {since}..{until} "
    "内没有记录",
    "the history window is empty: since {since} is after until {until}": "历史数据窗口为空："
    "since {since} 晚于 until {until}",
    "the rep's name is empty": "销售姓名为空",
    "{header}: {value} is negative": "{header}：{value} 是负数",
    "{header}: {value} is not a number": "{header}：{value} 不是数字",
    "{value} is not a date written YYYY-MM-DD": "{value} 不是 YYYY-MM-DD 格式的日期",
    "{value} is not a month written YYYY-MM": "{value} 不是 YYYY-MM 格式的月份",
    "no data for {stages}: the team's total is zero in {since}..{until}, so no rate can be "
    "drawn": "{stages} 没有数据：团队在 {since}..{until} 的合计为零，无法得出转化率",
    "no data for {stage} in the history: its team total is zero, and the plan gives no team "
    "rate for it": "历史数据中没有 {stage} 的数据：团队合计为零，计划中也没有给出团队转化率",
    "{rep} had no revenue in the history, so allocation: history gives them no share": "{rep} "
    "在历史数据中没有业绩，因此按历史分配时分不到指标",
    # render (rates)
    "Rates from {file} ({since} – {until}, {rows} rows, prior {prior})": "转化率来自 {file}"
    "（{since} – {until}，{rows} 行，先验强度 {prior}）",
    "Team rate": "团队转化率",
    "Sample": "样本量",
    "A rate is the stage above per unit of this stage; the sample is this stage's total.": (
        "转化率 = 每 1 个本阶段产生的上一阶段数量；样本量为本阶段合计。"
    ),
    "Raw": "原始",
    "Used": "采用",
    "Each rep's rates (used = shrunk toward the team's rate)": "每位销售的转化率（采用值 = "
    "向团队转化率收缩后的值）",
    "thin: the rep's own sample weighs less than the prior, so the team's rate dominates; no "
    "data: the team's rate is used as is.": "数据少：本人样本的权重低于先验，以团队转化率为主；"
    "无数据：直接采用团队转化率。",
    "no data": "无数据",
    "thin": "数据少",
    "Stage above": "上一阶段",
    "Prior": "先验",
    "Thin": "数据少",
    "(team)": "（团队）",
    "cannot read {file}: {reason}": "无法读取 {file}：{reason}",
    "the file is empty": "文件为空",
    # track
    # -- issue 11: the review loop
    "seasonality: history is written out as the month weights it gave (six significant "
    "digits).": "seasonality: history 按其得出的各月权重写出（六位有效数字）。",
    "carve_out: left out where it would leave nothing of the new target to decompose: "
    "{names}": "carve_out：若剥离后新目标已无可分解部分，则不保留：{names}",
    "Add the review: one row per week or month up to the as-of date.": "加上复盘表：截至统计日"
    "每周或每月一行。",
    "Tier": "梯队",
    "top": "头部",
    "middle": "中部",
    "bottom": "尾部",
    "#: rank by % of plan to date. Tiers: top {top}, middle {middle}, bottom {bottom} of the "
    "team.": "#：按累计计划完成率排名。梯队：头部 {top}、中部 {middle}、尾部 {bottom}。",
    "expected three shares, top, middle and bottom, that add up to 100% (such as [20%, 70%, "
    "10%]), got {value}": "应为头部、中部、尾部三个比例，合计 100%（如 [20%, 70%, 10%]），"
    "实际为 {value}",
    "{above} per unit of {stage}": "每单位{stage}的{above}",
    "{above} per {stage}": "每个{stage}的{above}",
    "{conversion} {actual} against {planned}": "{conversion} {actual}（计划 {planned}）",
    "quantity: {activity} {actual} of {planned} ({pct})": "量不足：{activity} 完成 {actual}，"
    "计划 {planned}（{pct}）",
    "quality: {named}": "质量问题：{named}",
    "quality, spread over several stages; the costliest: {named}": "质量问题，分散在多个阶段；"
    "损失最大的是：{named}",
    "behind; the actuals lack the columns to tell why": "落后；实际数据缺少判断原因所需的列",
    "{rep} — {diagnosis}": "{rep} — {diagnosis}",
    "{row}: {diagnosis}": "{row}：{diagnosis}",
    "Behind on quality, spread over several stages: {count} conversions are below plan, none "
    "far enough to be weak on its own. The costliest is {named} (team {team}): it cost {lost} "
    "of revenue so far.": "质量问题，分散在多个阶段：有 {count} 个转化率低于计划，单看都不算"
    "偏弱。损失最大的是 {named}（团队 {team}）：至今少了 {lost} 的业绩。",
    "Behind on quality: {named} (team {team}): nothing has converted yet, so no amount of extra "
    "{activity} makes up for it at this rate; fix this stage first.": "质量问题：{named}"
    "（团队 {team}）：至今没有任何转化，按此转化率多做多少{activity}都补不回来；请先解决这个"
    "阶段。",
    "Behind on quality: {named} (team {team}); at this rate the rest of the period needs {extra} "
    "more {activity} ({per_day} a day).": "质量问题：{named}（团队 {team}）；按此转化率，本期"
    "剩余时间需多做 {extra} 个{activity}（每天 {per_day}）。",
    "Behind, and the actuals lack the columns to tell quantity from quality: add the {activity} "
    "column and the stages above it.": "落后，但实际数据缺少区分量与质量所需的列：请加上"
    "{activity}列及其上各阶段的列。",
    "the actuals end on {last}: the days after it, up to {as_of}, count as nothing done": "实际"
    "数据截至 {last}：此后到 {as_of} 的日子按未完成计",
    "the actuals have no rows in the period: nothing done is counted": "实际数据在本期内没有记录："
    "按未完成计",
    "{count} rep is not in the plan and was left out: {names}": "{count} 位销售不在计划中，"
    "已略过：{names}",
    "{count} rep of the plan has no rows, so nothing done is counted: {names}": "计划中有 {count}"
    " 位销售没有记录，按未完成计：{names}",
    "{count} row dated after the period ({end}) was left out": "{count} 行的日期在本期结束"
    "（{end}）之后，已略过",
    "{count} row dated before the period ({start}) was left out": "{count} 行的日期在本期开始"
    "（{start}）之前，已略过",
    "{count} rep has rows dated outside their days in the plan; what they did then is "
    "counted: {names}": "{count} 位销售有日期在其计划在岗期之外的记录，这些记录照常计入：{names}",
    "Stage columns: % of the plan. * unfinished: held to its plan through {date}.": "各阶段列："
    "计划完成率。* 未结束：对照截至 {date} 的计划。",
    "{who} — week by week": "{who} — 逐周",
    "{who} — month by month": "{who} — 逐月",
    "Start": "开始",
    "End": "结束",
    "Through": "统计至",
    "Row plan": "本行全部计划",
    "Classification": "诊断类别",
    "Weakest stage": "薄弱阶段",
    # today --actuals (the evening card) and --share
    "The evening card: what was done today, this week and so far against the targets, and the "
    "catch-up pace.": "晚间卡片：今天、本周和本期累计的完成情况对比目标，以及追赶所需的节奏。",
    "With --actuals: a short plain-text message for the team's chat group.": "配合 --actuals："
    "输出一段简短的纯文本，发到团队群里（晚分享）。",
    "--share needs --actuals: it reports what was done": "--share 需要 --actuals：它报告的是"
    "完成情况",
    "{rep} has no rows, so nothing done is counted": "{rep} 没有记录，按未完成计",
    "{rep} — {weekday} {date}, working day {day} of {days}: the day's result": "{rep} — {date} "
    "{weekday}，第 {day} 个工作日，共 {days} 个：当日结果",
    "{rep} — {weekday} {date} ({kind}): the day's result": "{rep} — {date} {weekday}"
    "（{kind}）：当日结果",
    "Done": "完成",
    "Week to date": "本周累计计划",
    "Week done": "本周完成",
    "Done to date": "累计完成",
    "Week {week} and To date: the schedule through {date}. Needed/day: what each of the {count} "
    "working day left needs now to still make the quota {quota}{currency}.": "本周 {week} 和"
    "累计至今：截至 {date} 的计划量。每日所需：剩余 {count} 个工作日每天需完成多少，才能达成指标 "
    "{quota}{currency}。",
    "{status}: {stage} {actual} of {planned} planned to date ({pct}).": "{status}：{stage} 完成 "
    "{actual}，累计计划 {planned}（{pct}）。",
    "Tomorrow, {weekday} {date}: {targets}.": "明日 {date} {weekday}：{targets}。",
    "Next working day, {weekday} {date}: {targets}.": "下一个工作日 {date} {weekday}：{targets}。",
    "No working day is left in {period}.": "{period} 内已没有剩余的工作日。",
    "{weekday} {date}": "{date} {weekday}",
    "{rep} · {day} (working day {number} of {days})": "{rep} · {day}（第 {number} 个工作日，"
    "共 {days} 个）",
    "{rep} · {day} ({kind})": "{rep} · {day}（{kind}）",
    "Today: {numbers}": "今日：{numbers}",
    "Week {week} so far: {numbers}": "本周 {week} 累计：{numbers}",
    "Period so far: {stage} {actual}/{planned} ({pct}), {status}": "本期累计：{stage} "
    "{actual}/{planned}（{pct}），{status}",
    "Tomorrow, {day}: {numbers}": "明日 {day}：{numbers}",
    "Next working day, {day}: {numbers}": "下一个工作日 {day}：{numbers}",
    "To catch up: {stage} {amount} a day for the {days} working days left.": "追赶：剩余 {days} "
    "个工作日每天需 {stage} {amount}。",
    # replan
    "Write a new plan for the rest of the period: the target still missing, re-split over the "
    "reps with days left, rates refreshed from the actuals.": "为本期剩余时间写出新计划：尚未完成"
    "的目标在还有工作日的销售之间重新分配，转化率按实际数据更新。",
    "Write the new plan to this file instead of stdout (never over an input).": "把新计划写入此"
    "文件，而不是标准输出（不会覆盖输入文件）。",
    "Wrote {path}; next: goalsplit plan {path}": "已写入 {path}；下一步：goalsplit plan {path}",
    "no rep has a working day left after {date}": "{date} 之后没有销售还有工作日",
    "no working day is left after {date} in {period}": "{period} 在 {date} 之后已没有工作日",
    "nothing is left to re-plan: {revenue} of revenue to date makes the target {target}": "没有"
    "需要重新规划的：累计业绩 {revenue} 已达成目标 {target}",
    "the actuals have no {stage} column: the revenue to date is needed to re-plan": "实际数据"
    "没有 {stage} 列：重新规划需要累计业绩",
    "Re-plan of {file} as of {date}, written by goalsplit replan.": "{file} 截至 {date} 的重新"
    "规划，由 goalsplit replan 生成。",
    "Period: the rest of {period}, {start} – {end}.": "周期：{period} 的剩余部分，{start} – "
    "{end}。",
    "Target: {target} - {revenue} of revenue to date = {left}; stretch as before.": "目标：{target}"
    " - 累计业绩 {revenue} = {left}；加码系数不变。",
    "Quotas, explicit: what each rep still owes of their quota, plus a share of what the reps "
    "without working days left did not deliver (weight x working days left).": "指标（指定）："
    "每位销售尚未完成的指标，加上已无工作日的销售未完成部分的分摊（按 权重 × 剩余工作日）。",
    "{quota} - {revenue} = {owed}": "{quota} - {revenue} = {owed}",
    "past the benchmark ({revenue} of {quota}): their pace over the days left, {owed}": "已超过"
    "标杆档（{quota} 中完成 {revenue}）：按本人速度计算剩余工作日，{owed}",
    "past the quota ({revenue} of {quota}): raised to the next tier, {tier}, {owed} more": "已"
    "完成指标（{quota} 中完成 {revenue}）：提升到下一档（{tier}），再做 {owed}",
    " + {share} re-split": " + 分摊 {share}",
    "{rep}: {how} -> {quota} over {count} working day": "{rep}：{how} -> {quota}，{count} 个工作日",
    "Left: {rep} (last day {end}); {amount} of their quota not delivered, re-split above.": (
        "离职：{rep}（最后一天 {end}）；指标中未完成的 {amount} 已在上面分摊。"
    ),
    "Dropped: {rep}, no working day left (leave); {amount} of their quota not delivered, "
    "re-split above.": "移出：{rep}，已无工作日（休假）；指标中未完成的 {amount} 已在上面分摊。",
    "Rates: each rep's own for every stage, from the actuals through {date}, shrunk toward the "
    "plan's rates (prior {prior}, as goalsplit rates does).": "转化率：每位销售各阶段的个人转化"
    "率，取自截至 {date} 的实际数据，并向计划转化率收缩（先验强度 {prior}，与 goalsplit rates "
    "相同）。",
    "history: and allocation: are left out: the quotas and rates replace them.": "未保留 "
    "history: 和 allocation:：上面的指标和转化率取代了它们。",
    "{period} from {date}": "{period}（{date} 起）",
    "{date} is before the period starts ({start})": "{date} 早于周期开始日（{start}）",
    "goalsplit: below {threshold}% of the revenue planned to date: {reps}": "goalsplit：业绩低于"
    "计划进度 {threshold}% 的销售：{reps}",
    "{team}{period}: progress as of {date} (working day {day} of {days})": "{team}{period}："
    "截至 {date} 的进度（第 {day} 个工作日，共 {days} 个）",
    "Plan: the schedule to date. Needed/day: revenue per remaining working day to still make "
    "the quota.": "计划：截至当日的计划量。每日所需：剩余每个工作日需完成的业绩，才能达成指标。",
    "Team: {actual} of the {quota} in quotas so far ({attainment}); ahead: {ahead}; on track: "
    "{on_track}; behind: {behind}.": "团队：已完成 {actual}，指标合计 {quota}（{attainment}）；"
    "领先 {ahead} 人，正常 {on_track} 人，落后 {behind} 人。",
    "{rep} — {status}, working day {day} of {days}": "{rep} — {status}，第 {day} 个工作日，"
    "共 {days} 个",
    "{rep} — conversion so far": "{rep} — 目前的转化率",
    "A rate is judged once its sample reaches {sample} count equivalents.": "样本量达到 {sample}"
    " 个计数单位后才评判转化率。",
    "Plan": "计划",
    "Actual": "实际",
    "Gap": "差距",
    "Status": "状态",
    "Diagnosis": "诊断",
    "Needed/day": "每日所需",
    "Plan/day": "计划每日",
    "Actual rate": "实际转化率",
    "Planned rate": "计划转化率",
    "As of": "截至",
    "ahead": "领先",
    "on track": "正常",
    "behind": "落后",
    "weak": "偏弱",
    "too few": "样本少",
    "solid": "达标",
    "high performer": "高绩效",
    "benchmark": "标杆",
    "Behind on quantity: {activity} {actual} of {planned} planned so far ({pct}).": "量不足："
    "{activity} 完成 {actual}，计划 {planned}（{pct}）。",
    "No working days left: the quota was missed by {amount}.": "已无剩余工作日：指标差 {amount} "
    "未完成。",
    "Ahead: at this pace {projected} ({attainment} of the quota); offer the next tier, {tier}: "
    "{suggested}.": "领先：按当前速度可达 {projected}（指标的 {attainment}）；建议提升到下一档"
    "（{tier}）：{suggested}。",
    "Ahead: at this pace {projected} ({attainment} of the quota), past the benchmark tier.": (
        "领先：按当前速度可达 {projected}（指标的 {attainment}），已超过标杆档。"
    ),
    # -- fuzz: what the fuzz suite found
    "cycle: a sales cycle is shorter than its period: cut to {cycle}, one less than the "
    "working days left ({days})": "cycle：销售周期须短于周期本身：缩短为 {cycle}，比剩余工作日"
    "（{days}）少一天",
}
