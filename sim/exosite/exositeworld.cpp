#include "sim/exosite/exositeworld.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace fleetscope::sim::exosite {

namespace {
constexpr int kTrucks = 6;
const QString kUnitMeta = QStringLiteral(R"({"datasource":{"unit":"%1"}})");
} // namespace

qint64 ExositeWorld::nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString ExositeWorld::ridFor(const QString &aliasPath)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray("rid:" + aliasPath.toUtf8()), QCryptographicHash::Sha1).toHex());
}

QString ExositeWorld::cikFor(const QString &aliasPath)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray("cik:" + aliasPath.toUtf8()), QCryptographicHash::Sha1).toHex());
}

ExositeWorld::ExositeWorld(const QVariantMap &options, QObject *parent)
    : QObject(parent)
    , m_random(options.value(QStringLiteral("seed"), 1).toUInt())
    , m_reference(options.value(QStringLiteral("cadence")).toString() == QLatin1String("reference"))
    , m_incidents(options)
{
    m_floodPerSecond = options.value(QStringLiteral("floodPerSecond")).toInt();
    build();
    prefill();
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &ExositeWorld::tick);
    m_floodTick.setInterval(10);
    connect(&m_floodTick, &QTimer::timeout, this, &ExositeWorld::floodTick);
    const QString truck = ridFor(QStringLiteral("truck-02"));
    m_incidents.add(15000, QStringLiteral("truck-02 goes silent"), [this, truck] { setClientSilent(truck, true); });
    m_incidents.add(75000, QStringLiteral("truck-02 speaks again"), [this, truck] { setClientSilent(truck, false); });
}

SimResource &ExositeWorld::add(const QString &parentRid, const QString &alias, const QString &type, const QString &name,
    const QString &format, const QString &meta, int periodMs)
{
    const SimResource *parent = parentRid.isEmpty() ? nullptr : find(parentRid);
    const QString aliasPath =
        parent ? (parent->aliasPath.isEmpty() ? alias : parent->aliasPath + QLatin1Char('/') + alias) : QString();
    SimResource r;
    r.rid = ridFor(aliasPath);
    r.type = type;
    r.parentRid = parentRid;
    r.aliasPath = aliasPath;
    if (!alias.isEmpty())
        r.aliases << alias;
    r.name = name;
    r.format = format;
    r.meta = meta;
    r.periodMs = periodMs;
    r.created = nowSeconds() - 86400 * 30;
    r.modified = r.created;
    if (type == QLatin1String("client")) {
        r.cik = cikFor(aliasPath);
        m_clientByCik.insert(r.cik, r.rid);
    }
    if (parent)
        m_resources[parentRid].children << r.rid;
    return *m_resources.insert(r.rid, r);
}

