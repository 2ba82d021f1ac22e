#include "ui/statuscolors.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace fleetscope::ui::StatusColors {

QColor forState(LinkState state)
{
    switch (state) {
    case LinkState::Ready:
        return QColor(0x2d, 0xa4, 0x4e);
    case LinkState::Connecting:
    case LinkState::Connected:
        return QColor(0xd4, 0xa7, 0x2c);
    case LinkState::Reconnecting:
        return QColor(0xe3, 0x6f, 0x1e);
    case LinkState::Failed:
        return QColor(0xd7, 0x3a, 0x49);
    case LinkState::Idle:
    case LinkState::Closed:
        break;
    }
    return QColor(0x8b, 0x94, 0x9e);
}

QColor forSeverity(Severity severity, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (severity) {
    case Severity::Debug:
        return palette.color(QPalette::Disabled, QPalette::Text);
    case Severity::Info:
        return palette.color(QPalette::Text);
    case Severity::Warning:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case Severity::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    }
    return palette.color(QPalette::Text);
}

QIcon dot(const QColor &color)
{
    static QHash<QRgb, QIcon> cache;
    const auto it = cache.constFind(color.rgba());
    if (it != cache.constEnd())
        return it.value();
    QIcon icon;
    for (int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const qreal r = size * 0.28;
        painter.drawEllipse(QPointF(size / 2.0, size / 2.0), r, r);
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(color.rgba(), icon);
    return icon;
}

} // namespace fleetscope::ui::StatusColors
