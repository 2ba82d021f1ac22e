#include "core/protocols/exosite/exositeendpoint.h"

#include "core/util/jsonutil.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace fleetscope::exosite {

namespace {
QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
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
    connect(&m_link, &WebSocketLink::stateChanged, this, &ExositeEndpoint::onLinkState);
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
                m_subscriptions.insert(path);
            }
            ingest(m_byPath.value(path), points, raw);
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

void ExositeEndpoint::onLinkState(const LinkStatus &status)
{
    if (status.state == LinkState::Reconnecting && m_everReady && status.isProblem())
        reportEvent(Severity::Warning, QString(), QStringLiteral("connection lost: %1").arg(status.text()));
    setStatus(status);
}

void ExositeEndpoint::onDropped(int code, const QString &reason)
{
    const bool duringAuth = m_phase == Phase::Authenticating;
    m_phase = Phase::Down;
    m_rpc.reset(QStringLiteral("connection lost"));
    for (auto &sub : m_subs)
        sub.active = false; // subscriptions die with the socket
    if (duringAuth && !m_everReady)
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
        const bool reconnect = m_everReady;
        m_everReady = true;
        const QString who = m_rootName.isEmpty() ? QStringLiteral("authenticated")
                                                 : QStringLiteral("authenticated as %1").arg(m_rootName);
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
        if (!path.isNull() && m_byPath.contains(path)) {
            if (!response.ok) {
                reportEvent(Severity::Warning, path, QStringLiteral("subscription: %1").arg(response.failureText()),
                    compact(response.raw));
                continue;
            }
            QVector<Point> points;
            if (!decodePoints(response.result, &points))
                reportEvent(Severity::Error, path, QStringLiteral("subscription update is not a [ts,value] pair"),
                    raw); // the frame as received: what could not be decoded is kept whole
            ingest(m_byPath.value(path), points, compact(response.raw));
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
    afterBrowse([] {});
}

void ExositeEndpoint::afterBrowse(std::function<void()> then)
{
    if (m_browsed) {
        then();
        return;
    }
    m_afterBrowse.append(std::move(then));
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
        const auto pending = std::exchange(m_afterBrowse, {});
        if (ok) {
            for (const auto &then : pending)
                then();
        }
    });
    m_browser->start();
}

void ExositeEndpoint::onResource(const Resource &resource)
{
    m_byPath.insert(resource.path, resource);
    Topic topic;
    topic.path = resource.path;
    topic.displayName = resource.name;
    topic.meta.insert(QStringLiteral("rid"), resource.rid);
    if (!resource.name.isEmpty())
        topic.meta.insert(QStringLiteral("name"), resource.name);
    if (!resource.unit.isEmpty())
        topic.meta.insert(QStringLiteral("unit"), resource.unit);
    if (!resource.status.isEmpty())
        topic.meta.insert(QStringLiteral("status"), resource.status);
    if (resource.type == QLatin1String("client")) {
        topic.node = NodeKind::Folder;
        topic.type = QStringLiteral("client");
        if (resource.path.isEmpty())
            m_rootName = resource.name;
        if (resource.status == QLatin1String("locked") || resource.status == QLatin1String("expired"))
            reportEvent(Severity::Warning, resource.path, QStringLiteral("client is %1").arg(resource.status));
    } else if (resource.type == QLatin1String("dispatch")) {
        topic.node = NodeKind::Resource;
        topic.type = QStringLiteral("dispatch");
        topic.subscribable = true;
    } else {
        topic.node = NodeKind::Stream;
        topic.type =
            resource.type + QLatin1Char('.') + (resource.format.isEmpty() ? QStringLiteral("string") : resource.format);
        topic.subscribable = true;
    }
    reportTopic(topic);
}

QStringList ExositeEndpoint::dataResourcesUnder(const QString &path) const
{
    QStringList out;
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
    for (auto it = m_byPath.cbegin(); it != m_byPath.cend(); ++it) {
        if (it.value().type != QLatin1String("client") && it.key().startsWith(prefix))
            out << it.key();
    }
    out.sort();
    return out;
}

void ExositeEndpoint::subscribe(const QString &path)
{
    afterBrowse([this, path] {
        const auto it = m_byPath.constFind(path);
        if (it == m_byPath.constEnd()) {
            reportEvent(Severity::Warning, path, QStringLiteral("subscribe: no such resource"));
            return;
        }
        if (it->type == QLatin1String("client")) {
            // Watching a client watches every data resource beneath it.
            for (const QString &child : dataResourcesUnder(path))
                subscribe(child);
            return;
        }
        if (m_subs.contains(path))
            return;
        Subscription sub;
        sub.subsId = m_nextSubsId++;
        m_subs.insert(path, sub);
        m_pathBySubsKey.insert(QString::number(sub.subsId), path);
        m_subscriptions.insert(path);
        startSubscription(path);
    });
}