void ExositeWorld::build()
{
    const int fast = m_reference ? 0 : 1;
    SimResource &root = add(QString(), QString(), QStringLiteral("client"), QStringLiteral("Fleet HQ"), QString(),
        QStringLiteral(R"({"device":{"type":"site","vendor":"acme","model":"HQ"}})"), 0);
    m_rootRid = root.rid;
    add(m_rootRid, QStringLiteral("ambient"), QStringLiteral("dataport"), QStringLiteral("Ambient temperature"),
        QStringLiteral("float"), kUnitMeta.arg(QStringLiteral("°C")), fast ? 1000 : 5000);
    add(m_rootRid, QStringLiteral("humidity"), QStringLiteral("dataport"), QStringLiteral("Humidity"),
        QStringLiteral("float"), kUnitMeta.arg(QStringLiteral("%")), fast ? 1000 : 10000);
    add(m_rootRid, QStringLiteral("status"), QStringLiteral("dataport"), QStringLiteral("Site status"),
        QStringLiteral("string"), QString(), 0);
    if (m_floodPerSecond > 0)
        add(m_rootRid, QStringLiteral("flood"), QStringLiteral("dataport"), QStringLiteral("Load test"),
            QStringLiteral("float"), QString(), 0);
    for (int i = 1; i <= kTrucks; ++i) {
        const QString alias = QStringLiteral("truck-%1").arg(i, 2, 10, QLatin1Char('0'));
        const QString meta = QStringLiteral(R"({"device":{"type":"vendor","vendor":"acme","model":"T1","sn":"SN%1"}})")
                                 .arg(i, 4, 10, QLatin1Char('0'));
        SimResource &truck =
            add(m_rootRid, alias, QStringLiteral("client"), QStringLiteral("Truck %1").arg(i), QString(), meta, 0);
        const QString t = truck.rid;
        if (i == kTrucks)
            truck.status = QStringLiteral("locked");
        add(t, QStringLiteral("temperature"), QStringLiteral("dataport"), QStringLiteral("Temperature"),
            QStringLiteral("float"), kUnitMeta.arg(QStringLiteral("°C")), fast ? 1000 : 5000);
        add(t, QStringLiteral("battery"), QStringLiteral("dataport"), QStringLiteral("Battery"),
            QStringLiteral("float"), kUnitMeta.arg(QStringLiteral("%")), fast ? 2000 : 10000);
        add(t, QStringLiteral("rpm"), QStringLiteral("dataport"), QStringLiteral("Engine speed"),
            QStringLiteral("integer"), kUnitMeta.arg(QStringLiteral("rpm")), fast ? 1000 : 2000);
        add(t, QStringLiteral("odometer"), QStringLiteral("dataport"), QStringLiteral("Odometer"),
            QStringLiteral("integer"), kUnitMeta.arg(QStringLiteral("km")), fast ? 5000 : 30000);
        add(t, QStringLiteral("gps"), QStringLiteral("dataport"), QStringLiteral("Position"), QStringLiteral("string"),
            QString(), fast ? 3000 : 10000);
        add(t, QStringLiteral("status"), QStringLiteral("dataport"), QStringLiteral("Status"), QStringLiteral("string"),
            QString(), 0);
        SimResource &rule = add(t, QStringLiteral("overheat"), QStringLiteral("datarule"), QStringLiteral("Overheat"),
            QStringLiteral("integer"), QString(), 0);
        rule.rule = QStringLiteral("temperature gt 28");
        add(t, QStringLiteral("alert-email"), QStringLiteral("dispatch"), QStringLiteral("Alert e-mail"),
            QStringLiteral("string"), QString(), 0);
        Truck state;
        state.lat = 45.40 + 0.01 * i;
        state.lng = -71.89 - 0.01 * i;
        state.km = 12000 + 1500 * i;
        state.temperature = 20 + i;
        state.battery = 100 - 7 * i;
        m_trucks.insert(t, state);
    }
}

void ExositeWorld::prefill()
{
    // 24 h of history, one point a minute on numeric ports and one every 30 min on strings.
    const qint64 now = nowSeconds();
    for (SimResource &r : m_resources) {
        if (!r.isData())
            continue;
        const bool numeric = r.isNumeric();
        const int step = numeric ? 60 : 1800;
        double level = 20.0 + m_random.bounded(10.0);
        for (qint64 ts = now - 86400; ts < now - 1; ts += step) {
            QJsonValue v;
            const QString alias = r.aliases.value(0);
            if (alias == QLatin1String("overheat"))
                v = level > 28 ? 1 : 0;
            else if (r.format == QLatin1String("integer"))
                v = static_cast<int>(alias == QLatin1String("odometer") ? 10000 + (ts - now + 86400) / 60
                                                                        : 800 + m_random.bounded(2400));
            else if (numeric)
                v = std::round(level * 100) / 100;
            else if (alias == QLatin1String("gps"))
                v = QStringLiteral(R"({"lat":45.40,"lng":-71.89})");
            else if (r.type == QLatin1String("dispatch"))
                v = QStringLiteral("delivered");
            else
                v = QStringLiteral("ok");
            level = std::clamp(level + (m_random.generateDouble() - 0.5), 18.0, 30.0);
            r.data.push_back(DataPoint {ts, v});
        }
        // Live values carry on from the history instead of jumping to the truck's start state.
        if (auto truck = m_trucks.find(r.parentRid);
            truck != m_trucks.end() && r.aliases.value(0) == QLatin1String("temperature"))
            truck->temperature = r.data.back().value.toDouble();
        r.nextDueMs = QDateTime::currentMSecsSinceEpoch() + m_random.bounded(std::max(1, r.periodMs));
    }
}

void ExositeWorld::setClientSilent(const QString &clientRid, bool silent)
{
    if (silent)
        m_silentClients.insert(clientRid);
    else
        m_silentClients.remove(clientRid);
}

