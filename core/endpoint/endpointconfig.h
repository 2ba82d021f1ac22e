#pragma once

#include "core/link/linkoptions.h"

#include <QString>
#include <QUrl>
#include <QVariantMap>

namespace fleetscope {

// Everything an Endpoint needs to connect, as plain data. The connection dialog, saved profiles
// and the CLI's flags fill it; an endpoint never opens a dialog nor reads settings itself.
struct EndpointConfig
{
    QString name; // the user's label, e.g. "HQ Exosite"
    QString protocol; // "intu", "cityio", "exosite" or "opentera"
    QUrl url;
    QVariantMap options; // protocol options (selfId, project, user, ...); never secrets
    QString secret; // CIK, password or token: held in memory only, never logged or saved
    LinkOptions link;
    // How many distinct topic paths (topics and sample paths) the endpoint may hold; beyond it new
    // paths are ignored and a warning event says so (docs/limits.md). A server cannot grow the
    // tree without bound.
    int maxTopics = 100000;

    QString option(const QString &key, const QString &fallback = QString()) const
    {
        const QString value = options.value(key).toString();
        return value.isEmpty() ? fallback : value;
    }
};

} // namespace fleetscope
