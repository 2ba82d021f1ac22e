// REST as CityIO serves it and as the adapter reads it: every path with and without a trailing
// slash, the /cityio mount, the legacy tables/list alias, 204 with an empty body for what is
// missing, POST store-and-echo; the adapter's client never parses an empty 204 body.
#include "core/protocols/cityio/cityiorest.h"
#include "sim/cityio/cityiosimulator.h"
#include "tests/common/testsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::cityio;

namespace {
QVariantMap quiet()
{
    return {{QStringLiteral("uiEdits"), false}, {QStringLiteral("traffic"), false}};
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer fetch(QNetworkAccessManager &network, const QUrl &url, const QByteArray &method = "GET",
    const QByteArray &body = QByteArray())
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return {};
    Answer answer {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return answer;
}
} // namespace

class tst_CityioRest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathVariants_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("bodyHas"); // empty: the body must be empty
        for (const char *prefix : {"", "/cityio"}) {
            const QString p = QString::fromLatin1(prefix);
            const char *mounted = p.isEmpty() ? "" : "mounted ";
            QTest::addRow("%s%s", mounted, "table/list/")
                << p + QStringLiteral("/api/table/list/") << 200 << R"(["corktown","volpe"])";
            QTest::addRow("%s%s", mounted, "table/list")
                << p + QStringLiteral("/api/table/list") << 200 << R"(["corktown","volpe"])";
            QTest::addRow("%s%s", mounted, "tables/list/ (legacy)")
                << p + QStringLiteral("/api/tables/list/") << 200 << "volpe";
            QTest::addRow("%s%s", mounted, "tables/list") << p + QStringLiteral("/api/tables/list") << 200 << "volpe";
            QTest::addRow("%s%s", mounted, "table/headers/")
                << p + QStringLiteral("/api/table/headers/") << 200 << R"({"tableHeader":{"cellSize":15)";
            QTest::addRow("%s%s", mounted, "table/headers")
                << p + QStringLiteral("/api/table/headers") << 200 << R"("ncols":24)";
            QTest::addRow("%s%s", mounted, "table/volpe/")
                << p + QStringLiteral("/api/table/volpe/") << 200 << R"("GEOGRIDDATA":[)";
            QTest::addRow("%s%s", mounted, "table/volpe")
                << p + QStringLiteral("/api/table/volpe") << 200 << R"("GEOGRID":{)";
            QTest::addRow("%s%s", mounted, "deep path/")
                << p + QStringLiteral("/api/table/volpe/GEOGRID/properties/header/") << 200 << R"("tableName":"volpe")";
            QTest::addRow("%s%s", mounted, "deep path")
                << p + QStringLiteral("/api/table/volpe/GEOGRID/properties/header/ncols") << 200 << "20";
            QTest::addRow("%s%s", mounted, "array index")
                << p + QStringLiteral("/api/table/volpe/GEOGRIDDATA/0/id/") << 200 << "0";
            QTest::addRow("%s%s", mounted, "missing table/") << p + QStringLiteral("/api/table/nosuch/") << 204 << "";
            QTest::addRow("%s%s", mounted, "missing table") << p + QStringLiteral("/api/table/nosuch") << 204 << "";
            QTest::addRow("%s%s", mounted, "missing key") << p + QStringLiteral("/api/table/volpe/NOPE/") << 204 << "";
            QTest::addRow("%s%s", mounted, "index out of range")
                << p + QStringLiteral("/api/table/volpe/GEOGRIDDATA/400") << 204 << "";
        }
        QTest::newRow("not the API") << QStringLiteral("/nothing") << 404 << "Not found";
    }

    void pathVariants()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, bodyHas);
        auto simulator = test::startSimulator(QStringLiteral("cityio"), quiet());
        QVERIFY(simulator);
        QNetworkAccessManager network;
        const Answer answer =
            fetch(network, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(simulator->port()).arg(path)));
        QCOMPARE(answer.status, status);
        if (bodyHas.isEmpty())
            QVERIFY(answer.body.isEmpty());
        else
            QVERIFY2(answer.body.contains(bodyHas.toUtf8()), answer.body.left(200).constData());
    }

    void postStoresAndEchoes()
    {
        auto simulator = test::startSimulator(QStringLiteral("cityio"), quiet());
        QNetworkAccessManager network;
        const QString base = QStringLiteral("http://127.0.0.1:%1/api/table/").arg(simulator->port());
        const Answer created = fetch(network, QUrl(base + QStringLiteral("newtable/")), "POST",
            R"({"GEOGRID":{"type":"FeatureCollection","features":[]},"GEOGRIDDATA":[{"id":0,"name":"Park"}]})");
        QCOMPARE(created.status, 200);
        QCOMPARE(
            QJsonDocument::fromJson(created.body).object().value(QLatin1String("GEOGRIDDATA")).toArray().size(), 1);
        QVERIFY(fetch(network, QUrl(base + QStringLiteral("list"))).body.contains("newtable"));
        QCOMPARE(
            fetch(network, QUrl(base + QStringLiteral("newtable/GEOGRIDDATA/0/name"))).body, QByteArray("\"Park\""));
        // An update merges the given keys.
        const Answer updated = fetch(network, QUrl(base + QStringLiteral("newtable")), "POST", R"({"extra":1})");
        QCOMPARE(updated.status, 200);
        QVERIFY(QJsonDocument::fromJson(updated.body).object().contains(QLatin1String("GEOGRIDDATA")));
        QCOMPARE(fetch(network, QUrl(base + QStringLiteral("newtable/")), "POST", "nope").status, 400);
    }

    void adapterClientReadsTheAnswers()
    {
        auto simulator = test::startSimulator(QStringLiteral("cityio"), quiet());
        LinkOptions options;
        options.connectTimeoutMs = 5000;
        CityioRest rest(
            CityioUrls(QUrl(QStringLiteral("http://127.0.0.1:%1/cityio/").arg(simulator->port()))), options);
        QVector<RestReply> replies;
        auto keep = [&replies](const RestReply &reply) { replies.append(reply); };
        rest.get(QStringLiteral("table/list/"), keep);
        rest.get(QStringLiteral("/api/table/volpe/NOPE/"), keep);
        rest.request(QStringLiteral("POST"), QStringLiteral("table/t2/"), QByteArray(R"({"GEOGRIDDATA":[]})"), keep);
        QTRY_COMPARE(replies.size(), 3);
        std::sort(
            replies.begin(), replies.end(), [](const RestReply &a, const RestReply &b) { return a.path < b.path; });
        const RestReply &list = replies.at(0);
        QCOMPARE(list.path, QStringLiteral("table/list"));
        QVERIFY(list.isSuccess() && list.isJson && list.json.isArray());
        QCOMPARE(list.describe(), QStringLiteral("200, 2 items"));
        const RestReply &post = replies.at(1);
        QCOMPARE(post.method, QStringLiteral("POST"));
        QVERIFY(post.isSuccess());
        const RestReply &missing = replies.at(2);
        QCOMPARE(missing.status, 204);
        QVERIFY(missing.isNoContent() && !missing.isSuccess());
        QVERIFY(missing.body.isEmpty() && !missing.isJson);
        QCOMPARE(missing.describe(), QStringLiteral("204: volpe/NOPE not found"));

        // Nobody listening: a network error, no HTTP status.
        const quint16 port = simulator->port();
        simulator.reset();
        CityioRest gone(CityioUrls(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))), options);
        RestReply refused;
        bool done = false;
        gone.get(QStringLiteral("table/list/"), [&](const RestReply &reply) {
            refused = reply;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(refused.status, 0);
        QCOMPARE(refused.failure, RestFailure::Network);
        QVERIFY(!refused.error.isEmpty());
        QVERIFY(refused.transient());
    }
};

QTEST_GUILESS_MAIN(tst_CityioRest)
#include "tst_cityiorest.moc"
