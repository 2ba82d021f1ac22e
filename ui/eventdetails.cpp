#include "ui/eventdetails.h"

#include "core/model/event.h"

#include <QDateTime>
#include <QJsonDocument>

namespace fleetscope::ui {

QString eventDetailsText(const Event &event)
{
    QString text = QDateTime::fromMSecsSinceEpoch(event.t).toString(Qt::ISODateWithMs) + QLatin1Char('\n');
    text += event.endpoint + QStringLiteral(" · ") + severityName(event.severity);
    if (!event.path.isEmpty())
        text += QStringLiteral(" · ") + event.path;
    text += QLatin1Char('\n') + event.summary + QStringLiteral("\n\n");
    const QJsonDocument json = QJsonDocument::fromJson(event.payload.toUtf8());
    text += json.isNull() ? event.payload : QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    return text;
}

} // namespace fleetscope::ui
