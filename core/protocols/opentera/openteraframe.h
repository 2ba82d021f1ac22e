#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fleetscope::opentera {

// One element of a TeraEvent's events[], decoded into plain data (protobuf types stay in the
// .cpp). Which fields are filled depends on `kind`; the field names follow the wire messages of
// docs/protocols/opentera.md#schema.
struct WireEvent
{
    enum class Kind {
        User,
        Participant,
        Device,
        JoinSession,
        LeaveSession,
        StopSession,
        JoinSessionReply,
        Archive,
        Database,
        Unknown, // an "@type" this build does not know: skipped with a warning
        Invalid, // a known "@type" whose fields do not parse
    };
    Kind kind = Kind::Invalid;
    QString typeName; // "UserEvent", or the whole "@type" URL when unknown
    int code = 0; // the message's enum: type, join_reply (replies) or status (archives)
    QString codeName; // its name ("USER_CONNECTED"), or the number as text when out of range
    QString uuid; // user/participant/device uuid, session uuid, archive uuid
    QString name; // user fullname, participant/device name, session creator
    QString projectName; // participants
    QString siteName; // participants
    QString deviceStatus; // devices: the double-encoded status text (docs/protocols/opentera.md#quirks)
    QString serviceUuid; // sessions
    QString sessionUrl;
    QString joinMsg;
    QString sessionParameters;
    QStringList participants; // session members invited or leaving (UUIDs)
    QStringList users;
    QStringList devices;
    QString userUuid; // JoinSessionReplyEvent: who replied (one of the three is set)
    QString participantUuid;
    QString deviceUuid;
    QString replyMsg;
    QString ownerUuid; // archives
    QString archiveUrl;
    QString objectType; // database
    QString objectValue;
    QString raw; // the events[] element as compact JSON
    QString problem; // Invalid: why
};

// A decoded WebSocket frame: a TeraMessage holding a TeraEvent, or what went wrong with it.
struct Frame
{
    enum class Kind {
        Events, // a TeraEvent: header + events (some may be Unknown or Invalid)
        Text, // the server's refusal of anything a client sends: "Not allowed to send message"
        Undecodable, // other text, invalid or truncated JSON, JSON that is no TeraMessage, bytes
        // that are no TeraMessage
        Unexpected, // a well-formed TeraMessage that holds no TeraEvent (another "@type")
    };
    Kind kind = Kind::Undecodable;
    quint32 version = 0;
    double time = 0.0; // header.time, Unix seconds; 0 when absent
    QString topic;
    QVector<WireEvent> events;
    QString problem; // Undecodable/Unexpected: why
};

// What the server answers to any frame a client sends (docs/protocols/opentera.md#quirks).
inline constexpr QLatin1String kRefusalText("Not allowed to send message");

// Decodes a text frame: protobuf's canonical JSON of a TeraMessage (pretty-printed or not,
// lowerCamelCase or snake_case keys, enum names or numbers). Each events[] element is decoded on
// its own, dispatching on "@type", so an unknown type never breaks the rest of the frame.
Frame decodeTextFrame(const QString &text);
// Decodes a binary frame: a serialized TeraMessage.
Frame decodeBinaryFrame(const QByteArray &data);

// Whether `kind`'s code is a deprecated or *_UNKNOWN value (shown as debug / warning).
bool isDeprecatedCode(WireEvent::Kind kind, int code);

} // namespace fleetscope::opentera
