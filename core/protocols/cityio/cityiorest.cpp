#include "core/protocols/cityio/cityiorest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace fleetscope::cityio {

QString RestReply::describe() const
{
    if (status == 0)
        return networkError.isEmpty() ? QStringLiteral("no answer") : networkError;
    if (status == 204)
        return QStringLiteral("204: %1 not found").arg(path.startsWith(QLatin1String("table/")) ? path.mid(6) : path);
    if (!isSuccess())
        return networkError.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(networkError);
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
    QNetworkAccessManager *network, const CityioUrls &urls, const LinkOptions &options, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_urls(urls)
    , m_options(options)
{ }

CityioRest::~CityioRest()
{
    cancelAll();
}

void CityioRest::request(const QString &method, const QString &path, const QByteArray &body, Callback done)
{
    const QUrl url = m_urls.api(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_options.connectTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty() || method != QLatin1String("GET"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_options.caFile.isEmpty())
            tls.addCaCertificates(QSslCertificate::fromPath(m_options.caFile, QSsl::Pem));
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method.toUtf8(), body);
    m_pending.insert(reply);
    if (m_options.insecure)
        reply->ignoreSslErrors();
    auto tlsError = std::make_shared<QString>();
    connect(reply, &QNetworkReply::sslErrors, this, [tlsError](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const QSslError &error : errors)
            reasons << error.errorString();
        reasons.removeDuplicates();
        *tlsError = QStringLiteral("TLS certificate not trusted: %1 (use --insecure to accept it, or --ca FILE to "
                                   "trust its CA)")
                        .arg(reasons.join(QLatin1String("; ")));
    });
    const QString relative = CityioUrls::relativeApiPath(url.path());
    connect(reply, &QNetworkReply::finished, this, [this, reply, method, relative, tlsError, done] {
        m_pending.remove(reply);
        reply->deleteLater();
        RestReply result;
        result.method = method;
        result.path = relative;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError) {
            result.networkError = !tlsError->isEmpty() ? *tlsError
                : reply->error() == QNetworkReply::OperationCanceledError
                ? QStringLiteral("no answer within %1 s").arg(m_options.connectTimeoutMs / 1000.0)
                : reply->errorString();
            result.failure = !tlsError->isEmpty()                         ? LinkReason::Tls
                : reply->error() == QNetworkReply::OperationCanceledError ? LinkReason::Timeout
                                                                          : LinkReason::Network;
            if (result.status != 0)
                result.networkError = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        }
        if (result.status != 204)
            result.body = reply->readAll();
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
    const auto pending = std::exchange(m_pending, {});
    for (QNetworkReply *reply : pending) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace fleetscope::cityio
