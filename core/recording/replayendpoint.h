#pragma once

#include "core/endpoint/endpoint.h"
#include "core/recording/recordingreader.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace fleetscope {

class ProtocolRegistry;

// A read-only endpoint that plays a session recording back: it creates an adapter of the recorded
// protocol (never opened, no socket) and feeds it the frames one recorded endpoint received (and,
// as context, the frames it sent) through the Endpoint replay hooks, at the recorded pace times a
// speed factor or as fast as possible, so that the topics, samples and events reappear. Commands
// are refused; subscribe() and unsubscribe() change nothing (a replay shows what was recorded).
// At the end of the recording the state becomes Closed ("end of recording"); a damaged file is
// played up to the damage, then an error event says what was wrong.
//
// Config: url = the recording file (QUrl::fromLocalFile), options "endpoint" (the recorded
// endpoint's name; default: the first one) and "speed" (1 = real time, 10 = ten times faster,
// 0 = as fast as possible). The registry must outlive the endpoint.
//
// Threading: see Endpoint.
class ReplayEndpoint : public Endpoint
{
    Q_OBJECT

public:
    ReplayEndpoint(const EndpointConfig &config, const ProtocolRegistry *registry, QObject *parent = nullptr);
    ~ReplayEndpoint() override;

    static EndpointConfig configFor(const QString &file, double speed = 1.0, const QString &recordedEndpoint = {});

    LinkCounters counters() const override { return m_counters; }
    Endpoint *adapter() const { return m_adapter.get(); }

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &path) override;
    void unsubscribe(const QString &path) override;
    void send(const fleetscope::Command &command) override;

    // Frames played per event-loop turn at most, so that a fast replay keeps the loop responsive.
    static constexpr int kFramesPerTurn = 500;

private:
    void playDue();
    void play(const RecordingFrame &frame);
    void finish();
    bool readNext();
    // The subscriptions the adapter found in the recording become this endpoint's.
    void adoptRecordedSubscriptions();

    const ProtocolRegistry *m_registry;
    RecordingReader m_reader;
    std::unique_ptr<Endpoint> m_adapter;
    int m_endpointIndex = -1;
    double m_speed = 1.0;
    RecordingFrame m_next;
    bool m_hasNext = false;
    qint64 m_firstT = 0;
    QElapsedTimer m_clock;
    QTimer m_timer;
    LinkCounters m_counters;
    bool m_playing = false;
    bool m_browsePending = false;
};

} // namespace fleetscope
