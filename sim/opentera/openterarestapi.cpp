#include "sim/opentera/openterarestapi.h"

#include <QJsonDocument>

namespace fleetscope::sim::opentera {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &element : value.toArray())
        out << element.toString();
    return out;
}

int replyCode(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInt();
    const QString text = value.toString().toLower();
    if (text == QLatin1String("accept") || text == QLatin1String("1"))
        return 1;
    if (text == QLatin1String("reject") || text == QLatin1String("deny") || text == QLatin1String("2"))
        return 2;
    if (text == QLatin1String("busy") || text == QLatin1String("3"))
        return 3;
    if (text == QLatin1String("timeout") || text == QLatin1String("4"))
        return 4;
    return 0;
}

QString deviceToken(const SimDevice &device)
{
    return QStringLiteral("device-") + stableUuid(QStringLiteral("device-token/") + device.name);
}

} // namespace

OpenTeraRestApi::OpenTeraRestApi(
    OpenTeraAccounts *accounts, OpenTeraWorld *world, SocketDirectory *sockets, const QVariantMap &options)
    : m_accounts(accounts)
    , m_world(world)
    , m_sockets(sockets)
    , m_minClientMajor(options.value(QStringLiteral("minClientVersion"), 0).toInt())
{ }

HttpResponse OpenTeraRestApi::jsonString(int status, const QString &text)
{
    return json(status, QJsonValue(text));
}

HttpResponse OpenTeraRestApi::json(int status, const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return HttpResponse::json(status, wrapped.mid(1, wrapped.size() - 2));
}

const SimAccount *OpenTeraRestApi::authenticate(const HttpRequest &request, QString *token) const
{
    const QByteArray authorization = request.header("authorization");
    if (authorization.startsWith("OpenTera ")) {
        *token = QString::fromUtf8(authorization.mid(9).trimmed());
        return m_accounts->byUuid(m_accounts->userForToken(*token));
    }
    if (authorization.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const auto colon = pair.indexOf(':');
        const SimAccount *account = m_accounts->byLogin(QString::fromUtf8(pair.left(colon)));
        if (colon > 0 && account && QString::fromUtf8(pair.mid(colon + 1)) == account->login)
            return account;
    }
    return nullptr;
}

HttpResponse OpenTeraRestApi::handle(const HttpRequest &request)
{
    const QString path = request.path;
    ++m_counts[path];
    if (path.startsWith(QLatin1String("/wss/")))
        return HttpResponse::text(426, "Upgrade Required");
    if (path == QLatin1String("/api/user/login"))
        return login(request);
    if (path == QLatin1String("/api/user/login/2fa"))
        return jsonString(501, QStringLiteral("Not implemented yet"));
    if (path.startsWith(QLatin1String("/api/device/")))
        return deviceApi(request);
    if (!path.startsWith(QLatin1String("/api/user/")))
        return jsonString(404, QStringLiteral("Not found"));
    QString token;
    const SimAccount *user = authenticate(request, &token);
    if (!user)
        return HttpResponse::text(401, "Unauthorized Access"); // and no WWW-Authenticate
    if (path == QLatin1String("/api/user/refresh_token"))
        return refreshToken(request, *user, token);
    if (path == QLatin1String("/api/user/logout"))
        return logout(*user, token);
    if (path == QLatin1String("/api/user/users/online"))
        return json(200, m_world->onlineUsers(*user));
    if (path == QLatin1String("/api/user/participants/online"))
        return json(200, m_world->onlineParticipants(*user));
    if (path == QLatin1String("/api/user/devices/online"))
        return json(200, m_world->onlineDevices(*user));
    if (path == QLatin1String("/api/user/disconnect"))
        return disconnect(request, *user);
    if (path == QLatin1String("/api/user/sessions/manager")) {
        if (request.method != "POST")
            return jsonString(405, QStringLiteral("Method not allowed"));
        return sessionManager(request, *user);
    }
    return jsonString(404, QStringLiteral("Not found"));
}

