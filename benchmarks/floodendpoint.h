#pragma once

#include "core/endpoint/endpoint.h"

#include <QElapsedTimer>
#include <QTimer>

namespace fleetscope::bench {

// A local flood source for the benchmarks: an Endpoint (so it runs on the workspace's network
// thread and batches like any adapter) that reports `rate` messages a second over `topics`
// numeric topics, one in `eventEvery` of them as an event instead of a sample.
// Options: rate (default 20000), topics (200), eventEvery (10).
class FloodEndpoint : public Endpoint
{
    Q_OBJECT

public:
    explicit FloodEndpoint(const EndpointConfig &config, QObject *parent = nullptr);

    LinkCounters counters() const override { return m_counters; }
    quint64 produced() const { return m_counters.framesIn; }

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &) override { }
    void unsubscribe(const QString &) override { }
    void send(const fleetscope::Command &command) override;

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    LinkCounters m_counters;
    int m_rate;
    int m_topics;
    int m_eventEvery;
    quint64 m_sequence = 0;
};

} // namespace fleetscope::bench
