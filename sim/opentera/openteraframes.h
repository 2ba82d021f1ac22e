#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace google::protobuf {
class Message;
}

namespace fleetscope::sim::opentera {

// Who may see an event: the server filters by access, so an event about an entity only reaches
// users with access to it.
enum class Subject { None, User, Participant, Device };

// One event on its way to user sockets, as the server builds it.
struct OutEvent
{
    QString topic; // header.topic, e.g. "module.TeraServer.UserManagerModule.events"
    std::shared_ptr<const google::protobuf::Message> message; // null for an unknown type
    QJsonObject unknown; // the whole events[] element of a type clients may not know
    QStringList recipients; // user UUIDs; empty = every user socket with access
    QString exceptUser; // never to this user (e.g. the one who replied)
    Subject subject = Subject::None;
    QString subjectUuid;
};

// How frames are printed: the real server's protobuf JSON (pretty, indent 2, lowerCamelCase, enum
// names, defaults printed, non-ASCII escaped), or the test switches' variants.
struct FrameStyle
{
    bool snakeCase = false;
    bool enumNumbers = false;
    bool binary = false; // a serialized TeraMessage in a binary frame instead
};

// A TeraMessage{TeraEvent{header, events}} as the server sends it
// (docs/protocols/opentera.md#frames). `time` is Unix seconds.
QString jsonFrame(const QVector<OutEvent> &events, double time, const FrameStyle &style);
QByteArray binaryFrame(const QVector<OutEvent> &events, double time);

// Python's json.dumps-style compact text ({"a": 1, "b": "x"}), as the server embeds JSON in
// strings (deviceStatus, objectValue).
QString pythonJson(const QJsonValue &value);

} // namespace fleetscope::sim::opentera
