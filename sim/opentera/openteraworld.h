#pragma once

#include "sim/common/incidentscript.h"
#include "sim/opentera/openteraaccounts.h"
#include "sim/opentera/openteraframes.h"
#include "sim/opentera/openterasessionbook.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QVariantMap>

namespace fleetscope::sim::opentera {

struct SimParticipant
{
    int id = 0;
    QString uuid;
    QString name;
    int projectId = 0;
    QString project;
    bool online = false;
    bool busy = false;
};

struct SimDevice
{
    int id = 0;
    QString uuid;
    QString name;
    int typeId = 0;
    bool online = false;
    bool busy = false;
    QString statusText; // what it posted, as the server stores it (JSON text); "" = none yet
    double statusTs = 0.0;
    qint64 nextPostMs = 0;
    qint64 vanishAtMs = 0; // its socket died unnoticed: DEVICE_DISCONNECTED comes at this time
    // Live readings.
    double battery = 90.0;
    bool charging = false;
    double rssi = -60.0;
    double cpuTemp = 48.0;
    double leftTemp = 40.0;
    double rightTemp = 40.0;
    double ambient = 21.0;
    double humidity = 40.0;
};

// The live world of the simulated TeraServer (docs/protocols/opentera.md#simulator): site
// Sherbrooke with projects "Rehab pilot" and "Home monitoring", participants P-0041…P-0048,
// devices Robot-01, Robot-02, SensorHub-A and Tablet-07, the accounts' users. Devices post their
// status, presence changes, a robot sometimes vanishes (DEVICE_DISCONNECTED only
// `vanishMs` later), sessions come and go with invitations and replies, archives complete, and
// now and then an event of a type clients may not know. Every change is emitted as OutEvent.
//
// Options (cadences in ms; "cadence"="reference" picks the slower, realistic defaults of
// docs/protocols/opentera.md#simulator):
// "statusMs", "presenceMs", "sessionMs", "vanishMs", "unknownMs", "generator" (false: nothing
// moves by itself), "seed", "incidents"/"incidentScale" (the demo's staged incidents: Robot-01's
// battery drops below 20 % at 10 s and recharges; Robot-02 disconnects at 20 s and is back at 50 s;
// see IncidentScript). Threading: the simulator's thread.
class OpenTeraWorld : public QObject
{
    Q_OBJECT

public:
    OpenTeraWorld(const OpenTeraAccounts *accounts, const QVariantMap &options, QObject *parent = nullptr);

    void start();
    void stop() { m_tick.stop(); }

    QVector<SimParticipant> &participants() { return m_participants; }
    QVector<SimDevice> &devices() { return m_devices; }
    SimParticipant *participant(const QString &uuidOrId);
    SimDevice *device(const QString &uuidOrId);
    SimDevice *deviceByName(const QString &name);
    SessionBook &sessions() { return m_book; }
    IncidentScript &incidents() { return m_incidents; }

    bool canSee(const SimAccount &viewer, Subject subject, const QString &uuid) const;
    QJsonArray onlineUsers(const SimAccount &viewer) const;
    QJsonArray onlineParticipants(const SimAccount &viewer) const;
    QJsonArray onlineDevices(const SimAccount &viewer) const;

    // A user's socket opened or closed (the only presence of admin and siteadmin).
    void setUserSocket(const QString &userUuid, bool connected);
    bool userOnline(const QString &userUuid) const { return m_userOnline.value(userUuid); }
    // Presence changes of participants and devices (connect, disconnect; emits the events).
    void setParticipantOnline(SimParticipant &participant, bool online);
    void setDeviceOnline(SimDevice &device, bool online);
    void setSimulatedUserOnline(const QString &userUuid, bool online);
    // A device's POST /api/device/status: stores and announces it.
    void postStatus(SimDevice &device, const QJsonObject &status, double timestamp);

    // An archive of `ownerUuid` goes INPROGRESS, then COMPLETED (or CANCELLED) a little later.
    void startArchive(const QString &ownerUuid);
    // An event of a type that is not in the schema (opentera.protobuf.UserPreferenceEvent).
    void emitUnknown(const QStringList &recipients = {});

    static constexpr const char *kPresenceTopic = "module.TeraServer.UserManagerModule.events";

Q_SIGNALS:
    void event(const fleetscope::sim::opentera::OutEvent &event);

private:
    void build();
    void tick();
    void presenceChange();
    void simulatedSession();
    QJsonObject nextStatus(SimDevice &device);
    double uniform(double low, double high);
    void emitUser(const QString &uuid, int type);
    void emitParticipant(const SimParticipant &participant, int type);
    void emitDevice(const SimDevice &device, int type, const QString &statusText = QString());
    void setBusy(const QStringList &participants, const QStringList &users, const QStringList &devices, bool busy);
    void emitOut(OutEvent event);
    void stageIncidents();

    const OpenTeraAccounts *m_accounts;
    QVector<SimParticipant> m_participants;
    QVector<SimDevice> m_devices;
    QHash<QString, bool> m_userOnline;
    QHash<QString, bool> m_userBusy;
    QHash<QString, int> m_userSockets; // live sockets per user
    QTimer m_tick;
    QRandomGenerator m_random;
    bool m_generator;
    SessionBook m_book;
    int m_statusMs;
    double m_statusSpread;
    int m_presenceMs;
    int m_sessionMs;
    int m_vanishMs;
    int m_unknownMs;
    qint64 m_nextPresenceMs = 0;
    qint64 m_nextSessionMs = 0;
    qint64 m_nextUnknownMs = 0;
    IncidentScript m_incidents;
};

} // namespace fleetscope::sim::opentera
