#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace fleetscope {

enum class Severity { Debug = 0, Info = 1, Warning = 2, Error = 3 };

QString severityName(Severity severity);
bool severityFromName(const QString &name, Severity *severity);

// Something that happened on an endpoint: a received message worth reading, a state change,
// or anything that went wrong. `payload` is the raw text (hex for binary), never dropped:
// what cannot be decoded becomes an error event holding it.
struct Event
{
    qint64 t = 0; // ms since the epoch
    Severity severity = Severity::Info;
    QString path;
    QString summary;
    QString payload;
    QString endpoint; // the endpoint's name; filled by whoever routes events from several endpoints
};

using EventList = QVector<Event>;

// A payload for display: at most `maxChars` characters, then a note of how much more there is.
// Displays (the log panel, tooltips) show this; the event itself and the event database keep the
// payload whole.
QString payloadPreview(const QString &payload, int maxChars = 4096);

// Renders binary data for an event payload: a size line and a hex dump of at most `limit` bytes.
QString hexPreview(const QByteArray &bytes, int limit = 256);

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::Event)
