#include "app/cli/timeargument.h"

#include <QDateTime>
#include <QRegularExpression>

namespace fleetscope::cli {

bool parseTimeArgument(const QString &text, qint64 nowMs, qint64 *ms, QString *error)
{
    const QString value = text.trimmed();
    if (value == QLatin1String("now")) {
        *ms = nowMs;
        return true;
    }
    bool isNumber = false;
    const qint64 number = value.toLongLong(&isNumber);
    if (isNumber && number >= 0) {
        *ms = number > 100000000000LL ? number : number * 1000; // ms, or seconds
        return true;
    }
    static const QRegularExpression ago(QStringLiteral(R"(^(\d+(?:\.\d+)?)(ms|s|m|h|d)$)"));
    if (const auto match = ago.match(value); match.hasMatch()) {
        const double amount = match.captured(1).toDouble();
        const QString unit = match.captured(2);
        const double factor = unit == QLatin1String("ms") ? 1
            : unit == QLatin1String("s")                  ? 1000
            : unit == QLatin1String("m")                  ? 60000
            : unit == QLatin1String("h")                  ? 3600000
                                                          : 86400000;
        *ms = nowMs - static_cast<qint64>(amount * factor);
        return true;
    }
    QDateTime when = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(value, Qt::ISODate);
    if (!when.isValid()) {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (date.isValid())
            when = date.startOfDay();
    }
    if (!when.isValid()) {
        *error = QStringLiteral("\"%1\" is not a time (use e.g. 2024-11-20T10:00:00Z, 1732134567123, or 15m for 15 "
                                "minutes ago)")
                     .arg(value);
        return false;
    }
    *ms = when.toMSecsSinceEpoch();
    return true;
}

} // namespace fleetscope::cli
