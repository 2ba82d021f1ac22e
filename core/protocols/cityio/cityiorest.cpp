#include "core/protocols/cityio/cityiorest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkRequest>

namespace fleetscope::cityio {

QString RestReply::describe() const
{
    if (status == 0)
        return error.isEmpty() ? QStringLiteral("no answer") : error;
    if (status == 204)
        return QStringLiteral("204: %1 not found").arg(path.startsWith(QLatin1String("table/")) ? path.mid(6) : path);
    if (!isSuccess())
        return reasonPhrase.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reasonPhrase);
    QString size;
    if (isJson && json.isArray())
        size = QStringLiteral("%1 items").arg(json.array().size());
    else if (isJson && json.isObject())
        size = QStringLiteral("%1 keys").arg(json.object().size());
    else
        size = QStringLiteral("%1 bytes").arg(body.size());
    return QStringLiteral("%1, %2").arg(status).arg(size);
}

CityioRest::CityioRest(
    const CityioUrls &urls, const LinkOptions &options, std::shared_ptr<TlsPolicy> tls, QObject *parent)
    : QObject(parent)
    , m_urls(urls)
    , m_transport(options, std::move(tls), this)
{ }

CityioRest::~CityioRest()
{
    cancelAll();
}

void CityioRest::request(
    const QString &method, const QString &path, const QByteArray &body, Callback done, RestKind kind)
{
    const QUrl url = m_urls.api(path);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty() || method != QLatin1String("GET"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QString relative = CityioUrls::relativeApiPath(url.path());
    m_transport.send(
        request, method.toUtf8(), body, kind, [method, relative, done = std::move(done)](const RestResponse &response) {
            RestReply result;
            static_cast<RestResponse &>(result) = response;
            result.method = method;
            result.path = relative;
            if (result.status == 204)
                result.body.clear(); // never parsed (a missing table or path)
            if (!result.body.isEmpty()) {
                QJsonParseError error {};
                result.json = QJsonDocument::fromJson(result.body, &error);
                result.isJson = error.error == QJsonParseError::NoError;
            }
            done(result);
        });
}

void CityioRest::cancelAll()
{
    m_transport.cancelAll();
}

} // namespace fleetscope::cityio
