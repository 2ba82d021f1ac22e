#include "benchmarks/floodendpoint.h"

#include <cmath>

namespace fleetscope::bench {

FloodEndpoint::FloodEndpoint(const EndpointConfig &config, QObject *parent)
    : Endpoint(config, parent)
    , m_rate(config.options.value(QStringLiteral("rate"), 20000).toInt())
    , m_topics(config.options.value(QStringLiteral("topics"), 200).toInt())
    , m_eventEvery(config.options.value(QStringLiteral("eventEvery"), 10).toInt())
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FloodEndpoint::tick);
}

void FloodEndpoint::open()
{
    setStatus({LinkState::Connecting, LinkReason::None, QStringLiteral("flooding")});
    setStatus({LinkState::Ready, LinkReason::None, QStringLiteral("flooding %1 messages/s").arg(m_rate)});
    m_clock.start();
    m_timer.start();
}

void FloodEndpoint::close()
{
    m_timer.stop();
    setStatus({LinkState::Closed, LinkReason::None, QString()});
}

void FloodEndpoint::browse()
{
    for (int i = 0; i < m_topics; ++i) {
        Topic topic;
        topic.path = QStringLiteral("unit-%1/value").arg(i, 3, 10, QLatin1Char('0'));
        topic.node = NodeKind::Stream;
        topic.type = QStringLiteral("number");
        topic.subscribable = true;
        reportTopic(topic);
    }
    flush();
    Q_EMIT browseFinished(true, QString());
}

void FloodEndpoint::send(const Command &command)
{
    Q_EMIT commandFinished(CommandReply {command.id, true, false, QStringLiteral("ignored"), QString()});
}

void FloodEndpoint::tick()
{
    // Catch up to where the clock says we should be, so the rate holds whatever the timer does.
    const quint64 due = static_cast<quint64>(m_clock.elapsed()) * static_cast<quint64>(m_rate) / 1000;
    const qint64 now = nowMs();
    while (m_counters.framesIn < due) {
        const quint64 n = m_sequence++;
        const int topic = static_cast<int>(n % static_cast<quint64>(m_topics));
        const QString path = QStringLiteral("unit-%1/value").arg(topic, 3, 10, QLatin1Char('0'));
        // Every tenth round over the topics is events, so each topic carries both.
        if (m_eventEvery > 0 && (n / static_cast<quint64>(m_topics)) % static_cast<quint64>(m_eventEvery) == 0)
            reportEvent(Severity::Info, path, QStringLiteral("reading %1").arg(n),
                QStringLiteral("{\"seq\":%1,\"unit\":%2}").arg(n).arg(topic), now);
        else
            reportSample(path, now, std::sin(static_cast<double>(n) / 1000.0) * 10.0 + topic);
        ++m_counters.framesIn;
        m_counters.bytesIn += 64;
    }
}

} // namespace fleetscope::bench
