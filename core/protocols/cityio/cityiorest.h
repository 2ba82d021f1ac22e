#pragma once

#include "core/link/linkoptions.h"
#include "core/net/resttransport.h"
#include "core/protocols/cityio/cityiourls.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>

#include <functional>
#include <memory>

namespace fleetscope::cityio {

// The outcome of one REST call. CityIO answers a missing table or path with `204` and an empty
// body, which is never parsed (docs/protocols/cityio.md#rest).
// No HTTP answer (network, TLS, timeout, a refused redirect or body): status 0 and `error`.
struct RestReply : RestResponse
{
    QString method;
    QString path; // relative to /api, e.g. "table/volpe/GEOGRID"
    QJsonDocument json; // when the body parsed as JSON
    bool isJson = false;

    bool isSuccess() const { return status >= 200 && status < 300 && status != 204; }
    bool isNoContent() const { return status == 204; }
    // One line: "200, 3 items", "204: volpe/NOPE not found", "404 Not Found", "connection refused".
    QString describe() const;
};

// CityIO's REST API: requests under `<base>/api/` through a RestTransport (same-origin redirects
// only, body caps and deadlines per RestKind, the endpoint's TlsPolicy, the connect timeout as the
// silence limit), and cancellation on close.
//
// Threading: the endpoint's thread.
class CityioRest : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const RestReply &)>;

    // `tls` is the endpoint's policy (shared with its sockets); null: one of its own.
    CityioRest(const CityioUrls &urls, const LinkOptions &options, std::shared_ptr<TlsPolicy> tls = nullptr,
        QObject *parent = nullptr);
    ~CityioRest() override;

    // `path` is relative to /api ("table/list/") or starts with "/api/". `body` goes as JSON.
    void request(const QString &method, const QString &path, const QByteArray &body, Callback done,
        RestKind kind = RestKind::Data);
    void get(const QString &path, Callback done, RestKind kind = RestKind::Data)
    {
        request(QStringLiteral("GET"), path, QByteArray(), std::move(done), kind);
    }
    // Aborts every pending request; their callbacks do not run.
    void cancelAll();
    int pending() const { return m_transport.pending(); }

private:
    CityioUrls m_urls;
    RestTransport m_transport;
};

} // namespace fleetscope::cityio