void ExositeEndpoint::startSubscription(const QString &path)
{
    // First the history (the recent points, or the gap since the last one seen), then the live
    // subscription from just after the newest point.
    const Resource resource = m_byPath.value(path);
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
            ingest(m_byPath.value(path), points, compact(r.raw));
        } else if (r.status != QLatin1String("connection lost")) {
            reportEvent(Severity::Warning, path, QStringLiteral("read: %1").arg(r.failureText()), compact(r.raw));
        }
        if (m_phase == Phase::Ready)
            subscribeLive(path);
    });
}

void ExositeEndpoint::subscribeLive(const QString &path)
{
    const Resource resource = m_byPath.value(path);
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
    const auto it = m_byPath.constFind(path);
    if (it != m_byPath.constEnd() && it->type == QLatin1String("client")) {
        for (const QString &child : dataResourcesUnder(path))
            unsubscribe(child);
        return;
    }
    if (!m_subs.contains(path))
        return;
    const Subscription sub = m_subs.take(path);
    m_pathBySubsKey.remove(QString::number(sub.subsId));
    m_subscriptions.remove(path);
    if (m_phase == Phase::Ready && sub.active) {
        // The reply is undocumented; any reply, or none, counts as done.
        m_rpc.call(QStringLiteral("unsubscribe"),
            QJsonArray {m_byPath.value(path).rid, QJsonObject {{QStringLiteral("subs_id"), sub.subsId}}},
            [](const Response &) {});
    }
}

void ExositeEndpoint::ingest(const Resource &resource, const QVector<Point> &points, const QString &raw)
{
    auto subIt = m_subs.find(resource.path);
    qint64 lastTs = subIt != m_subs.end() ? subIt->lastTs : 0;
    const QString label = TopicPath::decodeSegment(TopicPath::lastSegment(resource.path));
    for (const Point &point : points) {
        if (point.tMs <= lastTs)
            continue; // backlog and read may overlap: de-duplicate by timestamp
        lastTs = point.tMs;
        if (resource.isNumeric()) {
            double value = 0.0;
            if (point.value.isDouble())
                reportSample(resource.path, point.tMs, point.value.toDouble());
            else if (point.value.isString() && parseNumber(point.value.toString(), &value))
                reportSample(resource.path, point.tMs, value);
            else
                reportEvent(Severity::Warning, resource.path,
                    QStringLiteral("value is not a number: %1").arg(oneLine(jsonToText(point.value), 60)), raw,
                    point.tMs);
        } else {
            reportEvent(Severity::Info, resource.path,
                QStringLiteral("%1 = %2").arg(label, oneLine(jsonToText(point.value), 120)), raw, point.tMs);
        }
    }
    if (subIt != m_subs.end())
        subIt->lastTs = lastTs;
}

