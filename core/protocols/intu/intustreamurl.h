#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace fleetscope::intu {

// Where and as whom an Intu console connects (docs/protocols/intu.md#connection).
struct StreamTarget
{
    QUrl url; // ws(s)://host:port/stream?selfId=..[&token=][&orgId=..&groupId=..]
    QString selfId;
    QList<QPair<QByteArray, QByteArray>> headers; // the token, when it is a secret
};

// Builds the stream URL from the configured one: a bare host gets the /stream path; the
// options selfId/orgId/groupId override the query's; the token (EndpointConfig::secret) goes in
// a `token` header, so it never sits in a URL, else the query's token is kept, else `token=`
// (the server needs the member, empty is fine). Without a selfId, `generatedSelfId` is used.
StreamTarget resolveStreamTarget(const EndpointConfig &config, const QString &generatedSelfId);

// "fleetscope-<uuid>": a second connection with the same selfId replaces the first.
QString generateSelfId();

} // namespace fleetscope::intu
