#pragma once

#include "sim/cityio/cityioactivity.h"
#include "sim/cityio/cityiobroker.h"
#include "sim/cityio/cityiorestapi.h"
#include "sim/cityio/cityioworld.h"
#include "sim/common/httpfront.h"
#include "sim/common/simulator.h"

namespace fleetscope::sim::cityio {

// A CityIO broker per docs/protocols/cityio.md#simulator on one port: REST under /api/ and the
// WebSocket channels /interface, /module and /module/core, each also under the /cityio mount and
// with a trailing slash. Tables volpe and corktown with live activity (fake UI edits, modules).
//
// Options: those of CityioWorld ("seed"), CityioActivity (cadence, uiEdits, traffic, editMinMs,
// editMaxMs, moduleDelayMinMs, moduleDelayMaxMs, trafficIntervalMs) and CityioBroker (legacy,
// errors, echoToSender, ignoreTypes).
class CityioSimulator : public Simulator
{
    Q_OBJECT

public:
    explicit CityioSimulator(const QVariantMap &options = {}, QObject *parent = nullptr);
    ~CityioSimulator() override;

    QString protocol() const override { return QStringLiteral("cityio"); }
    bool listen(const QHostAddress &address, quint16 port, QString *error) override;
    quint16 port() const override { return m_front.port(); }
    EndpointConfig clientConfig() const override;
    QStringList demoSeries() const override;
    QStringList describe() const override;
    void dropAllConnections() override { m_broker.dropAll(); }
    int connectionCount() const override { return m_broker.connectionCount(); }
    int injectRawFrame(const QByteArray &payload, RawFrameKind kind) override;

    // Fault injection: a raw frame (anything, even not JSON) to the UIs listening to `table`.
    int sendRawFrame(const QString &table, const QString &text) { return m_broker.sendRaw(table, text); }

    CityioWorld &world() { return m_world; }
    CityioBroker &broker() { return m_broker; }
    CityioActivity &activity() { return m_activity; }

    // The channel of an upgrade path ("/cityio/interface/" → Interface), false when none.
    static bool channelOf(const QString &path, CityioBroker::Role *role);

private:
    CityioWorld m_world;
    CityioActivity m_activity;
    CityioBroker m_broker;
    CityioRestApi m_rest;
    HttpFront m_front;
};

} // namespace fleetscope::sim::cityio
