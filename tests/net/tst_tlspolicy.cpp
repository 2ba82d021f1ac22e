// The one TLS policy, and the same behaviour from each connection that uses it: the WebSocket link
// and both REST clients (OpenTera, CityIO), each against a TLS server on 127.0.0.1 with the
// self-signed certificate of tests/data: untrusted → refused; an extra CA → trusted; an unreadable
// CA file → a failure (it was silently ignored by both REST clients); insecure → accepted once and
// pinned; a pinned certificate → accepted; another certificate than the pinned one → refused.
#include "core/link/websocketlink.h"
#include "core/net/tlspolicy.h"
#include "core/protocols/cityio/cityiorest.h"
#include "core/protocols/opentera/openterarest.h"
#include "tests/common/hostilehttpserver.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslError>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocketServer>

using namespace fleetscope;

namespace {

QSslCertificate certificate(const QString &name)
{
    QFile file(test::testDataPath(name + QStringLiteral(".crt")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("test certificate missing");
    return QSslCertificate(&file, QSsl::Pem);
}

QString fingerprintOf(const QString &name)
{
    return TlsPolicy::fingerprint(certificate(name));
}

// What a connection of `consumer` to a TLS server presenting `serverCertificate` ends in: "ok",
// or the reason it failed.
QString connectWith(const QString &consumer, const LinkOptions &options, const QString &serverCertificate,
    std::shared_ptr<TlsPolicy> policy = nullptr)
{
    if (consumer == QLatin1String("websocket")) {
        QWebSocketServer server(QStringLiteral("tls"), QWebSocketServer::SecureMode);
        server.setSslConfiguration(test::selfSignedServerTls(serverCertificate));
        if (!server.listen(QHostAddress::LocalHost))
            return QStringLiteral("cannot listen");
        WebSocketLink link(options);
        if (policy)
            link.setTlsPolicy(policy);
        link.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(server.serverPort())));
        if (!QTest::qWaitFor(
                [&link] { return link.state() == LinkState::Connected || link.state() == LinkState::Failed; }, 20000))
            return QStringLiteral("no outcome");
        if (link.state() == LinkState::Connected)
            return QStringLiteral("ok");
        if (link.status().reason != LinkReason::Tls) // code decides on the reason, not on the words
            return QStringLiteral("not a TLS failure: ") + link.status().text();
        return link.status().text();
    }
    test::HostileHttpServer server;
    server.setTls(test::selfSignedServerTls(serverCertificate));
    if (!server.listen())
        return QStringLiteral("cannot listen");
    QString outcome;
    if (consumer == QLatin1String("opentera rest")) {
        server.answerWith(200, R"({"user_token":"t","websocket_url":"wss://127.0.0.1:1/wss/user?id=1"})");
        opentera::RestClient client(server.url(), options, policy);
        client.login(QStringLiteral("admin"), QStringLiteral("admin"), [&outcome](const opentera::RestReply &reply) {
            outcome = reply.ok() ? QStringLiteral("ok") : reply.describe();
        });
        (void)QTest::qWaitFor([&outcome] { return !outcome.isEmpty(); }, 20000);
    } else {
        server.answerWith(200, R"(["volpe"])");
        cityio::CityioRest client(cityio::CityioUrls(server.url()), options, policy);
        client.get(QStringLiteral("table/list/"), [&outcome](const cityio::RestReply &reply) {
            outcome = reply.isSuccess() ? QStringLiteral("ok") : reply.describe();
        });
        (void)QTest::qWaitFor([&outcome] { return !outcome.isEmpty(); }, 20000);
    }
    return outcome.isEmpty() ? QStringLiteral("no outcome") : outcome;
}

LinkOptions baseOptions()
{
    LinkOptions options;
    options.connectTimeoutMs = 10000;
    options.pingIntervalMs = 0;
    options.retryFirstConnect = false;
    return options;
}

} // namespace

class tst_TlsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<LinkState>(); }

    void fingerprints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString print = fingerprintOf(QStringLiteral("selfsigned"));
        QString bare = print;
        bare.remove(QLatin1Char(':'));
        QTest::newRow("as printed") << print << true;
        QTest::newRow("lower case, no colons") << bare.toLower() << true;
        QTest::newRow("sha256: prefix") << QStringLiteral("sha256:") + bare << true;
        QTest::newRow("SHA256= prefix (openssl)") << QStringLiteral("SHA256=") + print << true;
        QTest::newRow("too short") << bare.left(62) << false;
        QTest::newRow("not hex") << bare.left(62) + QStringLiteral("zz") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void fingerprints()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const QString normalized = TlsPolicy::normalizedFingerprint(text);
        QCOMPARE(normalized, valid ? fingerprintOf(QStringLiteral("selfsigned")) : QString());
        // What `openssl x509 -fingerprint -sha256` prints for tests/data/selfsigned.crt.
        QCOMPARE(fingerprintOf(QStringLiteral("selfsigned")),
            QStringLiteral(
                "A7:A2:AD:A4:13:63:2F:BE:A8:0B:0A:A8:25:38:67:B2:B5:52:5C:BD:08:C6:99:4F:C8:C9:97:1D:12:4A:25:0D"));
    }

    void verdicts()
    {
        const QSslCertificate mine = certificate(QStringLiteral("selfsigned"));
        const QSslCertificate other = certificate(QStringLiteral("selfsigned-other"));
        const QList<QSslError> fromMine {
            QSslError(QSslError::SelfSignedCertificate, mine), QSslError(QSslError::HostNameMismatch, mine)};
        const QList<QSslError> fromOther {QSslError(QSslError::SelfSignedCertificate, other)};
        const QString where = QStringLiteral("127.0.0.1:8443");

        TlsPolicy strict(LinkOptions {});
        QVERIFY(strict.judge({}, where).accept);
        const TlsPolicy::Verdict refused = strict.judge(fromMine, where);
        QVERIFY(!refused.accept);
        QVERIFY2(refused.reason.startsWith(QLatin1String("TLS certificate not trusted: ")), qPrintable(refused.reason));
        QVERIFY(refused.reason.contains(QLatin1String("--insecure")));
        QVERIFY(strict.pins().isEmpty());

        LinkOptions insecure;
        insecure.insecure = true;
        TlsPolicy trusting(insecure);
        QStringList heard;
        trusting.setPinnedHandler(
            [&heard](const QString &at, const QString &print) { heard << at + QLatin1Char(' ') + print; });
        QVERIFY(trusting.judge(fromMine, where).accept);
        QCOMPARE(heard, QStringList {where + QLatin1Char(' ') + TlsPolicy::fingerprint(mine)});
        QCOMPARE(trusting.pins(), QStringList {TlsPolicy::fingerprint(mine)});
        QVERIFY(trusting.judge(fromMine, where).accept); // again: no new pin
        QCOMPARE(heard.size(), 1);
        const TlsPolicy::Verdict changed = trusting.judge(fromOther, where);
        QVERIFY(!changed.accept);
        QVERIFY2(changed.reason.startsWith(QLatin1String("TLS certificate of 127.0.0.1:8443 changed since it was "
                                                         "accepted")),
            qPrintable(changed.reason));
        QVERIFY(changed.reason.contains(TlsPolicy::fingerprint(mine)));
        QVERIFY(changed.reason.contains(TlsPolicy::fingerprint(other)));

        // A certificate with nothing to pin is never accepted, insecure or not.
        QVERIFY(!TlsPolicy(insecure).judge({QSslError(QSslError::NoPeerCertificate)}, where).accept);

        LinkOptions pinned;
        pinned.pinnedCertificates = {TlsPolicy::fingerprint(mine).remove(QLatin1Char(':')).toLower()};
        TlsPolicy fromProfile(pinned);
        QVERIFY(fromProfile.judge(fromMine, where).accept);
        QVERIFY(!fromProfile.judge(fromOther, where).accept);
    }

    void caFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile notPem(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notPem.open(QIODevice::WriteOnly));
        notPem.write("not a certificate\n");
        notPem.close();

        LinkOptions options;
        QSslConfiguration tls;
        QString error;
        options.caFile = dir.filePath(QStringLiteral("missing.pem"));
        QVERIFY(!TlsPolicy(options).configuration(&tls, &error));
        QVERIFY2(error.startsWith(QLatin1String("cannot read CA certificate file ")), qPrintable(error));
        options.caFile = notPem.fileName();
        QVERIFY(!TlsPolicy(options).configuration(&tls, &error));
        QVERIFY2(error.contains(QLatin1String("no PEM certificate")), qPrintable(error));
        options.caFile = test::testDataPath(QStringLiteral("selfsigned.crt"));
        QVERIFY(TlsPolicy(options).configuration(&tls, &error));
        QVERIFY(tls.caCertificates().contains(certificate(QStringLiteral("selfsigned"))));
    }

    void everyConnectionFollowsIt_data()
    {
        QTest::addColumn<QString>("consumer");
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected"); // "ok" or the start of the failure
        const QStringList consumers {
            QStringLiteral("websocket"), QStringLiteral("opentera rest"), QStringLiteral("cityio rest")};
        for (const QString &consumer : consumers) {
            const QByteArray c = consumer.toUtf8();
            QTest::addRow("%s: untrusted", c.constData())
                << consumer << QStringLiteral("none") << QStringLiteral("TLS certificate not trusted");
            QTest::addRow("%s: --ca", c.constData()) << consumer << QStringLiteral("ca") << QStringLiteral("ok");
            QTest::addRow("%s: unreadable --ca", c.constData())
                << consumer << QStringLiteral("missing ca") << QStringLiteral("cannot read CA certificate file");
            QTest::addRow("%s: insecure", c.constData())
                << consumer << QStringLiteral("insecure") << QStringLiteral("ok");
            QTest::addRow("%s: pinned", c.constData()) << consumer << QStringLiteral("pinned") << QStringLiteral("ok");
            QTest::addRow("%s: another certificate pinned", c.constData())
                << consumer << QStringLiteral("pinned other") << QStringLiteral("TLS certificate of 127.0.0.1:");
        }
    }

    void everyConnectionFollowsIt()
    {
        QFETCH(QString, consumer);
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        LinkOptions options = baseOptions();
        if (setup == QLatin1String("ca"))
            options.caFile = test::testDataPath(QStringLiteral("selfsigned.crt"));
        else if (setup == QLatin1String("missing ca"))
            options.caFile = test::testDataPath(QStringLiteral("no-such-ca.pem"));
        else if (setup == QLatin1String("insecure"))
            options.insecure = true;
        else if (setup == QLatin1String("pinned"))
            options.pinnedCertificates = {fingerprintOf(QStringLiteral("selfsigned"))};
        else if (setup == QLatin1String("pinned other"))
            options.pinnedCertificates = {fingerprintOf(QStringLiteral("selfsigned-other"))};
        const QString outcome = connectWith(consumer, options, QStringLiteral("selfsigned"));
        if (expected == QLatin1String("ok"))
            QCOMPARE(outcome, expected);
        else
            QVERIFY2(outcome.contains(expected), qPrintable(outcome));
    }

    void aPinHoldsForEveryConnectionOfTheEndpoint()
    {
        // One policy shared the way an Endpoint shares it: the REST login accepts (and pins) the
        // first certificate; the WebSocket that follows meets another one and is refused.
        LinkOptions options = baseOptions();
        options.insecure = true;
        auto policy = std::make_shared<TlsPolicy>(options);
        QCOMPARE(connectWith(QStringLiteral("opentera rest"), options, QStringLiteral("selfsigned"), policy),
            QStringLiteral("ok"));
        QCOMPARE(policy->pins(), QStringList {fingerprintOf(QStringLiteral("selfsigned"))});
        const QString socket =
            connectWith(QStringLiteral("websocket"), options, QStringLiteral("selfsigned-other"), policy);
        QVERIFY2(socket.contains(QLatin1String("changed since it was accepted")), qPrintable(socket));
        QCOMPARE(connectWith(QStringLiteral("cityio rest"), options, QStringLiteral("selfsigned"), policy),
            QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(tst_TlsPolicy)
#include "tst_tlspolicy.moc"
