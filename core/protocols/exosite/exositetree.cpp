#include "core/protocols/exosite/exositetree.h"

#include "core/model/topic.h"

#include <QJsonDocument>
#include <QSet>

namespace fleetscope::exosite {

namespace {
const QJsonArray kAllTypes {
    QStringLiteral("client"), QStringLiteral("dataport"), QStringLiteral("datarule"), QStringLiteral("dispatch")};

QString rawOf(const Response &r)
{
    return QString::fromUtf8(QJsonDocument(r.raw).toJson(QJsonDocument::Compact));
}
} // namespace

TreeBrowser::TreeBrowser(Rpc *rpc, QObject *parent)
    : QObject(parent)
    , m_rpc(rpc)
{ }

void TreeBrowser::start()
{
    const QJsonObject self {{QStringLiteral("alias"), QString()}};
    m_rpc->call(QStringLiteral("lookup"), QJsonArray {self, QStringLiteral("alias"), QString()},
        [this](const Response &r) { onRootRid(r); });
}

void TreeBrowser::onRootRid(const Response &response)
{
    if (!response.ok || !response.result.isString()) {
        m_failed = true;
        Q_EMIT problem(
            Severity::Error, QString(), QStringLiteral("lookup: %1").arg(response.failureText()), rawOf(response));
        Q_EMIT finished(false, QStringLiteral("cannot look up the client's own RID: %1").arg(response.failureText()));
        return;
    }
    m_rootRid = response.result.toString();
    m_rootPending = 2;
    m_rpc->call(QStringLiteral("info"),
        QJsonArray {m_rootRid,
            QJsonObject {{QStringLiteral("basic"), true}, {QStringLiteral("description"), true},
                {QStringLiteral("aliases"), true}}},
        [this](const Response &r) { onRootInfo(r); });
    m_rpc->call(QStringLiteral("listing"),
        QJsonArray {m_rootRid, kAllTypes, QJsonObject {{QStringLiteral("owned"), true}}},
        [this](const Response &r) { onRootListing(r); });
}

void TreeBrowser::onRootInfo(const Response &response)
{
    if (response.ok)
        m_rootInfo = response.result.toObject();
    else
        Q_EMIT problem(
            Severity::Warning, QString(), QStringLiteral("info: %1").arg(response.failureText()), rawOf(response));
    rootAnswered();
}

void TreeBrowser::onRootListing(const Response &response)
{
    if (response.ok)
        m_rootListing = response.result.isObject() ? response.result.toObject()
                                                   : QJsonObject {{QStringLiteral("legacy"), response.result}};
    else
        Q_EMIT problem(
            Severity::Error, QString(), QStringLiteral("listing: %1").arg(response.failureText()), rawOf(response));
    rootAnswered();
}

void TreeBrowser::rootAnswered()
{
    if (--m_rootPending > 0)
        return;
    Child root;
    root.rid = m_rootRid;
    root.type = QStringLiteral("client");
    root.info = m_rootInfo;
    root.listing = m_rootListing;
    Q_EMIT resourceFound(resourceFrom(root.rid, root.type, root.info, QString()));
    QVector<Child> children;
    QVector<QPair<QString, QString>> typed;
    childRids(m_rootListing, &typed);
    const auto aliases = aliasMap(m_rootInfo);
    for (const auto &[rid, type] : std::as_const(typed))
        children.append(Child {QString(), rid, type, aliases.value(rid), {}, {}, false, false});
    startGeneration(children);
}

QStringList TreeBrowser::childRids(const QJsonValue &listingValue, QVector<QPair<QString, QString>> *typed)
{
    // Current form: {"client":[..],"dataport":[..],..}; legacy: a list of lists in type order.
    QStringList rids;
    const QJsonObject listing = listingValue.toObject();
    if (listing.contains(QLatin1String("legacy"))) {
        const QJsonArray lists = listing.value(QLatin1String("legacy")).toArray();
        for (qsizetype i = 0; i < lists.size() && i < kAllTypes.size(); ++i) {
            for (const QJsonValue &rid : lists.at(i).toArray()) {
                typed->append({rid.toString(), kAllTypes.at(i).toString()});
                rids << rid.toString();
            }
        }
        return rids;
    }
    for (const QJsonValue &typeValue : kAllTypes) {
        const QString type = typeValue.toString();
        for (const QJsonValue &rid : listing.value(type).toArray()) {
            typed->append({rid.toString(), type});
            rids << rid.toString();
        }
    }
    return rids;
}

QHash<QString, QStringList> TreeBrowser::aliasMap(const QJsonObject &info)
{
    QHash<QString, QStringList> out;
    const QJsonValue aliases = info.value(QLatin1String("aliases"));
    if (!aliases.isObject())
        return out; // "undefined" when not visible to us
    const QJsonObject object = aliases.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QStringList names;
        for (const QJsonValue &name : it.value().toArray())
            names << name.toString();
        out.insert(it.key(), names);
    }
    return out;
}

