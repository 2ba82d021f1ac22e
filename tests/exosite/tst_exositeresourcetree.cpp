// How One Platform resources and their points become topics, samples and events
// (docs/protocols/exosite.md), from plain values and no socket.
#include "core/protocols/exosite/exositeresourcetree.h"

#include <QTest>

using namespace fleetscope;
using namespace fleetscope::exosite;

namespace {
Resource resource(
    const QString &path, const QString &type, const QString &format = QString(), const QString &status = QString())
{
    Resource r;
    r.rid = QStringLiteral("rid-") + path;
    r.path = path;
    r.type = type;
    r.format = format;
    r.name = path.isEmpty() ? QStringLiteral("Fleet HQ") : path.section(QLatin1Char('/'), -1);
    r.status = status;
    return r;
}

Point point(qint64 tMs, const QJsonValue &value)
{
    return Point {tMs, value};
}
} // namespace

class tst_ExositeResourceTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resourcesBecomeTopics()
    {
        ResourceTree tree;
        EndpointBatch out;
        tree.add(resource(QString(), QStringLiteral("client")), &out);
        tree.add(
            resource(QStringLiteral("truck-06"), QStringLiteral("client"), QString(), QStringLiteral("locked")), &out);
        tree.add(resource(QStringLiteral("truck-06/rpm"), QStringLiteral("dataport"), QStringLiteral("integer")), &out);
        tree.add(resource(QStringLiteral("truck-06/alert"), QStringLiteral("dispatch")), &out);
        tree.add(resource(QStringLiteral("note"), QStringLiteral("dataport")), &out);

        QCOMPARE(out.topics.size(), 5);
        QCOMPARE(tree.rootName(), QStringLiteral("Fleet HQ"));
        QCOMPARE(out.topics.at(0).node, NodeKind::Folder); // the client logged in with
        QCOMPARE(out.topics.at(1).node, NodeKind::Device); // a client below it
        QCOMPARE(out.topics.at(1).type, QStringLiteral("client"));
        // Locked: offline, in the platform's words.
        QCOMPARE(out.presence.size(), 1);
        QCOMPARE(out.presence.first().path, QStringLiteral("truck-06"));
        QCOMPARE(out.presence.first().presence, Presence::Offline);
        QCOMPARE(out.presence.first().detail, QStringLiteral("client is locked"));
        QVERIFY(!out.topics.at(1).subscribable);
        QCOMPARE(out.topics.at(2).node, NodeKind::Stream);
        QCOMPARE(out.topics.at(2).type, QStringLiteral("dataport.integer"));
        QCOMPARE(out.topics.at(2).meta.value(QStringLiteral("rid")).toString(), QStringLiteral("rid-truck-06/rpm"));
        QCOMPARE(out.topics.at(3).node, NodeKind::Resource);
        QVERIFY(out.topics.at(3).subscribable);
        QCOMPARE(out.topics.at(4).type, QStringLiteral("dataport.string")); // no format: a string
        // A locked client is said once, as a warning at its path.
        QCOMPARE(out.events.size(), 1);
        QCOMPARE(out.events.first().severity, Severity::Warning);
        QCOMPARE(out.events.first().path, QStringLiteral("truck-06"));
        QCOMPARE(out.events.first().summary, QStringLiteral("client is locked"));

        QCOMPARE(tree.dataResourcesUnder(QStringLiteral("truck-06")),
            (QStringList {QStringLiteral("truck-06/alert"), QStringLiteral("truck-06/rpm")}));
        QCOMPARE(tree.value(QStringLiteral("truck-06/rpm")).rid, QStringLiteral("rid-truck-06/rpm"));
    }

    void pointsBecomeSamplesOnceEach()
    {
        ResourceTree tree;
        EndpointBatch ignored;
        tree.add(resource(QStringLiteral("rpm"), QStringLiteral("dataport"), QStringLiteral("integer")), &ignored);
        qint64 lastTs = 0;
        EndpointBatch out;
        tree.ingest(QStringLiteral("rpm"),
            {point(1000, 1200), point(2000, QStringLiteral("1300")), point(3000, QStringLiteral("fast"))}, QString(),
            &lastTs, &out);
        QCOMPARE(out.samples.size(), 2);
        QCOMPARE(out.samples.at(1).value, 1300.0); // a numeric string counts
        QCOMPARE(out.events.size(), 1); // what is not a number is said, with its time
        QCOMPARE(out.events.first().severity, Severity::Warning);
        QCOMPARE(out.events.first().t, 3000);
        QCOMPARE(lastTs, 3000);

        // A live update that overlaps the backlog read: only what is newer.
        EndpointBatch again;
        tree.ingest(QStringLiteral("rpm"), {point(2000, 1300), point(4000, 1400)}, QString(), &lastTs, &again);
        QCOMPARE(again.samples.size(), 1);
        QCOMPARE(again.samples.first().t, 4000);
    }

    void textPointsBecomeEvents()
    {
        ResourceTree tree;
        EndpointBatch ignored;
        tree.add(resource(QStringLiteral("status"), QStringLiteral("dataport"), QStringLiteral("string")), &ignored);
        qint64 lastTs = 0;
        EndpointBatch out;
        tree.ingest(QStringLiteral("status"), {point(5000, QStringLiteral("door open"))}, QStringLiteral("{raw}"),
            &lastTs, &out);
        QVERIFY(out.samples.isEmpty());
        QCOMPARE(out.events.size(), 1);
        QCOMPARE(out.events.first().severity, Severity::Info);
        QCOMPARE(out.events.first().summary, QStringLiteral("status = door open"));
        QCOMPARE(out.events.first().payload, QStringLiteral("{raw}"));
    }
};

QTEST_GUILESS_MAIN(tst_ExositeResourceTree)
#include "tst_exositeresourcetree.moc"
