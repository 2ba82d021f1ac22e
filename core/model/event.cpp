#include "core/model/event.h"

namespace fleetscope {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Debug:
        return QStringLiteral("debug");
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

bool severityFromName(const QString &name, Severity *severity)
{
    const QString n = name.toLower();
    if (n == QLatin1String("debug"))
        *severity = Severity::Debug;
    else if (n == QLatin1String("info"))
        *severity = Severity::Info;
    else if (n == QLatin1String("warning") || n == QLatin1String("warn"))
        *severity = Severity::Warning;
    else if (n == QLatin1String("error"))
        *severity = Severity::Error;
    else
        return false;
    return true;
}

QString payloadPreview(const QString &payload, int maxChars)
{
    if (payload.size() <= maxChars)
        return payload;
    return payload.left(maxChars)
        + QStringLiteral(" … (%1 more characters; the event log on disk has them all)").arg(payload.size() - maxChars);
}

QString hexPreview(const QByteArray &bytes, int limit)
{
    const QByteArray head = bytes.left(limit);
    QString out = QStringLiteral("%1 bytes: ").arg(bytes.size());
    out += QString::fromLatin1(head.toHex(' '));
    if (bytes.size() > limit)
        out += QStringLiteral(" …");
    return out;
}

} // namespace fleetscope
