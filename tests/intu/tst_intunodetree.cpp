// How what Intu nodes say becomes topics, samples and events (docs/protocols/intu.md),
// from plain values and no socket.
#include "core/protocols/intu/intunodetree.h"

#include <QTest>

using namespace fleetscope;
using namespace fleetscope::intu;

namespace {
NodeInfo node(const QString &selfId, const QString &name, const QStringList &topics)
{
    NodeInfo info;
    info.selfId = selfId;
    info.name = name;
    info.type = QStringLiteral("Pepper");
    for (const QString &topic : topics)
        info.topics.append(TopicInfo {topic, QStringLiteral("application/json")});
    return info;
}
} // namespace

class tst_IntuNodeTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nodesBecomeFoldersOfStreams()
    {
        NodeTree tree;
        EndpointBatch out;
        tree.addNode(
            QString(), node(QStringLiteral("willow"), QStringLiteral("Willow"), {QStringLiteral("log")}), &out);
        tree.addChild(QStringLiteral("pepper-7f3a"), QStringLiteral("pepper-7f3a"), &out);
        tree.addNode(QStringLiteral("pepper-7f3a/"),
            node(QStringLiteral("pepper-7f3a"), QStringLiteral("Pepper"), {QStringLiteral("sensor-Sonar")}), &out);
        tree.addNode(QStringLiteral("../"), node(QStringLiteral("cloud"), QStringLiteral("Cloud"), {}), &out);

        QCOMPARE(out.topics.size(), 6);
        QCOMPARE(out.topics.first().node, NodeKind::Folder); // the connected node holds everything
        QCOMPARE(out.topics.at(2).path, QStringLiteral("pepper-7f3a"));
        QCOMPARE(out.topics.at(2).node, NodeKind::Device); // another instance
        QCOMPARE(out.topics.at(5).node, NodeKind::Device); // the parent too
        QCOMPARE(out.topics.first().meta.value(QStringLiteral("name")).toString(), QStringLiteral("Willow"));
        QCOMPARE(out.topics.at(1).path, QStringLiteral("log"));
        QVERIFY(out.topics.at(1).subscribable);
        QCOMPARE(out.topics.at(4).path, QStringLiteral("pepper-7f3a/sensor-Sonar"));
        QCOMPARE(out.topics.at(5).path, QStringLiteral(".."));
        QCOMPARE(out.topics.at(5).displayName, QStringLiteral(".. (Cloud)"));
        QVERIFY(tree.isFolder(QStringLiteral("pepper-7f3a")));
        QCOMPARE(tree.streamsIn(QString()), QStringList {QStringLiteral("log")});
        QCOMPARE(
            tree.streamsIn(QStringLiteral("pepper-7f3a")), QStringList {QStringLiteral("pepper-7f3a/sensor-Sonar")});
    }

    void publishesBecomeSamplesUnderDerivedStreams()
    {
        NodeTree tree;
        Interpretation result;
        result.samples = {
            {QStringLiteral("sensor-System/cpuUsage"), 12.5}, {QStringLiteral("sensor-System/memory"), 40}};
        result.events = {{Severity::Info, QStringLiteral("sensor-System"), QStringLiteral("reading")}};
        result.raw = QStringLiteral("{raw}");
        EndpointBatch first;
        tree.applyPublish(result, 7000, &first);
        QCOMPARE(first.topics.size(), 2); // each series a number stream, the first time only
        QCOMPARE(first.topics.first().type, QStringLiteral("number"));
        QCOMPARE(first.samples.size(), 2);
        QCOMPARE(first.samples.first().t, 7000);
        QCOMPARE(first.events.size(), 1);
        QCOMPARE(first.events.first().payload, QStringLiteral("{raw}"));
        QVERIFY(tree.isDerived(QStringLiteral("sensor-System/cpuUsage")));

        EndpointBatch second;
        tree.applyPublish(result, 8000, &second);
        QVERIFY(second.topics.isEmpty());
        QCOMPARE(second.samples.size(), 2);
    }

    void aNodeThatLeavesTakesItsSubtree()
    {
        NodeTree tree;
        EndpointBatch out;
        tree.addChild(QStringLiteral("visitor-5e21"), QStringLiteral("visitor-5e21"), &out);
        tree.addNode(QStringLiteral("visitor-5e21/"),
            node(QStringLiteral("visitor-5e21"), QStringLiteral("Visitor"), {QStringLiteral("log")}), &out);
        Interpretation result;
        result.samples = {{QStringLiteral("visitor-5e21/log/level"), 1}};
        tree.applyPublish(result, 1, &out);

        EndpointBatch gone;
        tree.removeNode(QStringLiteral("visitor-5e21"), &gone);
        QCOMPARE(gone.removedTopics, QStringList {QStringLiteral("visitor-5e21")});
        QVERIFY(!tree.contains(QStringLiteral("visitor-5e21/log")));
        QVERIFY(!tree.isDerived(QStringLiteral("visitor-5e21/log/level")));
        // Unknown nodes are not removed twice.
        EndpointBatch again;
        tree.removeNode(QStringLiteral("visitor-5e21"), &again);
        QVERIFY(again.removedTopics.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_IntuNodeTree)
#include "tst_intunodetree.moc"
