#include "core/protocols/opentera/openterarest.h"

#include "core/util/epochtime.h"
#include "core/util/jsonutil.h"
#include "fleetscope_version.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSysInfo>

namespace fleetscope::opentera {

namespace {

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QByteArray tokenHeader(const QString &token)
{
    return QByteArray("OpenTera ") + token.toUtf8();
}

} // namespace

QJsonValue RestReply::json() const
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + body + QByteArray("]"), &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().at(0);
}

QString RestReply::bodyText(int maxChars) const
{
    const QJsonValue value = json();
    if (value.isString())
        return oneLine(value.toString(), maxChars);
    if (value.isObject() && value.toObject().value(QLatin1String("message")).isString())
        return oneLine(value.toObject().value(QLatin1String("message")).toString(), maxChars);
    return oneLine(QString::fromUtf8(body), maxChars);
}

QString RestReply::describe() const
{
    if (status == 0)
        return error.isEmpty() ? QStringLiteral("no answer") : error;
    const QString text = bodyText();
    return text.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("HTTP %1: %2").arg(status).arg(text);
}

LoginOutcome readLoginReply(const RestReply &reply)
{
    LoginOutcome outcome;
    switch (reply.status) {
    case 0:
        if (!reply.transient()) {
            outcome.kind = LoginOutcome::Kind::Refused;
            outcome.detail = QStringLiteral("could not log in: %1").arg(reply.describe());
            return outcome;
        }
        outcome.detail = QStringLiteral("no answer to the login: %1").arg(reply.describe());
        return outcome;
    case 200:
        break;
    case 401:
        outcome.kind = LoginOutcome::Kind::Rejected;
        outcome.detail = QStringLiteral("authentication rejected by server: wrong user name or password, or too many "
                                        "failed attempts (%1)")
                             .arg(reply.describe());
        return outcome;
    case 403:
        if (reply.bodyText().contains(QLatin1String("already logged in"), Qt::CaseInsensitive)) {
            outcome.kind = LoginOutcome::Kind::AlreadyLoggedIn;
            outcome.detail = QStringLiteral("already logged in: the server still holds a previous connection of this "
                                            "user (%1)")
                                 .arg(reply.describe());
        } else {
            outcome.kind = LoginOutcome::Kind::Rejected;
            outcome.detail = QStringLiteral("authentication rejected by server (%1)").arg(reply.describe());
        }
        return outcome;
    case 426:
        outcome.kind = LoginOutcome::Kind::TooOld;
        outcome.detail = QStringLiteral("the server requires a newer client (%1)").arg(reply.describe());
        return outcome;
    default:
        outcome.detail = QStringLiteral("login failed (%1)").arg(reply.describe());
        return outcome;
    }
    const QJsonObject object = reply.json().toObject();
    outcome.token = object.value(QLatin1String("user_token")).toString();
    outcome.websocketUrl = object.value(QLatin1String("websocket_url")).toString();
    outcome.userUuid = object.value(QLatin1String("user_uuid")).toString();
    outcome.userFullname = object.value(QLatin1String("user_fullname")).toString();
    if (!outcome.token.isEmpty() && !outcome.websocketUrl.isEmpty()) {
        outcome.kind = LoginOutcome::Kind::Success;
        return outcome;
    }
    const QString reason = object.value(QLatin1String("reason")).toString();
    const QString message = object.value(QLatin1String("message")).toString();
    const QString said = message.isEmpty() ? QString() : QStringLiteral(" (server: \"%1\")").arg(oneLine(message, 100));
    outcome.kind = LoginOutcome::Kind::NeedsAction;
    if (reason == QLatin1String("password_change"))
        outcome.detail = QStringLiteral("the server requires a password change before login: change it in the "
                                        "OpenTera web client, then connect again%1")
                             .arg(said);
    else if (reason == QLatin1String("2fa"))
        outcome.detail = QStringLiteral("this account uses two-factor authentication, which Fleetscope cannot "
                                        "answer yet%1")
                             .arg(said);
    else if (reason == QLatin1String("2fa_setup"))
        outcome.detail = QStringLiteral("the server requires setting up two-factor authentication first (OpenTera "
                                        "web client)%1")
                             .arg(said);
    else if (!outcome.token.isEmpty())
        outcome.detail = QStringLiteral("the login reply has no websocket_url%1").arg(said);
    else
        outcome.detail = QStringLiteral("the login reply has no token%1").arg(said);
    return outcome;
}

QUrl socketUrlFor(const QUrl &restBase, const QString &returned, QString *problem)
{
    QString ignored;
    QString &why = problem ? *problem : ignored;
    QUrl url(returned, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        why = QStringLiteral("the login reply's websocket_url is not a WebSocket URL");
        return QUrl();
    }
    const bool secureLogin = restBase.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const QString shown = url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    if (secureLogin && scheme != QLatin1String("wss")) {
        why = QStringLiteral("refused the event stream the server named: the login went over https but the "
                             "websocket_url (%1) is plain ws://, which would send its one-time key in clear")
                  .arg(shown);
        return QUrl();
    }
    // The server always says wss://, even on its plain-http port.
    if (!secureLogin && scheme == QLatin1String("wss"))
        url.setScheme(QStringLiteral("ws"));
    if (isLoopback(url.host()) && !isLoopback(restBase.host())) {
        url.setHost(restBase.host());
        url.setPort(restBase.port());
    }
    const bool sameHost = url.host().compare(restBase.host(), Qt::CaseInsensitive) == 0
        || (isLoopback(url.host()) && isLoopback(restBase.host()));
    if (!sameHost) {
        why = QStringLiteral("refused the event stream the server named: the websocket_url (%1) is on another host "
                             "than the login (%2), and its one-time key must not leave the server you logged in to")
                  .arg(shown, restBase.host());
        return QUrl();
    }
    return url;
}

