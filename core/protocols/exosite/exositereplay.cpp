#include "core/protocols/exosite/exositereplay.h"

#include "core/model/topic.h"

#include <QJsonDocument>

#include <deque>

namespace fleetscope::exosite {

namespace {
QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool sameResource(const Resource &a, const Resource &b)
{
    return a.path == b.path && a.type == b.type && a.format == b.format && a.name == b.name && a.unit == b.unit
        && a.status == b.status;
}
} // namespace

ExositeReplay::ExositeReplay(QObject *parent)
    : QObject(parent)
{ }

QString ExositeReplay::ridArgument(const QJsonArray &arguments)
{
    return arguments.at(0).isString() ? arguments.at(0).toString() : QString();
}

void ExositeReplay::sent(const QString &text)
{
    // {"calls":[...]}, or the legacy bare list; the auth frame and anything else carry no call.
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    const QJsonArray calls = doc.isArray() ? doc.array() : doc.object().value(QLatin1String("calls")).toArray();
    for (const QJsonValue &value : calls) {
        const QJsonObject call = value.toObject();
        const QString key = idKey(call.value(QLatin1String("id")));
        if (key.isEmpty())
            continue;
        if (m_calls.size() >= kMaxPendingCalls)
            m_calls.clear(); // replies to these will show as unknown ids: better than unbounded memory
        m_calls.insert(key,
            Call {call.value(QLatin1String("procedure")).toString(), call.value(QLatin1String("arguments")).toArray()});
    }
}

void ExositeReplay::received(const QString &text)
{
    const Frame frame = decodeFrame(text);
    switch (frame.kind) {
    case Frame::Kind::Malformed:
        Q_EMIT problem(Severity::Error, QString(), QStringLiteral("malformed frame: %1").arg(frame.problem), text);
        break;
    case Frame::Kind::Status:
        if (frame.status == QLatin1String("ok"))
            Q_EMIT problem(Severity::Info, QString(), QStringLiteral("authenticated"), text);
        else
            Q_EMIT problem(Severity::Error, QString(),
                QStringLiteral("authentication rejected by server (status \"%1\")").arg(frame.status), text);
        break;
    case Frame::Kind::RequestError:
        Q_EMIT problem(Severity::Error, QString(),
            QStringLiteral("request error %1 %2").arg(frame.errorCode).arg(frame.errorContext).trimmed(), text);
        break;
    case Frame::Kind::Responses:
        for (const Response &response : frame.responses)
            onResponse(response, text);
        break;
    }
    if (m_treeDirty)
        rebuildTree();
}

void ExositeReplay::onResponse(const Response &response, const QString &raw)
{
    const auto call = m_calls.find(response.idKey);
    if (call != m_calls.end()) {
        const Call answered = call.value();
        m_calls.erase(call);
        onCallAnswered(answered, response, raw);
        return;
    }
    const auto subscription = m_subsRid.constFind(response.idKey);
    if (subscription != m_subsRid.constEnd()) {
        if (m_treeDirty)
            rebuildTree();
        const QString path = pathOf(subscription.value());
        if (!response.ok) {
            Q_EMIT problem(Severity::Warning, path, QStringLiteral("subscription: %1").arg(response.failureText()),
                compact(response.raw));
            return;
        }
        QVector<Point> points;
        if (!decodePoints(response.result, &points))
            Q_EMIT problem(Severity::Error, path, QStringLiteral("subscription update is not a [ts,value] pair"), raw);
        if (!path.isNull())
            Q_EMIT pointsArrived(path, points, compact(response.raw));
        return;
    }
    if (response.idKey.isEmpty())
        Q_EMIT problem(Severity::Warning, QString(), QStringLiteral("response without id"), compact(response.raw));
    else
        Q_EMIT problem(Severity::Warning, QString(), QStringLiteral("reply for unknown call id %1").arg(response.idKey),
            compact(response.raw));
}

void ExositeReplay::onCallAnswered(const Call &call, const Response &response, const QString &raw)
{
    const QString rid = ridArgument(call.arguments);
    const QString &procedure = call.procedure;
    if (procedure == QLatin1String("lookup") && response.ok && response.result.isString()) {
        if (m_rootRid.isEmpty()) {
            m_rootRid = response.result.toString();
            m_treeDirty = true;
        }
        return;
    }
    if (procedure == QLatin1String("info") && !rid.isEmpty()) {
        if (response.ok) {
            m_info.insert(rid, response.result.toObject());
            m_treeDirty = true;
        } else {
            Q_EMIT problem(Severity::Warning, pathOf(rid),
                QStringLiteral("info %1: %2").arg(rid.left(8), response.failureText()), compact(response.raw));
        }
        return;
    }
    if (procedure == QLatin1String("listing") && !rid.isEmpty()) {
        if (response.ok) {
            m_listing.insert(rid,
                response.result.isObject() ? response.result.toObject()
                                           : QJsonObject {{QStringLiteral("legacy"), response.result}});
            m_treeDirty = true;
        } else {
            Q_EMIT problem(Severity::Error, pathOf(rid), QStringLiteral("listing: %1").arg(response.failureText()),
                compact(response.raw));
        }
        return;
    }
    if (m_treeDirty)
        rebuildTree();
    const QString path = pathOf(rid);
    if (procedure == QLatin1String("read") && !rid.isEmpty()) {
        if (!response.ok) {
            Q_EMIT problem(
                Severity::Warning, path, QStringLiteral("read: %1").arg(response.failureText()), compact(response.raw));
            return;
        }
        QVector<Point> points;
        decodePoints(response.result, &points);
        // Reads without an explicit ascending sort come newest first (the server's default).
        if (call.arguments.at(1).toObject().value(QLatin1String("sort")).toString() != QLatin1String("asc"))
            std::reverse(points.begin(), points.end());
        if (!path.isNull())
            Q_EMIT pointsArrived(path, points, compact(response.raw));
        return;
    }
    if (procedure == QLatin1String("subscribe") && !rid.isEmpty()) {
        const QJsonObject options = call.arguments.at(1).toObject();
        const QJsonValue subsId =
            options.contains(QLatin1String("subs_id")) ? options.value(QLatin1String("subs_id")) : response.id;
        if (response.ok) {
            m_subsRid.insert(idKey(subsId), rid);
            Q_EMIT problem(Severity::Debug, path, QStringLiteral("subscribed"), compact(response.raw));
        } else {
            Q_EMIT problem(Severity::Error, path, QStringLiteral("subscribe: %1").arg(response.failureText()),
                compact(response.raw));
        }
        return;
    }
    if (procedure == QLatin1String("unsubscribe")) {
        const QJsonObject options = call.arguments.at(rid.isEmpty() ? 0 : 1).toObject();
        m_subsRid.remove(idKey(options.value(QLatin1String("subs_id"))));
        return;
    }
    // Anything else (writes and composed calls): the outcome, as the live session reports it.
    Q_EMIT problem(response.ok ? Severity::Info : Severity::Error, path,
        QStringLiteral("%1: %2").arg(procedure, response.ok ? QStringLiteral("ok") : response.failureText()), raw);
}

void ExositeReplay::rebuildTree()
{
    m_treeDirty = false;
    if (m_rootRid.isEmpty())
        return;
    // Breadth-first like TreeBrowser, over the answers seen so far; a resource appears once its
    // info has been replayed. `visited` keeps a damaged recording's cycles from looping.
    struct Pending
    {
        QString rid;
        QString path;
        int depth;
    };
    std::deque<Pending> queue {{m_rootRid, QString(), 0}};
    QSet<QString> visited {m_rootRid};
    QHash<QString, QString> pathByRid;
    int found = 0;
    while (!queue.empty() && found < TreeBrowser::kMaxResources) {
        const Pending client = queue.front();
        queue.pop_front();
        const QJsonObject info = m_info.value(client.rid);
        pathByRid.insert(client.rid, client.path);
        if (client.path.isEmpty()) {
            const Resource root = TreeBrowser::resourceFrom(client.rid, QStringLiteral("client"), info, QString());
            if (!m_reported.contains(client.rid) || !sameResource(m_reported.value(client.rid), root)) {
                m_reported.insert(client.rid, root);
                Q_EMIT resourceFound(root);
            }
        }
        if (client.depth >= TreeBrowser::kMaxDepth)
            continue;
        QVector<QPair<QString, QString>> typed;
        TreeBrowser::childRids(m_listing.value(client.rid), &typed);
        const auto aliases = TreeBrowser::aliasMap(info);
        QSet<QString> used;
        for (const auto &[rid, type] : std::as_const(typed)) {
            if (visited.contains(rid) || !m_info.contains(rid))
                continue;
            visited.insert(rid);
            const QJsonObject childInfo = m_info.value(rid);
            const QString label = TreeBrowser::labelFor(aliases.value(rid), childInfo, rid, &used);
            const QString path = TopicPath::join(client.path, label);
            pathByRid.insert(rid, path);
            ++found;
            const Resource resource = TreeBrowser::resourceFrom(rid, type, childInfo, path);
            if (!m_reported.contains(rid) || !sameResource(m_reported.value(rid), resource)) {
                m_reported.insert(rid, resource);
                Q_EMIT resourceFound(resource);
            }
            if (type == QLatin1String("client"))
                queue.push_back({rid, path, client.depth + 1});
        }
    }
    m_pathByRid = pathByRid;
}

} // namespace fleetscope::exosite
