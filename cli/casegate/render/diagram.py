"""資料1-1, the flow of personal data: `data_locations` as boxes, `transfers` as arrows, via Graphviz.

What the committee must not miss (a place abroad or under foreign law, a transfer or a store that
is not encrypted, a value the case leaves 不明, an arrow to a place the case never declared) is
drawn to stand out (thick red outline, dashed arrow) AND written in the label and in `notes`, so
it survives a black-and-white print and a screen reader. Every string from the case goes through
graphviz.escape: in a label a backslash sequence (\\N, \\G …) would otherwise be expanded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from casegate.errors import EngineError
from casegate.messages import render as messages
from casegate.render import deps

HOME = "JP"
UNKNOWN = "不明"
FONT = "Noto Sans CJK JP"
ALERT = "#b00020"

ROLES = {
    "ward": "区",
    "partner": "結合の相手方",
    "contractor": "委託先",
    "subcontractor": "再委託先",
    "backup": "バックアップ・複製",
    "other_processor": "その他の処理者",
}


@dataclass(frozen=True)
class Diagram:
    svg: str  # the <svg> element alone, ready to place in the HTML
    notes: tuple[str, ...]  # every standing-out point, in words


def _text(value: Any) -> str:
    return UNKNOWN if value is None else str(value)


def _location_alerts(location: Mapping[str, Any]) -> list[str]:
    alerts = []
    country, law = location.get("country"), location.get("governing_law")
    if country != HOME:
        alerts.append("所在国が不明" if country in (None, UNKNOWN) else f"国外（{country}）にある")
    if law != HOME:
        alerts.append("適用される法が不明" if law in (None, UNKNOWN) else f"外国の法（{law}）が適用される")
    parent = location.get("parent_company_country")
    if parent not in (None, HOME, UNKNOWN):
        alerts.append(f"親会社が国外（{parent}）")
    stores = location.get("stores_personal_data") is not False
    encrypted = location.get("encrypted_at_rest")
    if stores and encrypted is False:
        alerts.append("保存時に暗号化していない")
    elif stores and encrypted != True:  # noqa: E712 - "不明" and a missing value are not True
        alerts.append("保存時の暗号化が不明")
    return alerts


def _transfer_alerts(transfer: Mapping[str, Any], declared: set[str]) -> list[str]:
    alerts = []
    encryption = transfer.get("encryption")
    if encryption in (None, "なし"):
        alerts.append("暗号化していない")
    elif encryption == UNKNOWN:
        alerts.append("暗号化が不明")
    elif encryption == "TLS" and transfer.get("tls_version") in ("1.0", "1.1"):
        alerts.append(f"古い TLS {transfer.get('tls_version')}")
    for end in ("from", "to"):
        if transfer.get(end) not in declared:
            alerts.append(
                f"{'送り元' if end == 'from' else '送り先'}「{_text(transfer.get(end))}」が data_locations にない"
            )
    return alerts


def encryption_text(transfer: Mapping[str, Any]) -> str:
    encryption = _text(transfer.get("encryption"))
    if encryption == "なし":
        return "暗号化なし"
    version = transfer.get("tls_version")
    return f"{encryption} {version}" if encryption == "TLS" and version else encryption


def _node_id(index: int) -> str:
    return f"loc{index}"  # never a case string: ids only address nodes


def build(data: Mapping[str, Any]) -> Diagram:
    graphviz = deps.import_python("graphviz")
    locations: Sequence[Mapping[str, Any]] = [
        item for item in data.get("data_locations") or [] if isinstance(item, Mapping)
    ]
    transfers: Sequence[Mapping[str, Any]] = [
        item for item in data.get("transfers") or [] if isinstance(item, Mapping)
    ]
    esc = graphviz.escape
    graph = graphviz.Digraph(
        "dataflow",
        graph_attr={
            "rankdir": "TB",
            "fontname": FONT,
            "nodesep": "0.5",
            "ranksep": "0.75",
            "bgcolor": "white",
        },
        node_attr={
            "fontname": FONT,
            "fontsize": "10",
            "shape": "box",
            "style": "rounded",
            "margin": "0.15,0.08",
        },
        edge_attr={"fontname": FONT, "fontsize": "9"},
    )
    notes: list[str] = []
    ids: dict[str, str] = {}
    for index, location in enumerate(locations):
        name = _text(location.get("name"))
        role = location.get("role")
        lines = [name, f"運用：{_text(location.get('operator'))}"]
        if role is not None:
            lines.append(f"役割：{ROLES.get(str(role), str(role))}")
        lines.append(
            f"所在国：{_text(location.get('country'))}　適用法：{_text(location.get('governing_law'))}"
        )
        alerts = _location_alerts(location)
        lines += [f"【注意】{alert}" for alert in alerts]
        node = _node_id(index)
        ids.setdefault(str(location.get("id")), node)
        attributes = {"color": ALERT, "penwidth": "3", "fontcolor": ALERT} if alerts else {"penwidth": "1.2"}
        graph.node(node, "\n".join(esc(line) for line in lines), **attributes)
        notes += [f"{name}：{alert}" for alert in alerts]
    declared = set(ids)
    for transfer in transfers:
        ends = []
        for end in ("from", "to"):
            key = _text(transfer.get(end))
            if key not in ids:  # an arrow to nowhere is itself a finding: draw the place, marked
                ids[key] = f"loc{len(ids) + len(locations)}"
                graph.node(
                    ids[key],
                    esc(f"未記載の場所「{key}」") + "\n" + esc("【注意】data_locations にない"),
                    color=ALERT,
                    penwidth="3",
                    fontcolor=ALERT,
                    style="dashed",
                )
            ends.append(ids[key])
        alerts = _transfer_alerts(transfer, declared)
        label = [
            f"{_text(transfer.get('network'))}・{encryption_text(transfer)}",
            *(f"【注意】{a}" for a in alerts),
        ]
        attributes = (
            {"color": ALERT, "fontcolor": ALERT, "penwidth": "3", "style": "dashed"} if alerts else {}
        )
        graph.edge(ends[0], ends[1], label="\n".join(esc(line) for line in label), **attributes)
        route = f"{location_name(locations, transfer.get('from'))} → {location_name(locations, transfer.get('to'))}"
        notes += [f"{route}：{alert}" for alert in alerts]
    try:
        svg = graph.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound as error:
        raise deps.dot_missing() from error
    return Diagram(svg=_svg_element(svg), notes=tuple(notes))


def location_name(locations: Sequence[Mapping[str, Any]], key: Any) -> str:
    for location in locations:
        if location.get("id") == key:
            return _text(location.get("name"))
    return f"未記載の場所「{_text(key)}」"


_SVG_START = re.compile(r"<svg\b")
_SVG_NS = "http://www.w3.org/2000/svg"
# What dot draws a graph with. Anything else (script, image, foreignObject, a link, an event
# handler) did not come from this graph: the `dot` found on PATH may not be Graphviz's, and its
# output goes into the document as markup, so it is checked rather than trusted.
_TAGS = frozenset({"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "text", "tspan", "desc"})
_ATTRIBUTES = frozenset(
    {
        "class", "d", "fill", "fill-opacity", "font-family", "font-size", "font-weight", "font-style",
        "height", "id", "points", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
        "text-anchor", "transform", "viewBox", "width", "x", "y", "cx", "cy", "rx", "ry",
        "text-decoration", "baseline-shift",
    }
)  # fmt: skip


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _svg_element(svg: str) -> str:
    """The <svg> element alone (dot's prolog and DOCTYPE are invalid inside HTML), checked."""
    match = _SVG_START.search(svg)
    if match is None:
        raise _foreign("no <svg> element")
    element = svg[match.start() :]
    try:
        # No DTD can follow the root element's start, so nothing here defines an entity (the
        # attacks defusedxml stops); the prolog with dot's DOCTYPE was cut off above.
        root = ElementTree.fromstring(element)  # noqa: S314
    except ElementTree.ParseError as error:
        raise _foreign("not well-formed XML") from error
    for node in root.iter():
        if (
            not isinstance(node.tag, str)
            or node.tag.rpartition("}")[0] != "{" + _SVG_NS
            or _local(node.tag) not in _TAGS
        ):
            raise _foreign(f"element {_local(str(node.tag))!r}")
        for name in node.attrib:
            if name not in _ATTRIBUTES:  # an attribute in another namespace (xlink:href …) is not one of them
                raise _foreign(f"attribute {_local(name)!r}")
    # Written out again from the checked tree: comments, processing instructions and CDATA in
    # the text do not survive, only what was checked does.
    return _write(root, top=True)


def _write(node: ElementTree.Element, top: bool = False) -> str:
    """The checked tree as SVG text, written here: ElementTree's writer takes its prefixes from a
    process-wide table that other libraries also change (WeasyPrint's parser registers "svg")."""
    name = _local(node.tag)
    attributes = "".join(f" {key}={quoteattr(value)}" for key, value in node.attrib.items())
    if top:
        attributes = f' xmlns="{_SVG_NS}"' + attributes
    inner = escape(node.text or "") + "".join(_write(child) + escape(child.tail or "") for child in node)
    return f"<{name}{attributes}>{inner}</{name}>"


def _foreign(what: str) -> EngineError:
    return EngineError.of(messages.DIAGRAM_UNEXPECTED, what=what)
