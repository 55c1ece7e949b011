"""The commented starter plan written by ``goalsplit init``."""

from __future__ import annotations

from datetime import date, timedelta

_EN = """\
# goalsplit plan (format version 1). Check it with: goalsplit check {path}
# Editor completion and validation: goalsplit schema > goalsplit.schema.json, then keep
# the next line (yaml-language-server, used by VS Code's YAML extension and others).
# yaml-language-server: $schema=goalsplit.schema.json
# lang: en                    # en or zh for reports (--lang, GOALSPLIT_LANG win)
team: My team                 # a label for reports
currency: USD                 # shown next to money
period: {period} # 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W05, {{start: .., end: ..}}
calendar:
  country: US                 # public holidays (and official make-up workdays, e.g. CN)
  weekend: [sat, sun]
  holidays: []                # extra days off for everyone: [{day_off}, {days_off}]
  workdays: []                # extra working days for everyone
target: 300000                # the team's revenue target for the period
stretch: 1.1                  # quotas add up to target x stretch (sub-goals above the goal)
# tiers: [30%, 60%, 10%]      # track's ranking: top, middle, bottom (default 2-7-1)
# Shaping the period in time (all optional):
# seasonality: {{1: 0.8, 2: 0.5, 11: 1.4}}  # a day's weight by month (others 1), or: history
# ramp: [25%, 50%, 75%]       # a new rep's pace by month of tenure (hired: or start:), then 100%
# carve_out: [{{name: New product, amount: 30000}}]  # taken off the target first: a bonus
# buffer: 10%                 # run ahead of pace, to be done before the period's last weeks
# cycle: 10                   # working days from a dial to its revenue: activity comes first
rates:                        # the team's history: how much of the stage above one unit yields
  pipeline: 0.30              # 30% of pipeline value closes
  intents: 10000              # pipeline value per intent customer
  deep_talks: 0.20            # intent customers per deep talk
  connects: 0.25              # deep talks per connected call
  dials: 0.40                 # connected calls per dial
# capacity: {{dials: 150}}      # the most a rep can do in a day (reps may have their own)
# floors: {{dials: 60}}         # daily minimums: a day's target is at least this
# scenarios:                  # what-if, without editing: goalsplit plan FILE --scenario lean
#   lean: {{stretch: 1.0}}
#   optimistic: {{rates: {{dials: 0.45}}}}
reps:
  - name: Alex Chen
    weight: 1.2               # carries more (the able do more)
    rates: {{dials: 0.45}}      # this rep's own rate overrides the team's
  - name: Sam Lee
  - name: Jordan Park
    quota: 60000              # an explicit quota; the others share the rest
  # - name: New Hire
  #   start: {joins}          # joins mid-period; end: for leaving
  #   leave: [{days_off}]
  #   hired: {joins}          # the ramp counts from here (default: start); ramp: none
"""

_ZH = """\
# goalsplit 计划文件（格式版本 1）。检查：goalsplit check {path}
# 编辑器补全与校验：先运行 goalsplit schema > goalsplit.schema.json，再保留下一行
# （VS Code 的 YAML 插件等使用 yaml-language-server）。
# yaml-language-server: $schema=goalsplit.schema.json
lang: zh                      # 报表语言 en 或 zh（--lang、GOALSPLIT_LANG 优先）
team: 销售一组                 # 报表中显示的团队名
currency: CNY                 # 金额单位
period: {period} # 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W05, {{start: .., end: ..}}
calendar:
  country: CN                 # 法定节假日及调休上班日
  weekend: [sat, sun]
  holidays: []                # 全员额外休息日：[{day_off}, {days_off}]
  workdays: []                # 全员额外工作日
target: 900000                # 团队本期业绩目标
stretch: 1.1                  # 个人指标合计 = 目标 × 加码系数（子目标之和大于总目标）
# tiers: [30%, 60%, 10%]      # track 排名的头部、中部、尾部比例（默认 2-7-1）
# 按时间塑形（均可选）：
# seasonality: {{1: 0.8, 2: 0.5, 11: 1.4}}  # 各月每个工作日的权重（未列出为 1），或写 history
# ramp: [25%, 50%, 75%]       # 新人按入职月份的产能（从 hired: 或 start: 算起），之后 100%
# carve_out: [{{name: 新产品线, amount: 100000}}]  # 先从目标中剥离：达成算奖励
# buffer: 10%                 # 进度领先正常节奏，在期末最后几周前完成
# cycle: 10                   # 从外呼到成交的工作日数：行动量提前
rates:                        # 团队历史转化率：每 1 个本阶段产生多少上一阶段
  pipeline: 0.30              # 储备金额的 30% 能成交
  intents: 15000              # 每个意向客户的储备金额（客单价）
  deep_talks: 0.20            # 每次深入沟通产生的意向客户
  connects: 0.25              # 每个外呼接通产生的深入沟通
  dials: 0.35                 # 每次外呼的接通率
# capacity: {{dials: 150}}      # 每人每天最多能做多少（个人可单独设置）
# floors: {{dials: 60}}         # 每日下限：当天目标不低于此数
# scenarios:                  # 假设分析，无需改文件：goalsplit plan 文件 --scenario lean
#   lean: {{stretch: 1.0}}
#   optimistic: {{rates: {{dials: 0.45}}}}
reps:
  - name: 张伟
    weight: 1.5               # 能者多劳：权重更高
    rates: {{dials: 0.40}}      # 个人转化率覆盖团队转化率
  - name: 李娜
  - name: 王芳
    quota: 200000             # 指定指标；其他人分配剩余部分
  # - name: 新同事
  #   start: {joins}          # 期中入职；离职用 end:
  #   leave: [{days_off}]
  #   hired: {joins}          # 爬坡从入职日算起（默认 start）；老手写 ramp: none
"""


def current_quarter(today: date) -> str:
    """The label of the quarter containing ``today``, e.g. ``2026-Q1``."""
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def starter_plan(period: str, lang: str, path: str) -> str:
    """A plan for ``period`` (any named period a plan accepts, e.g. ``2027-Q1``) that
    ``goalsplit check`` accepts; the example dates in its comments lie inside it."""
    from goalsplit.model import period_span

    span = period_span(period)
    if span is None:
        raise ValueError(f"not a period: {period!r}")
    start, end = span
    days = (end - start).days
    joins = start + timedelta(days=days // 3)
    off = start + timedelta(days=2 * days // 3)
    template = _ZH if lang == "zh" else _EN
    return template.format(
        period=period.upper().ljust(21),
        path=path,
        joins=joins,
        day_off=joins,
        days_off=f"{off}..{min(off + timedelta(days=1), end)}",
    )
