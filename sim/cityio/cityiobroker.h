#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QVariantMap>

class QWebSocket;

namespace fleetscope::sim::cityio {

class CityioActivity;
class CityioWorld;

// The message routing of a CityIO broker (docs/protocols/cityio.md#messages): user interfaces
// LISTEN to a table and get bare snapshots and grid updates (sender included); modules SUBSCRIBE
// and get the wrapped shapes, and their MODULE output goes to the table's UIs unchanged (saved when
// asked); core modules register, get subscription requests when a UI asks for them; scenarios;
// arrays as content; unknown types and malformed JSON dropped without an answer; no acks.
//
// Options: "legacy" (true: GRID / INDICATOR / deckgl as CityScopeJS read them before 2024),
// "errors" (true: ERROR for an unknown table instead of silence), "echoToSender" (false: an
// UPDATE_GRID is not echoed to its sender, as the broker's behaviour is unknown),
// "ignoreTypes" (comma-separated types dropped unanswered, as an older server would).
//
// Owned by CityioSimulator; owns the sockets it is given. Threading: the simulator's thread.
class CityioBroker : public QObject
{
    Q_OBJECT

public:
    enum class Role { Interface, Module, Core };

    CityioBroker(CityioWorld *world, CityioActivity *activity, const QVariantMap &options, QObject *parent = nullptr);
    ~CityioBroker() override;

    void accept(QWebSocket *socket, Role role);
    // Stores a new GEOGRIDDATA and tells the table's UIs and modules (and the walkability module).
    void publishGrid(const QString &table, const QJsonArray &cells) { publishGridFrom(nullptr, table, cells); }
    // A module's output: saved when asked, forwarded to the table's UIs.
    void publishModule(const QString &table, const QJsonObject &content);
    // Fault injection: `text` verbatim to every UI listening to `table` (all UIs when empty).
    int sendRaw(const QString &table, const QString &text);
    void dropAll();
    // Every connected peer's socket (fault injection writes raw frames under them).
    QList<QWebSocket *> sockets() const { return m_peers.keys(); }

    int connectionCount() const { return static_cast<int>(m_peers.size()); }
    int listenerCount(const QString &table) const;
    // The frames peers sent, oldest first (the last 200).
    QStringList received() const { return m_received; }
    QJsonArray coreModules() const;

private:
    struct Peer
    {
        QPointer<QWebSocket> socket;
        Role role = Role::Interface;
        QString table; // the table a UI listens to
        QSet<QString> grids; // the tables a module subscribed
        QString coreId; // a registered core module's id
    };
    struct CoreModule
    {
        QString moduleId;
        QString name;
        QString description;
        QString moduleType;
        Peer *peer = nullptr; // nullptr: built into the simulator
    };

    void onText(Peer *peer, const QString &text);
    void onInterface(Peer *peer, const QString &type, const QJsonValue &content);
    void onModule(Peer *peer, const QString &type, const QJsonValue &content);
    void onCore(Peer *peer, const QString &type, const QJsonValue &content);
    void subscribeModule(Peer *peer, const QString &table);
    void publishGridFrom(Peer *sender, const QString &table, const QJsonArray &cells);
    void requestCores(const QString &table, const QJsonArray &ids, bool removal);
    void send(Peer *peer, const QString &type, const QJsonValue &content);
    void sendText(Peer *peer, const QString &text) const;
    void refuse(Peer *peer, const QString &message);
    QString envelope(const QString &type, const QJsonValue &content) const;
    QJsonObject wireModuleContent(const QJsonObject &content) const;
    void registerCore(Peer *peer, const QJsonObject &content);
    static QString tableKey(const QJsonObject &content);

    CityioWorld *m_world;
    CityioActivity *m_activity;
    QHash<QWebSocket *, Peer *> m_peers;
    QVector<CoreModule> m_cores;
    QStringList m_received;
    QStringList m_ignored;
    bool m_legacy;
    bool m_errors;
    bool m_echoToSender;
};

} // namespace fleetscope::sim::cityio
