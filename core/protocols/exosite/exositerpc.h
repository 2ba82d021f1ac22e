#pragma once

#include "core/protocols/exosite/exositeframe.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

namespace fleetscope::exosite {

// JSON-RPC over the One Platform socket: assigns call ids, packs the calls queued in one event
// loop turn into frames of at most 25, keeps at most 10 frames unanswered (the rest wait their
// turn in the queue), pairs every response with its call by id (never by
// position), maps a whole-request error to the oldest frame still unanswered, and fails calls
// that get no answer in time. Responses whose id matches no call (subscription updates) go to
// `unmatched`.
//
// Threading: the thread of its owning ExositeEndpoint.
class Rpc : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Response &)>;
    using FrameSender = std::function<bool(const QString &frame)>;

    explicit Rpc(FrameSender sender, QObject *parent = nullptr);

    // Queues a call; the callback runs once with its response, or with a synthetic failure
    // (status "timeout" or "disconnected"). Returns the call id.
    qint64 call(const QString &procedure, const QJsonArray &arguments, Callback callback);
    // Sends a frame the user composed (already expanded); callbacks are registered for the
    // ids it carries. Returns the number of calls that expect a reply.
    int sendComposed(const QJsonArray &calls, const Callback &callback);
    // Routes one response; false when no call waits for its id.
    bool dispatch(const Response &response);
    // A whole-request error: every call of the oldest unanswered frame fails with it.
    void failOldestFrame(const QString &status, const QJsonObject &error);
    // The socket is gone: every pending call fails with `reason`, queued ones are dropped.
    void reset(const QString &reason);
    void setOpen(bool open);
    qint64 nextId() { return ++m_lastId; }
    bool isPending(const QString &idKey) const { return m_pending.contains(idKey); }
    int pendingCount() const { return static_cast<int>(m_pending.size()); }
    void setCallTimeout(int ms) { m_timeoutMs = ms; }

    static constexpr int kMaxCallsPerFrame = 25;
    // Frames with calls still unanswered; more wait in the queue. Our own bound: the platform documents
    // none (docs/protocols/exosite.md#limits).
    static constexpr int kMaxFramesOutstanding = 10;
    int queuedCount() const { return static_cast<int>(m_queue.size()); }

private:
    struct Pending
    {
        Callback callback;
        qint64 sentAt = 0;
    };
    void flushQueue();
    void scheduleFlush();
    void sendFrame(const QJsonArray &calls);
    void expireOverdue();
    void finish(const QString &idKey, const Response &response);

    FrameSender m_sender;
    QJsonArray m_queue;
    QHash<QString, Callback> m_queuedCallbacks;
    QHash<QString, Pending> m_pending;
    std::deque<QStringList> m_frames; // ids of each sent frame still waiting, oldest first
    QElapsedTimer m_clock;
    QTimer m_timeoutTimer;
    qint64 m_lastId = 0;
    int m_timeoutMs = 30000;
    bool m_open = false;
    bool m_flushScheduled = false;
};

} // namespace fleetscope::exosite
