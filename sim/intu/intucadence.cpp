#include "sim/intu/intucadence.h"

#include <algorithm>
#include <cmath>

namespace fleetscope::sim::intu {

IntuCadence IntuCadence::fromOptions(const QVariantMap &options)
{
    IntuCadence c;
    if (options.value(QStringLiteral("cadence")).toString() == QLatin1String("reference")) {
        c.systemMs = 60000;
        c.networkMs = 60000;
    }
    const double scale = options.value(QStringLiteral("cadenceScale"), 1.0).toDouble();
    const auto set = [&](const char *key, int *field) {
        const QString name = QString::fromLatin1(key);
        if (options.contains(name))
            *field = std::max(1, options.value(name).toInt());
        else if (scale > 0)
            *field = std::max(1, static_cast<int>(std::lround(*field * scale)));
    };
    set("systemMs", &c.systemMs);
    set("networkMs", &c.networkMs);
    set("networkDownMinMs", &c.networkDownMinMs);
    set("networkDownMaxMs", &c.networkDownMaxMs);
    set("sonarMs", &c.sonarMs);
    set("touchMs", &c.touchMs);
    set("logMinMs", &c.logMinMs);
    set("logMaxMs", &c.logMaxMs);
    set("dialogMinMs", &c.dialogMinMs);
    set("dialogMaxMs", &c.dialogMaxMs);
    set("healthThingMs", &c.healthThingMs);
    set("emotionMs", &c.emotionMs);
    set("cameraMs", &c.cameraMs);
    set("microphoneMs", &c.microphoneMs);
    set("fakeChildMs", &c.fakeChildMs);
    set("sayStepMs", &c.sayStepMs);
    c.logBurst = std::max(1, options.value(QStringLiteral("logBurst"), 1).toInt());
    if (options.contains(QStringLiteral("pingMs")))
        c.pingMs = std::max(0, options.value(QStringLiteral("pingMs")).toInt());
    c.logMaxMs = std::max(c.logMaxMs, c.logMinMs);
    c.dialogMaxMs = std::max(c.dialogMaxMs, c.dialogMinMs);
    c.networkDownMaxMs = std::max(c.networkDownMaxMs, c.networkDownMinMs);
    c.live = options.value(QStringLiteral("generator"), true).toBool();
    return c;
}

} // namespace fleetscope::sim::intu
