#pragma once

#include <QJsonValue>
#include <QString>

namespace fleetscope::cityio {

// What a frame means to Fleetscope; legacy names fold into the current ones (GRID is a
// TableSnapshot, INDICATOR a Module).
enum class MessageKind {
    TableSnapshot,
    GridUpdate, // GEOGRIDDATA_UPDATE
    Module,
    CoreModulesList,
    Scenarios,
    Error,
    SubscriptionRequest, // to core modules
    SubscriptionRemovalRequest,
    UpdateModule, // experimental, to modules
    Unknown, // any other type: logged at debug level, never fatal
};

// One CityIO envelope {"type","content"} decoded without any session context
// (docs/protocols/cityio.md#messages). `content` is any JSON value (objects, bare arrays);
// a missing content reads as {}.
struct Message
{
    bool ok = false; // false: not JSON, truncated, or not an envelope (see `problem`)
    QString problem;
    QString type; // as on the wire ("GRID", "TABLE_SNAPSHOT", ...)
    MessageKind kind = MessageKind::Unknown;
    bool legacy = false; // GRID / INDICATOR
    QJsonValue content;
    int bytes = 0; // UTF-8 size of the frame
};

Message decodeMessage(const QString &text);
// A binary frame: CityIO sends text, but JSON may come as binary (through some proxies), so it is
// read as UTF-8 text. `*raw` is what events keep of it: that text, or, when it is no envelope,
// the whole frame in hex (invalid UTF-8 would not survive as text).
Message decodeBinaryMessage(const QByteArray &data, QString *raw);
MessageKind kindOfType(const QString &type, bool *legacy = nullptr);
// The current wire name of a kind ("TABLE_SNAPSHOT"), empty for Unknown.
QString typeName(MessageKind kind);

} // namespace fleetscope::cityio
