"""Render the app's SVG icon into a multi-size Windows .ico (installer, shortcuts, uninstall entry).

    python make_icon.py trudi_py/gui/icons/trudi_py.svg build/windows/trudi_py.ico

Qt (PySide6, offscreen) renders each size from the SVG, Pillow (a matplotlib dependency)
writes the .ico; both are in the project's own environment. Output is byte-identical for the
same input and library versions (PNG-compressed entries, no timestamps).
"""

from __future__ import annotations

import io
import os
import sys

SIZES = (16, 24, 32, 48, 64, 128, 256)


def main(svg: str, out: str) -> int:
    """Render the SVG icon into a multi-size Windows .ico file; returns the exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication([])  # Qt needs an application object for rendering
    renderer = QSvgRenderer(svg)
    if not renderer.isValid():
        print(f"make_icon: cannot read {svg}", file=sys.stderr)
        return 1
    images = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        images.append(Image.open(io.BytesIO(bytes(data))).convert("RGBA"))
    largest = images[-1]
    largest.save(out, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
