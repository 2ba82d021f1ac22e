#pragma once

#include "sim/common/httpfront.h"

#include <functional>

namespace fleetscope::sim::cityio {

class CityioWorld;

// CityIO's REST API as the real servers answer it (docs/protocols/cityio.md#rest):
// table/list, the legacy tables/list, table/headers, table/<name>[/<path>...] deep reads and POST
// table/<name> (store and echo), every path with or without a trailing slash and under the /cityio
// mount, and 204 with an empty body for a missing table or path.
//
// Owned by CityioSimulator. Threading: the simulator's thread.
class CityioRestApi
{
public:
    // `gridPosted` runs when a POST changed a table's GEOGRIDDATA (the broker tells its peers).
    CityioRestApi(CityioWorld *world, std::function<void(const QString &table)> gridPosted);

    HttpResponse handle(const HttpRequest &request);

    // The path without the /cityio mount, or a null string when it is not under it or the root.
    static QString unmounted(const QString &path);

private:
    HttpResponse post(const QString &table, const QStringList &rest, const QByteArray &body);

    CityioWorld *m_world;
    std::function<void(const QString &)> m_gridPosted;
};

} // namespace fleetscope::sim::cityio
