#include "core/workspace/eventexport.h"

#include "core/model/eventlogmodel.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope::EventExport {

namespace {
QByteArray csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text.toUtf8();
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QByteArray("\"") + quoted.toUtf8() + QByteArray("\"");
}

bool writeAll(QIODevice *device, const QByteArray &data, QString *error)
{
    if (device->write(data) == data.size())
        return true;
    *error = device->errorString();
    return false;
}
} // namespace

bool writeCsv(const EventLogModel &model, QIODevice *device, QString *error)
{
    QByteArray chunk("time_ms,time,endpoint,severity,path,summary,payload\n");
    const int rows = model.rowCount();
    for (int row = 0; row < rows; ++row) {
        const Event &event = model.eventAt(row);
        chunk += QByteArray::number(event.t) + ','
            + csvField(QDateTime::fromMSecsSinceEpoch(event.t).toString(Qt::ISODateWithMs)) + ','
            + csvField(event.endpoint) + ',' + csvField(severityName(event.severity)) + ',' + csvField(event.path) + ','
            + csvField(event.summary) + ',' + csvField(event.payload) + '\n';
        if (chunk.size() > (1 << 20)) {
            if (!writeAll(device, chunk, error))
                return false;
            chunk.clear();
        }
    }
    return writeAll(device, chunk, error);
}

bool writeJsonLines(const EventLogModel &model, QIODevice *device, QString *error)
{
    QByteArray chunk;
    const int rows = model.rowCount();
    for (int row = 0; row < rows; ++row) {
        const Event &event = model.eventAt(row);
        const QJsonObject line {{QStringLiteral("kind"), QStringLiteral("event")}, {QStringLiteral("t"), event.t},
            {QStringLiteral("endpoint"), event.endpoint}, {QStringLiteral("severity"), severityName(event.severity)},
            {QStringLiteral("path"), event.path}, {QStringLiteral("summary"), event.summary},
            {QStringLiteral("payload"), event.payload}};
        chunk += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        if (chunk.size() > (1 << 20)) {
            if (!writeAll(device, chunk, error))
                return false;
            chunk.clear();
        }
    }
    return writeAll(device, chunk, error);
}

} // namespace fleetscope::EventExport