HttpResponse OpenTeraRestApi::login(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Basic "))
        return HttpResponse::text(401, "Unauthorized Access");
    const QByteArray version = request.header("x-client-version");
    if (m_minClientMajor > 0 && version.split('.').value(0).toInt() < m_minClientMajor) {
        return json(426,
            QJsonObject {{QStringLiteral("version_latest"), QStringLiteral("%1.0.0").arg(m_minClientMajor)},
                {QStringLiteral("current_version"), QString::fromUtf8(version)},
                {QStringLiteral("version_error"), QStringLiteral("Client major version too old")},
                {QStringLiteral("message"), QStringLiteral("Client major version too old, not accepting login")}});
    }
    const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const auto colon = pair.indexOf(':');
    const SimAccount *account = nullptr;
    if (colon <= 0
        || m_accounts->checkPassword(
               QString::fromUtf8(pair.left(colon)), QString::fromUtf8(pair.mid(colon + 1)), &account)
            != OpenTeraAccounts::Check::Ok)
        return HttpResponse::text(401, "Unauthorized Access");
    if (account->twoFactor == QLatin1String("2fa")) {
        return json(200,
            QJsonObject {{QStringLiteral("message"), QStringLiteral("2FA required")},
                {QStringLiteral("reason"), QStringLiteral("2fa")},
                {QStringLiteral("redirect_url"), QStringLiteral("/login_validate_2fa")}});
    }
    const bool withWebsocket = request.query.queryItemValue(QStringLiteral("with_websocket")) == QLatin1String("true");
    if (withWebsocket && m_sockets->holdsUser(account->uuid))
        return jsonString(403, QStringLiteral("User already logged in."));
    QJsonObject reply {{QStringLiteral("user_uuid"), account->uuid},
        {QStringLiteral("user_fullname"), account->fullName()},
        {QStringLiteral("user_token"), m_accounts->issueToken(account->uuid)}};
    if (withWebsocket)
        reply.insert(QStringLiteral("websocket_url"),
            QString(
                m_sockets->socketBase() + QStringLiteral("/wss/user?id=") + m_accounts->issueSocketKey(account->uuid)));
    return json(200, reply);
}

HttpResponse OpenTeraRestApi::refreshToken(const HttpRequest &request, const SimAccount &user, const QString &token)
{
    const QString fresh = token.isEmpty() ? QString() : m_accounts->refresh(token);
    if (fresh.isEmpty())
        return HttpResponse::text(401, "Unauthorized Access");
    QJsonObject reply {{QStringLiteral("refresh_token"), fresh}};
    // A new socket URL only while the user has no live socket.
    if (request.query.queryItemValue(QStringLiteral("with_websocket")) == QLatin1String("true")
        && !m_sockets->holdsUser(user.uuid))
        reply.insert(QStringLiteral("websocket_url"),
            QString(m_sockets->socketBase() + QStringLiteral("/wss/user?id=") + m_accounts->issueSocketKey(user.uuid)));
    return json(200, reply);
}

HttpResponse OpenTeraRestApi::logout(const SimAccount &user, const QString &token)
{
    m_accounts->disableToken(token);
    m_sockets->disconnectUser(user.uuid);
    return jsonString(200, QStringLiteral("User logged out."));
}

HttpResponse OpenTeraRestApi::disconnect(const HttpRequest &request, const SimAccount &user)
{
    const QUrlQuery &q = request.query;
    auto value = [&q](const char *key) { return q.queryItemValue(QString::fromLatin1(key)); };
    const QString userTarget = !value("user_uuid").isEmpty() ? value("user_uuid") : value("id_user");
    const QString participantTarget =
        !value("participant_uuid").isEmpty() ? value("participant_uuid") : value("id_participant");
    const QString deviceTarget = !value("device_uuid").isEmpty() ? value("device_uuid") : value("id_device");
    if (!userTarget.isEmpty()) {
        const SimAccount *target = m_accounts->byUuid(userTarget);
        if (!target)
            target = m_accounts->byId(userTarget.toInt());
        if (!target)
            return jsonString(400, QStringLiteral("Invalid request"));
        if (target->uuid == user.uuid)
            return jsonString(400, QStringLiteral("Use Logout instead to disconnect current user"));
        if (!user.superadmin)
            return jsonString(403, QStringLiteral("Forbidden"));
        m_accounts->disableTokensOf(target->uuid);
        m_sockets->disconnectUser(target->uuid);
        m_world->setSimulatedUserOnline(target->uuid, false);
        return jsonString(200, QStringLiteral("Success"));
    }
    if (!participantTarget.isEmpty()) {
        SimParticipant *p = m_world->participant(participantTarget);
        if (!p)
            return jsonString(400, QStringLiteral("Invalid request"));
        if (!m_world->canSee(user, Subject::Participant, p->uuid) || !(user.superadmin || user.siteAdmin))
            return jsonString(403, QStringLiteral("Forbidden"));
        m_world->setParticipantOnline(*p, false);
        return jsonString(200, QStringLiteral("Success"));
    }
    if (!deviceTarget.isEmpty()) {
        SimDevice *d = m_world->device(deviceTarget);
        if (!d)
            return jsonString(400, QStringLiteral("Invalid request"));
        if (!m_world->canSee(user, Subject::Device, d->uuid) || !(user.superadmin || user.siteAdmin))
            return jsonString(403, QStringLiteral("Forbidden"));
        m_world->setDeviceOnline(*d, false);
        return jsonString(200, QStringLiteral("Success"));
    }
    return jsonString(400, QStringLiteral("Invalid request"));
}

