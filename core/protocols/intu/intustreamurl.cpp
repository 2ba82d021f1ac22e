#include "core/protocols/intu/intustreamurl.h"

#include <QUrlQuery>
#include <QUuid>

namespace fleetscope::intu {

namespace {

// The server merges query parameters case-insensitively: find and replace any spelling.
QString takeItem(QUrlQuery *query, const QString &key)
{
    QString value;
    bool found = false;
    const auto items = query->queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (item.first.compare(key, Qt::CaseInsensitive) == 0) {
            if (!found)
                value = item.second;
            found = true;
            query->removeAllQueryItems(item.first);
        }
    }
    return value;
}

} // namespace

QString generateSelfId()
{
    return QStringLiteral("fleetscope-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

StreamTarget resolveStreamTarget(const EndpointConfig &config, const QString &generatedSelfId)
{
    StreamTarget target;
    QUrl url = config.url;
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/stream"));
    QUrlQuery query(url);
    const QString urlSelfId = takeItem(&query, QStringLiteral("selfId"));
    const QString urlToken = takeItem(&query, QStringLiteral("token"));
    QString orgId = takeItem(&query, QStringLiteral("orgId"));
    QString groupId = takeItem(&query, QStringLiteral("groupId"));

    target.selfId = config.option(QStringLiteral("selfId"), urlSelfId);
    if (target.selfId.isEmpty())
        target.selfId = generatedSelfId;
    orgId = config.option(QStringLiteral("orgId"), orgId);
    groupId = config.option(QStringLiteral("groupId"), groupId);

    query.addQueryItem(QStringLiteral("selfId"), target.selfId);
    if (!config.secret.isEmpty())
        target.headers.append({QByteArrayLiteral("token"), config.secret.toUtf8()});
    else
        query.addQueryItem(QStringLiteral("token"), urlToken.isNull() ? QStringLiteral("") : urlToken);
    if (!orgId.isEmpty())
        query.addQueryItem(QStringLiteral("orgId"), orgId);
    if (!groupId.isEmpty())
        query.addQueryItem(QStringLiteral("groupId"), groupId);
    url.setQuery(query);
    target.url = url;
    return target;
}

} // namespace fleetscope::intu
