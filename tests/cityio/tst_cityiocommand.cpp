// Composer commands are routed and checked before anything is sent
// (docs/protocols/cityio.md#commands): the socket a target selects, placeholders, what answers each
// type, local refusals.
#include "core/protocols/cityio/cityiocommand.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::cityio;

Q_DECLARE_METATYPE(fleetscope::cityio::PreparedCommand::Route)

class tst_CityioCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesAndReplies_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<PreparedCommand::Route>("route");
        QTest::addColumn<QString>("project");
        QTest::addColumn<int>("reply"); // MessageKind, or -1 for none
        QTest::addColumn<bool>("soft");
        using R = PreparedCommand::Route;
        const int none = -1;
        QTest::newRow("LISTEN") << "volpe"
                                << R"({"type":"LISTEN","content":{"gridId":"volpe"}})" << R::Project << "volpe"
                                << int(MessageKind::TableSnapshot) << false;
        QTest::newRow("a path under the project") << "volpe/indicators/walking"
                                                  << R"({"type":"LIST_SCENARIOS","content":{}})" << R::Project
                                                  << "volpe" << int(MessageKind::Scenarios) << false;
        QTest::newRow("encoded project") << "a%2Fb"
                                         << R"({"type":"LIST_SCENARIOS"})" << R::Project << "a/b"
                                         << int(MessageKind::Scenarios) << false;
        QTest::newRow("REQUEST_CORE_MODULES_LIST")
            << "volpe"
            << R"({"type":"REQUEST_CORE_MODULES_LIST","content":{}})" << R::Project << "volpe"
            << int(MessageKind::CoreModulesList) << false;
        QTest::newRow("UPDATE_GRID: the echo is not guaranteed")
            << "volpe"
            << R"({"type":"UPDATE_GRID","content":{"geogriddata":${geogriddata}}})" << R::Project << "volpe"
            << int(MessageKind::GridUpdate) << true;
        QTest::newRow("SAVE_SCENARIO") << "volpe"
                                       << R"({"type":"SAVE_SCENARIO","content":{"name":"t","description":"d"}})"
                                       << R::Project << "volpe" << int(MessageKind::Scenarios) << false;
        QTest::newRow("SEND_SCENARIO (docs spelling)") << "volpe"
                                                       << R"({"type":"SEND_SCENARIO","content":{"name":"t"}})"
                                                       << R::Project << "volpe" << int(MessageKind::Scenarios) << false;
        QTest::newRow("MODIFY_SCENARIO") << "volpe"
                                         << R"({"type":"MODIFY_SCENARIO","content":{"name":"t","isInBin":true}})"
                                         << R::Project << "volpe" << int(MessageKind::Scenarios) << false;
        QTest::newRow("RESTORE_SCENARIO") << "volpe"
                                          << R"({"type":"RESTORE_SCENARIO","content":{"name":"baseline"}})"
                                          << R::Project << "volpe" << int(MessageKind::GridUpdate) << true;
        QTest::newRow("MODULE_REQUEST: no reply")
            << "volpe"
            << R"({"type":"MODULE_REQUEST","content":{"id":"noise-7c2e"}})" << R::Project << "volpe" << none << false;
        QTest::newRow("REQUEST_MODULE") << "volpe"
                                        << R"({"type":"REQUEST_MODULE","content":{"modules":["noise-7c2e"]}})"
                                        << R::Project << "volpe" << none << false;
        QTest::newRow("unknown type is sent")
            << "volpe"
            << R"({"type":"LISTN","content":{}})" << R::Project << "volpe" << none << false;
        QTest::newRow("module SUBSCRIBE") << "@module"
                                          << R"({"type":"SUBSCRIBE","content":{"gridId":"volpe"}})" << R::Module << ""
                                          << int(MessageKind::TableSnapshot) << false;
        QTest::newRow("module MODULE")
            << "@module"
            << R"({"type":"MODULE","content":{"gridId":"volpe","moduleData":{"numeric":[]}}})" << R::Module << ""
            << none << false;
        QTest::newRow("core registration")
            << "@core"
            << R"({"type":"CORE_MODULE_REGISTRATION","content":{"name":"Probe"}})" << R::Core << "" << none << false;
        QTest::newRow("rest") << "@rest"
                              << R"({"method":"GET","path":"/api/table/list/"})" << R::Rest << "" << none << false;
    }

    void routesAndReplies()
    {
        QFETCH(QString, target);
        QFETCH(QString, payload);
        QFETCH(PreparedCommand::Route, route);
        QFETCH(QString, project);
        QFETCH(int, reply);
        QFETCH(bool, soft);
        PreparedCommand prepared;
        QString error;
        QVERIFY2(prepareCommand(Command {target, payload, 1}, &prepared, &error), qPrintable(error));
        QCOMPARE(prepared.route, route);
        QCOMPARE(prepared.project, project);
        if (reply < 0)
            QVERIFY(prepared.replies.isEmpty());
        else
            QCOMPARE(prepared.replies, QSet<MessageKind> {static_cast<MessageKind>(reply)});
        QCOMPARE(prepared.softReply, soft);
    }

    void refusesLocally_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("why");
        QTest::newRow("no target") << ""
                                   << R"({"type":"LISTEN"})"
                                   << "target";
        QTest::newRow("unknown @ target") << "@core-modules/x"
                                          << R"({"type":"LISTEN"})"
                                          << "unknown target";
        QTest::newRow("not JSON") << "volpe"
                                  << "LISTEN volpe"
                                  << "not valid JSON";
        QTest::newRow("not an object") << "volpe"
                                       << "[1]"
                                       << "envelope";
        QTest::newRow("no type") << "volpe"
                                 << R"({"content":{}})"
                                 << "\"type\"";
        QTest::newRow("content not an object") << "volpe"
                                               << R"({"type":"LISTEN","content":[]})"
                                               << "content must";
        QTest::newRow("UPDATE_GRID without cells") << "volpe"
                                                   << R"({"type":"UPDATE_GRID","content":{}})"
                                                   << "geogriddata";
        QTest::newRow("LISTEN for another project") << "volpe"
                                                    << R"({"type":"LISTEN","content":{"gridId":"corktown"}})"
                                                    << "must name volpe";
        QTest::newRow("scenario without name") << "volpe"
                                               << R"({"type":"SAVE_SCENARIO","content":{}})"
                                               << "content.name";
        QTest::newRow("REQUEST_MODULE without list") << "volpe"
                                                     << R"({"type":"REQUEST_MODULE","content":{"modules":"x"}})"
                                                     << "content.modules";
        QTest::newRow("module type on a project") << "volpe"
                                                  << R"({"type":"SUBSCRIBE","content":{"gridId":"volpe"}})"
                                                  << "@module";
        QTest::newRow("registration on /module") << "@module"
                                                 << R"({"type":"CORE_MODULE_REGISTRATION","content":{"name":"x"}})"
                                                 << "@core";
        QTest::newRow("interface type on a probe") << "@module"
                                                   << R"({"type":"LISTEN","content":{"gridId":"volpe"}})"
                                                   << "project as target";
        QTest::newRow("MODULE without moduleData") << "@module"
                                                   << R"({"type":"MODULE","content":{"gridId":"volpe"}})"
                                                   << "moduleData";
        QTest::newRow("${project} off a project") << "@module"
                                                  << R"({"type":"SUBSCRIBE","content":{"gridId":"${project}"}})"
                                                  << "needs a project";
        QTest::newRow("unknown placeholder") << "volpe"
                                             << R"({"type":"SAVE_SCENARIO","content":{"name":"${name}"}})"
                                             << "${name}";
        QTest::newRow("rest without path") << "@rest"
                                           << R"({"method":"GET"})"
                                           << "path";
        QTest::newRow("rest with odd method") << "@rest"
                                              << R"({"method":"PATCH","path":"x"})"
                                              << "method";
    }

    void refusesLocally()
    {
        QFETCH(QString, target);
        QFETCH(QString, payload);
        QFETCH(QString, why);
        PreparedCommand prepared;
        QString error;
        QVERIFY(!prepareCommand(Command {target, payload, 1}, &prepared, &error));
        QVERIFY2(error.contains(why), qPrintable(error));
    }

    void fillsPlaceholdersAndGuardsTheWholeGrid()
    {
        PreparedCommand prepared;
        QString error;
        QVERIFY(prepareCommand(Command {QStringLiteral("vol\"pe"),
                                   QStringLiteral(R"({"type":"LISTEN","content":{"gridId":"${project}"}})"), 1},
            &prepared, &error));
        QCOMPARE(QJsonDocument::fromJson(prepared.payload.toUtf8())
                     .object()
                     .value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("gridId"))
                     .toString(),
            QStringLiteral("vol\"pe"));

        const QJsonArray grid {QJsonObject {{QStringLiteral("id"), 0}}, QJsonObject {{QStringLiteral("id"), 1}}};
        PreparedCommand update;
        QVERIFY(
            prepareCommand(Command {QStringLiteral("volpe"),
                               QStringLiteral(R"({"type":"UPDATE_GRID","content":{"geogriddata":${geogriddata}}})"), 1},
                &update, &error));
        QVERIFY(update.needsGrid());
        PreparedCommand early = update;
        QVERIFY2(!finishPayload(&early, QJsonArray(), false, &error), "no grid yet: nothing to fill in");
        QVERIFY(finishPayload(&update, grid, true, &error));
        QCOMPARE(
            update.payload, QStringLiteral(R"({"type":"UPDATE_GRID","content":{"geogriddata":[{"id":0},{"id":1}]}})"));

        PreparedCommand partial;
        QVERIFY(prepareCommand(Command {QStringLiteral("volpe"),
                                   QStringLiteral(R"({"type":"UPDATE_GRID","content":{"geogriddata":[{"id":0}]}})"), 1},
            &partial, &error));
        QVERIFY(!finishPayload(&partial, grid, true, &error));
        QVERIFY2(error.contains(QLatin1String("1 cells but volpe has 2")), qPrintable(error));
    }

    void probeFramesAreReplayedAfterReconnect()
    {
        PreparedCommand subscribe;
        QString error;
        QVERIFY(prepareCommand(Command {QStringLiteral("@module"),
                                   QStringLiteral(R"({"type":"SUBSCRIBE","content":{"gridId":"volpe"}})"), 1},
            &subscribe, &error));
        QCOMPARE(subscribe.greetingKey, QStringLiteral("SUBSCRIBE volpe"));
        QVERIFY(!subscribe.greetingRemoves);
        PreparedCommand unsubscribe;
        QVERIFY(prepareCommand(Command {QStringLiteral("@module"),
                                   QStringLiteral(R"({"type":"UNSUBSCRIBE","content":{"gridId":"volpe"}})"), 1},
            &unsubscribe, &error));
        QCOMPARE(unsubscribe.greetingKey, subscribe.greetingKey);
        QVERIFY(unsubscribe.greetingRemoves);
    }

    void restRequests()
    {
        PreparedCommand post;
        QString error;
        QVERIFY(prepareCommand(
            Command {QStringLiteral("@rest"),
                QStringLiteral(R"({"method":"post","path":"/api/table/t/","body":{"GEOGRIDDATA":[]}})"), 1},
            &post, &error));
        QCOMPARE(post.method, QStringLiteral("POST"));
        QCOMPARE(post.path, QStringLiteral("/api/table/t/"));
        QCOMPARE(post.body, QByteArray(R"({"GEOGRIDDATA":[]})"));
    }
};

QTEST_GUILESS_MAIN(tst_CityioCommand)
#include "tst_cityiocommand.moc"
