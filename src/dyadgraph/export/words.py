"""The words figures print, in English and in Chinese (`--lang zh`): legends, titles, notes.

Traditional characters, as the shipped dataset's paper (a Taiwanese journal) writes them. The
names of nodes come from the seeds (`name_zh`, `title_zh`); what the seeds do not translate stays
English, and the figure says which in a warning.
"""

from __future__ import annotations

from .selection import Selection

LABELS_ZH = {
    "State": "國家",
    "Organization": "組織",
    "Person": "人物",
    "Actor": "行為者",
    "Event": "事件",
    "Strategy": "戰略",
    "Outcome": "結果",
    "Concept": "概念",
    "Indicator": "指標",
    "Source": "文獻",
}
TIE_KINDS_ZH = {
    "diplomatic_relations": "外交關係",
    "recognition": "承認",
    "comprehensive_partnership": "全面夥伴關係",
    "strategic_partnership": "戰略夥伴關係",
    "comprehensive_strategic_partnership": "全面戰略夥伴關係",
    "alignment": "結盟",
    "rupture": "關係破裂",
    "normalization": "關係正常化",
    "border_agreement": "邊界協定",
    "friendship_treaty": "友好條約",
    "alliance": "同盟",
    "military_presence": "駐軍",
    "suzerainty": "宗主權",
    "occupation": "占領",
    "third_neighbor": "第三鄰國",
    "war": "戰爭",
    "economic_partnership": "經濟夥伴關係",
    "dispute": "爭端",
    "military_cooperation": "軍事合作",
    "land_border": "陸地邊界",
    "co_belligerence": "共同作戰",
}
PHRASES_ZH = {
    "Label": "標籤",
    "Ties": "關係",
    "partnership ladder": "夥伴關係層級",
    "cooperation": "合作",
    "conflict": "衝突",
    "other": "其他",
    "other cooperation": "其他合作",
    "other tie": "其他關係",
    "other relationships": "其他關聯",
    "verbal cooperation": "言語合作",
    "material cooperation": "物質合作",
    "verbal conflict": "言語衝突",
    "material conflict": "物質衝突",
    "unclassified": "未分類",
    "ties": "關係",
    "events": "事件",
    "Numbered labels": "編號標籤",
    "The whole graph": "全圖",
    "Labels: {shown} of {count} nodes, states first, then the best-connected.": (
        "標籤：{count}個節點中的{shown}個（先國家，後連結最多者）。"
    ),
    "{count} nodes left unlabelled for want of room.": "{count}個節點因空間不足未加標籤。",
    "{first}–{second}: ties and events, {start}–{end}": "{first}–{second}：關係與事件，{start}–{end}年",
    "Undated ties, not drawn: {names}.": "未標年代的關係（未繪出）：{names}。",
    "Also undated, not drawn: {names}.": "另有未標年代的關係（未繪出）：{names}。",
    "{name} and its neighbours within {hops}": "{name}及其{hops}步之內的鄰接節點",
    "the result of the canned query {query}": "查詢{query}的結果",
    "labels {labels}": "標籤{labels}",
    "relationship types {types}": "關係類型{types}",
    "years {since}–{until}": "{since}–{until}年",
    "the paper's dates only": "僅用論文所載年代",
}


def say(text: str, lang: str) -> str:
    """A phrase (or a format string) in the figure's language."""
    return PHRASES_ZH.get(text, text) if lang == "zh" else text


def label_name(label: str, lang: str) -> str:
    return LABELS_ZH.get(label, label) if lang == "zh" else label


def kind_name(kind: str, lang: str) -> str:
    if lang == "zh" and kind in TIE_KINDS_ZH:
        return TIE_KINDS_ZH[kind]
    return kind.replace("co_", "co-").replace("_", " ")


def filters(selection: Selection, lang: str) -> str:
    """The selection's filters in words (Selection.filters, in the figure's language)."""
    if lang != "zh":
        return selection.filters()
    parts = []
    if selection.labels:
        parts.append(
            say("labels {labels}", lang).format(labels="、".join(label_name(x, lang) for x in selection.labels))
        )
    if selection.types:
        parts.append(say("relationship types {types}", lang).format(types="、".join(selection.types)))
    if selection.since is not None or selection.until is not None:
        since = selection.since if selection.since is not None else "…"
        until = selection.until if selection.until is not None else "…"
        parts.append(say("years {since}–{until}", lang).format(since=since, until=until))
    if selection.paper_dates:
        parts.append(say("the paper's dates only", lang))
    return "；".join(parts)


def bracketed(text: str, lang: str) -> str:
    if not text:
        return ""
    return f"（{text}）" if lang == "zh" else f" ({text})"
