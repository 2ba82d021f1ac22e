#include "core/workspace/connectiontest.h"

namespace fleetscope {

ConnectionTest::ConnectionTest(quint64 probe, int timeoutMs, std::function<void(quint64)> stop, QObject *parent)
    : QObject(parent)
    , m_probe(probe)
    , m_stop(std::move(stop))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this,
        [this] { finish(false, tr("no answer within %1 s").arg(m_timeout.interval() / 1000)); });
    m_timeout.start(timeoutMs);
}

ConnectionTest::~ConnectionTest()
{
    cancel();
}

void ConnectionTest::cancel()
{
    m_timeout.stop();
    if (m_stop) {
        m_stop(m_probe);
        m_stop = nullptr;
    }
    m_finished = true;
}

void ConnectionTest::onState(const LinkStatus &status)
{
    if (m_finished)
        return;
    const QString detail = status.text();
    Q_EMIT progress(status.state, detail);
    switch (status.state) {
    case LinkState::Ready:
        finish(true, detail.isEmpty() ? tr("ready") : detail);
        break;
    case LinkState::Failed:
    case LinkState::Closed:
        finish(false, detail.isEmpty() ? tr("failed") : detail);
        break;
    case LinkState::Reconnecting:
        // Retries are off for a test: a drop during the handshake is the answer.
        if (status.isProblem())
            finish(false, detail);
        break;
    default:
        break;
    }
}

void ConnectionTest::finish(bool ok, const QString &detail)
{
    if (m_finished)
        return;
    cancel();
    Q_EMIT finished(ok, detail);
}

} // namespace fleetscope
