#pragma once

#include "sim/common/incidentscript.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QVariantMap>

#include <vector>

namespace fleetscope::sim::exosite {

struct DataPoint
{
    qint64 ts; // Unix seconds
    QJsonValue value;
};

// A One Platform resource of the simulated tree.
struct SimResource
{
    QString rid;
    QString type; // client, dataport, datarule, dispatch
    QString parentRid;
    QString aliasPath; // e.g. "truck-01/temperature", the seed of its RID and CIK
    QStringList aliases; // as the parent maps them
    QString name;
    QString format; // float, integer, string
    QString meta; // JSON text
    QString cik; // clients only
    QString status = QStringLiteral("activated");
    QString rule; // datarules: a readable description
    QStringList children;
    qint64 created = 0;
    qint64 modified = 0;
    std::vector<DataPoint> data; // ascending ts, one point per second at most
    int periodMs = 0; // generator cadence; 0 = on change only
    qint64 nextDueMs = 0;

    bool isData() const { return type != QLatin1String("client"); }
    bool isNumeric() const { return format == QLatin1String("float") || format == QLatin1String("integer"); }
};

// The simulated platform: root client "Fleet HQ" (ambient, humidity, status) owning trucks
// truck-01…truck-06 (temperature, battery, rpm, odometer, gps, status, the overheat datarule and
// an alert-email dispatch); truck-06 is locked. 24 h of history is pre-filled, and a generator
// keeps values moving: in the default "lively" cadence the tree changes several times a second
// (each port at most once a second, as the platform allows); "reference" uses the slower
// cadences of docs/protocols/exosite.md#simulator. For load tests, option "floodPerSecond" adds a
// root dataport "flood" that publishes that many points a second, with synthetic timestamps one
// second apart (the platform keeps one point per second, so a faster real clock could not carry
// them). Options "incidents"/"incidentScale" stage the demo's incident: truck-02 goes silent at
// 15 s (its ports stop writing) and speaks again at 75 s (see IncidentScript).
//
// Threading: the simulator's thread.
class ExositeWorld : public QObject
{
    Q_OBJECT

public:
    explicit ExositeWorld(const QVariantMap &options, QObject *parent = nullptr);

    static QString ridFor(const QString &aliasPath);
    static QString cikFor(const QString &aliasPath);

    QString rootRid() const { return m_rootRid; }
    const SimResource *find(const QString &rid) const;
    SimResource *findMutable(const QString &rid);
    QString clientForCik(const QString &cik) const;
    // rid is `ancestor` itself or lies beneath it.
    bool isWithin(const QString &rid, const QString &ancestor) const;
    QString childByAlias(const QString &clientRid, const QString &alias) const;
    // The client that owns `rid` is locked (or `rid` is a locked client).
    bool isLocked(const QString &rid) const;

    // Stores a value stamped with the server clock (a same-second write overwrites). Numeric
    // strings are converted on numeric ports. Returns false (invalid) when the value does not fit.
    bool write(const QString &rid, const QJsonValue &value);
    // Stores a historical point (record/recordbatch); false when invalid.
    bool record(const QString &rid, qint64 ts, const QJsonValue &value);
    bool flush(const QString &rid, qint64 newerThan, qint64 olderThan);

    void startGenerator();
    // A client whose ports the generator leaves alone (a device gone silent), or not.
    void setClientSilent(const QString &clientRid, bool silent);
    IncidentScript &incidents() { return m_incidents; }
    void stopGenerator()
    {
        m_tick.stop();
        m_floodTick.stop();
    }

    static qint64 nowSeconds();

Q_SIGNALS:
    void pointAdded(const QString &rid, qint64 ts, const QJsonValue &value);

private:
    SimResource &add(const QString &parentRid, const QString &alias, const QString &type, const QString &name,
        const QString &format, const QString &meta, int periodMs);
    void build();
    void prefill();
    void tick();
    void floodTick();
    QJsonValue nextValue(SimResource &r);
    bool store(SimResource &r, qint64 ts, const QJsonValue &value, bool notify);
    bool normalise(const SimResource &r, const QJsonValue &in, QJsonValue *out) const;

    QHash<QString, SimResource> m_resources;
    QHash<QString, QString> m_clientByCik;
    QString m_rootRid;
    QTimer m_tick;
    QTimer m_floodTick;
    int m_floodPerSecond = 0;
    qint64 m_floodTs = 0;
    QRandomGenerator m_random;
    bool m_reference = false;
    QSet<QString> m_silentClients;
    IncidentScript m_incidents;
    // Per-truck driving state for plausible rpm/odometer/gps.
    struct Truck
    {
        bool driving = false;
        double lat = 45.40;
        double lng = -71.89;
        double km = 0;
        double temperature = 22;
        double battery = 100;
        QString status = QStringLiteral("ok");
    };
    QHash<QString, Truck> m_trucks; // by client rid
};

} // namespace fleetscope::sim::exosite
