#include "core/store/eventretention.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <limits>

namespace fleetscope {

QString describeRetention(const EventRetention &retention)
{
    QStringList parts;
    if (retention.days > 0)
        parts << (retention.days == 1 ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(retention.days));
    if (retention.bytes > 0)
        parts << QStringLiteral("at most %1").arg(formatByteSize(retention.bytes));
    return parts.isEmpty() ? QStringLiteral("no limit") : parts.join(QStringLiteral(", "));
}

QString formatByteSize(qint64 bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    double value = static_cast<double>(bytes);
    int unit = -1;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    // Whole numbers print without decimals ("1 GiB"), others with one ("1.5 GiB").
    const bool whole = std::abs(value - std::round(value)) < 0.05;
    return QStringLiteral("%1 %2").arg(value, 0, 'f', whole ? 0 : 1).arg(QLatin1String(units[unit]));
}

bool parseByteSize(const QString &text, qint64 *bytes)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(?:i?b)?|b)?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    bool ok = false;
    const double number = match.captured(1).toDouble(&ok);
    if (!ok)
        return false;
    const QString unit = match.captured(2).toLower();
    const int shift = unit.isEmpty() ? 0
        : unit == QLatin1String("k") ? 10
        : unit == QLatin1String("m") ? 20
        : unit == QLatin1String("g") ? 30
                                     : 40;
    const double value = std::ldexp(number, shift);
    if (!(value < static_cast<double>(std::numeric_limits<qint64>::max() / 2)))
        return false;
    if (unit.isEmpty() && match.captured(1).contains(QLatin1Char('.')))
        return false; // a fraction of a byte
    *bytes = static_cast<qint64>(std::llround(value));
    return true;
}

} // namespace fleetscope
