#include "sim/opentera/openterasessionbook.h"

#include "opentera/joinsessionevent.pb.h"
#include "opentera/joinsessionreplyevent.pb.h"
#include "opentera/leavesessionevent.pb.h"
#include "opentera/stopsessionevent.pb.h"

#include <QDateTime>

namespace fleetscope::sim::opentera {

namespace pb = ::opentera::protobuf;

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

const char *const kServiceUuid = "0a1bc2d3-0000-4000-8000-00000000ff03"; // VideoRehabService

} // namespace

SessionBook::SessionBook(const OpenTeraAccounts *accounts, Emit emitter, SetBusy setBusy)
    : m_accounts(accounts)
    , m_emit(std::move(emitter))
    , m_setBusy(std::move(setBusy))
{ }

QString SessionBook::userTopic(const QString &userUuid)
{
    return QStringLiteral("websocket.user.%1.events").arg(userUuid);
}

SimSession &SessionBook::start(
    const QString &creatorUuid, const QStringList &participants, const QStringList &users, const QStringList &devices)
{
    SimSession session;
    session.id = ++m_lastId;
    session.uuid = stableUuid(QStringLiteral("session/%1/%2").arg(session.id).arg(nowMs()));
    session.creatorUuid = creatorUuid;
    session.participants = participants;
    session.users = QStringList {creatorUuid} + users;
    session.devices = devices;
    SimSession &stored = m_sessions[session.uuid];
    stored = session;
    invite(stored, {}, {}, {});
    m_setBusy(participants, session.users, devices, true);
    return stored;
}

SimSession *SessionBook::find(const QString &uuidOrId)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->uuid == uuidOrId || QString::number(it->id) == uuidOrId)
            return &it.value();
    }
    return nullptr;
}

void SessionBook::invite(
    SimSession &session, const QStringList &participants, const QStringList &users, const QStringList &devices)
{
    const bool initial = participants.isEmpty() && users.isEmpty() && devices.isEmpty();
    if (!initial) {
        session.participants += participants;
        session.users += users;
        session.devices += devices;
        m_setBusy(participants, users, devices, true);
    }
    const SimAccount *creator = m_accounts->byUuid(session.creatorUuid);
    auto message = std::make_shared<pb::JoinSessionEvent>();
    message->set_session_url(
        s(QStringLiteral("https://127.0.0.1:40075/webrtc/8080/?key=%1").arg(session.uuid.left(8))));
    message->set_session_creator_name(s(creator ? creator->fullName() : QString()));
    message->set_session_uuid(s(session.uuid));
    for (const QString &uuid : std::as_const(session.participants))
        message->add_session_participants(s(uuid));
    for (const QString &uuid : std::as_const(session.users))
        message->add_session_users(s(uuid));
    for (const QString &uuid : std::as_const(session.devices))
        message->add_session_devices(s(uuid));
    message->set_join_msg("Join!");
    message->set_session_parameters("{}");
    message->set_service_uuid(kServiceUuid);
    // Only invited users get it: the creator knows already.
    QStringList recipients = initial ? session.users : users;
    recipients.removeAll(session.creatorUuid);
    if (!recipients.isEmpty())
        m_emit(OutEvent {userTopic(session.creatorUuid), message, {}, recipients, {}, Subject::None, {}});
}

void SessionBook::remove(
    SimSession &session, const QStringList &participants, const QStringList &users, const QStringList &devices)
{
    auto message = std::make_shared<pb::LeaveSessionEvent>();
    message->set_session_uuid(s(session.uuid));
    message->set_service_uuid(kServiceUuid);
    for (const QString &uuid : participants)
        message->add_leaving_participants(s(uuid));
    for (const QString &uuid : users)
        message->add_leaving_users(s(uuid));
    for (const QString &uuid : devices)
        message->add_leaving_devices(s(uuid));
    m_emit(OutEvent {userTopic(session.creatorUuid), message, {}, session.users, {}, Subject::None, {}});
    for (const QString &uuid : participants)
        session.participants.removeAll(uuid);
    for (const QString &uuid : users)
        session.users.removeAll(uuid);
    for (const QString &uuid : devices)
        session.devices.removeAll(uuid);
    m_setBusy(participants, users, devices, false);
}

void SessionBook::reply(SimSession &session, const QString &userUuid, int code, const QString &text)
{
    auto message = std::make_shared<pb::JoinSessionReplyEvent>();
    message->set_session_uuid(s(session.uuid));
    message->set_user_uuid(s(userUuid));
    message->set_join_reply(static_cast<pb::JoinSessionReplyEvent::ReplyType>(code));
    message->set_reply_msg(s(text));
    m_emit(OutEvent {userTopic(session.creatorUuid), message, {}, session.users, userUuid, Subject::None, {}});
    if (code != pb::JoinSessionReplyEvent::REPLY_ACCEPTED)
        remove(session, {}, {userUuid}, {});
}

void SessionBook::stop(const QString &uuid)
{
    if (!m_sessions.contains(uuid))
        return;
    const SimSession session = m_sessions.take(uuid);
    auto message = std::make_shared<pb::StopSessionEvent>();
    message->set_session_uuid(s(session.uuid));
    message->set_service_uuid(kServiceUuid);
    m_emit(OutEvent {userTopic(session.creatorUuid), message, {}, {}, {}, Subject::None, {}});
    m_setBusy(session.participants, session.users, session.devices, false);
}

void SessionBook::participantReply(SimSession &session, const QString &participantUuid, int code)
{
    auto message = std::make_shared<pb::JoinSessionReplyEvent>();
    message->set_session_uuid(s(session.uuid));
    message->set_participant_uuid(s(participantUuid));
    message->set_join_reply(static_cast<pb::JoinSessionReplyEvent::ReplyType>(code));
    m_emit(OutEvent {userTopic(session.creatorUuid), message, {}, session.users, {}, Subject::None, {}});
    if (code != pb::JoinSessionReplyEvent::REPLY_ACCEPTED)
        remove(session, {participantUuid}, {}, {});
}

} // namespace fleetscope::sim::opentera
