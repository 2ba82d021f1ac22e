#include "core/protocols/opentera/openteraframe.h"

#include "opentera/archiveevent.pb.h"
#include "opentera/databaseevent.pb.h"
#include "opentera/deviceevent.pb.h"
#include "opentera/joinsessionevent.pb.h"
#include "opentera/joinsessionreplyevent.pb.h"
#include "opentera/leavesessionevent.pb.h"
#include "opentera/participantevent.pb.h"
#include "opentera/stopsessionevent.pb.h"
#include "opentera/teraevent.pb.h"
#include "opentera/teramessage.pb.h"
#include "opentera/userevent.pb.h"

#include <google/protobuf/util/json_util.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope::opentera {

namespace pb = ::opentera::protobuf;
using google::protobuf::Any;

namespace {

constexpr QLatin1String kPackagePrefix("opentera.protobuf.");

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QStringList qsl(const google::protobuf::RepeatedPtrField<std::string> &list)
{
    QStringList out;
    out.reserve(list.size());
    for (const std::string &s : list)
        out << qs(s);
    return out;
}

template<class Enum, class NameFn>
void setCode(WireEvent *e, int code, NameFn nameOf)
{
    e->code = code;
    const std::string name = nameOf(static_cast<Enum>(code));
    e->codeName = name.empty() ? QString::number(code) : qs(name);
}

void fill(const pb::UserEvent &m, WireEvent *e)
{
    setCode<pb::UserEvent::EventType>(e, m.type(), &pb::UserEvent::EventType_Name<pb::UserEvent::EventType>);
    e->uuid = qs(m.user_uuid());
    e->name = qs(m.user_fullname());
}

void fill(const pb::ParticipantEvent &m, WireEvent *e)
{
    setCode<pb::ParticipantEvent::EventType>(
        e, m.type(), &pb::ParticipantEvent::EventType_Name<pb::ParticipantEvent::EventType>);
    e->uuid = qs(m.participant_uuid());
    e->name = qs(m.participant_name());
    e->projectName = qs(m.participant_project_name());
    e->siteName = qs(m.participant_site_name());
}

void fill(const pb::DeviceEvent &m, WireEvent *e)
{
    setCode<pb::DeviceEvent::EventType>(e, m.type(), &pb::DeviceEvent::EventType_Name<pb::DeviceEvent::EventType>);
    e->uuid = qs(m.device_uuid());
    e->name = qs(m.device_name());
    e->deviceStatus = qs(m.device_status());
}

void fill(const pb::JoinSessionEvent &m, WireEvent *e)
{
    e->uuid = qs(m.session_uuid());
    e->name = qs(m.session_creator_name());
    e->sessionUrl = qs(m.session_url());
    e->participants = qsl(m.session_participants());
    e->users = qsl(m.session_users());
    e->devices = qsl(m.session_devices());
    e->joinMsg = qs(m.join_msg());
    e->sessionParameters = qs(m.session_parameters());
    e->serviceUuid = qs(m.service_uuid());
}

void fill(const pb::LeaveSessionEvent &m, WireEvent *e)
{
    e->uuid = qs(m.session_uuid());
    e->serviceUuid = qs(m.service_uuid());
    e->participants = qsl(m.leaving_participants());
    e->users = qsl(m.leaving_users());
    e->devices = qsl(m.leaving_devices());
}

void fill(const pb::StopSessionEvent &m, WireEvent *e)
{
    e->uuid = qs(m.session_uuid());
    e->serviceUuid = qs(m.service_uuid());
}

void fill(const pb::JoinSessionReplyEvent &m, WireEvent *e)
{
    setCode<pb::JoinSessionReplyEvent::ReplyType>(
        e, m.join_reply(), &pb::JoinSessionReplyEvent::ReplyType_Name<pb::JoinSessionReplyEvent::ReplyType>);
    e->uuid = qs(m.session_uuid());
    e->userUuid = qs(m.user_uuid());
    e->participantUuid = qs(m.participant_uuid());
    e->deviceUuid = qs(m.device_uuid());
    e->replyMsg = qs(m.reply_msg());
}

void fill(const pb::ArchiveEvent &m, WireEvent *e)
{
    setCode<pb::ArchiveEvent::StatusType>(
        e, m.status(), &pb::ArchiveEvent::StatusType_Name<pb::ArchiveEvent::StatusType>);
    e->uuid = qs(m.archive_uuid());
    e->ownerUuid = qs(m.owner_uuid());
    e->archiveUrl = qs(m.archive_url());
}

void fill(const pb::DatabaseEvent &m, WireEvent *e)
{
    setCode<pb::DatabaseEvent::EventType>(
        e, m.type(), &pb::DatabaseEvent::EventType_Name<pb::DatabaseEvent::EventType>);
    e->objectType = qs(m.object_type());
    e->objectValue = qs(m.object_value());
}

template<class M>
bool fromJson(const std::string &json, WireEvent *e)
{
    // Unknown fields are tolerated (newer servers add some); enum names and numbers and both
    // key spellings are protobuf's own JSON rules.
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    M message;
    const auto status = google::protobuf::util::JsonStringToMessage(json, &message, options);
    if (!status.ok()) {
        e->problem = qs(status.ToString());
        return false;
    }
    fill(message, e);
    return true;
}

template<class M>
bool fromAny(const Any &any, WireEvent *e)
{
    M message;
    if (!any.UnpackTo(&message)) {
        e->problem = QStringLiteral("the bytes of %1 do not parse").arg(qs(any.type_url()));
        return false;
    }
    fill(message, e);
    google::protobuf::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    std::string json;
    if (google::protobuf::util::MessageToJsonString(any, &json, options).ok())
        e->raw = qs(json);
    return true;
}

struct Codec
{
    QLatin1String name;
    WireEvent::Kind kind;
    QLatin1String enumKey; // the JSON key of the message's enum (lowerCamelCase), or empty
    QLatin1String enumKeySnake;
    bool (*fromJson)(const std::string &, WireEvent *);
    bool (*fromAny)(const Any &, WireEvent *);
};

const Codec kCodecs[] = {
    {QLatin1String("UserEvent"), WireEvent::Kind::User, QLatin1String("type"), QLatin1String("type"),
        &fromJson<pb::UserEvent>, &fromAny<pb::UserEvent>},
    {QLatin1String("ParticipantEvent"), WireEvent::Kind::Participant, QLatin1String("type"), QLatin1String("type"),
        &fromJson<pb::ParticipantEvent>, &fromAny<pb::ParticipantEvent>},
    {QLatin1String("DeviceEvent"), WireEvent::Kind::Device, QLatin1String("type"), QLatin1String("type"),
        &fromJson<pb::DeviceEvent>, &fromAny<pb::DeviceEvent>},
    {QLatin1String("JoinSessionEvent"), WireEvent::Kind::JoinSession, QLatin1String(), QLatin1String(),
        &fromJson<pb::JoinSessionEvent>, &fromAny<pb::JoinSessionEvent>},
    {QLatin1String("LeaveSessionEvent"), WireEvent::Kind::LeaveSession, QLatin1String(), QLatin1String(),
        &fromJson<pb::LeaveSessionEvent>, &fromAny<pb::LeaveSessionEvent>},
    {QLatin1String("StopSessionEvent"), WireEvent::Kind::StopSession, QLatin1String(), QLatin1String(),
        &fromJson<pb::StopSessionEvent>, &fromAny<pb::StopSessionEvent>},
    {QLatin1String("JoinSessionReplyEvent"), WireEvent::Kind::JoinSessionReply, QLatin1String("joinReply"),
        QLatin1String("join_reply"), &fromJson<pb::JoinSessionReplyEvent>, &fromAny<pb::JoinSessionReplyEvent>},
    {QLatin1String("ArchiveEvent"), WireEvent::Kind::Archive, QLatin1String("status"), QLatin1String("status"),
        &fromJson<pb::ArchiveEvent>, &fromAny<pb::ArchiveEvent>},
    {QLatin1String("DatabaseEvent"), WireEvent::Kind::Database, QLatin1String("type"), QLatin1String("type"),
        &fromJson<pb::DatabaseEvent>, &fromAny<pb::DatabaseEvent>},
};

// "type.googleapis.com/opentera.protobuf.UserEvent" → the codec for UserEvent, or nullptr.
const Codec *codecFor(const QString &typeUrl, QString *shortName)
{
    const QString full = typeUrl.mid(typeUrl.lastIndexOf(QLatin1Char('/')) + 1);
    if (!full.startsWith(kPackagePrefix))
        return nullptr;
    *shortName = full.mid(kPackagePrefix.size());
    for (const Codec &codec : kCodecs) {
        if (codec.name == *shortName)
            return &codec;
    }
    return nullptr;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

WireEvent decodeJsonEvent(const QJsonValue &value)
{
    WireEvent e;
    if (!value.isObject()) {
        e.raw = value.toString();
        e.problem = QStringLiteral("an events[] element is not an object");
        return e;
    }
    QJsonObject object = value.toObject();
    e.raw = compact(object);
    const QString typeUrl = object.value(QLatin1String("@type")).toString();
    QString shortName;
    const Codec *codec = codecFor(typeUrl, &shortName);
    if (!codec) {
        e.kind = WireEvent::Kind::Unknown;
        e.typeName = typeUrl.isEmpty() ? QStringLiteral("(no @type)") : typeUrl;
        return e;
    }
    e.typeName = shortName;
    object.remove(QLatin1String("@type"));
    if (!codec->fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString(), &e)) {
        e.kind = WireEvent::Kind::Invalid;
        return e;
    }
    e.kind = codec->kind;
    // An enum name this schema does not know parses as the *_UNKNOWN default; keep what the
    // server said so the warning can show it.
    if (!codec->enumKey.isEmpty()) {
        QJsonValue wire = object.value(codec->enumKey);
        if (wire.isUndefined())
            wire = object.value(codec->enumKeySnake);
        if (wire.isString() && wire.toString() != e.codeName) {
            bool numeric = false;
            wire.toString().toInt(&numeric);
            if (!numeric)
                e.codeName = wire.toString();
        }
    }
    return e;
}

} // namespace

