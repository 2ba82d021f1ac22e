#include "core/protocols/exosite/exositeendpoint.h"

#include "core/util/jsonutil.h"

#include <QDateTime>
#include <QJsonDocument>

namespace fleetscope::exosite {

namespace {
QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}
} // namespace

ExositeEndpoint::ExositeEndpoint(const EndpointConfig &config, QObject *parent)
    : Endpoint(config, parent)
    , m_link(config.link, this)
    , m_rpc([this](const QString &frame) { return m_link.sendText(frame) >= 0; }, this)
{
    attachLink(&m_link);
    connect(&m_link, &WebSocketLink::opened, this, &ExositeEndpoint::onOpened);
    connect(&m_link, &WebSocketLink::textReceived, this, &ExositeEndpoint::onText);
    connect(&m_link, &WebSocketLink::binaryReceived, this, &ExositeEndpoint::reportBinaryFrame);
    connect(&m_link, &WebSocketLink::dropped, this, &ExositeEndpoint::onDropped);
    followLink(&m_link);
}

ExositeEndpoint::~ExositeEndpoint() = default;

void ExositeEndpoint::reportBinaryFrame(const QByteArray &data)
{
    // The whole frame in hex: it is truncated for display, not for storage.
    reportEvent(Severity::Error, QString(), QStringLiteral("unexpected binary frame (%1 bytes)").arg(data.size()),
        hexPreview(data, static_cast<int>(data.size())));
}

ExositeReplay *ExositeEndpoint::replay()
{
    if (m_replay)
        return m_replay;
    m_replay = new ExositeReplay(this);
    connect(m_replay, &ExositeReplay::resourceFound, this, &ExositeEndpoint::onResource);
    connect(m_replay, &ExositeReplay::pointsArrived, this,
        [this](const QString &path, const QVector<Point> &points, const QString &raw) {
            if (!m_subs.contains(path)) {
                // A recorded subscription: track it so that history and updates de-duplicate as live.
                m_subs.insert(path, Subscription {});
                addSubscription(path);
            }
            ingest(path, points, raw);
        });
    connect(m_replay, &ExositeReplay::problem, this,
        [this](Severity severity, const QString &path, const QString &summary, const QString &raw) {
            reportEvent(severity, path, summary, raw);
        });
    return m_replay;
}

void ExositeEndpoint::replayFrame(const QString &text)
{
    replay()->received(text);
}

void ExositeEndpoint::replayBinaryFrame(const QByteArray &data)
{
    reportBinaryFrame(data);
}

void ExositeEndpoint::replaySentFrame(const QString &text)
{
    replay()->sent(text);
}

void ExositeEndpoint::open()
{
    m_link.open(config().url);
}

void ExositeEndpoint::close()
{
    m_rpc.reset(QStringLiteral("closed"));
    m_phase = Phase::Down;
    m_link.close();
}

QString ExositeEndpoint::authFrame() const
{
    QJsonObject auth;
    if (config().option(QStringLiteral("authKind")) == QLatin1String("token"))
        auth.insert(QStringLiteral("token"), config().secret);
    else
        auth.insert(QStringLiteral("cik"), config().secret);
    if (const QString clientId = config().option(QStringLiteral("clientId")); !clientId.isEmpty())
        auth.insert(QStringLiteral("client_id"), clientId);
    if (const QString resourceId = config().option(QStringLiteral("resourceId")); !resourceId.isEmpty())
        auth.insert(QStringLiteral("resource_id"), resourceId);
    return compact(QJsonObject {{QStringLiteral("auth"), auth}});
}

void ExositeEndpoint::onOpened()
{
    // Authentication happens once per socket; calls wait for the ack (the server would accept
    // them pipelined, but a refused key must not look like a string of failed calls).
    m_phase = Phase::Authenticating;
    m_link.sendText(authFrame());
}

void ExositeEndpoint::onDropped(int code, const QString &reason)
{
    const bool duringAuth = m_phase == Phase::Authenticating;
    m_phase = Phase::Down;
    m_rpc.reset(QStringLiteral("connection lost"));
    for (auto &sub : m_subs)
        sub.active = false; // subscriptions die with the socket
    if (duringAuth && !wasEverReady())
        fail(LinkReason::Credentials,
            QStringLiteral("authentication failed: the server closed the connection before accepting the key (%1)")
                .arg(reason));
    Q_UNUSED(code);
}

void ExositeEndpoint::fail(LinkReason why, const QString &reason, const QString &raw)
{
    reportEvent(Severity::Error, QString(), reason, raw);
    m_phase = Phase::Down;
    m_rpc.reset(reason);
    m_link.fail(why, reason);
}

