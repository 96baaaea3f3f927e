"""What the simulator's screen panel draws, from what the skill sent: the same document's
vector drawing as SVG, the same datasource, and the same countdown clock.

No APL renderer runs offline (apl-viewhost-web downloads its engine at install), so the panel
is a stand-in: it draws the pose the document draws (its AVG paths, turned into SVG here), the
words and the hold's clock the datasource carries, and runs the countdown as the document's
tick handler does, from the hold's `endsAt`.

    >>> svg = avg_svg(document(STEP_TOKEN)["graphics"]["latStretch"], {"mirror": -1})
    >>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 160"')
    True
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

from backstretch.screen.documents import STEP_TOKEN, document

APL = "Alexa.Presentation.APL."
_BOUND = re.compile(r"^\$\{(.*)\}$")
_OPERATORS: dict[type, Any] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}
# AVG item properties and the SVG attributes that draw them.
_SVG_ATTRIBUTES = {
    "fill": "fill",
    "fillOpacity": "fill-opacity",
    "stroke": "stroke",
    "strokeWidth": "stroke-width",
    "strokeLineCap": "stroke-linecap",
    "strokeLineJoin": "stroke-linejoin",
    "pathLength": "pathLength",
    "strokeDashArray": "stroke-dasharray",
    "strokeDashOffset": "stroke-dashoffset",
}


@dataclass(frozen=True)
class DeviceKind:
    """A device the simulator's page can be: a speaker, or a screen of one shape and size."""

    name: str
    screen: bool
    shape: str = "rectangle"
    width: int = 0
    height: int = 0


DEVICES = {
    "speaker": DeviceKind("Echo (speaker)", screen=False),
    "show": DeviceKind("Echo Show (1280x800)", screen=True, width=1280, height=800),
    "spot": DeviceKind("Echo Spot (480x480)", screen=True, shape="round", width=480, height=480),
}
DEFAULT_DEVICE = "show"


def device_kind(name: Any) -> DeviceKind:
    """The device a page asked for; the default (an Echo Show) for anything else."""
    return DEVICES.get(name if isinstance(name, str) else DEFAULT_DEVICE, DEVICES[DEFAULT_DEVICE])


def screen_update(response: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a response shows: a document with its data (and, for a step, its pose and ring
    as SVG), or the countdown paused; None when it shows nothing new."""
    for directive in ((response or {}).get("response") or {}).get("directives") or ():
        kind = directive.get("type")
        if kind == APL + "ExecuteCommands":
            return {"token": directive.get("token"), "command": "pause"}
        if kind == APL + "RenderDocument":
            token = directive.get("token")
            data = dict(directive.get("datasources") or {})
            shown: dict[str, Any] = {"token": token, "data": data}
            step = (data.get("screen") or {}).get("step")
            if token == STEP_TOKEN and step is not None:
                shown["poseSvg"] = pose_svg(step)
                shown["ringSvg"] = avg_svg(document(STEP_TOKEN)["graphics"]["ring"], {})
            return shown
    return None


def pose_svg(step: dict[str, Any]) -> str:
    """The step's pose as the document draws it, in the document's colours; '' for none."""
    step_document = document(STEP_TOKEN)
    graphic = step_document["graphics"].get(step.get("pose") or "")
    if graphic is None:
        return ""
    colors = step_document["resources"][0]["colors"]
    return avg_svg(
        graphic,
        {
            "mirror": -1 if step.get("mirror") else 1,
            "figure": colors["colorFigure"],
            "prop": colors["colorProp"],
            "accent": colors["colorFeel"],
        },
    )


def avg_svg(graphic: dict[str, Any], arguments: dict[str, Any]) -> str:
    """An AVG graphic (paths and groups) as SVG, its parameters bound to `arguments` or their
    defaults."""
    values = {p["name"]: p.get("default") for p in graphic.get("parameters", ())}
    values.update(arguments)
    width, height = graphic["width"], graphic["height"]
    inner = "".join(_item(item, values) for item in graphic.get("items", ()))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' role="img"><title>{graphic.get("description", "")}</title>{inner}</svg>'
    )


def _item(item: dict[str, Any], values: dict[str, Any]) -> str:
    if item["type"] == "group":
        scale_x = _value(item.get("scaleX", 1), values)
        pivot_x = _value(item.get("pivotX", 0), values)
        transform = f"translate({pivot_x} 0) scale({scale_x} 1) translate({-pivot_x} 0)"
        children = "".join(_item(child, values) for child in item.get("items", ()))
        return f'<g transform="{transform}">{children}</g>'
    attributes = [f"d={quoteattr(item['pathData'])}"]
    for name, svg_name in _SVG_ATTRIBUTES.items():
        if name in item:
            value = _value(item[name], values)
            if isinstance(value, list):
                value = " ".join(str(v) for v in value)
            if value == "transparent":
                value = "none"
            attributes.append(f"{svg_name}={quoteattr(str(value))}")
    return f"<path {' '.join(attributes)}/>"


def _value(value: Any, values: dict[str, Any]) -> Any:
    """A literal, or a bound expression of parameters and + - * / ("${100 - 100 * fraction}")."""
    match = _BOUND.match(value) if isinstance(value, str) else None
    if match is None:
        return value
    return _evaluate(ast.parse(match.group(1).strip(), mode="eval").body, values)


def _evaluate(node: ast.AST, values: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left, values), _evaluate(node.right, values)
        return _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand, values))
    raise ValueError(f"not an expression the preview draws: {ast.dump(node)}")
