#pragma once

#include <QObject>

class QSocketNotifier;

namespace fleetscope::cli {

// Turns SIGINT/SIGTERM into a Qt signal (the self-pipe trick), so `watch` can flush what it
// received and exit cleanly on Ctrl-C.
class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

Q_SIGNALS:
    void interrupted();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fleetscope::cli