bool isDeprecatedCode(WireEvent::Kind kind, int code)
{
    switch (kind) {
    case WireEvent::Kind::User:
        return code == pb::UserEvent::USER_DELETED || code == pb::UserEvent::USER_ADDED
            || code == pb::UserEvent::USER_UPDATED;
    case WireEvent::Kind::Participant:
        return code == pb::ParticipantEvent::PARTICIPANT_DELETED || code == pb::ParticipantEvent::PARTICIPANT_ADDED;
    case WireEvent::Kind::Device:
        return code == pb::DeviceEvent::DEVICE_DELETED || code == pb::DeviceEvent::DEVICE_ADDED;
    default:
        return false;
    }
}

Frame decodeTextFrame(const QString &text)
{
    Frame frame;
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(QLatin1Char('{')) && !trimmed.startsWith(QLatin1Char('['))) {
        if (trimmed == kRefusalText)
            frame.kind = Frame::Kind::Text;
        else
            frame.problem = QStringLiteral("text that is not a JSON object");
        return frame;
    }
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        frame.problem = QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return frame;
    }
    if (!doc.isObject()) {
        frame.problem = QStringLiteral("a JSON array, not a TeraMessage");
        return frame;
    }
    const QJsonObject root = doc.object();
    // A TeraMessage wraps the TeraEvent in "message"; a bare TeraEvent is accepted too.
    const QJsonObject message =
        root.contains(QLatin1String("message")) ? root.value(QLatin1String("message")).toObject() : root;
    const QString typeUrl = message.value(QLatin1String("@type")).toString();
    if (!typeUrl.isEmpty() && !typeUrl.endsWith(QLatin1String("/opentera.protobuf.TeraEvent"))) {
        frame.kind = Frame::Kind::Unexpected;
        frame.problem = QStringLiteral("the frame holds %1, not a TeraEvent").arg(typeUrl);
        return frame;
    }
    if (typeUrl.isEmpty() && !message.contains(QLatin1String("events"))) {
        frame.problem = QStringLiteral("JSON object without a TeraEvent");
        return frame;
    }
    frame.kind = Frame::Kind::Events;
    const QJsonObject header = message.value(QLatin1String("header")).toObject();
    frame.version = static_cast<quint32>(header.value(QLatin1String("version")).toInt());
    const QJsonValue time = header.value(QLatin1String("time"));
    frame.time = time.isString() ? time.toString().toDouble() : time.toDouble();
    frame.topic = header.value(QLatin1String("topic")).toString();
    const QJsonArray events = message.value(QLatin1String("events")).toArray();
    frame.events.reserve(events.size());
    for (const QJsonValue &event : events)
        frame.events.append(decodeJsonEvent(event));
    return frame;
}

