#pragma once

#include "sim/opentera/openteraaccounts.h"
#include "sim/opentera/openteraframes.h"

#include <QHash>
#include <QStringList>

#include <functional>

namespace fleetscope::sim::opentera {

struct SimSession
{
    int id = 0;
    QString uuid;
    QString creatorUuid;
    QStringList participants;
    QStringList users;
    QStringList devices;
    qint64 endsAtMs = 0; // simulated sessions end by themselves; 0 = only on request
    qint64 replyAtMs = 0; // when the simulated participant answers the invitation
};

// The sessions of the simulated server (VideoRehabService's, as the session manager runs them)
// and what each change announces: JoinSessionEvent to the invited users, LeaveSessionEvent and
// JoinSessionReplyEvent to the session's users (a reply not to its author), StopSessionEvent to
// everyone, and the members' *_JOINED_SESSION / *_LEFT_SESSION through `setBusy`.
//
// Owned by OpenTeraWorld. Threading: the simulator's thread.
class SessionBook
{
public:
    using Emit = std::function<void(const OutEvent &)>;
    using SetBusy = std::function<void(
        const QStringList &participants, const QStringList &users, const QStringList &devices, bool busy)>;

    SessionBook(const OpenTeraAccounts *accounts, Emit emitter, SetBusy setBusy);

    const QHash<QString, SimSession> &sessions() const { return m_sessions; }
    SimSession &start(const QString &creatorUuid, const QStringList &participants, const QStringList &users,
        const QStringList &devices);
    SimSession *find(const QString &uuidOrId);
    void invite(
        SimSession &session, const QStringList &participants, const QStringList &users, const QStringList &devices);
    void remove(
        SimSession &session, const QStringList &participants, const QStringList &users, const QStringList &devices);
    // A user's invite_reply (code 1-4); anything but ACCEPTED makes the user leave.
    void reply(SimSession &session, const QString &userUuid, int code, const QString &message);
    // The simulated participant's answer.
    void participantReply(SimSession &session, const QString &participantUuid, int code);
    void stop(const QString &uuid);

    // "websocket.user.<uuid>.events": the topic of events sent to one user.
    static QString userTopic(const QString &userUuid);

private:
    const OpenTeraAccounts *m_accounts;
    Emit m_emit;
    SetBusy m_setBusy;
    QHash<QString, SimSession> m_sessions;
    int m_lastId = 100;
};

} // namespace fleetscope::sim::opentera
