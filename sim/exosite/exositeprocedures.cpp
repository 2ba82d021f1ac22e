#include "sim/exosite/exositeprocedures.h"

#include <cmath>

namespace fleetscope::sim::exosite {

namespace {
const QStringList kTypes {
    QStringLiteral("client"), QStringLiteral("dataport"), QStringLiteral("datarule"), QStringLiteral("dispatch")};
QJsonArray pointJson(const DataPoint &p)
{
    return QJsonArray {p.ts, p.value};
}
} // namespace

ExositeProcedures::ExositeProcedures(ExositeWorld *world, const QVariantMap &options)
    : m_world(world)
    , m_emptyInfoOnFalse(options.value(QStringLiteral("infoFalseEmpty"), true).toBool())
{ }

QJsonObject ExositeProcedures::statusOnly(const QString &status)
{
    return QJsonObject {{QStringLiteral("status"), status}};
}

QJsonObject ExositeProcedures::ok(const QJsonValue &result)
{
    QJsonObject out {{QStringLiteral("status"), QStringLiteral("ok")}};
    if (!result.isUndefined())
        out.insert(QStringLiteral("result"), result);
    return out;
}

QString ExositeProcedures::resolve(const QString &callerRid, const QJsonValue &argument, QString *status) const
{
    QString rid;
    if (argument.isString()) {
        rid = argument.toString().toLower();
        if (!m_world->find(rid)) {
            *status = QStringLiteral("invalid");
            return QString();
        }
        if (!m_world->isWithin(rid, callerRid)) {
            *status = QStringLiteral("restricted");
            return QString();
        }
        return rid;
    }
    if (argument.isObject() && argument.toObject().contains(QLatin1String("alias"))) {
        const QString alias = argument.toObject().value(QLatin1String("alias")).toString();
        if (alias.isEmpty())
            return callerRid;
        rid = m_world->childByAlias(callerRid, alias);
        if (rid.isEmpty())
            *status = QStringLiteral("invalid");
        return rid;
    }
    *status = QStringLiteral("badarg");
    return QString();
}

QJsonObject ExositeProcedures::run(const QString &callerRid, const QString &procedure, const QJsonArray &args)
{
    if (m_world->isLocked(callerRid))
        return statusOnly(QStringLiteral("locked"));
    QString status;
    if (procedure == QLatin1String("lookup"))
        return lookup(callerRid, args);
    if (procedure == QLatin1String("listing")) {
        // Current [res, types, options]; legacy [types] returns a list of lists.
        if (!args.isEmpty() && args.at(0).isArray())
            return listing(callerRid, args.at(0).toArray(), true);
        const QString rid = resolve(callerRid, args.at(0), &status);
        return rid.isEmpty() ? statusOnly(status) : listing(rid, args.at(1).toArray(), false);
    }
    if (procedure == QLatin1String("writegroup")) {
        for (const QJsonValue &pair : args.at(0).toArray()) {
            const QString rid = resolve(callerRid, pair.toArray().at(0), &status);
            if (rid.isEmpty())
                return statusOnly(status);
            if (!m_world->write(rid, pair.toArray().at(1)))
                return statusOnly(QStringLiteral("invalid"));
        }
        return ok();
    }
    const QString rid = resolve(callerRid, args.at(0), &status);
    if (rid.isEmpty())
        return statusOnly(status);
    if (procedure == QLatin1String("info"))
        return info(callerRid, rid, args.at(1).toObject());
    if (m_world->isLocked(rid))
        return statusOnly(QStringLiteral("locked"));
    if (procedure == QLatin1String("read"))
        return read(rid, args.at(1).toObject());
    if (procedure == QLatin1String("write")) {
        if (args.size() < 2)
            return statusOnly(QStringLiteral("badarg"));
        return m_world->write(rid, args.at(1)) ? ok() : statusOnly(QStringLiteral("invalid"));
    }
    if (procedure == QLatin1String("record"))
        return recordPoints(rid, args.at(1).toArray(), false);
    if (procedure == QLatin1String("recordbatch"))
        return recordPoints(rid, args.at(1).toArray(), true);
    if (procedure == QLatin1String("flush")) {
        const QJsonObject options = args.at(1).toObject();
        const qint64 newer =
            options.contains(QLatin1String("newerthan")) ? options.value(QLatin1String("newerthan")).toInteger() : -1;
        const qint64 older =
            options.contains(QLatin1String("olderthan")) ? options.value(QLatin1String("olderthan")).toInteger() : -1;
        return m_world->flush(rid, newer, older) ? ok() : statusOnly(QStringLiteral("invalid"));
    }
    return QJsonObject {{QStringLiteral("status"), QStringLiteral("fail")},
        {QStringLiteral("error"),
            QJsonObject {{QStringLiteral("code"), 501}, {QStringLiteral("message"), QStringLiteral("Error")},
                {QStringLiteral("context"), QStringLiteral("arguments")}}}};
}

QJsonObject ExositeProcedures::read(const QString &rid, const QJsonObject &options)
{
    const SimResource *r = m_world->find(rid);
    if (!r->isData())
        return statusOnly(QStringLiteral("invalid"));
    const qint64 start = options.value(QLatin1String("starttime")).toInteger(0);
    const qint64 end = options.value(QLatin1String("endtime")).toInteger(ExositeWorld::nowSeconds());
    const bool asc = options.value(QLatin1String("sort")).toString() == QLatin1String("asc");
    const qint64 limit = std::max<qint64>(1, options.value(QLatin1String("limit")).toInteger(1));
    const QString selection = options.value(QLatin1String("selection")).toString(QStringLiteral("all"));
    if (start > end)
        return statusOnly(QStringLiteral("invalid"));

    // The inclusive window [start, end].
    auto first =
        std::lower_bound(r->data.begin(), r->data.end(), start, [](const DataPoint &p, qint64 t) { return p.ts < t; });
    auto last =
        std::upper_bound(r->data.begin(), r->data.end(), end, [](qint64 t, const DataPoint &p) { return t < p.ts; });
    std::vector<DataPoint> window(first, last);
    if (selection == QLatin1String("givenwindow")) {
        // At most one point in each of `limit` equal slices of the window.
        std::vector<DataPoint> picked;
        const double slice = static_cast<double>(end - start + 1) / limit;
        qint64 lastSlice = -1;
        for (const DataPoint &p : window) {
            const auto s = static_cast<qint64>((p.ts - start) / slice);
            if (s != lastSlice)
                picked.push_back(p);
            lastSlice = s;
        }
        window = picked;
    } else if (selection == QLatin1String("autowindow") && static_cast<qint64>(window.size()) > limit) {
        std::vector<DataPoint> picked;
        const double stride = static_cast<double>(window.size()) / limit;
        for (qint64 i = 0; i < limit; ++i)
            picked.push_back(window[static_cast<size_t>(std::floor(i * stride))]);
        window = picked;
    }
    if (!asc)
        std::reverse(window.begin(), window.end());
    QJsonArray result;
    for (const DataPoint &p : window) {
        if (result.size() >= limit)
            break;
        result.append(pointJson(p));
    }
    return ok(result);
}

QJsonObject ExositeProcedures::recordPoints(const QString &rid, const QJsonArray &points, bool batch)
{
    QJsonArray refused;
    for (const QJsonValue &point : points) {
        const QJsonArray pair = point.toArray();
        const qint64 ts = pair.at(0).toInteger();
        if (pair.size() < 2 || !pair.at(0).isDouble() || !m_world->record(rid, ts, pair.at(1)))
            refused.append(QJsonArray {pair.at(0), QStringLiteral("invalid")});
    }
    if (refused.isEmpty())
        return ok();
    if (batch)
        return QJsonObject {{QStringLiteral("status"), refused}};
    return ok(refused); // record answers ok with [ts,error] pairs in result
}

QJsonObject ExositeProcedures::info(const QString &callerRid, const QString &rid, const QJsonObject &keysIn)
{
    const SimResource *r = m_world->find(rid);
    QJsonObject keys = keysIn;
    if (m_emptyInfoOnFalse) {
        for (auto it = keys.constBegin(); it != keys.constEnd(); ++it) {
            if (it.value() == QJsonValue(false))
                return ok(QJsonObject()); // any false key: an empty result
        }
    }
    const bool all = keys.isEmpty();
    auto wants = [&](const char *key) { return all || keys.value(QLatin1String(key)).toBool(); };
    const bool ownerOrSelf = rid == callerRid || r->parentRid == callerRid;
    QJsonObject result;
    if (wants("aliases")) {
        if (!ownerOrSelf || r->type != QLatin1String("client")) {
            result.insert(QStringLiteral("aliases"), QStringLiteral("undefined"));
        } else {
            QJsonObject aliases;
            for (const QString &child : r->children) {
                const SimResource *c = m_world->find(child);
                if (!c->aliases.isEmpty())
                    aliases.insert(child, QJsonArray::fromStringList(c->aliases));
            }
            result.insert(QStringLiteral("aliases"), aliases);
        }
    }
    if (wants("basic")) {
        QJsonObject basic {{QStringLiteral("type"), r->type}, {QStringLiteral("modified"), r->modified},
            {QStringLiteral("subscribers"), 0}};
        if (r->type == QLatin1String("client"))
            basic.insert(QStringLiteral("status"), r->status);
        result.insert(QStringLiteral("basic"), basic);
    }
    if (wants("description")) {
        QJsonObject description {
            {QStringLiteral("name"), r->name}, {QStringLiteral("meta"), r->meta}, {QStringLiteral("public"), false}};
        if (r->isData()) {
            description.insert(QStringLiteral("format"), r->format);
            description.insert(QStringLiteral("preprocess"), QJsonArray());
            description.insert(QStringLiteral("retention"),
                QJsonObject {{QStringLiteral("count"), QStringLiteral("infinity")},
                    {QStringLiteral("duration"), QStringLiteral("infinity")}});
            description.insert(QStringLiteral("subscribe"), QJsonValue::Null);
            if (!r->rule.isEmpty())
                description.insert(QStringLiteral("rule"), QJsonObject {{QStringLiteral("simple"), r->rule}});
        }
        result.insert(QStringLiteral("description"), description);
    }
    if (wants("storage") && r->isData()) {
        result.insert(QStringLiteral("storage"),
            QJsonObject {{QStringLiteral("count"), static_cast<qint64>(r->data.size())},
                {QStringLiteral("first"), r->data.empty() ? 0 : r->data.front().ts},
                {QStringLiteral("last"), r->data.empty() ? 0 : r->data.back().ts},
                {QStringLiteral("size"), static_cast<qint64>(r->data.size() * 16)}});
    }
    if (wants("key") && r->type == QLatin1String("client") && r->parentRid == callerRid)
        result.insert(QStringLiteral("key"), r->cik);
    if (wants("counts"))
        result.insert(
            QStringLiteral("counts"), QJsonObject {{QStringLiteral("client"), 0}, {QStringLiteral("dataport"), 0}});
    if (wants("tags"))
        result.insert(QStringLiteral("tags"), QJsonArray());
    return ok(result);
}

QJsonObject ExositeProcedures::listing(const QString &rid, const QJsonArray &types, bool legacy)
{
    const SimResource *r = m_world->find(rid);
    if (r->type != QLatin1String("client"))
        return statusOnly(QStringLiteral("invalid"));
    for (const QJsonValue &type : types) {
        if (!kTypes.contains(type.toString()))
            return QJsonObject {{QStringLiteral("status"), QStringLiteral("error")},
                {QStringLiteral("result"), QStringLiteral("invalid type %1").arg(type.toString())}};
    }
    QJsonObject byType;
    QJsonArray lists;
    for (const QJsonValue &typeValue : types) {
        QJsonArray rids;
        for (const QString &child : r->children) {
            if (m_world->find(child)->type == typeValue.toString())
                rids.append(child);
        }
        byType.insert(typeValue.toString(), rids);
        lists.append(rids);
    }
    return ok(legacy ? QJsonValue(lists) : QJsonValue(byType));
}

QJsonObject ExositeProcedures::lookup(const QString &callerRid, const QJsonArray &args)
{
    // Current [res, type, key]; legacy [type, key] acts on the caller.
    QString client = callerRid;
    qsizetype at = 0;
    if (args.size() >= 3) {
        QString status;
        client = resolve(callerRid, args.at(0), &status);
        if (client.isEmpty())
            return statusOnly(status);
        at = 1;
    }
    const QString type = args.at(at).toString();
    const QString key = args.at(at + 1).toString();
    if (type == QLatin1String("alias") || type == QLatin1String("aliased")) {
        if (key.isEmpty())
            return ok(client);
        const QString rid = m_world->childByAlias(client, key);
        return rid.isEmpty() ? statusOnly(QStringLiteral("invalid")) : ok(rid);
    }
    if (type == QLatin1String("owner")) {
        const SimResource *r = m_world->find(key.toLower());
        if (!r || !m_world->isWithin(r->rid, callerRid))
            return statusOnly(QStringLiteral("invalid"));
        return ok(r->parentRid);
    }
    return statusOnly(QStringLiteral("invalid"));
}

} // namespace fleetscope::sim::exosite
