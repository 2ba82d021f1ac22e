#include "app/gui/windowcapture.h"

#include <QEvent>
#include <QFileInfo>
#include <QPixmap>
#include <QWidget>

namespace fleetscope::gui {

WindowCapture::WindowCapture(QWidget *window, const QString &fileName, int delayMs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_fileName(fileName)
{
    m_delay.setSingleShot(true);
    m_delay.setInterval(std::max(0, delayMs));
    connect(&m_delay, &QTimer::timeout, this, &WindowCapture::capture);
    window->installEventFilter(this);
}

bool WindowCapture::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Paint && m_firstPaintMs < 0) {
        m_firstPaintMs = m_clock.isValid() ? m_clock.elapsed() : 0;
        m_window->removeEventFilter(this);
        m_delay.start();
    }
    return QObject::eventFilter(watched, event);
}

void WindowCapture::capture()
{
    if (!m_window) {
        Q_EMIT finished(false, QStringLiteral("the window is gone"));
        return;
    }
    const QPixmap pixmap = m_window->grab();
    if (pixmap.isNull() || !pixmap.save(m_fileName, "PNG")) {
        Q_EMIT finished(false, QStringLiteral("cannot write %1").arg(m_fileName));
        return;
    }
    Q_EMIT finished(true,
        QStringLiteral("%1 (%2x%3), first paint after %4 ms")
            .arg(QFileInfo(m_fileName).absoluteFilePath())
            .arg(pixmap.width())
            .arg(pixmap.height())
            .arg(m_firstPaintMs));
}

} // namespace fleetscope::gui
