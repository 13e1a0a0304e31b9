"""The map as a picture for slides and papers: PNG at twice the size, or SVG.

Only the map is drawn (its parts, handoffs and, if shown, swimlanes) on white, without the
canvas's dots, selection or handles.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from .scene import MapScene

MARGIN = 24.0
#: A PNG is kept under this many pixels (a very long journey is drawn smaller).
MAX_PIXELS = 60_000_000
MAX_SIDE = 20_000


def map_rect(scene: MapScene) -> QRectF:
    """The part of the scene with something on it, plus a margin."""
    rect = scene.itemsBoundingRect()
    if rect.isEmpty():
        rect = QRectF(0, 0, 200, 100)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_png(scene: MapScene, path: str | Path, scale: float = 2.0) -> Path:
    """Draw the map into a PNG at ``scale`` pixels per scene unit (less for a map so big that
    the picture would pass 60 megapixels or 20,000 pixels a side); returns the path."""
    rect = map_rect(scene)
    scale = min(scale, (MAX_PIXELS / (rect.width() * rect.height())) ** 0.5,
                MAX_SIDE / max(rect.width(), rect.height()))
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(1.0)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    with scene.exporting_view():
        scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect,
                     Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise OSError(f"Could not write the picture to {path}.")
    return path


def render_svg(scene: MapScene, path: str | Path, title: str = "") -> Path:
    """Draw the map as an SVG (vector, for papers); returns the path."""
    rect = map_rect(scene)
    path = Path(path)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(rect.width()), round(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title or "Service map")
    generator.setDescription("Drawn with OutsideIn")
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), QColor("white"))
    with scene.exporting_view():
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect,
                     Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    if not path.exists():
        raise OSError(f"Could not write the picture to {path}.")
    return path


def export_image(scene: MapScene, path: str | Path, title: str = "") -> Path:
    """SVG if ``path`` ends in .svg, otherwise PNG at twice the size."""
    if Path(path).suffix.lower() == ".svg":
        return render_svg(scene, path, title)
    return render_png(scene, path)