void ExositeWorld::startGenerator()
{
    m_incidents.start();
    m_tick.start();
    if (m_floodPerSecond > 0) {
        m_floodTs = nowSeconds();
        m_floodTick.start();
    }
}

void ExositeWorld::floodTick()
{
    SimResource *flood = findMutable(childByAlias(m_rootRid, QStringLiteral("flood")));
    const int perTick = std::max(1, m_floodPerSecond / 100);
    for (int i = 0; i < perTick; ++i) {
        const QJsonValue value = std::sin(m_floodTs / 50.0) * 10.0 + 20.0;
        ++m_floodTs;
        // Only the newest point is kept: a flood is for measuring delivery, not storage.
        flood->data.assign(1, DataPoint {m_floodTs, value});
        Q_EMIT pointAdded(flood->rid, m_floodTs, value);
    }
}

const SimResource *ExositeWorld::find(const QString &rid) const
{
    const auto it = m_resources.constFind(rid);
    return it == m_resources.constEnd() ? nullptr : &it.value();
}

SimResource *ExositeWorld::findMutable(const QString &rid)
{
    const auto it = m_resources.find(rid);
    return it == m_resources.end() ? nullptr : &it.value();
}

QString ExositeWorld::clientForCik(const QString &cik) const
{
    return m_clientByCik.value(cik.toLower());
}

bool ExositeWorld::isWithin(const QString &rid, const QString &ancestor) const
{
    for (const SimResource *r = find(rid); r; r = find(r->parentRid)) {
        if (r->rid == ancestor)
            return true;
    }
    return false;
}

QString ExositeWorld::childByAlias(const QString &clientRid, const QString &alias) const
{
    const SimResource *client = find(clientRid);
    if (!client)
        return QString();
    for (const QString &child : client->children) {
        if (find(child)->aliases.contains(alias))
            return child;
    }
    return QString();
}

bool ExositeWorld::isLocked(const QString &rid) const
{
    const SimResource *r = find(rid);
    if (r && r->type == QLatin1String("client"))
        return r->status == QLatin1String("locked");
    const SimResource *owner = r ? find(r->parentRid) : nullptr;
    return owner && owner->status == QLatin1String("locked");
}

bool ExositeWorld::normalise(const SimResource &r, const QJsonValue &in, QJsonValue *out) const
{
    if (r.format == QLatin1String("string")) {
        if (in.isString())
            *out = in;
        else if (in.isDouble())
            *out = QString::number(in.toDouble(), 'g', 15);
        else
            return false;
        return true;
    }
    double v = 0;
    if (in.isDouble()) {
        v = in.toDouble();
    } else if (in.isString()) {
        bool ok = false;
        v = in.toString().trimmed().toDouble(&ok); // numeric strings are converted
        if (!ok)
            return false;
    } else {
        return false;
    }
    *out = r.format == QLatin1String("integer") ? QJsonValue(static_cast<qint64>(std::llround(v))) : QJsonValue(v);
    return true;
}

bool ExositeWorld::store(SimResource &r, qint64 ts, const QJsonValue &value, bool notify)
{
    QJsonValue v;
    if (!normalise(r, value, &v))
        return false;
    auto it = std::lower_bound(r.data.begin(), r.data.end(), ts, [](const DataPoint &p, qint64 t) { return p.ts < t; });
    if (it != r.data.end() && it->ts == ts)
        it->value = v; // same second: overwrite
    else
        r.data.insert(it, DataPoint {ts, v});
    r.modified = nowSeconds();
    if (notify)
        Q_EMIT pointAdded(r.rid, ts, v);
    return true;
}

bool ExositeWorld::write(const QString &rid, const QJsonValue &value)
{
    SimResource *r = findMutable(rid);
    if (!r || !r->isData())
        return false;
    return store(*r, nowSeconds(), value, true);
}

bool ExositeWorld::record(const QString &rid, qint64 ts, const QJsonValue &value)
{
    SimResource *r = findMutable(rid);
    if (!r || !r->isData())
        return false;
    if (ts < 0)
        ts = nowSeconds() + ts; // negative: seconds before now
    return store(*r, ts, value, true);
}

