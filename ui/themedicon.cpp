#include "ui/themedicon.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPalette>

namespace fleetscope::ui {

ThemedIconEngine::ThemedIconEngine(const QString &name)
    : m_name(name)
    , m_renderer(QStringLiteral(":/icons/%1.svg").arg(name))
{ }

void ThemedIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State)
{
    const QPalette palette = QGuiApplication::palette();
    QColor color = palette.color(QPalette::Active, QPalette::ButtonText);
    if (mode == QIcon::Disabled)
        color = palette.color(QPalette::Disabled, QPalette::ButtonText);
    else if (mode == QIcon::Selected)
        color = palette.color(QPalette::Active, QPalette::HighlightedText);
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QImage image(rect.size() * ratio, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        m_renderer.render(&p);
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(image.rect(), color);
    }
    image.setDevicePixelRatio(ratio);
    painter->drawImage(rect, image);
}

QPixmap ThemedIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paint(&painter, QRect(QPoint(0, 0), size), mode, state);
    return pixmap;
}

QIconEngine *ThemedIconEngine::clone() const
{
    return new ThemedIconEngine(m_name);
}

QIcon themedIcon(const QString &name)
{
    return QIcon(new ThemedIconEngine(name));
}

} // namespace fleetscope::ui