bool ExositeEndpoint::expandPlaceholders(QString *payload, const QString &rid, QString *error)
{
    static const QRegularExpression placeholder(QStringLiteral(R"(\$\{\s*([a-z]+)\s*(?:([+-])\s*(\d+))?\s*\})"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(*payload);
    while (it.hasNext()) {
        const auto match = it.next();
        out += payload->mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const QString name = match.captured(1);
        if (name == QLatin1String("id")) {
            out += QString::number(m_rpc.nextId());
        } else if (name == QLatin1String("now")) {
            qint64 now = nowSeconds();
            if (match.capturedLength(3))
                now += (match.captured(2) == QLatin1String("-") ? -1 : 1) * match.captured(3).toLongLong();
            out += QString::number(now);
        } else if (name == QLatin1String("rid")) {
            if (rid.isEmpty()) {
                *error = QStringLiteral("the template needs a target resource for ${rid}");
                return false;
            }
            out += rid;
        } else {
            *error = QStringLiteral("replace ${%1} with a value before sending").arg(name);
            return false;
        }
    }
    out += payload->mid(last);
    *payload = out;
    return true;
}

void ExositeEndpoint::finishCommand(
    quint64 id, bool ok, const QString &detail, const QString &payload, const QString &path, bool local)
{
    reportEvent(ok ? Severity::Info : Severity::Error, path, detail, payload);
    flush();
    Q_EMIT commandFinished(CommandReply {id, ok, local, detail, payload});
}

void ExositeEndpoint::send(const Command &incoming)
{
    Command command = incoming;
    if (command.id == 0)
        command.id = nextCommandId();
    afterBrowse([this, command] {
        const quint64 id = command.id;
        const QString target = command.target == QLatin1String("*") ? QString() : command.target;
        QString rid;
        Resource resource;
        if (!target.isEmpty()) {
            if (!m_byPath.contains(target)) {
                finishCommand(id, false, QStringLiteral("unknown target \"%1\"").arg(target), QString(), target, true);
                return;
            }
            resource = m_byPath.value(target);
            rid = resource.rid;
        }
        if (m_phase != Phase::Ready) {
            finishCommand(id, false, QStringLiteral("not connected"), QString(), target);
            return;
        }
        QString payload = command.payload;
        QString error;
        if (!expandPlaceholders(&payload, rid, &error)) {
            finishCommand(id, false, error, QString(), target, true);
            return;
        }
        QJsonParseError parseError {};
        const QJsonDocument doc = QJsonDocument::fromJson(payload.toUtf8(), &parseError);
        QJsonArray calls;
        if (parseError.error == QJsonParseError::NoError && doc.isObject()
            && doc.object().contains(QLatin1String("calls"))) {
            if (!doc.object().value(QLatin1String("calls")).isArray()) {
                finishCommand(id, false, QStringLiteral("\"calls\" must be a list"), payload, target, true);
                return;
            }
            calls = doc.object().value(QLatin1String("calls")).toArray();
        } else if (parseError.error == QJsonParseError::NoError && doc.isArray()) {
            calls = doc.array(); // the legacy bare list of calls
        } else {
            // A plain value: write it to the target.
            QJsonValue value;
            const QJsonDocument wrapped = QJsonDocument::fromJson("[" + payload.toUtf8() + "]");
            if (wrapped.isArray() && wrapped.array().size() == 1 && !wrapped.array().at(0).isObject())
                value = wrapped.array().at(0);
            else if (resource.format == QLatin1String("string") || resource.type == QLatin1String("dispatch"))
                value = payload;
            else {
                finishCommand(id, false,
                    QStringLiteral("payload is not valid JSON: %1 at offset %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset),
                    payload, target, true);
                return;
            }
            if (rid.isEmpty()) {
                finishCommand(id, false, QStringLiteral("a value needs a target resource"), payload, target, true);
                return;
            }
            calls.append(QJsonObject {{QStringLiteral("id"), m_rpc.nextId()},
                {QStringLiteral("procedure"), QStringLiteral("write")},
                {QStringLiteral("arguments"), QJsonArray {rid, value}}});
        }
        for (qsizetype i = 0; i < calls.size(); ++i) {
            const QJsonObject call = calls.at(i).toObject();
            if (!calls.at(i).isObject() || !call.value(QLatin1String("procedure")).isString()
                || !call.value(QLatin1String("arguments")).isArray()) {
                finishCommand(id, false,
                    QStringLiteral("call %1 needs a \"procedure\" string and an \"arguments\" list").arg(i + 1),
                    payload, target, true);
                return;
            }
        }
        // Collect every reply of the frame, then report once.
        struct Pending
        {
            int remaining = 0;
            bool ok = true;
            QStringList parts;
            QJsonArray raws;
        };
        auto pending = std::make_shared<Pending>();
        QHash<QString, QString> procedureById;
        for (const QJsonValue &call : std::as_const(calls))
            procedureById.insert(idKey(call.toObject().value(QLatin1String("id"))),
                call.toObject().value(QLatin1String("procedure")).toString());
        pending->remaining = m_rpc.sendComposed(calls, [this, pending, procedureById, id, target](const Response &r) {
            const QString procedure = procedureById.value(r.idKey);
            pending->ok = pending->ok && r.ok;
            QString part = procedure + QStringLiteral(": ") + (r.ok ? QStringLiteral("ok") : r.failureText());
            if (r.ok && r.result.isArray())
                part += QStringLiteral(" (%1 values)").arg(r.result.toArray().size());
            pending->parts << part;
            pending->raws.append(r.raw.isEmpty() ? QJsonValue(r.status) : QJsonValue(r.raw));
            if (--pending->remaining == 0)
                finishCommand(
                    id, pending->ok, pending->parts.join(QLatin1String("; ")), compact(pending->raws), target);
        });
        if (pending->remaining == 0)
            finishCommand(
                id, true, QStringLiteral("sent (no call has an id, so no reply is expected)"), payload, target);
    });
}

} // namespace fleetscope::exosite