bool ExositeWorld::flush(const QString &rid, qint64 newerThan, qint64 olderThan)
{
    SimResource *r = findMutable(rid);
    if (!r || !r->isData())
        return false;
    r->data.erase(std::remove_if(r->data.begin(), r->data.end(),
                      [&](const DataPoint &p) {
                          const bool afterNewer = newerThan < 0 || p.ts > newerThan;
                          const bool beforeOlder = olderThan < 0 || p.ts < olderThan;
                          return afterNewer && beforeOlder;
                      }),
        r->data.end());
    return true;
}

QJsonValue ExositeWorld::nextValue(SimResource &r)
{
    const QString alias = r.aliases.value(0);
    auto truckIt = m_trucks.find(r.parentRid);
    const double drift = m_random.generateDouble() - 0.5;
    if (truckIt == m_trucks.end()) {
        // Root ports.
        const double last = r.data.empty() ? 21.0 : r.data.back().value.toDouble();
        if (alias == QLatin1String("ambient"))
            return std::round(std::clamp(last + drift * 0.4, 15.0, 28.0) * 100) / 100;
        if (alias == QLatin1String("humidity"))
            return std::round(std::clamp(last + drift * 1.5, 25.0, 70.0) * 10) / 10;
        return QJsonValue();
    }
    Truck &truck = truckIt.value();
    if (m_random.bounded(40) == 0)
        truck.driving = !truck.driving;
    if (alias == QLatin1String("temperature")) {
        truck.temperature = std::clamp(truck.temperature + drift * (truck.driving ? 1.2 : 0.5), 18.0, 30.0);
        return std::round(truck.temperature * 100) / 100;
    }
    if (alias == QLatin1String("battery")) {
        truck.battery -= m_reference ? 0.02 : 0.1;
        if (truck.battery < 15)
            truck.battery = 100;
        return std::round(truck.battery * 100) / 100;
    }
    if (alias == QLatin1String("rpm"))
        return truck.driving ? 800 + static_cast<int>(m_random.bounded(2400)) : 0;
    if (alias == QLatin1String("odometer")) {
        if (truck.driving)
            truck.km += 0.2 + m_random.bounded(0.6);
        return static_cast<qint64>(truck.km);
    }
    if (alias == QLatin1String("gps")) {
        if (truck.driving) {
            truck.lat += drift * 0.002;
            truck.lng += (m_random.generateDouble() - 0.5) * 0.002;
        }
        return QString::fromUtf8(QJsonDocument(QJsonObject {{QStringLiteral("lat"), std::round(truck.lat * 1e5) / 1e5},
                                                   {QStringLiteral("lng"), std::round(truck.lng * 1e5) / 1e5}})
                                     .toJson(QJsonDocument::Compact));
    }
    return QJsonValue();
}

void ExositeWorld::tick()
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 now = nowMs / 1000;
    for (SimResource &r : m_resources) {
        if (r.periodMs <= 0 || nowMs < r.nextDueMs || isLocked(r.rid) || m_silentClients.contains(r.parentRid))
            continue;
        r.nextDueMs = nowMs + r.periodMs;
        const QJsonValue value = nextValue(r);
        if (value.isUndefined())
            continue;
        store(r, now, value, true);
        if (r.aliases.value(0) != QLatin1String("temperature"))
            continue;
        // Derived resources: the overheat rule and the status port change with the temperature.
        const SimResource *truck = find(r.parentRid);
        const double t = value.toDouble();
        if (SimResource *rule = findMutable(childByAlias(truck->rid, QStringLiteral("overheat")))) {
            const int hot = t > 28 ? 1 : 0;
            if (rule->data.empty() || rule->data.back().value.toInt() != hot)
                store(*rule, now, hot, true);
        }
        Truck &state = m_trucks[truck->rid];
        const QString status = t > 28    ? QStringLiteral("alarm: overheating")
            : m_random.bounded(300) == 0 ? QStringLiteral("alarm: door open")
            : state.driving              ? QStringLiteral("ok")
                                         : QStringLiteral("idle");
        if (status != state.status) {
            state.status = status;
            if (SimResource *port = findMutable(childByAlias(truck->rid, QStringLiteral("status"))))
                store(*port, now, status, true);
            if (status.startsWith(QLatin1String("alarm"))) {
                if (SimResource *mail = findMutable(childByAlias(truck->rid, QStringLiteral("alert-email"))))
                    store(*mail, now, QStringLiteral("delivered to ops@fleet.example: %1").arg(status), true);
            }
        }
    }
}

} // namespace fleetscope::sim::exosite
