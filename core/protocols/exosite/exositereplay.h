#pragma once

#include "core/model/event.h"
#include "core/protocols/exosite/exositeframe.h"
#include "core/protocols/exosite/exositetree.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QSet>

namespace fleetscope::exosite {

// Replays a recorded One Platform session without a socket: One Platform replies only make sense
// next to their calls (paired by id), so it learns the calls from the frames the session sent,
// then reads each received frame with the live decoder (decodeFrame, decodePoints) and turns it
// into what the live session would have reported: the ownership tree (same labels and paths as
// TreeBrowser), history and live points of subscribed resources, and events, raw payload included.
//
// Owned by ExositeEndpoint in replay mode; its thread.
class ExositeReplay : public QObject
{
    Q_OBJECT

public:
    explicit ExositeReplay(QObject *parent = nullptr);

    void sent(const QString &text);
    void received(const QString &text);

    // Calls remembered while waiting for their reply; a hostile recording cannot grow it further.
    static constexpr int kMaxPendingCalls = 100000;

Q_SIGNALS:
    void resourceFound(const fleetscope::exosite::Resource &resource);
    void pointsArrived(const QString &path, const QVector<fleetscope::exosite::Point> &points, const QString &raw);
    void problem(fleetscope::Severity severity, const QString &path, const QString &summary, const QString &raw);

private:
    struct Call
    {
        QString procedure;
        QJsonArray arguments;
    };
    void onResponse(const Response &response, const QString &raw);
    void onCallAnswered(const Call &call, const Response &response, const QString &raw);
    void rebuildTree();
    QString pathOf(const QString &rid) const { return m_pathByRid.value(rid); }
    static QString ridArgument(const QJsonArray &arguments);

    QHash<QString, Call> m_calls; // by id key
    QHash<QString, QString> m_subsRid; // subscription id key -> rid
    QString m_rootRid;
    QHash<QString, QJsonObject> m_info;
    QHash<QString, QJsonObject> m_listing;
    QHash<QString, QString> m_pathByRid;
    QHash<QString, Resource> m_reported; // by rid
    bool m_treeDirty = false;
};

} // namespace fleetscope::exosite
