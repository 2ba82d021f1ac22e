#pragma once

#include "sim/exosite/exositeworld.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fleetscope::sim::exosite {

// The stateless procedures of the One Platform as the simulated server answers them, for one
// authenticated caller: read, write, record, recordbatch, writegroup, info, listing, lookup,
// flush. Each returns the response element without its id (status, result, error). subscribe
// and unsubscribe live in ExositeSimulator: they need the connection.
class ExositeProcedures
{
public:
    ExositeProcedures(ExositeWorld *world, const QVariantMap &options);

    QJsonObject run(const QString &callerRid, const QString &procedure, const QJsonArray &arguments);
    // Resolves a resource argument ("<rid>", {"alias":".."}, {"alias":""}) for the caller.
    // Empty with *status set ("invalid" or "restricted") when it cannot.
    QString resolve(const QString &callerRid, const QJsonValue &argument, QString *status) const;

    static QJsonObject statusOnly(const QString &status);
    static QJsonObject ok(const QJsonValue &result = QJsonValue(QJsonValue::Undefined));

private:
    QJsonObject read(const QString &rid, const QJsonObject &options);
    QJsonObject info(const QString &callerRid, const QString &rid, const QJsonObject &keys);
    QJsonObject listing(const QString &rid, const QJsonArray &types, bool legacy);
    QJsonObject lookup(const QString &callerRid, const QJsonArray &arguments);
    QJsonObject recordPoints(const QString &rid, const QJsonArray &points, bool batch);

    ExositeWorld *m_world;
    bool m_emptyInfoOnFalse = true;
};

} // namespace fleetscope::sim::exosite
