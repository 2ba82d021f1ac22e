#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace fleetscope::gui {

// --screenshot: waits for the window's first paint, then `delayMs` more, renders the window into
// a PNG and reports. Works on any platform plugin, offscreen included (the widget renders itself).
class WindowCapture : public QObject
{
    Q_OBJECT

public:
    WindowCapture(QWidget *window, const QString &fileName, int delayMs, QObject *parent = nullptr);

    // Milliseconds from process start (QElapsedTimer given by main) to the first paint.
    qint64 firstPaintMs() const { return m_firstPaintMs; }
    void setClock(const QElapsedTimer &clock) { m_clock = clock; }

Q_SIGNALS:
    void finished(bool ok, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void capture();

    QPointer<QWidget> m_window;
    QString m_fileName;
    QTimer m_delay;
    QElapsedTimer m_clock;
    qint64 m_firstPaintMs = -1;
};

} // namespace fleetscope::gui
