#include "sim/cityio/cityiobroker.h"

#include "sim/cityio/cityioactivity.h"
#include "sim/cityio/cityioworld.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QWebSocket>

namespace fleetscope::sim::cityio {

CityioBroker::CityioBroker(CityioWorld *world, CityioActivity *activity, const QVariantMap &options, QObject *parent)
    : QObject(parent)
    , m_world(world)
    , m_activity(activity)
    , m_legacy(options.value(QStringLiteral("legacy")).toBool())
    , m_errors(options.value(QStringLiteral("errors")).toBool())
    , m_echoToSender(options.value(QStringLiteral("echoToSender"), true).toBool())
{
    m_ignored = options.value(QStringLiteral("ignoreTypes")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    m_cores.append(CoreModule {CityioActivity::noiseId(), QStringLiteral("Noise"),
        QStringLiteral("Road noise exposure"), QStringLiteral("Environment"), nullptr});
    m_cores.append(CoreModule {CityioActivity::energyId(), QStringLiteral("Energy"),
        QStringLiteral("Energy use of buildings"), QStringLiteral("Buildings"), nullptr});
}

CityioBroker::~CityioBroker()
{
    for (Peer *peer : std::as_const(m_peers)) {
        if (peer->socket) {
            peer->socket->disconnect(this);
            peer->socket->abort();
            delete peer->socket;
        }
        delete peer;
    }
}

void CityioBroker::accept(QWebSocket *socket, Role role)
{
    auto *peer = new Peer;
    peer->socket = socket;
    peer->role = role;
    socket->setParent(this);
    // Snapshots of large tables are several MB.
    socket->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    m_peers.insert(socket, peer);
    connect(socket, &QWebSocket::textMessageReceived, this, [this, peer](const QString &text) { onText(peer, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
        [this, peer](const QByteArray &data) { onText(peer, QString::fromUtf8(data)); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        Peer *gone = m_peers.take(socket);
        if (!gone)
            return;
        m_cores.erase(std::remove_if(
                          m_cores.begin(), m_cores.end(), [gone](const CoreModule &core) { return core.peer == gone; }),
            m_cores.end());
        delete gone;
        socket->deleteLater();
    });
}

int CityioBroker::listenerCount(const QString &table) const
{
    int n = 0;
    for (const Peer *peer : m_peers)
        n += peer->role == Role::Interface && peer->table == table ? 1 : 0;
    return n;
}

QJsonArray CityioBroker::coreModules() const
{
    QJsonArray out;
    for (const CoreModule &core : m_cores)
        out.append(QJsonObject {{QStringLiteral("moduleId"), core.moduleId}, {QStringLiteral("name"), core.name},
            {QStringLiteral("description"), core.description}, {QStringLiteral("moduleType"), core.moduleType}});
    return out;
}

void CityioBroker::dropAll()
{
    const auto sockets = m_peers.keys();
    for (QWebSocket *socket : sockets)
        socket->abort();
}

QString CityioBroker::envelope(const QString &type, const QJsonValue &content) const
{
    const QJsonObject object {{QStringLiteral("type"), type}, {QStringLiteral("content"), content}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void CityioBroker::sendText(Peer *peer, const QString &text) const
{
    if (peer->socket)
        peer->socket->sendTextMessage(text);
}

void CityioBroker::send(Peer *peer, const QString &type, const QJsonValue &content)
{
    sendText(peer, envelope(type, content));
}

void CityioBroker::refuse(Peer *peer, const QString &message)
{
    // The real broker answers mistakes with silence; the "errors" option makes it say why.
    if (m_errors)
        send(peer, QStringLiteral("ERROR"), QJsonObject {{QStringLiteral("message"), message}});
}

QString CityioBroker::tableKey(const QJsonObject &content)
{
    for (const char *key : {"gridId", "tableName", "table"}) {
        const QString name = content.value(QLatin1String(key)).toString();
        if (!name.isEmpty())
            return name;
    }
    return QString();
}

int CityioBroker::sendRaw(const QString &table, const QString &text)
{
    int n = 0;
    for (Peer *peer : std::as_const(m_peers)) {
        if (peer->role == Role::Interface && (table.isEmpty() || peer->table == table)) {
            sendText(peer, text);
            ++n;
        }
    }
    return n;
}

void CityioBroker::onText(Peer *peer, const QString &text)
{
    m_received.append(text);
    if (m_received.size() > 200)
        m_received.removeFirst();
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return; // malformed input is discarded silently
    const QString type = doc.object().value(QLatin1String("type")).toString();
    if (m_ignored.contains(type))
        return;
    const QJsonValue content = doc.object().contains(QLatin1String("content"))
        ? doc.object().value(QLatin1String("content"))
        : QJsonValue(QJsonObject());
    switch (peer->role) {
    case Role::Interface:
        onInterface(peer, type, content);
        break;
    case Role::Module:
        onModule(peer, type, content);
        break;
    case Role::Core:
        onCore(peer, type, content);
        break;
    }
}

void CityioBroker::onInterface(Peer *peer, const QString &type, const QJsonValue &contentValue)
{
    const QJsonObject content = contentValue.toObject();
    if (type == QLatin1String("LISTEN")) {
        const QString table = tableKey(content);
        if (!m_world->hasTable(table)) {
            refuse(peer, QStringLiteral("Table %1 not found").arg(table));
            return;
        }
        peer->table = table; // a second LISTEN switches tables
        send(peer, m_legacy ? QStringLiteral("GRID") : QStringLiteral("TABLE_SNAPSHOT"), m_world->table(table));
        return;
    }
    if (type == QLatin1String("REQUEST_CORE_MODULES_LIST")) {
        send(peer, QStringLiteral("CORE_MODULES_LIST"), coreModules());
        return;
    }
    // Everything else acts on the table the UI listens to.
    const QString table = peer->table;
    if (table.isEmpty()) {
        refuse(peer, QStringLiteral("LISTEN first"));
        return;
    }
    if (type == QLatin1String("UPDATE_GRID")) {
        const QJsonValue cells = contentValue.isArray() ? contentValue : content.value(QLatin1String("geogriddata"));
        if (cells.isArray())
            publishGridFrom(peer, table, cells.toArray());
    } else if (type == QLatin1String("LIST_SCENARIOS")) {
        send(peer, QStringLiteral("SCENARIOS"), m_world->scenarioList(table));
    } else if (type == QLatin1String("SAVE_SCENARIO") || type == QLatin1String("SEND_SCENARIO")) {
        const QString name = content.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            return;
        m_world->saveScenario(table, name, content.value(QLatin1String("description")).toString());
        send(peer, QStringLiteral("SCENARIOS"), m_world->scenarioList(table));
    } else if (type == QLatin1String("MODIFY_SCENARIO")) {
        m_world->modifyScenario(
            table, content.value(QLatin1String("name")).toString(), content.value(QLatin1String("isInBin")).toBool());
        send(peer, QStringLiteral("SCENARIOS"), m_world->scenarioList(table));
    } else if (type == QLatin1String("RESTORE_SCENARIO")) {
        QJsonArray cells;
        if (m_world->scenarioGrid(table, content.value(QLatin1String("name")).toString(), &cells))
            publishGrid(table, cells);
        else
            refuse(peer, QStringLiteral("Scenario not found"));
    } else if (type == QLatin1String("MODULE_REQUEST")) {
        requestCores(table, QJsonArray {content.value(QLatin1String("id"))}, false);
    } else if (type == QLatin1String("REQUEST_MODULE")) {
        requestCores(table, content.value(QLatin1String("modules")).toArray(), false);
    } else if (type == QLatin1String("REQUEST_MODULE_REMOVAL")) {
        requestCores(table, content.value(QLatin1String("modules")).toArray(), true);
    }
    // Unknown types: dropped without an answer, as the docs say.
}

void CityioBroker::onModule(Peer *peer, const QString &type, const QJsonValue &contentValue)
{
    const QJsonObject content = contentValue.toObject();
    const QString table = tableKey(content);
    if (type == QLatin1String("SUBSCRIBE")) {
        subscribeModule(peer, table);
    } else if (type == QLatin1String("UNSUBSCRIBE")) {
        peer->grids.remove(table);
    } else if (type == QLatin1String("MODULE") || type == QLatin1String("INDICATOR")) {
        QString target = table;
        if (target.isEmpty() && peer->grids.size() == 1)
            target = *peer->grids.cbegin();
        if (m_world->hasTable(target))
            publishModule(target, content);
        else
            refuse(peer, QStringLiteral("Table %1 not found").arg(target));
    }
}

void CityioBroker::onCore(Peer *peer, const QString &type, const QJsonValue &content)
{
    if (type == QLatin1String("CORE_MODULE_REGISTRATION"))
        registerCore(peer, content.toObject());
    else
        onModule(peer, type, content); // after a SUBSCRIPTION_REQUEST a core module acts like a module
}

void CityioBroker::registerCore(Peer *peer, const QJsonObject &content)
{
    const QString name = content.value(QLatin1String("name")).toString();
    if (name.isEmpty())
        return;
    QString slug = name.toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(4);
    CoreModule core {slug + QLatin1Char('-') + QString::fromLatin1(hash), name,
        content.value(QLatin1String("description")).toString(), content.value(QLatin1String("moduleType")).toString(),
        peer};
    m_cores.erase(
        std::remove_if(m_cores.begin(), m_cores.end(), [peer](const CoreModule &c) { return c.peer == peer; }),
        m_cores.end());
    peer->coreId = core.moduleId;
    m_cores.append(core); // no reply: registration is silent
}

void CityioBroker::subscribeModule(Peer *peer, const QString &table)
{
    if (!m_world->hasTable(table)) {
        refuse(peer, QStringLiteral("Table %1 not found").arg(table));
        return;
    }
    peer->grids.insert(table);
    send(peer, QStringLiteral("TABLE_SNAPSHOT"),
        QJsonObject {{QStringLiteral("tableName"), table}, {QStringLiteral("snapshot"), m_world->table(table)}});
}

void CityioBroker::requestCores(const QString &table, const QJsonArray &ids, bool removal)
{
    for (const QJsonValue &id : ids) {
        for (const CoreModule &core : std::as_const(m_cores)) {
            if (core.moduleId != id.toString())
                continue;
            if (!core.peer) {
                if (removal)
                    m_activity->detachCore(core.moduleId, table);
                else
                    m_activity->attachCore(core.moduleId, table);
                continue;
            }
            send(core.peer,
                removal ? QStringLiteral("SUBSCRIPTION_REMOVAL_REQUEST") : QStringLiteral("SUBSCRIPTION_REQUEST"),
                QJsonObject {{QStringLiteral("table"), table}});
        }
    }
}

void CityioBroker::publishGridFrom(Peer *sender, const QString &table, const QJsonArray &cells)
{
    m_world->setGrid(table, cells);
    const QString bare = envelope(QStringLiteral("GEOGRIDDATA_UPDATE"), cells);
    const QString wrapped = envelope(QStringLiteral("GEOGRIDDATA_UPDATE"),
        QJsonObject {{QStringLiteral("tableName"), table}, {QStringLiteral("geogriddata"), cells}});
    for (Peer *peer : std::as_const(m_peers)) {
        if (peer->role == Role::Interface && peer->table == table) {
            if (peer != sender || m_echoToSender)
                sendText(peer, bare);
        } else if (peer->role != Role::Interface && peer->grids.contains(table))
            sendText(peer, wrapped);
    }
    m_activity->gridChanged(table);
}

QJsonObject CityioBroker::wireModuleContent(const QJsonObject &content) const
{
    if (!m_legacy)
        return content;
    // CityScopeJS before 2024 read module layers from `deckgl`.
    QJsonObject data = content.value(QLatin1String("moduleData")).toObject();
    if (data.contains(QLatin1String("layers")))
        data.insert(QStringLiteral("deckgl"), data.take(QLatin1String("layers")));
    QJsonObject out = content;
    out.insert(QStringLiteral("moduleData"), data);
    return out;
}

void CityioBroker::publishModule(const QString &table, const QJsonObject &content)
{
    if (content.value(QLatin1String("save")).toBool())
        m_world->saveModuleOutput(table, content.value(QLatin1String("moduleData")).toObject());
    const QString text =
        envelope(m_legacy ? QStringLiteral("INDICATOR") : QStringLiteral("MODULE"), wireModuleContent(content));
    for (Peer *peer : std::as_const(m_peers)) {
        if (peer->role == Role::Interface && peer->table == table)
            sendText(peer, text);
    }
}

} // namespace fleetscope::sim::cityio
