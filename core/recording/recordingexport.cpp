#include "core/recording/recordingexport.h"

#include "core/util/secretmasker.h"

#include <QJsonArray>

namespace fleetscope::RecordingExport {

namespace {
QString clean(const QString &text, const SecretMasker *masker)
{
    return masker ? masker->mask(text) : text;
}
} // namespace

QJsonObject header(const RecordingInfo &info, const SecretMasker *masker)
{
    QJsonArray endpoints;
    for (const RecordingEndpoint &endpoint : info.endpoints)
        endpoints.append(QJsonObject {{QStringLiteral("name"), endpoint.name},
            {QStringLiteral("protocol"), endpoint.protocol}, {QStringLiteral("url"), clean(endpoint.url, masker)}});
    return QJsonObject {{QStringLiteral("kind"), QStringLiteral("recording")},
        {QStringLiteral("version"), static_cast<qint64>(info.version)}, {QStringLiteral("started"), info.startedMs},
        {QStringLiteral("fleetscope"), info.fleetscopeVersion}, {QStringLiteral("endpoints"), endpoints}};
}

QJsonObject frame(const RecordingFrame &frame, const RecordingInfo &info, const SecretMasker *masker)
{
    QJsonObject out {{QStringLiteral("kind"), QStringLiteral("frame")}, {QStringLiteral("t"), frame.frame.t},
        {QStringLiteral("endpoint"), frame.endpoint},
        {QStringLiteral("protocol"), info.endpoints.value(frame.endpointIndex).protocol},
        {QStringLiteral("direction"),
            frame.frame.direction == WireFrame::Direction::Out ? QStringLiteral("out") : QStringLiteral("in")}};
    if (!frame.frame.channel.isEmpty())
        out.insert(QStringLiteral("channel"), frame.frame.channel);
    if (frame.frame.binary) {
        const QByteArray data = masker ? masker->maskBytes(frame.frame.data) : frame.frame.data;
        out.insert(QStringLiteral("binary"), QString::fromLatin1(data.toBase64()));
    } else {
        out.insert(QStringLiteral("text"), clean(frame.frame.text, masker));
    }
    return out;
}

} // namespace fleetscope::RecordingExport