qint64 tokenExpiryMs(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return 0;
    const QByteArray payload =
        QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonValue exp = QJsonDocument::fromJson(payload).object().value(QLatin1String("exp"));
    return exp.isDouble() ? epochSecondsToMs(exp.toDouble()).value_or(0) : 0;
}

RestClient::RestClient(const QUrl &base, const LinkOptions &options, std::shared_ptr<TlsPolicy> tls, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_transport(options, std::move(tls), this)
{ }

RestClient::~RestClient() = default;

QUrl RestClient::urlFor(const QString &pathAndQuery) const
{
    QUrl url = m_base;
    const auto question = pathAndQuery.indexOf(QLatin1Char('?'));
    QString basePath = m_base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + (question < 0 ? pathAndQuery : pathAndQuery.left(question)));
    url.setQuery(question < 0 ? QString() : pathAndQuery.mid(question + 1));
    url.setFragment(QString());
    url.setUserInfo(QString());
    return url;
}

void RestClient::start(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
    const QByteArray &authorization, RestKind kind, Callback handler)
{
    QNetworkRequest request(urlFor(pathAndQuery));
    request.setRawHeader("Authorization", authorization);
    request.setRawHeader("X-Client-Name", "Fleetscope");
    request.setRawHeader("X-Client-Version", FLEETSCOPE_VERSION);
    request.setRawHeader("X-OS-Name", QSysInfo::productType().toUtf8());
    request.setRawHeader("X-OS-Version", QSysInfo::productVersion().toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const quint64 generation = m_generation;
    m_transport.send(
        request, method, body, kind, [this, generation, handler = std::move(handler)](const RestResponse &response) {
            if (generation == m_generation && handler)
                handler(RestReply(response));
        });
}

void RestClient::login(const QString &user, const QString &password, Callback done)
{
    const QByteArray basic = QByteArray("Basic ") + (user + QLatin1Char(':') + password).toUtf8().toBase64();
    start("GET", QStringLiteral("/api/user/login?with_websocket=true"), QByteArray(), basic, RestKind::Session,
        std::move(done));
}

void RestClient::call(
    const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, Callback done, RestKind kind)
{
    const Pending pending {method, pathAndQuery, body, std::move(done), kind, false};
    if (m_refreshing)
        m_waitingForToken.append(pending);
    else
        sendWithToken(pending);
}

void RestClient::sendWithToken(const Pending &pending)
{
    const QString sentWith = m_token;
    start(pending.method, pending.pathAndQuery, pending.body, tokenHeader(sentWith), pending.kind,
        [this, pending, sentWith](const RestReply &reply) {
            if (reply.status != 401 || pending.retried || !pending.done) {
                if (pending.done)
                    pending.done(reply);
                return;
            }
            // The token may have been replaced (or expired) since: retry once with a fresh one.
            Pending again = pending;
            again.retried = true;
            if (m_token != sentWith && !m_refreshing) {
                sendWithToken(again);
                return;
            }
            m_waitingForToken.append(again);
            refreshToken(nullptr);
        });
}

void RestClient::refreshToken(Callback done)
{
    if (done)
        m_refreshWaiters.append(std::move(done));
    if (m_refreshing)
        return;
    m_refreshing = true;
    const QString sentWith = m_token;
    start("GET", QStringLiteral("/api/user/refresh_token"), QByteArray(), tokenHeader(sentWith), RestKind::Session,
        [this, sentWith](const RestReply &reply) { finishRefresh(reply, sentWith); });
}

void RestClient::finishRefresh(const RestReply &reply, const QString &sentWith)
{
    m_refreshing = false;
    const QString fresh = reply.json().toObject().value(QLatin1String("refresh_token")).toString();
    if (reply.ok() && !fresh.isEmpty() && m_token == sentWith)
        m_token = fresh;
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const Callback &waiter : waiters)
        waiter(reply);
    const auto waiting = std::exchange(m_waitingForToken, {});
    for (const Pending &pending : waiting)
        sendWithToken(pending);
}

void RestClient::logout()
{
    if (m_token.isEmpty())
        return;
    // Nobody waits for the answer: the socket closes with 4000 and the token is disabled.
    start("GET", QStringLiteral("/api/user/logout"), QByteArray(), tokenHeader(m_token), RestKind::Session, nullptr);
    m_token.clear();
}

void RestClient::abortAll()
{
    ++m_generation;
    m_refreshing = false;
    m_refreshWaiters.clear();
    m_waitingForToken.clear();
}

} // namespace fleetscope::opentera
