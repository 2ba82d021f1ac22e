#include "core/monitor/duration.h"

#include <cmath>

namespace fleetscope::Duration {

namespace {

const QString kExpected = QStringLiteral("a duration such as \"500ms\", \"30s\", \"5m\", \"2h\" or seconds");

bool fromSeconds(double seconds, qint64 *ms, QString *why)
{
    if (!std::isfinite(seconds) || seconds < 0) {
        *why = QStringLiteral("must be %1, not negative").arg(kExpected);
        return false;
    }
    const double total = seconds * 1000.0;
    if (total > static_cast<double>(kMaxMs)) {
        *why = QStringLiteral("must be at most a year");
        return false;
    }
    *ms = static_cast<qint64>(std::llround(total));
    return true;
}

} // namespace

bool parse(const QJsonValue &value, qint64 *ms, QString *why)
{
    if (value.isDouble())
        return fromSeconds(value.toDouble(), ms, why);
    if (!value.isString()) {
        *why = QStringLiteral("must be %1").arg(kExpected);
        return false;
    }
    const QString text = value.toString().trimmed();
    struct Unit
    {
        const char *suffix;
        double seconds;
    };
    // "ms" before "s": the longer suffix first.
    static const Unit units[] = {{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}};
    for (const Unit &unit : units) {
        const QLatin1String suffix(unit.suffix);
        if (!text.endsWith(suffix))
            continue;
        bool ok = false;
        const double number = text.left(text.size() - suffix.size()).trimmed().toDouble(&ok);
        if (!ok)
            break;
        return fromSeconds(number * unit.seconds, ms, why);
    }
    *why = QStringLiteral("\"%1\" is not %2").arg(text, kExpected);
    return false;
}

QString format(qint64 ms)
{
    if (ms % 3600000 == 0 && ms > 0)
        return QStringLiteral("%1h").arg(ms / 3600000);
    if (ms % 60000 == 0 && ms > 0)
        return QStringLiteral("%1m").arg(ms / 60000);
    if (ms % 1000 == 0)
        return QStringLiteral("%1s").arg(ms / 1000);
    return QStringLiteral("%1ms").arg(ms);
}

} // namespace fleetscope::Duration
