#include "core/protocols/cityio/cityiochannel.h"

#include "core/endpoint/endpoint.h"
#include "core/protocols/cityio/cityiotree.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope::cityio {

CityioChannel::CityioChannel(Role role, const QString &project, const QUrl &url, const LinkOptions &options,
    int snapshotTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_role(role)
    , m_project(project)
    , m_url(url)
    , m_link(options, this)
    , m_snapshotTimeoutMs(snapshotTimeoutMs)
    , m_snapshotTimer(this)
{
    m_snapshotTimer.setSingleShot(true);
    connect(&m_snapshotTimer, &QTimer::timeout, this, [this] {
        Q_EMIT snapshotOverdue();
        setLive(false,
            QStringLiteral("no TABLE_SNAPSHOT for %1 within %2 s").arg(m_project).arg(m_snapshotTimeoutMs / 1000.0));
    });
    connect(&m_link, &WebSocketLink::opened, this, &CityioChannel::onOpened);
    connect(&m_link, &WebSocketLink::textReceived, this, &CityioChannel::onText);
    connect(&m_link, &WebSocketLink::binaryReceived, this, [this](const QByteArray &data) {
        QString raw;
        const Message message = decodeBinaryMessage(data, &raw);
        onMessage(message, raw);
    });
    connect(&m_link, &WebSocketLink::dropped, this, [this](int code, const QString &reason) {
        m_live = false;
        m_snapshotTimer.stop();
        Q_EMIT dropped(code, reason);
    });
    connect(&m_link, &WebSocketLink::stateChanged, this, [this](const LinkStatus &status) {
        if (status.state == LinkState::Failed || status.state == LinkState::Closed)
            setLive(false, status.text());
        Q_EMIT stateChanged(status);
    });
    if (m_role == Role::Interface) {
        const QJsonObject listen {{QStringLiteral("type"), QStringLiteral("LISTEN")},
            {QStringLiteral("content"), QJsonObject {{QStringLiteral("gridId"), m_project}}}};
        m_greetings.append(
            {QStringLiteral("LISTEN"), QString::fromUtf8(QJsonDocument(listen).toJson(QJsonDocument::Compact))});
    }
}

CityioChannel::~CityioChannel() = default;

QString CityioChannel::labelOf(Role role, const QString &project)
{
    switch (role) {
    case Role::Interface:
        return CityioTree::projectPath(project);
    case Role::Module:
        return QStringLiteral("@module");
    case Role::Core:
        return QStringLiteral("@core");
    }
    return QString();
}

void CityioChannel::open()
{
    m_link.open(m_url);
}

void CityioChannel::close()
{
    m_snapshotTimer.stop();
    m_link.close();
    setLive(false, QStringLiteral("closed"));
}

bool CityioChannel::send(const QString &frame)
{
    return m_link.sendText(frame) >= 0;
}

void CityioChannel::setGreeting(const QString &key, const QString &frame)
{
    for (qsizetype i = 0; i < m_greetings.size(); ++i) {
        if (m_greetings.at(i).first == key) {
            if (frame.isEmpty())
                m_greetings.removeAt(i);
            else
                m_greetings[i].second = frame;
            return;
        }
    }
    if (!frame.isEmpty())
        m_greetings.append({key, frame});
}

void CityioChannel::onOpened()
{
    for (const auto &greeting : std::as_const(m_greetings))
        m_link.sendText(greeting.second);
    m_link.markReady(m_role == Role::Interface ? QStringLiteral("listening to %1").arg(m_project)
                                               : QStringLiteral("connected to %1").arg(m_url.path()));
    Q_EMIT opened();
    if (m_role == Role::Interface)
        m_snapshotTimer.start(m_snapshotTimeoutMs);
    else
        setLive(true, QString());
}

void CityioChannel::onText(const QString &text)
{
    onMessage(decodeMessage(text), text);
}

void CityioChannel::onMessage(const Message &message, const QString &raw)
{
    // The link's arrival time, which a recording of the frame keeps too (CityIO has no timestamps).
    const qint64 t = m_link.lastReceivedMs() > 0 ? m_link.lastReceivedMs() : nowMs();
    Q_EMIT messageReceived(message, raw, t);
    if (m_role == Role::Interface && message.ok && message.kind == MessageKind::TableSnapshot) {
        m_snapshotTimer.stop();
        setLive(true, QString());
    }
}

void CityioChannel::setLive(bool ok, const QString &why)
{
    m_live = ok;
    m_whenLive.run(ok, why);
}

void CityioChannel::whenLive(DeferredCalls::Call then)
{
    if (m_live)
        then(true, QString());
    else
        m_whenLive.add(std::move(then));
}

void CityioChannel::expectReply(quint64 id, const QSet<MessageKind> &kinds, int timeoutMs)
{
    Waiter waiter;
    waiter.id = id;
    waiter.kinds = kinds;
    waiter.timer = new QTimer(this);
    waiter.timer->setSingleShot(true);
    connect(waiter.timer, &QTimer::timeout, this, [this, id] {
        for (qsizetype i = 0; i < m_waiters.size(); ++i) {
            if (m_waiters.at(i).id == id) {
                m_waiters.at(i).timer->deleteLater();
                m_waiters.removeAt(i);
                Q_EMIT replyTimedOut(id);
                return;
            }
        }
    });
    waiter.timer->start(timeoutMs);
    m_waiters.append(waiter);
}

quint64 CityioChannel::takeReply(MessageKind kind, const std::function<bool(quint64)> &accepts)
{
    for (qsizetype i = 0; i < m_waiters.size(); ++i) {
        const Waiter &waiter = m_waiters.at(i);
        if (kind == MessageKind::Error || (waiter.kinds.contains(kind) && (!accepts || accepts(waiter.id)))) {
            const Waiter taken = m_waiters.takeAt(i);
            taken.timer->stop();
            taken.timer->deleteLater();
            return taken.id;
        }
    }
    return 0;
}

QVector<quint64> CityioChannel::takeAllReplies()
{
    QVector<quint64> ids;
    for (const Waiter &waiter : std::as_const(m_waiters)) {
        waiter.timer->stop();
        waiter.timer->deleteLater();
        ids.append(waiter.id);
    }
    m_waiters.clear();
    return ids;
}

} // namespace fleetscope::cityio
