#pragma once

#include "core/model/event.h"
#include "core/protocols/exosite/exositerpc.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace fleetscope::exosite {

// A One Platform resource as placed in Fleetscope's tree.
struct Resource
{
    QString rid;
    QString path; // relative to the authenticated client ("" for it)
    QString type; // client, dataport, datarule, dispatch
    QString format; // float, integer, string (data resources)
    QString name; // description.name
    QString unit; // from description.meta {"datasource":{"unit":..}}
    QString status; // basic.status (clients: activated, locked, expired...)

    bool isNumeric() const { return format == QLatin1String("float") || format == QLatin1String("integer"); }
};

// Walks the ownership tree the way docs/protocols/exosite.md#topics says: lookup the caller's
// RID, info + listing on it, then one batched frame per generation (info on each child, aliases
// and listing on child clients), breadth-first. Labels come from the parent's aliases, else the
// name, else "rid-" + 8 hex; clashes get "~" + 6 RID characters.
//
// Threading: the thread of its Rpc. One browse per object; delete it after finished().
class TreeBrowser : public QObject
{
    Q_OBJECT

public:
    explicit TreeBrowser(Rpc *rpc, QObject *parent = nullptr);
    void start();

    static constexpr int kMaxDepth = 8;
    static constexpr int kMaxResources = 20000;

    // The tree rules, shared with ExositeReplay so that a replayed tree has the same paths.
    // A child's label: its first alias in the parent, else its name, else "rid-" + 8 hex; a label
    // already `used` under the same parent gets "~" + 6 RID characters. Returns it encoded.
    static QString labelFor(
        const QStringList &aliases, const QJsonObject &info, const QString &rid, QSet<QString> *used);
    static Resource resourceFrom(const QString &rid, const QString &type, const QJsonObject &info, const QString &path);
    // A listing result (current object form, or {"legacy": list of lists}) as (rid, type) pairs.
    static QStringList childRids(const QJsonValue &listing, QVector<QPair<QString, QString>> *typed);
    // An info result's aliases: rid -> names.
    static QHash<QString, QStringList> aliasMap(const QJsonObject &info);

Q_SIGNALS:
    void resourceFound(const fleetscope::exosite::Resource &resource);
    void problem(fleetscope::Severity severity, const QString &path, const QString &summary, const QString &raw);
    void finished(bool ok, const QString &detail);

private:
    struct Child
    {
        QString parentPath;
        QString rid;
        QString type;
        QStringList aliases; // as the parent's info listed them
        QJsonObject info;
        QJsonObject listing;
        bool infoDone = false;
        bool listingDone = false;
    };

    void onRootRid(const Response &response);
    void onRootInfo(const Response &response);
    void onRootListing(const Response &response);
    void rootAnswered();
    void startGeneration(QVector<Child> children);
    void childAnswered();
    void finishGeneration();

    QPointer<Rpc> m_rpc;
    QString m_rootRid;
    QJsonObject m_rootInfo;
    QJsonObject m_rootListing;
    int m_rootPending = 0;
    QVector<Child> m_generation;
    int m_pending = 0;
    int m_depth = 0;
    int m_found = 0;
    bool m_failed = false;
};

} // namespace fleetscope::exosite

Q_DECLARE_METATYPE(fleetscope::exosite::Resource)
