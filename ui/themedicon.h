#pragma once

#include <QIcon>
#include <QIconEngine>
#include <QSvgRenderer>

namespace fleetscope::ui {

// A monochrome SVG from :/icons/<name>.svg painted in the palette's button-text colour at the
// moment it is drawn, so icons follow the system's light or dark palette (and its disabled and
// selected colours) without a second icon set.
//
// Threading: GUI thread.
class ThemedIconEngine : public QIconEngine
{
public:
    explicit ThemedIconEngine(const QString &name);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;
    QString key() const override { return QStringLiteral("fleetscope-themed"); }

private:
    QString m_name;
    QSvgRenderer m_renderer;
};

// The icon named `name` (file name without .svg) as a ThemedIconEngine icon.
QIcon themedIcon(const QString &name);

} // namespace fleetscope::ui