void ExositeEndpoint::onText(const QString &text)
{
    const Frame frame = decodeFrame(text);
    if (frame.kind == Frame::Kind::Malformed) {
        reportEvent(Severity::Error, QString(), QStringLiteral("malformed frame: %1").arg(frame.problem), text);
        return;
    }
    if (m_phase == Phase::Authenticating) {
        onAuthFrame(frame, text);
        return;
    }
    switch (frame.kind) {
    case Frame::Kind::Status:
        reportEvent(Severity::Warning, QString(), QStringLiteral("unexpected status \"%1\"").arg(frame.status), text);
        break;
    case Frame::Kind::RequestError: {
        reportEvent(Severity::Error, QString(),
            QStringLiteral("request error %1 %2").arg(frame.errorCode).arg(frame.errorContext).trimmed(), text);
        QJsonObject error {{QStringLiteral("code"), frame.errorCode}, {QStringLiteral("message"), frame.errorMessage},
            {QStringLiteral("context"), frame.errorContext}};
        m_rpc.failOldestFrame(QStringLiteral("request error"), error);
        break;
    }
    case Frame::Kind::Responses:
        handleResponses(frame, text);
        break;
    case Frame::Kind::Malformed:
        break;
    }
}

void ExositeEndpoint::onAuthFrame(const Frame &frame, const QString &raw)
{
    if (frame.kind == Frame::Kind::Status && frame.status == QLatin1String("ok")) {
        m_phase = Phase::Ready;
        const bool reconnect = wasEverReady();
        const QString rootName = m_resources.rootName();
        const QString who =
            rootName.isEmpty() ? QStringLiteral("authenticated") : QStringLiteral("authenticated as %1").arg(rootName);
        m_link.markReady(who);
        reportEvent(Severity::Info, QString(), reconnect ? who + QStringLiteral(" (reconnected)") : who, raw);
        m_rpc.setOpen(true);
        if (!m_browsed && (!m_afterBrowse.isEmpty() || m_browser))
            startBrowse();
        if (reconnect && m_browsed) {
            for (auto it = m_subs.cbegin(); it != m_subs.cend(); ++it)
                startSubscription(it.key());
        }
        return;
    }
    QString why;
    if (frame.kind == Frame::Kind::Status)
        why = QStringLiteral("status \"%1\"").arg(frame.status);
    else if (frame.kind == Frame::Kind::RequestError)
        why = QStringLiteral("%1 %2 %3").arg(frame.errorCode).arg(frame.errorMessage, frame.errorContext).trimmed();
    else
        why = QStringLiteral("unexpected reply %1").arg(oneLine(raw, 80));
    fail(LinkReason::Credentials, QStringLiteral("authentication rejected by server (%1)").arg(why), raw);
}

void ExositeEndpoint::handleResponses(const Frame &frame, const QString &raw)
{
    for (const Response &response : frame.responses) {
        if (m_rpc.dispatch(response))
            continue;
        const QString path = m_pathBySubsKey.value(response.idKey);
        if (!path.isNull() && m_resources.contains(path)) {
            if (!response.ok) {
                reportEvent(Severity::Warning, path, QStringLiteral("subscription: %1").arg(response.failureText()),
                    compact(response.raw));
                continue;
            }
            QVector<Point> points;
            if (!decodePoints(response.result, &points))
                reportEvent(Severity::Error, path, QStringLiteral("subscription update is not a [ts,value] pair"),
                    raw); // the frame as received: what could not be decoded is kept whole
            ingest(path, points, compact(response.raw));
            continue;
        }
        if (response.idKey.isEmpty())
            reportEvent(Severity::Warning, QString(), QStringLiteral("response without id"), compact(response.raw));
        else
            reportEvent(Severity::Warning, QString(),
                QStringLiteral("reply for unknown call id %1").arg(response.idKey), compact(response.raw));
    }
}

void ExositeEndpoint::browse()
{
    m_browsed = false;
    afterBrowse([](bool, const QString &) {});
}

void ExositeEndpoint::afterBrowse(DeferredCalls::Call then)
{
    if (m_browsed) {
        then(true, QString());
        return;
    }
    m_afterBrowse.add(std::move(then));
    if (m_phase == Phase::Ready && !m_browser)
        startBrowse();
}

void ExositeEndpoint::startBrowse()
{
    if (m_browser)
        return;
    m_browser = new TreeBrowser(&m_rpc, this);
    connect(m_browser, &TreeBrowser::resourceFound, this, &ExositeEndpoint::onResource);
    connect(m_browser, &TreeBrowser::problem, this,
        [this](Severity severity, const QString &path, const QString &summary, const QString &raw) {
            reportEvent(severity, path, summary, raw);
        });
    connect(m_browser, &TreeBrowser::finished, this, [this](bool ok, const QString &detail) {
        m_browser->deleteLater();
        m_browser = nullptr;
        m_browsed = ok;
        flush();
        Q_EMIT browseFinished(ok, detail);
        m_afterBrowse.run(ok, detail);
    });
    m_browser->start();
}

