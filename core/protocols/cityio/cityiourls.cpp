#include "core/protocols/cityio/cityiourls.h"

#include <QStringList>

namespace fleetscope::cityio {

CityioUrls::CityioUrls(const QUrl &base)
{
    if (!base.isValid() || base.host().isEmpty()) {
        m_problem = QStringLiteral("\"%1\" is not a URL with a host (e.g. http://localhost:8080)").arg(base.toString());
        return;
    }
    QString scheme = base.scheme().toLower();
    if (scheme == QLatin1String("ws"))
        scheme = QStringLiteral("http");
    else if (scheme == QLatin1String("wss"))
        scheme = QStringLiteral("https");
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        m_problem = QStringLiteral("unsupported scheme \"%1\" (use http, https, ws or wss)").arg(base.scheme());
        return;
    }
    // A base URL, or one of the URLs derived from it that a user may paste instead.
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    static const QStringList derived {QStringLiteral("/module/core"), QStringLiteral("/interface"),
        QStringLiteral("/module"), QStringLiteral("/api")};
    for (const QString &suffix : derived) {
        if (path.endsWith(suffix, Qt::CaseInsensitive)) {
            path.chop(suffix.size());
            break;
        }
    }
    m_prefix = path;
    m_base.setScheme(scheme);
    m_base.setHost(base.host());
    m_base.setPort(base.port());
    m_base.setUserInfo(base.userInfo());
    m_base.setPath(m_prefix);
    m_valid = true;
}

QUrl CityioUrls::api(const QString &path) const
{
    QString relative = path;
    if (relative.startsWith(QLatin1String("/api/")))
        relative = relative.mid(5);
    else if (relative == QLatin1String("/api"))
        relative.clear();
    while (relative.startsWith(QLatin1Char('/')))
        relative.remove(0, 1);
    QUrl url = m_base;
    url.setPath(m_prefix + QStringLiteral("/api/") + relative);
    return url;
}

QUrl CityioUrls::channel(const QString &channel) const
{
    QUrl url = m_base;
    url.setScheme(m_base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(m_prefix + channel);
    return url;
}

QString CityioUrls::relativeApiPath(const QString &path)
{
    QString out = path;
    const auto api = out.indexOf(QLatin1String("/api/"));
    if (api >= 0)
        out = out.mid(api + 5);
    while (out.startsWith(QLatin1Char('/')))
        out.remove(0, 1);
    while (out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return out;
}

} // namespace fleetscope::cityio