HttpResponse OpenTeraRestApi::sessionManager(const HttpRequest &request, const SimAccount &user)
{
    const QJsonObject manage =
        QJsonDocument::fromJson(request.body).object().value(QLatin1String("session_manage")).toObject();
    if (manage.isEmpty())
        return jsonString(400, QStringLiteral("Missing session_manage"));
    const QString action = manage.value(QLatin1String("action")).toString();
    if (manage.contains(QLatin1String("id_service")) && manage.value(QLatin1String("id_service")).toInt() != 3)
        return jsonString(403, QStringLiteral("User doesn't have access to that service."));
    const QStringList participants = stringList(manage.value(QLatin1String("session_participants")));
    const QStringList users = stringList(manage.value(QLatin1String("session_users")));
    const QStringList devices = stringList(manage.value(QLatin1String("session_devices")));
    if (action == QLatin1String("start")) {
        if (!manage.contains(QLatin1String("id_session_type")))
            return jsonString(400, QStringLiteral("Missing required id_session_type for new sessions"));
        const SimSession &session = m_world->sessions().start(user.uuid, participants, users, devices);
        const QString url = QStringLiteral("https://127.0.0.1:40075/webrtc/8080/?key=") + session.uuid.left(8);
        return json(200,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("started")},
                {QStringLiteral("session"),
                    QJsonObject {{QStringLiteral("id_session"), session.id},
                        {QStringLiteral("session_uuid"), session.uuid}, {QStringLiteral("session_url_users"), url},
                        {QStringLiteral("session_url_participants"), url},
                        {QStringLiteral("session_url_devices"), url}}}});
    }
    QString key = manage.value(QLatin1String("session_uuid")).toString();
    if (key.isEmpty() && manage.contains(QLatin1String("id_session")))
        key = QString::number(manage.value(QLatin1String("id_session")).toInt());
    SimSession *session = key.isEmpty() ? nullptr : m_world->sessions().find(key);
    if (action != QLatin1String("stop") && action != QLatin1String("invite") && action != QLatin1String("remove")
        && action != QLatin1String("invite_reply"))
        return jsonString(501, QStringLiteral("Not implemented yet"));
    if (!session)
        return jsonString(400, QStringLiteral("Invalid session"));
    if (action == QLatin1String("stop")) {
        m_world->sessions().stop(session->uuid);
        return json(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("stopped")}});
    }
    if (action == QLatin1String("invite")) {
        m_world->sessions().invite(*session, participants, users, devices);
        return json(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("invited")}});
    }
    if (action == QLatin1String("remove")) {
        m_world->sessions().remove(*session, participants, users, devices);
        return json(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("removed")}});
    }
    const QJsonObject parameters = manage.value(QLatin1String("parameters")).toObject();
    const int code = replyCode(parameters.value(QLatin1String("reply_code")));
    if (code == 0)
        return jsonString(400, QStringLiteral("Invalid reply_code"));
    m_world->sessions().reply(*session, user.uuid, code, parameters.value(QLatin1String("reply_msg")).toString());
    return json(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("OK")}});
}

HttpResponse OpenTeraRestApi::deviceApi(const HttpRequest &request)
{
    QString token = request.query.queryItemValue(QStringLiteral("token"));
    const QByteArray authorization = request.header("authorization");
    if (token.isEmpty() && authorization.startsWith("OpenTera "))
        token = QString::fromUtf8(authorization.mid(9).trimmed());
    SimDevice *device = nullptr;
    for (SimDevice &d : m_world->devices()) {
        if (deviceToken(d) == token)
            device = &d;
    }
    if (!device)
        return HttpResponse::text(401, "Unauthorized Access");
    if (request.path == QLatin1String("/api/device/login")) {
        m_world->setDeviceOnline(*device, true);
        return json(200,
            QJsonObject {
                {QStringLiteral("device_info"),
                    QJsonObject {{QStringLiteral("device_uuid"), device->uuid},
                        {QStringLiteral("device_name"), device->name}, {QStringLiteral("id_device"), device->id}}},
                {QStringLiteral("participants_info"), QJsonArray()},
                {QStringLiteral("session_types_info"), QJsonArray()}});
    }
    if (request.path == QLatin1String("/api/device/status") && request.method == "POST") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        if (!body.value(QLatin1String("status")).isObject() || !body.contains(QLatin1String("timestamp")))
            return jsonString(400, QStringLiteral("Missing arguments"));
        if (!device->online)
            return jsonString(403, QStringLiteral("Status update forbidden on offline device."));
        m_world->postStatus(
            *device, body.value(QLatin1String("status")).toObject(), body.value(QLatin1String("timestamp")).toDouble());
        return json(200,
            QJsonObject {{QStringLiteral("uuid"), device->uuid}, {QStringLiteral("status"), device->statusText},
                {QStringLiteral("timestamp"), device->statusTs}});
    }
    return jsonString(404, QStringLiteral("Not found"));
}

} // namespace fleetscope::sim::opentera