void TreeBrowser::startGeneration(QVector<Child> children)
{
    if (children.isEmpty() || m_depth >= kMaxDepth) {
        if (!children.isEmpty())
            Q_EMIT problem(Severity::Warning, QString(),
                QStringLiteral("tree deeper than %1 levels: not browsed further").arg(kMaxDepth), QString());
        Q_EMIT finished(true, QStringLiteral("%1 resources").arg(m_found));
        return;
    }
    ++m_depth;
    m_generation = std::move(children);
    m_pending = 0;
    for (int i = 0; i < m_generation.size(); ++i) {
        Child &child = m_generation[i];
        const bool isClient = child.type == QLatin1String("client");
        QJsonObject keys {{QStringLiteral("basic"), true}, {QStringLiteral("description"), true}};
        if (isClient)
            keys.insert(QStringLiteral("aliases"), true);
        ++m_pending;
        m_rpc->call(QStringLiteral("info"), QJsonArray {child.rid, keys}, [this, i](const Response &r) {
            Child &c = m_generation[i];
            if (r.ok)
                c.info = r.result.toObject();
            else
                Q_EMIT problem(Severity::Warning, c.parentPath,
                    QStringLiteral("info %1: %2").arg(c.rid.left(8), r.failureText()), rawOf(r));
            c.infoDone = true;
            childAnswered();
        });
        if (isClient) {
            ++m_pending;
            m_rpc->call(QStringLiteral("listing"),
                QJsonArray {child.rid, kAllTypes, QJsonObject {{QStringLiteral("owned"), true}}},
                [this, i](const Response &r) {
                    Child &c = m_generation[i];
                    if (r.ok)
                        c.listing = r.result.isObject() ? r.result.toObject()
                                                        : QJsonObject {{QStringLiteral("legacy"), r.result}};
                    c.listingDone = true;
                    childAnswered();
                });
        } else {
            child.listingDone = true;
        }
    }
}

void TreeBrowser::childAnswered()
{
    if (--m_pending == 0)
        finishGeneration();
}

void TreeBrowser::finishGeneration()
{
    // Labels per parent: alias, else name, else rid-xxxxxxxx; a clash gets ~ + 6 RID characters.
    QHash<QString, QSet<QString>> usedLabels;
    QVector<Child> next;
    for (const Child &child : std::as_const(m_generation)) {
        const QString label = labelFor(child.aliases, child.info, child.rid, &usedLabels[child.parentPath]);
        const QString path = TopicPath::join(child.parentPath, label);
        if (++m_found > kMaxResources) {
            Q_EMIT problem(Severity::Warning, QString(),
                QStringLiteral("more than %1 resources: the rest are not shown").arg(kMaxResources), QString());
            Q_EMIT finished(true, QStringLiteral("%1 resources (truncated)").arg(kMaxResources));
            return;
        }
        Q_EMIT resourceFound(resourceFrom(child.rid, child.type, child.info, path));
        if (child.type == QLatin1String("client")) {
            QVector<QPair<QString, QString>> typed;
            childRids(child.listing, &typed);
            const auto aliases = aliasMap(child.info);
            for (const auto &[rid, type] : std::as_const(typed))
                next.append(Child {path, rid, type, aliases.value(rid), {}, {}, false, false});
        }
    }
    startGeneration(next);
}

QString TreeBrowser::labelFor(
    const QStringList &aliases, const QJsonObject &info, const QString &rid, QSet<QString> *used)
{
    const QString name = info.value(QLatin1String("description")).toObject().value(QLatin1String("name")).toString();
    QString label = !aliases.isEmpty() && !aliases.first().isEmpty() ? aliases.first()
        : !name.isEmpty()                                            ? name
                                                                     : QStringLiteral("rid-") + rid.left(8);
    label = TopicPath::encodeSegment(label);
    if (used->contains(label))
        label += QLatin1Char('~') + rid.left(6);
    used->insert(label);
    return label;
}

Resource TreeBrowser::resourceFrom(
    const QString &rid, const QString &type, const QJsonObject &info, const QString &path)
{
    Resource r;
    r.rid = rid;
    r.path = path;
    r.type = type;
    const QJsonObject description = info.value(QLatin1String("description")).toObject();
    r.format = description.value(QLatin1String("format")).toString();
    r.name = description.value(QLatin1String("name")).toString();
    r.status = info.value(QLatin1String("basic")).toObject().value(QLatin1String("status")).toString();
    const QJsonDocument meta = QJsonDocument::fromJson(description.value(QLatin1String("meta")).toString().toUtf8());
    r.unit = meta.object().value(QLatin1String("datasource")).toObject().value(QLatin1String("unit")).toString();
    return r;
}

} // namespace fleetscope::exosite
