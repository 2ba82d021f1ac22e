// One base URL gives the REST API and the WebSocket channels, with or without a mount prefix.
#include "core/protocols/cityio/cityiourls.h"

#include <QTest>

using namespace fleetscope::cityio;

class tst_CityioUrls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derivesRestAndChannels_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("interface");
        QTest::addColumn<QString>("core");
        QTest::newRow("local") << "http://localhost:8080"
                               << "http://localhost:8080/api/table/list/"
                               << "ws://localhost:8080/interface"
                               << "ws://localhost:8080/module/core";
        QTest::newRow("local, trailing slash") << "http://localhost:8080/"
                                               << "http://localhost:8080/api/table/list/"
                                               << "ws://localhost:8080/interface"
                                               << "ws://localhost:8080/module/core";
        QTest::newRow("production mount") << "https://cityio.media.mit.edu/cityio"
                                          << "https://cityio.media.mit.edu/cityio/api/table/list/"
                                          << "wss://cityio.media.mit.edu/cityio/interface"
                                          << "wss://cityio.media.mit.edu/cityio/module/core";
        QTest::newRow("mount with trailing slash") << "https://h/cityio/"
                                                   << "https://h/cityio/api/table/list/"
                                                   << "wss://h/cityio/interface"
                                                   << "wss://h/cityio/module/core";
        QTest::newRow("a pasted WebSocket URL") << "wss://h/cityio/interface"
                                                << "https://h/cityio/api/table/list/"
                                                << "wss://h/cityio/interface"
                                                << "wss://h/cityio/module/core";
        QTest::newRow("a pasted API URL") << "http://h:8080/api/"
                                          << "http://h:8080/api/table/list/"
                                          << "ws://h:8080/interface"
                                          << "ws://h:8080/module/core";
        QTest::newRow("ws base") << "ws://h:8080"
                                 << "http://h:8080/api/table/list/"
                                 << "ws://h:8080/interface"
                                 << "ws://h:8080/module/core";
        QTest::newRow("query dropped") << "http://h:8080/?x=1"
                                       << "http://h:8080/api/table/list/"
                                       << "ws://h:8080/interface"
                                       << "ws://h:8080/module/core";
    }

    void derivesRestAndChannels()
    {
        QFETCH(QString, base);
        QFETCH(QString, list);
        QFETCH(QString, interface);
        QFETCH(QString, core);
        const CityioUrls urls {QUrl(base)};
        QVERIFY(urls.isValid());
        QCOMPARE(urls.api(QStringLiteral("table/list/")).toString(), list);
        QCOMPARE(urls.api(QStringLiteral("/api/table/list/")).toString(), list);
        QCOMPARE(urls.channel(QStringLiteral("/interface")).toString(), interface);
        QCOMPARE(urls.channel(QStringLiteral("/module/core")).toString(), core);
    }

    void refusesWhatIsNotABase_data()
    {
        QTest::addColumn<QString>("base");
        QTest::newRow("no host") << "http://";
        QTest::newRow("ftp") << "ftp://h/";
        QTest::newRow("not a URL") << "volpe";
    }

    void refusesWhatIsNotABase()
    {
        QFETCH(QString, base);
        const CityioUrls urls {QUrl(base)};
        QVERIFY(!urls.isValid());
        QVERIFY(!urls.problem().isEmpty());
    }

    void relativeApiPaths()
    {
        QCOMPARE(CityioUrls::relativeApiPath(QStringLiteral("/cityio/api/table/volpe/GEOGRID/")),
            QStringLiteral("table/volpe/GEOGRID"));
        QCOMPARE(CityioUrls::relativeApiPath(QStringLiteral("/api/table/list/")), QStringLiteral("table/list"));
    }
};

QTEST_GUILESS_MAIN(tst_CityioUrls)
#include "tst_cityiourls.moc"
