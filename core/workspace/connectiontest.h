#pragma once

#include "core/link/linkstate.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace fleetscope {

// A running "test connection" of the connection dialog: a temporary endpoint opened on the
// workspace's network thread with retries off. finished() comes once: ok when the endpoint
// became ready (connected and authenticated), otherwise with the reason. Deleting the handle or
// calling cancel() closes the temporary endpoint.
//
// Threading: GUI thread. Made by Workspace::testConnection(); the caller owns it.
class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    ~ConnectionTest() override;

    bool isFinished() const { return m_finished; }
    void cancel();

Q_SIGNALS:
    // Each state on the way (for a progress line), then finished().
    void progress(fleetscope::LinkState state, const QString &detail);
    void finished(bool ok, const QString &detail);

private:
    friend class Workspace;
    ConnectionTest(quint64 probe, int timeoutMs, std::function<void(quint64)> stop, QObject *parent);
    void onState(const LinkStatus &status);
    void finish(bool ok, const QString &detail);

    quint64 m_probe;
    std::function<void(quint64)> m_stop;
    QTimer m_timeout;
    bool m_finished = false;
};

} // namespace fleetscope