void ExositeEndpoint::onResource(const Resource &resource)
{
    EndpointBatch batch;
    m_resources.add(resource, &batch);
    report(batch);
}

void ExositeEndpoint::subscribe(const QString &path)
{
    afterBrowse([this, path](bool browsed, const QString &) {
        if (!browsed)
            return; // the next browse brings it back (subscribe waits for one)
        if (!m_resources.contains(path)) {
            reportEvent(Severity::Warning, path, QStringLiteral("subscribe: no such resource"));
            return;
        }
        if (m_resources.value(path).type == QLatin1String("client")) {
            // Watching a client watches every data resource beneath it.
            for (const QString &child : m_resources.dataResourcesUnder(path))
                subscribe(child);
            return;
        }
        if (m_subs.contains(path))
            return;
        Subscription sub;
        sub.subsId = m_nextSubsId++;
        m_subs.insert(path, sub);
        m_pathBySubsKey.insert(QString::number(sub.subsId), path);
        addSubscription(path);
        startSubscription(path);
    });
}

void ExositeEndpoint::startSubscription(const QString &path)
{
    // First the history (the recent points, or the gap since the last one seen), then the live
    // subscription from just after the newest point.
    const Resource resource = m_resources.value(path);
    const Subscription sub = m_subs.value(path);
    QJsonObject options;
    if (sub.lastTs > 0) {
        options = {{QStringLiteral("starttime"), sub.lastTs / 1000 + 1},
            {QStringLiteral("sort"), QStringLiteral("asc")}, {QStringLiteral("limit"), 1000}};
    } else {
        options = {{QStringLiteral("sort"), QStringLiteral("desc")}, {QStringLiteral("limit"), kBackfillPoints}};
    }
    const bool descending = sub.lastTs <= 0;
    m_rpc.call(QStringLiteral("read"), QJsonArray {resource.rid, options}, [this, path, descending](const Response &r) {
        if (!m_subs.contains(path))
            return;
        if (r.ok) {
            QVector<Point> points;
            decodePoints(r.result, &points);
            if (descending)
                std::reverse(points.begin(), points.end());
            ingest(path, points, compact(r.raw));
        } else if (r.status != QLatin1String("connection lost")) {
            reportEvent(Severity::Warning, path, QStringLiteral("read: %1").arg(r.failureText()), compact(r.raw));
        }
        if (m_phase == Phase::Ready)
            subscribeLive(path);
    });
}

void ExositeEndpoint::subscribeLive(const QString &path)
{
    const Resource resource = m_resources.value(path);
    Subscription &sub = m_subs[path];
    const qint64 since = sub.lastTs > 0 ? sub.lastTs / 1000 + 1 : nowSeconds();
    m_rpc.call(QStringLiteral("subscribe"),
        QJsonArray {
            resource.rid, QJsonObject {{QStringLiteral("since"), since}, {QStringLiteral("subs_id"), sub.subsId}}},
        [this, path](const Response &r) {
            if (!m_subs.contains(path))
                return;
            if (r.ok) {
                m_subs[path].active = true;
                reportEvent(Severity::Debug, path, QStringLiteral("subscribed"), compact(r.raw));
            } else if (r.status != QLatin1String("connection lost")) {
                reportEvent(
                    Severity::Error, path, QStringLiteral("subscribe: %1").arg(r.failureText()), compact(r.raw));
            }
        });
}

void ExositeEndpoint::unsubscribe(const QString &path)
{
    if (m_resources.contains(path) && m_resources.value(path).type == QLatin1String("client")) {
        for (const QString &child : m_resources.dataResourcesUnder(path))
            unsubscribe(child);
        return;
    }
    if (!m_subs.contains(path))
        return;
    const Subscription sub = m_subs.take(path);
    m_pathBySubsKey.remove(QString::number(sub.subsId));
    removeSubscription(path);
    if (m_phase == Phase::Ready && sub.active) {
        // The reply is undocumented; any reply, or none, counts as done.
        m_rpc.call(QStringLiteral("unsubscribe"),
            QJsonArray {m_resources.value(path).rid, QJsonObject {{QStringLiteral("subs_id"), sub.subsId}}},
            [](const Response &) {});
    }
}

void ExositeEndpoint::ingest(const QString &path, const QVector<Point> &points, const QString &raw)
{
    // An unknown path (a hostile replay) has no resource: its points go to "", undeduplicated.
    const auto sub = m_subs.find(m_resources.value(path).path);
    qint64 lastTs = sub != m_subs.end() ? sub->lastTs : 0;
    EndpointBatch batch;
    m_resources.ingest(path, points, raw, &lastTs, &batch);
    if (sub != m_subs.end())
        sub->lastTs = lastTs;
    report(batch);
}

} // namespace fleetscope::exosite