Frame decodeBinaryFrame(const QByteArray &data)
{
    Frame frame;
    pb::TeraMessage message;
    if (!message.ParseFromArray(data.constData(), static_cast<int>(data.size()))) {
        frame.problem = QStringLiteral("not a serialized TeraMessage");
        return frame;
    }
    frame.kind = Frame::Kind::Unexpected;
    pb::TeraEvent event;
    if (!message.has_message()) {
        frame.problem = QStringLiteral("a TeraMessage without a message");
        return frame;
    }
    if (!message.message().Is<pb::TeraEvent>() || !message.message().UnpackTo(&event)) {
        frame.problem = QStringLiteral("the frame holds %1, not a TeraEvent").arg(qs(message.message().type_url()));
        return frame;
    }
    frame.kind = Frame::Kind::Events;
    frame.version = event.header().version();
    frame.time = event.header().time();
    frame.topic = qs(event.header().topic());
    frame.events.reserve(event.events_size());
    for (const Any &any : event.events()) {
        WireEvent e;
        QString shortName;
        const Codec *codec = codecFor(qs(any.type_url()), &shortName);
        if (!codec) {
            e.kind = WireEvent::Kind::Unknown;
            e.typeName = qs(any.type_url());
            e.raw = compact(QJsonObject {{QStringLiteral("@type"), e.typeName},
                {QStringLiteral("value"), QString::fromLatin1(QByteArray::fromStdString(any.value()).toBase64())}});
        } else {
            e.typeName = shortName;
            e.kind = codec->fromAny(any, &e) ? codec->kind : WireEvent::Kind::Invalid;
        }
        frame.events.append(e);
    }
    return frame;
}

} // namespace fleetscope::opentera
