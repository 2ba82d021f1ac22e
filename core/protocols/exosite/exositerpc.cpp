#include "core/protocols/exosite/exositerpc.h"

#include <QJsonDocument>
#include <QTimer>

namespace fleetscope::exosite {

namespace {
Response syntheticFailure(const QString &key, const QString &status)
{
    Response r;
    r.idKey = key;
    r.status = status;
    r.ok = false;
    return r;
}
} // namespace

Rpc::Rpc(FrameSender sender, QObject *parent)
    : QObject(parent)
    , m_sender(std::move(sender))
{
    m_clock.start();
    m_timeoutTimer.setParent(this); // moves with the endpoint to its thread
    m_timeoutTimer.setInterval(1000);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &Rpc::expireOverdue);
}

qint64 Rpc::call(const QString &procedure, const QJsonArray &arguments, Callback callback)
{
    const qint64 id = nextId();
    m_queue.append(QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("procedure"), procedure},
        {QStringLiteral("arguments"), arguments}});
    m_queuedCallbacks.insert(QString::number(id), std::move(callback));
    scheduleFlush();
    return id;
}

void Rpc::scheduleFlush()
{
    if (m_open && !m_flushScheduled && !m_queue.isEmpty()) {
        m_flushScheduled = true;
        QTimer::singleShot(0, this, &Rpc::flushQueue);
    }
}

void Rpc::setOpen(bool open)
{
    m_open = open;
    if (open) {
        m_timeoutTimer.start();
        flushQueue();
    } else {
        m_timeoutTimer.stop();
    }
}

void Rpc::flushQueue()
{
    m_flushScheduled = false;
    if (!m_open)
        return;
    // Frames of up to 25 calls while fewer than 10 wait for answers; the rest stays queued until
    // an answered (or failed, or timed-out) frame makes room.
    qsizetype taken = 0;
    while (taken < m_queue.size() && static_cast<int>(m_frames.size()) < kMaxFramesOutstanding) {
        QJsonArray frame;
        for (; taken < m_queue.size() && frame.size() < kMaxCallsPerFrame; ++taken)
            frame.append(m_queue.at(taken));
        sendFrame(frame);
    }
    if (taken == m_queue.size()) {
        m_queue = QJsonArray();
    } else {
        QJsonArray rest;
        for (qsizetype i = taken; i < m_queue.size(); ++i)
            rest.append(m_queue.at(i));
        m_queue = rest;
    }
}

void Rpc::sendFrame(const QJsonArray &calls)
{
    QStringList ids;
    for (const QJsonValue &call : calls) {
        const QString key = idKey(call.toObject().value(QLatin1String("id")));
        if (key.isEmpty())
            continue;
        ids << key;
        Pending pending;
        pending.callback = m_queuedCallbacks.take(key);
        pending.sentAt = m_clock.elapsed();
        m_pending.insert(key, pending);
    }
    const QString text =
        QString::fromUtf8(QJsonDocument(QJsonObject {{QStringLiteral("calls"), calls}}).toJson(QJsonDocument::Compact));
    if (!ids.isEmpty())
        m_frames.push_back(ids);
    if (!m_sender(text)) {
        for (const QString &key : std::as_const(ids))
            finish(key, syntheticFailure(key, QStringLiteral("not sent (connection down)")));
    }
}

int Rpc::sendComposed(const QJsonArray &calls, const Callback &callback)
{
    int expecting = 0;
    for (const QJsonValue &call : calls) {
        const QString key = idKey(call.toObject().value(QLatin1String("id")));
        if (!key.isEmpty()) {
            m_queuedCallbacks.insert(key, callback);
            ++expecting;
        }
    }
    sendFrame(calls);
    return expecting;
}

bool Rpc::dispatch(const Response &response)
{
    if (!m_pending.contains(response.idKey))
        return false;
    finish(response.idKey, response);
    return true;
}

void Rpc::finish(const QString &key, const Response &response)
{
    const Pending pending = m_pending.take(key);
    for (auto it = m_frames.begin(); it != m_frames.end(); ++it) {
        if (it->removeOne(key)) {
            if (it->isEmpty()) {
                m_frames.erase(it);
                scheduleFlush(); // room for a waiting frame
            }
            break;
        }
    }
    if (pending.callback)
        pending.callback(response);
}

void Rpc::failOldestFrame(const QString &status, const QJsonObject &error)
{
    if (m_frames.empty())
        return;
    const QStringList ids = m_frames.front();
    m_frames.pop_front();
    scheduleFlush();
    for (const QString &key : ids) {
        Response r = syntheticFailure(key, status);
        r.error = error;
        const Pending pending = m_pending.take(key);
        if (pending.callback)
            pending.callback(r);
    }
}

void Rpc::expireOverdue()
{
    const qint64 now = m_clock.elapsed();
    QStringList overdue;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (now - it.value().sentAt > m_timeoutMs)
            overdue << it.key();
    }
    for (const QString &key : std::as_const(overdue))
        finish(key, syntheticFailure(key, QStringLiteral("timeout")));
}

void Rpc::reset(const QString &reason)
{
    setOpen(false);
    const QStringList keys = m_pending.keys();
    m_frames.clear();
    for (const QString &key : keys) {
        const Pending pending = m_pending.take(key);
        if (pending.callback)
            pending.callback(syntheticFailure(key, reason));
    }
    const auto queued = m_queuedCallbacks;
    m_queuedCallbacks.clear();
    m_queue = QJsonArray();
    for (auto it = queued.cbegin(); it != queued.cend(); ++it) {
        if (it.value())
            it.value()(syntheticFailure(it.key(), reason));
    }
}

} // namespace fleetscope::exosite
