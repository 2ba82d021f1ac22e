#include "sim/cityio/cityiorestapi.h"

#include "sim/cityio/cityioworld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace fleetscope::sim::cityio {

namespace {
QByteArray compact(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // A scalar sub-value: its JSON text.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

HttpResponse noContent()
{
    return HttpResponse {204, "application/json", QByteArray(), {}};
}
} // namespace

CityioRestApi::CityioRestApi(CityioWorld *world, std::function<void(const QString &)> gridPosted)
    : m_world(world)
    , m_gridPosted(std::move(gridPosted))
{ }

QString CityioRestApi::unmounted(const QString &path)
{
    if (path == QLatin1String("/cityio") || path.startsWith(QLatin1String("/cityio/")))
        return path.mid(7);
    return path;
}

HttpResponse CityioRestApi::handle(const HttpRequest &request)
{
    const QString path = unmounted(request.path);
    if (path.isEmpty() || path == QLatin1String("/"))
        return HttpResponse::text(200,
            "CityIO simulator: REST under /api/ (table/list/, table/headers/, table/<name>/...), WebSocket channels "
            "/interface, /module and /module/core (also under /cityio)\n");
    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.size() < 2 || segments.first() != QLatin1String("api"))
        return HttpResponse::text(404, "Not found");
    segments.removeFirst();
    const QString head = segments.first();
    const bool get = request.method == "GET";
    if (segments.size() == 2 && segments.at(1) == QLatin1String("list")
        && (head == QLatin1String("table") || head == QLatin1String("tables"))) {
        if (!get)
            return HttpResponse::text(405, "Method not allowed");
        QJsonArray names;
        for (const QString &name : m_world->tableNames())
            names.append(name);
        return HttpResponse::json(200, compact(names));
    }
    if (head != QLatin1String("table"))
        return HttpResponse::text(404, "Not found");
    if (segments.size() == 2 && segments.at(1) == QLatin1String("headers")) {
        if (!get)
            return HttpResponse::text(405, "Method not allowed");
        return HttpResponse::json(200, compact(m_world->headers()));
    }
    if (segments.size() < 2)
        return noContent();
    const QString table = segments.at(1);
    const QStringList rest = segments.mid(2);
    if (request.method == "POST")
        return post(table, rest, request.body);
    if (!get)
        return HttpResponse::text(405, "Method not allowed");
    QJsonValue value;
    if (!m_world->get(table, rest, &value))
        return noContent();
    return HttpResponse::json(200, compact(value));
}

HttpResponse CityioRestApi::post(const QString &table, const QStringList &rest, const QByteArray &body)
{
    if (!rest.isEmpty())
        return HttpResponse::text(405, "POST goes to /api/table/<name>/");
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return HttpResponse::text(400, "Body must be a JSON object");
    bool gridChanged = false;
    const QJsonObject stored = m_world->post(table, doc.object(), &gridChanged);
    if (gridChanged && m_gridPosted)
        m_gridPosted(table);
    return HttpResponse::json(200, compact(stored));
}

} // namespace fleetscope::sim::cityio
