#pragma once

#include <QString>
#include <QUrl>

namespace fleetscope::cityio {

// The addresses of one CityIO deployment, derived from the single base URL the user gives
// (docs/protocols/cityio.md#connection): `http://host:8080` or `https://host/cityio`. REST lives under
// `<base>/api/`, the WebSocket channels at `<base>/interface`, `<base>/module` and
// `<base>/module/core` with http→ws and https→wss; a path prefix such as /cityio is kept. A pasted
// channel or API URL (…/interface, …/api/) and a ws:// base are accepted too.
//
// Threading: plain value.
class CityioUrls
{
public:
    CityioUrls() = default;
    explicit CityioUrls(const QUrl &base);

    bool isValid() const { return m_valid; }
    QString problem() const { return m_problem; }

    // The base as REST sees it, e.g. https://host/cityio (no trailing slash).
    QUrl base() const { return m_base; }
    // `<base>/api/<path>`; `path` is relative to /api ("table/list/"), or starts with "/api/".
    QUrl api(const QString &path) const;
    // `<ws base><channel>`, channel being "/interface", "/module" or "/module/core".
    QUrl channel(const QString &channel) const;
    // The part of an /api URL after "/api/" (for event paths and messages).
    static QString relativeApiPath(const QString &path);

private:
    QUrl m_base;
    QString m_prefix; // e.g. "/cityio", or empty
    bool m_valid = false;
    QString m_problem;
};

} // namespace fleetscope::cityio
