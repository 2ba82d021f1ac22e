#pragma once

#include "core/link/linkoptions.h"
#include "core/link/linkstate.h"
#include "core/protocols/cityio/cityiourls.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace fleetscope::cityio {

// The outcome of one REST call. CityIO answers a missing table or path with `204` and an empty
// body, which is never parsed (docs/protocols/cityio.md#rest).
struct RestReply
{
    QString method;
    QString path; // relative to /api, e.g. "table/volpe/GEOGRID"
    int status = 0; // 0 when no HTTP answer came (network or TLS error)
    QString networkError;
    LinkReason failure = LinkReason::None; // why no HTTP answer came, as data (Tls, Timeout, Network)
    QByteArray body;
    QJsonDocument json; // when the body parsed as JSON
    bool isJson = false;

    bool isSuccess() const { return status >= 200 && status < 300 && status != 204; }
    bool isNoContent() const { return status == 204; }
    // One line: "200, 3 items", "204: volpe/NOPE not found", "404 Not Found", "connection refused".
    QString describe() const;
};

// CityIO's REST API on a QNetworkAccessManager the endpoint owns: requests under `<base>/api/`,
// the link's TLS policy (insecure, extra CA) and connect timeout, and cancellation on close.
//
// Threading: the endpoint's thread.
class CityioRest : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const RestReply &)>;

    CityioRest(
        QNetworkAccessManager *network, const CityioUrls &urls, const LinkOptions &options, QObject *parent = nullptr);
    ~CityioRest() override;

    // `path` is relative to /api ("table/list/") or starts with "/api/". `body` goes as JSON.
    void request(const QString &method, const QString &path, const QByteArray &body, Callback done);
    void get(const QString &path, Callback done)
    {
        request(QStringLiteral("GET"), path, QByteArray(), std::move(done));
    }
    // Aborts every pending request; their callbacks do not run.
    void cancelAll();
    int pending() const { return static_cast<int>(m_pending.size()); }

private:
    QNetworkAccessManager *m_network;
    CityioUrls m_urls;
    LinkOptions m_options;
    QSet<QNetworkReply *> m_pending;
};

} // namespace fleetscope::cityio
