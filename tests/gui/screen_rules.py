"""Rules a screen must keep for a household: no ``None``, no text of the other language,
energy numbers grouped, every label, button and progress text fits its widget.

``problems(window, language)`` walks the visible widgets of the window's current page (and
its status bar) and returns one line per broken rule.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "trudi_py_de.ts"
#: (table object name, column): cells that show data as the gateway wrote it (German log
#: messages, certificate subjects), not our text
DATA_COLUMNS = {("logTable", 3)}
DATA_WIDGETS = {"hanCertificate", "wanCertificates"}
#: a number of four or more digits without grouping in front of an energy/power unit
UNGROUPED = re.compile(r"(?<![\d.,])\d{4,}(?:[.,]\d+)?\s?(?:kWh|Wh|kW|W)\b")
WORD = re.compile(r"\b[A-Za-zÄÖÜäöüß]{5,}\b")
NONE = re.compile(r"\b(None|nan|NaN)\b")
TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    text = TAGS.sub(" ", text).replace("&nbsp;", " ").replace("&amp;", "&")
    return re.sub(r"&(?=\S)", "", text)


def _pieces(text: str) -> tuple[set[str], set[str]]:
    """(phrases of two or more words, single words of five letters or more) of a text,
    split at placeholders."""
    phrases, words = set(), set()
    for piece in re.split(r"\{[^}]*\}|[()\[\]:;,.!?…—–/]", _plain(text)):
        piece = piece.strip()
        if len(piece.split()) >= 2 and len(piece) >= 10:
            phrases.add(piece)
        words.update(w for w in re.findall(WORD, piece))
    return phrases, words


def _catalogue() -> tuple[tuple[set[str], set[str]], tuple[set[str], set[str]]]:
    """((English phrases, words), (German phrases, words)) of the translation that differ
    between the languages, to be recognised inside a text."""
    en_p, en_w, de_p, de_w = set(), set(), set(), set()
    all_en, all_de = set(), set()  # words of every message, also those alike in both
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            source = msg.find("source").text or ""
            target = msg.find("translation").text or ""
            all_en |= _pieces(source)[1]
            all_de |= _pieces(target)[1]
            if _plain(source) == _plain(target):
                continue
            phrases, words = _pieces(source)
            en_p |= phrases
            en_w |= words
            phrases, words = _pieces(target)
            de_p |= phrases
            de_w |= words
    return (en_p - de_p, en_w - all_de), (de_p - en_p, de_w - all_en)


ENGLISH, GERMAN = _catalogue()


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0


def _model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str, bool]]:
    """(text, where, is_energy) of the header and the first rows of a view."""
    model: QAbstractItemModel | None = view.model()
    if model is None:
        return
    name = view.objectName() or type(view).__name__
    for col in range(model.columnCount()):
        header = model.headerData(col, Qt.Orientation.Horizontal)
        if header is not None:
            yield str(header), f"{name} header {col}", False
    for row in range(min(model.rowCount(), 40)):
        for col in range(model.columnCount()):
            value = model.index(row, col).data()
            if value is None or (name, col) in DATA_COLUMNS:
                continue
            yield str(value), f"{name}[{row},{col}]", True
            tip = model.index(row, col).data(Qt.ItemDataRole.ToolTipRole)
            if tip is not None and (name, col) not in DATA_COLUMNS:
                yield str(tip), f"{name}[{row},{col}] tooltip", False


def texts(root: QWidget, window: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(text, where, may_hold_energy) of every visible widget under ``root``."""
    for w in [root, *root.findChildren(QWidget)]:
        if not _visible(w, window) or w.objectName() in DATA_WIDGETS:
            continue
        name = w.objectName() or type(w).__name__
        if isinstance(w, QLabel):
            yield w.text(), f"label {name}", True
        elif isinstance(w, QAbstractButton):
            yield w.text(), f"button {name}", False
        elif isinstance(w, QGroupBox):
            yield w.title(), f"group {name}", False
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield w.itemText(i), f"combo {name}", False
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield w.tabText(i), f"tab {name}", False
        elif isinstance(w, QTextEdit):
            yield w.toPlainText(), f"text {name}", False
        elif isinstance(w, QProgressBar) and w.isTextVisible():
            yield w.text(), f"progress {name}", False
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and \
                not isinstance(w.parent(), QComboBox):
            yield from _model_texts(w)
        if w.toolTip():
            yield w.toolTip(), f"tooltip {name}", False


def fit_problems(root: QWidget, window: QWidget) -> list[str]:
    """Labels (without word wrap), buttons and progress bars whose text is wider than they."""
    out = []
    for w in root.findChildren(QWidget):
        if not _visible(w, window):
            continue
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and \
                w.textFormat() != Qt.TextFormat.RichText and "<" not in w.text():
            need, have = w.fontMetrics().horizontalAdvance(_plain(w.text())), \
                w.contentsRect().width()
        elif isinstance(w, QAbstractButton) and w.text() and type(w).__name__ == "QPushButton":
            need, have = w.fontMetrics().horizontalAdvance(_plain(w.text())), w.width() - 6
        elif isinstance(w, QProgressBar) and w.isTextVisible() and w.text():
            need, have = w.fontMetrics().horizontalAdvance(w.text()), w.width() - 4
        else:
            continue
        if need > have:
            out.append(f"text does not fit ({need} > {have} px) in "
                       f"{type(w).__name__} {w.objectName()!r}: {w.text()!r}")
    return out


def problems(window: QWidget, language: str, root: QWidget | None = None) -> list[str]:
    """Every broken rule on ``root`` (default: the window's current page and status bar)."""
    roots = [root] if root is not None else [window.stack.currentWidget(),  # type: ignore
                                             window.statusBar()]  # type: ignore[attr-defined]
    phrases, words = ENGLISH if language == "de" else GERMAN
    out: list[str] = []
    for r in roots:
        for text, where, energy in texts(r, window):
            plain = _plain(text)
            if NONE.search(plain):
                out.append(f"'None' in {where}: {plain!r}")
            hit = next((p for p in phrases if p in plain), None) or next(
                (w for w in re.findall(WORD, plain) if w in words), None)
            if hit:
                out.append(f"text of the other language in {where}: {hit!r} in {plain!r}")
            if energy and UNGROUPED.search(plain):
                out.append(f"energy number without grouping in {where}: {plain!r}")
        out += fit_problems(r, window)
    return out
